// The backup an administrator makes: signed by the institution when the workstation has an
// identity, so that a restore can say who made it and notice any change (issue 14 §5). A
// workstation without an identity yet (just set up) still backs up — refusing would leave it with
// no backup at all — but unsigned, and the screen says so; restoring such a file asks for the
// same acknowledgement as `mw seed` output.
//
// The file is made here; it is recorded (audit log, last backup) by `recordBackupExport` once it
// was saved, so a save the administrator cancelled does not count as a backup.
import type { CertificateSummary } from '../../../shared/identity/certificate';
import type { PlatformPort } from '../../../shared/platform';
import type { DataStore } from '../../data';
import { asResult, type StoreResult } from '../../kit/result';
import { institutionSigner, readIdentity } from '../identity';
import { makeBackup, type ExportRecord } from './store';

export interface WorkstationBackup {
  bytes: Uint8Array;
  /** The institution certificate that signed it; null when the workstation has no identity. */
  signedBy: CertificateSummary | null;
  /** What `recordBackupExport` records once the file was saved. */
  record: Omit<ExportRecord, 'folder'>;
}

export async function exportWorkstationBackup(
  data: DataStore,
  platform: Pick<PlatformPort, 'blobs' | 'keys'>,
  options: { passphrase?: string; now?: Date } = {},
): Promise<StoreResult<WorkstationBackup>> {
  return asResult(async () => {
    const now = options.now ?? new Date();
    const identity = await readIdentity(data);
    if (!identity) return { ...(await makeBackup(data, platform, { now })), signedBy: null };
    // A locked key, a wrong passphrase or an expired certificate refuses the backup with that
    // reason rather than quietly writing an unsigned one.
    const { signer, summary } = await institutionSigner(data, platform, options.passphrase, now);
    const made = await makeBackup(data, platform, { now, signer: { sign: signer, certificatePem: identity.certificatePem } });
    return { ...made, signedBy: summary };
  });
}
