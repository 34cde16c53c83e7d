// When the last backup was made, kept by the backup feature after every export and read by the
// storage card and the administrators' reminder.
import { z } from 'zod';
import type { DataStore } from '../data';

export const LAST_BACKUP_KEY = 'backup.last';

export const lastBackupSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  byId: z.string().min(1),
  byName: z.string(),
  signed: z.boolean(),
  /** Where it went when the workstation wrote it itself (a scheduled backup to a folder). */
  folder: z.string().nullable(),
});
export type LastBackup = z.infer<typeof lastBackupSchema>;

export function readLastBackup(data: DataStore): Promise<LastBackup | undefined> {
  return data.meta.get(LAST_BACKUP_KEY, lastBackupSchema);
}

/** Inside the transaction that records the export. */
export function writeLastBackup(data: DataStore, value: LastBackup): Promise<void> {
  return data.meta.put(LAST_BACKUP_KEY, lastBackupSchema.parse(value));
}
