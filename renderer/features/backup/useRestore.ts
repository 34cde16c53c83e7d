// The restore as a screen runs it: the file picked and read, checked, the person asked (who made
// it, and that it replaces everything), then written with progress and a cancel. The data layer
// restores in one transaction, so a refused or cancelled restore leaves the current data exactly
// as it was. A refusal is kept as its Problem, for the screen to say in the user's language.
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { BACKUP_EXTENSION, BACKUP_MEDIA_TYPE } from '../../../shared/backup/codec';
import { problem, type Problem } from '../../../shared/problem';
import { useServices } from '../../app/services';
import { useRestoreApproval } from './RestoreApproval';
import { restoreBackup, type RestoreProgress } from './store';

/** Reading the file happens here, before the store's own phases. */
export type RunningProgress = RestoreProgress | { phase: 'read'; done: number; total: number };

export type RestorePhase = { kind: 'idle' } | { kind: 'running'; progress: RunningProgress } | { kind: 'failed'; problem: Problem } | { kind: 'cancelled' };

export interface RestoreRun {
  phase: RestorePhase;
  start: () => Promise<void>;
  cancel: () => void;
  /** The question before writing, to be rendered by the screen. */
  dialog: ReactNode;
}

export function useRestore({ confirmReplace, actor, onRestored }: { confirmReplace: boolean; actor?: User; onRestored: () => void | Promise<void> }): RestoreRun {
  const { t } = useTranslation('backup');
  const { data, platform } = useServices();
  const [phase, setPhase] = useState<RestorePhase>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const approval = useRestoreApproval();

  const start = async () => {
    const file = await platform.files.openFile({ accept: [BACKUP_EXTENSION, BACKUP_MEDIA_TYPE], title: t('restore.pickTitle') });
    if (!file) return;
    const abort = new AbortController();
    controller.current = abort;
    setPhase({ kind: 'running', progress: { phase: 'read', done: 0, total: file.size } });
    try {
      const bytes = await file.readBytes();
      const result = await restoreBackup(data, bytes, {
        signal: abort.signal,
        onProgress: (progress) => setPhase({ kind: 'running', progress }),
        // Asked after the file verified and its signer is acceptable, before anything is written.
        approve: (provenance) => approval.ask({ provenance, file: { name: file.name, size: file.size }, replaces: confirmReplace }),
        // Electron keeps blobs as files; the browser keeps them in the store, written in the
        // restore's own transaction (the default).
        ...(platform.kind === 'electron' ? { blobStore: platform.blobs } : {}),
        ...(actor ? { actor } : {}),
      });
      if (result.ok) {
        setPhase({ kind: 'idle' });
        await onRestored();
      } else if (result.code === 'backup.cancelled' || abort.signal.aborted) {
        setPhase({ kind: 'cancelled' });
      } else {
        setPhase({ kind: 'failed', problem: result.problem });
      }
    } catch (error) {
      // Reading the file failed (it went away, or the platform refused it): said without its English.
      if (abort.signal.aborted) setPhase({ kind: 'cancelled' });
      else setPhase({ kind: 'failed', problem: problem('backup.read_failed', { name: file.name, error: error instanceof Error ? error.name : 'Error' }) });
    } finally {
      controller.current = null;
    }
  };

  return { phase, start, cancel: () => controller.current?.abort(), dialog: approval.dialog };
}
