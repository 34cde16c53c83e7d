// Which storage notices the signed-in frame shows, from what was read: plain data, so the rules
// are tested without a screen.
import { backupReminder, type BackupReminder } from './reminder';
import { spaceLevel } from './quota';
import type { StorageStatus } from './useStorageStatus';

export type StorageNoticeItem =
  /** Browser mode, administrators: the store may be evicted; what that means. */
  | { key: 'persistence' }
  /** Everyone: the store is near (warn) or at (full) its quota. */
  | { key: 'space'; level: 'warn' | 'full'; usage: number; quota: number }
  /** Administrators: no backup yet, or none for a week. */
  | { key: 'backup'; reminder: BackupReminder };

export interface NoticeContext {
  readonly admin: boolean;
  readonly host: 'browser' | 'electron';
  /** The persistence notice was acknowledged in this start of the app. */
  readonly persistenceAcknowledged: boolean;
}

export function storageNotices(status: StorageStatus, context: NoticeContext): StorageNoticeItem[] {
  if (!status.loaded) return [];
  const items: StorageNoticeItem[] = [];
  if (context.admin && context.host === 'browser' && status.persistence !== 'granted' && !context.persistenceAcknowledged) items.push({ key: 'persistence' });
  const level = spaceLevel(status.space);
  if (level !== 'ok' && status.space?.quota != null) items.push({ key: 'space', level, usage: status.space.usage, quota: status.space.quota });
  const reminder = context.admin ? backupReminder(status.lastBackup, status.readAt) : null;
  if (reminder) items.push({ key: 'backup', reminder });
  return items;
}
