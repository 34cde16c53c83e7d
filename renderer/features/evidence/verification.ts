// "Verify now" for a case's evidence (issue 3 item 4): re-hashes every stored file as a stream,
// re-links every entry, and checks every signed checkpoint — its signature against the
// institution's certificates, its root against the entries, the consistency between successive
// checkpoints — with the same verifier the CLI and the court clerk's machine use.
import { proofsFor } from '../../../shared/ledger/proofs';
import { verifyLedger, type LedgerReport } from '../../../shared/ledger/verify';
import type { User } from '../../../shared/domain/model';
import type { PlatformPort } from '../../../shared/platform';
import type { DataStore } from '../../data';
import { asResult, type StoreResult } from '../../kit/result';
import { identityCertificates, readIdentity, verifierFor } from '../identity';
import { readCheckpoints, treeOf } from './checkpoints';
import { readLedgerRows, visibleCase } from './store';

export interface VerifyProgress {
  filesDone: number;
  filesTotal: number;
}

export async function verifyCaseEvidence(
  data: DataStore,
  platform: Pick<PlatformPort, 'blobs' | 'hashing'>,
  actor: User,
  caseId: string,
  onProgress?: (p: VerifyProgress) => void,
): Promise<StoreResult<LedgerReport>> {
  return asResult(async () => {
    await visibleCase(data, actor, caseId, false);
    const rows = await readLedgerRows(data, caseId);
    const checkpoints = await readCheckpoints(data, caseId);
    const entries = rows.map((r) => r.entry);
    const filesTotal = entries.filter((e) => e.contentSha256 !== null).length;
    let filesDone = 0;
    onProgress?.({ filesDone, filesTotal });
    return verifyLedger({
      caseId,
      entries,
      checkpoints: checkpoints.map((c) => c.signed),
      proofs: proofsFor(treeOf(rows), entries, checkpoints.map((c) => c.treeSize)),
      verifySignature: verifierFor(identityCertificates(await readIdentity(data))),
      // Entries added since the last checkpoint are a case in progress, not a fault: counted, not failed.
      coverage: 'pending',
      checkFile: async (entry) => {
        const blob = await platform.blobs.open(entry.contentSha256 as string);
        try {
          if (!blob) return 'missing';
          const hash = await platform.hashing.sha256(blob.chunks(), { total: blob.size });
          return hash === entry.contentSha256 ? 'ok' : 'mismatch';
        } catch {
          return 'missing';
        } finally {
          onProgress?.({ filesDone: ++filesDone, filesTotal });
        }
      },
    });
  });
}
