// The backup an administrator makes: signed by the institution when the workstation has an
// identity, so that a restore can say who made it and notice any change (issue 14 §5). A
// workstation without an identity yet (just set up) still backs up — refusing would leave it with
// no backup at all — but unsigned, and the screen says so; restoring such a file asks for the
// same acknowledgement as `mw seed` output.
import type { CertificateSummary } from '../../../shared/identity/certificate';
import type { User } from '../../../shared/domain/model';
import type { PlatformPort } from '../../../shared/platform';
import { exportBackup } from '../../db/backup';
import type { WorkstationDb } from '../../db/db';
import { asResult, type StoreResult } from '../../kit/result';
import { institutionSigner, readIdentity } from '../identity/store';

export interface WorkstationBackup {
  bytes: Uint8Array;
  /** The institution certificate that signed it; null when the workstation has no identity. */
  signedBy: CertificateSummary | null;
}

export async function exportWorkstationBackup(
  db: WorkstationDb,
  platform: Pick<PlatformPort, 'blobs' | 'keys'>,
  actor: User,
  options: { passphrase?: string; now?: Date } = {},
): Promise<StoreResult<WorkstationBackup>> {
  return asResult(async () => {
    const now = options.now ?? new Date();
    const identity = await readIdentity(db);
    if (!identity) return { bytes: await exportBackup(db, platform, { actor, now }), signedBy: null };
    // A locked key, a wrong passphrase or an expired certificate refuses the backup with that
    // reason rather than quietly writing an unsigned one.
    const { signer, summary } = await institutionSigner(db, platform, options.passphrase, now);
    const bytes = await exportBackup(db, platform, { actor, now, signer: { sign: signer, certificatePem: identity.certificatePem } });
    return { bytes, signedBy: summary };
  });
}
