// Administrators are reminded to back up when there is no backup yet, or the last one is older
// than a week (issue 16 item 8). The last backup is kept by the backup feature (kit/last-backup).
import type { LastBackup } from '../../kit/last-backup';

export const REMIND_AFTER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type BackupReminder = { kind: 'none' } | { kind: 'stale'; at: string; days: number };

/** Null when the last backup is recent enough. */
export function backupReminder(last: LastBackup | undefined, now: Date): BackupReminder | null {
  if (!last) return { kind: 'none' };
  const age = now.getTime() - Date.parse(last.at);
  if (!(age > REMIND_AFTER_DAYS * DAY_MS)) return null;
  return { kind: 'stale', at: last.at, days: Math.floor(age / DAY_MS) };
}
