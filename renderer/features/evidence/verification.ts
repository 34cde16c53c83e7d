// "Verify now" for a case's evidence (issue 3 item 4): re-hashes every stored file as a stream,
// re-links every entry, and checks every signed checkpoint — its signature against the
// institution's certificates, its root against the entries, the consistency between successive
// checkpoints — with the same verifier the CLI and the court clerk's machine use.
import { proofsFor } from '../../../shared/ledger/proofs';
import { verifyLedger, type LedgerReport } from '../../../shared/ledger/verify';
import type { User } from '../../../shared/domain/model';
import type { PlatformPort } from '../../../shared/platform';
import type { DataStore } from '../../data';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { centerJoined, fetchCenterFile } from '../center';
import { identityCertificates, readIdentity, verifierFor } from '../identity';
import { readCheckpoints, treeOf } from './checkpoints';
import { readLedgerRows, visibleCase } from './store';

export interface VerifyProgress {
  filesDone: number;
  filesTotal: number;
}

/** A verification's report, and what of it could not be had on this workstation. */
export interface EvidenceCheck extends LedgerReport {
  /** Entries whose file is not on this workstation (added on another, not downloaded yet). */
  notHere: number[];
  /** Why a file could not be fetched from the center server (offline, refused, its bytes not its hash). */
  fetchProblem: StoreError | null;
}

/**
 * The file of `entry` from the center server when it is not here: a StoreError when it could not
 * be had (a download whose SHA-256 is not the entry's is refused and nothing stored), null once here.
 */
export async function fetchEntryFile(data: DataStore, platform: Pick<PlatformPort, 'blobs' | 'hashing' | 'centerServer'>, entry: { contentSha256: string | null; size: number; title: string }): Promise<StoreError | null> {
  if (entry.contentSha256 === null) return null;
  try {
    await fetchCenterFile(data, platform, { sha256: entry.contentSha256, size: entry.size, title: entry.title });
    return null;
  } catch (error) {
    return error instanceof StoreError ? error : new StoreError('center.link_unreachable', String(error));
  }
}

/**
 * Verifies the case's ledger and files. With `fetchRemote`, a file this workstation lacks is fetched
 * from the center server first (checked against its entry's SHA-256 on arrival); without, or when
 * it cannot be had, its entry is counted among `notHere`.
 */
export async function verifyCaseEvidence(
  data: DataStore,
  platform: Pick<PlatformPort, 'blobs' | 'hashing'> & Partial<Pick<PlatformPort, 'centerServer'>>,
  actor: User,
  caseId: string,
  onProgress?: (p: VerifyProgress) => void,
  fetchRemote = false,
): Promise<StoreResult<EvidenceCheck>> {
  return asResult(async () => {
    await visibleCase(data, actor, caseId, false);
    const rows = await readLedgerRows(data, caseId);
    const checkpoints = await readCheckpoints(data, caseId);
    const entries = rows.map((r) => r.entry);
    const filesTotal = entries.filter((e) => e.contentSha256 !== null).length;
    let filesDone = 0;
    const notHere: number[] = [];
    let fetchProblem: StoreError | null = null;
    onProgress?.({ filesDone, filesTotal });
    const report = await verifyLedger({
      caseId,
      entries,
      checkpoints: checkpoints.map((c) => c.signed),
      proofs: proofsFor(treeOf(rows), entries, checkpoints.map((c) => c.treeSize)),
      verifySignature: verifierFor(identityCertificates(await readIdentity(data))),
      // Entries added since the last checkpoint are a case in progress, not a fault: counted, not failed.
      coverage: 'pending',
      checkFile: async (entry) => {
        let blob = await platform.blobs.open(entry.contentSha256 as string);
        try {
          const { centerServer } = platform;
          if (!blob && fetchRemote && centerServer) {
            const problem = await fetchEntryFile(data, { ...platform, centerServer }, entry);
            fetchProblem ??= problem;
            // Bytes from the server that are not the entry's: refused, and the entry does not match.
            if (problem?.code === 'center.file_mismatch') return 'mismatch';
            blob = await platform.blobs.open(entry.contentSha256 as string);
          }
          if (!blob) {
            notHere.push(entry.seq);
            return 'missing';
          }
          const hash = await platform.hashing.sha256(blob.chunks(), { total: blob.size });
          return hash === entry.contentSha256 ? 'ok' : 'mismatch';
        } catch {
          return 'missing';
        } finally {
          onProgress?.({ filesDone: ++filesDone, filesTotal });
        }
      },
    });
    // Only a member of a center can have entries whose file is elsewhere: alone, a file not here is missing.
    return { ...report, notHere: (await centerJoined(data)) ? notHere : [], fetchProblem };
  });
}
