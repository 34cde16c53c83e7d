// One turn of the scheduled backup (issue 16 item 8): while an administrator is signed in, the
// frame calls this now and then; when the schedule says a backup is due, it is made as the Backup
// page makes one (signed by the institution when it has an identity, unsigned only when it has
// none yet), written into the chosen folder through the platform port, and recorded as the page
// records an export, with the folder.
//
// A key sealed by a passphrase and not unlocked in this window cannot sign without asking, and
// the page's export refuses rather than write an unsigned backup then; so does the schedule: it
// makes nothing and says that the backup waits for the key (the frame reminds the administrator).
import { BACKUP_EXTENSION } from '../../../shared/backup/codec';
import type { User } from '../../../shared/domain/model';
import type { PlatformPort } from '../../../shared/platform';
import type { DataStore } from '../../data';
import { activeActor } from '../../kit/acting-user';
import { readLastBackup } from '../../kit/last-backup';
import { StoreError } from '../../kit/result';
import { needsPassphrase, readIdentity, summarizeIdentity } from '../identity';
import { backupFileName } from './format';
import { INTERVAL_MS, readBackupSchedule, scheduledBackupState } from './schedule';
import { exportWorkstationBackup } from './signed-export';
import { recordBackupExport } from './store';

export type ScheduledRun =
  /** The host cannot write into folders (the browser). */
  | { kind: 'unavailable' }
  | { kind: 'off' }
  | { kind: 'not_due'; nextAt: Date }
  /** Due, but the institution key waits for its passphrase: nothing was made. */
  | { kind: 'locked' }
  | { kind: 'done'; path: string; size: number; signed: boolean; at: Date; nextAt: Date }
  /** Nothing was recorded; `folder` is where it was to go, when the schedule was read. */
  | { kind: 'failed'; error: StoreError; folder: string | null };

/** The host's refusal of a write, as the backup feature's own code (texts under backup:errors.backup). */
const WRITE_FAILURES: Readonly<Record<string, string>> = {
  'disk-full': 'backup.folder_disk_full',
  'folder-not-chosen': 'backup.folder_not_chosen',
  'not-found': 'backup.folder_missing',
};

function writeFailure(error: unknown): StoreError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError((typeof code === 'string' && WRITE_FAILURES[code]) || 'backup.folder_write_failed', message);
}

/** Whether signing waits for the institution key's passphrase (sealed by one, not unlocked in this window). */
export async function keyLocked(data: DataStore): Promise<boolean> {
  const identity = await readIdentity(data);
  if (!identity) return false;
  const { keyId } = await summarizeIdentity(identity);
  return needsPassphrase(identity, keyId);
}

export async function runScheduledBackup(
  data: DataStore,
  platform: Pick<PlatformPort, 'blobs' | 'keys' | 'backups'>,
  user: Pick<User, 'id'>,
  now = new Date(),
): Promise<ScheduledRun> {
  const folders = platform.backups;
  if (!folders) return { kind: 'unavailable' };
  let folder: string | null = null;
  try {
    const actor = await activeActor(data, user);
    if (actor.role !== 'admin') return { kind: 'off' };
    const schedule = await readBackupSchedule(data);
    folder = schedule.folder;
    // A record that no longer parses counts as no backup, as for the reminder: one is made.
    const last = await readLastBackup(data).catch(() => undefined);
    const state = scheduledBackupState(schedule, last, now);
    if (state.kind === 'off' || schedule.folder === null || schedule.interval === 'off') return { kind: 'off' };
    if (state.kind === 'waiting') return { kind: 'not_due', nextAt: state.nextAt };
    if (await keyLocked(data)) return { kind: 'locked' };

    const made = await exportWorkstationBackup(data, platform, { now });
    if (!made.ok) return { kind: 'failed', error: made.error, folder };
    const { bytes, record } = made.value;
    let written: { path: string };
    try {
      written = await folders.writeToFolder(schedule.folder, backupFileName(now, BACKUP_EXTENSION), bytes);
    } catch (error) {
      return { kind: 'failed', error: writeFailure(error), folder };
    }
    await recordBackupExport(data, actor, { ...record, folder: schedule.folder });
    return { kind: 'done', path: written.path, size: bytes.byteLength, signed: record.signed, at: record.at, nextAt: new Date(record.at.getTime() + INTERVAL_MS[schedule.interval]) };
  } catch (error) {
    const failure = error instanceof StoreError ? error : new StoreError('backup.export_error', error instanceof Error ? error.message : String(error));
    return { kind: 'failed', error: failure, folder };
  }
}
