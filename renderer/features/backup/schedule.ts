// Scheduled backups to a folder (issue 16 item 8, Electron only): the setting an administrator
// chooses on the Backup page, kept in the data layer's `meta` (key `backup.schedule`) and changed
// in one transaction with its audit event; and the pure rule of when the next backup is due.
//
// The folder is the one the host's dialog answered; the host remembers it too and writes only
// into folders it answered itself, so this value is what to ask for, not a permission.
import { z } from 'zod';
import type { User } from '../../../shared/domain/model';
import type { DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import type { LastBackup } from '../../kit/last-backup';
import { asResult, StoreError, type StoreResult } from '../../kit/result';

export const BACKUP_SCHEDULE_KEY = 'backup.schedule';
export const BACKUP_INTERVALS = ['off', 'daily', 'weekly'] as const;
export type BackupInterval = (typeof BACKUP_INTERVALS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
export const INTERVAL_MS: Record<Exclude<BackupInterval, 'off'>, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };

export const backupScheduleSchema = z.strictObject({
  interval: z.enum(BACKUP_INTERVALS),
  /** The folder the host's dialog answered; null until one is chosen. */
  folder: z.string().min(1).max(4096).nullable(),
  rev: z.number().int().nonnegative(),
});
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;

export const NO_SCHEDULE: BackupSchedule = { interval: 'off', folder: null, rev: 0 };

/** The schedule in force; a value that no longer parses counts as none (the page offers to set it again). */
export async function readBackupSchedule(data: DataStore): Promise<BackupSchedule> {
  try {
    return (await data.meta.get(BACKUP_SCHEDULE_KEY, backupScheduleSchema)) ?? NO_SCHEDULE;
  } catch {
    return NO_SCHEDULE;
  }
}

/**
 * Saves the schedule as `actor` (administrators only), with a `settings.update` audit event in
 * the same transaction. `expectedRev` is the revision the page showed: a change made meanwhile
 * (another window) is refused rather than overwritten.
 */
export function saveBackupSchedule(
  data: DataStore,
  actor: User,
  expectedRev: number,
  change: { interval: BackupInterval; folder: string | null },
  now = new Date(),
): Promise<StoreResult<BackupSchedule>> {
  return asResult(async () => {
    if (actor.role !== 'admin') throw new StoreError('auth.forbidden', 'Only an administrator schedules backups.');
    if (change.interval !== 'off' && change.folder === null) {
      throw new StoreError('backup.schedule_no_folder', 'Choose the folder first, then how often to back up.');
    }
    const by = actorOf(actor);
    return data.transact(by, async () => {
      const current = await readBackupSchedule(data);
      if (current.rev !== expectedRev) throw new StoreError('backup.schedule_changed', 'Someone else changed the backup schedule meanwhile; it was reloaded.');
      const next = backupScheduleSchema.parse({ interval: change.interval, folder: change.folder, rev: current.rev + 1 });
      await data.meta.put(BACKUP_SCHEDULE_KEY, next);
      await data.events.record({
        actor: by,
        at: now,
        entity: 'settings',
        entityId: BACKUP_SCHEDULE_KEY,
        action: 'settings.update',
        before: { interval: current.interval, folder: current.folder },
        after: { interval: next.interval, folder: next.folder },
      });
      return next;
    });
  });
}

/** What the schedule means now: nothing to do, a backup due, or when the next one is. */
export type ScheduleState =
  | { kind: 'off' }
  | { kind: 'due'; since: Date | null }
  | { kind: 'waiting'; nextAt: Date };

/**
 * When a scheduled backup is due: the last backup (made by hand or by the schedule) older than the
 * interval, or none at all. A last backup dated in the future (the clock was put back) counts
 * from now, so the schedule never stalls for longer than one interval.
 */
export function scheduledBackupState(schedule: BackupSchedule, last: LastBackup | undefined, now: Date): ScheduleState {
  if (schedule.interval === 'off' || schedule.folder === null) return { kind: 'off' };
  const interval = INTERVAL_MS[schedule.interval];
  const lastAt = last ? Date.parse(last.at) : Number.NaN;
  if (!Number.isFinite(lastAt)) return { kind: 'due', since: null };
  const nextAt = Math.min(lastAt, now.getTime()) + interval;
  if (now.getTime() >= nextAt) return { kind: 'due', since: new Date(nextAt) };
  return { kind: 'waiting', nextAt: new Date(nextAt) };
}
