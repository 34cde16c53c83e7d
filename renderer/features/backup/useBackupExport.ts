// The export as the backup screen runs it: the institution key's passphrase asked when signing
// needs it, the file made and saved, and only a saved file recorded as the last backup (audit log
// and kit/last-backup.ts, in one transaction).
import { useState, type ReactNode } from 'react';
import { BACKUP_EXTENSION, BACKUP_MEDIA_TYPE } from '../../../shared/backup/codec';
import type { CertificateSummary } from '../../../shared/identity/certificate';
import { useServices } from '../../app/services';
import { fail, ok, StoreError, type StoreResult } from '../../kit/result';
import { useCommand } from '../../kit/useCommand';
import { useSession } from '../auth';
import { usePassphrasePrompt } from '../identity';
import { backupFileName } from './format';
import { exportWorkstationBackup } from './signed-export';
import { recordBackupExport } from './store';

export type ExportOutcome = { kind: 'done'; name: string; size: number; signedBy: CertificateSummary | null } | { kind: 'cancelled' };

export interface BackupExport {
  run: () => Promise<void>;
  busy: boolean;
  /** The last export's outcome, until the next one starts. */
  outcome: ExportOutcome | null;
  /** Why the last export failed. */
  error: StoreError | null;
  /** The passphrase dialog, to be rendered by the screen. */
  prompt: ReactNode;
}

export function useBackupExport(): BackupExport {
  const { data, platform } = useServices();
  const { user } = useSession();
  const { ask, prompt } = usePassphrasePrompt();
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);

  const command = useCommand(
    async (answer: { passphrase?: string }): Promise<StoreResult<ExportOutcome>> => {
      try {
        const made = await exportWorkstationBackup(data, platform, answer);
        if (!made.ok) return made;
        const { bytes, signedBy, record } = made.value;
        const saved = await platform.files.saveFile(backupFileName(new Date(), BACKUP_EXTENSION), bytes, BACKUP_MEDIA_TYPE);
        if (!saved) return ok({ kind: 'cancelled' });
        await recordBackupExport(data, user, { ...record, folder: null });
        return ok({ kind: 'done', name: saved.name, size: bytes.byteLength, signedBy });
      } catch (error) {
        // Not a refusal of the store's: said as such, its English kept for the log.
        return fail(error instanceof StoreError ? error : new StoreError('backup.export_error', error instanceof Error ? error.message : String(error)));
      }
    },
    { onDone: setOutcome },
  );

  const run = async () => {
    const answer = await ask();
    if (answer === null) return;
    setOutcome(null);
    await command.run(answer);
  };

  return { run, busy: command.busy, outcome, error: command.error, prompt };
}
