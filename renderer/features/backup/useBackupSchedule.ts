// The Backup page's schedule card: the schedule and when the next backup is due, read when the
// card appears and after every committed change (a backup recorded, the schedule saved in another
// window); choosing the folder (the host's dialog) and how often, each saved at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import { readLastBackup } from '../../kit/last-backup';
import { fail, ok, StoreError, type StoreResult } from '../../kit/result';
import { useCommand } from '../../kit/useCommand';
import { useSession } from '../auth';
import { readIdentity } from '../identity';
import { keyLocked } from './scheduled';
import { NO_SCHEDULE, readBackupSchedule, saveBackupSchedule, scheduledBackupState, type BackupInterval, type BackupSchedule, type ScheduleState } from './schedule';

export interface ScheduleView {
  schedule: BackupSchedule;
  state: ScheduleState;
  /** The key waits for its passphrase: a due backup is reminded of, not made. */
  locked: boolean;
  /** No institution identity yet: backups are unsigned (as by hand). */
  unsigned: boolean;
}

export interface BackupScheduleCard {
  /** False in the browser: the host cannot write into folders. */
  available: boolean;
  /** Null until the first reading. */
  view: ScheduleView | null;
  busy: boolean;
  error: StoreError | null;
  chooseFolder: () => Promise<void>;
  changeInterval: (interval: BackupInterval) => Promise<void>;
}

type Change = { kind: 'folder' } | { kind: 'interval'; interval: BackupInterval };

export function useBackupSchedule(): BackupScheduleCard {
  const { data, platform } = useServices();
  const { user } = useSession();
  const folders = platform.backups;
  const [view, setView] = useState<ScheduleView | null>(null);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    generation.current += 1;
    const mine = generation.current;
    const [schedule, last, identity, locked] = await Promise.all([
      readBackupSchedule(data),
      readLastBackup(data).catch(() => undefined),
      readIdentity(data).catch(() => null),
      keyLocked(data).catch(() => false),
    ]);
    if (mine !== generation.current) return;
    setView({ schedule, state: scheduledBackupState(schedule, last, new Date()), locked, unsigned: identity === null });
  }, [data]);

  useEffect(() => {
    if (!folders) return undefined;
    void reload();
    const unsubscribe = data.changes.subscribe(() => void reload());
    return () => {
      unsubscribe();
      generation.current += 1;
    };
  }, [data, folders, reload]);

  const command = useCommand(
    async (change: Change): Promise<StoreResult<BackupSchedule | null>> => {
      const current = view?.schedule ?? NO_SCHEDULE;
      if (change.kind === 'interval') return saveBackupSchedule(data, user, current.rev, { interval: change.interval, folder: current.folder });
      if (!folders) return ok(null);
      let folder: string | null;
      try {
        folder = await folders.chooseFolder();
      } catch (error) {
        return fail(new StoreError('backup.folder_choose_failed', error instanceof Error ? error.message : String(error)));
      }
      if (folder === null) return ok(null);
      return saveBackupSchedule(data, user, current.rev, { interval: current.interval, folder });
    },
    { reload },
  );

  return {
    available: folders !== undefined,
    view,
    busy: command.busy,
    error: command.error,
    chooseFolder: async () => {
      await command.run({ kind: 'folder' });
    },
    changeInterval: async (interval) => {
      await command.run({ kind: 'interval', interval });
    },
  };
}
