// Scheduled backups into a folder (issue 16 item 8). The renderer makes the backup and hands over
// its bytes; this service decides where they may go:
// - a folder is allowed only once the user chose it in main's own folder dialog, in this run or an
//   earlier one; main keeps the chosen folders in its own settings file (<userData>/backup-folders.json),
//   so a renderer that names any other folder is refused, whatever it sends;
// - the file name is a plain name ending in .mwbackup (checked by the IPC schema and again here);
// - the file is written beside its final name as a hidden temp file, synced, then linked into
//   place, which fails rather than replace an existing file: a reader never sees half a backup
//   and no backup is ever overwritten (a taken name gets -2, -3 … instead);
// - a disk without room for it is refused before anything is written, and a disk that fills
//   while writing leaves nothing behind; both say so plainly.
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, realpath, rename, rm, stat, statfs } from 'node:fs/promises';
import { writeNewFileDurably } from '../../node/files';
import path from 'node:path';
import { z } from 'zod';
import { backupFolderFileNameSchema, MAX_FOLDER_PATH_LENGTH } from '../../shared/protocol/ipc';
import { IpcFailure } from '../ipc/failure';
import { describeFsError } from './blob-store';

/** The slice of Electron's `dialog` used here; `ownerId` is the asking webContents' id. */
export interface FolderDialogPort {
  showFolderDialog(ownerId: number, options: { title: string; defaultPath?: string }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface BackupFolderService {
  /** Asks for a folder; remembers and answers it (its real path), or null when cancelled. */
  choose(ownerId: number): Promise<string | null>;
  /** Writes a new backup file into a chosen folder; answers where it went. */
  write(folder: string, name: string, bytes: Uint8Array): Promise<{ path: string }>;
  /** The folders chosen so far, oldest first (read from the settings file). */
  chosen(): Promise<string[]>;
}

export interface BackupFolderDeps {
  readonly dialog: FolderDialogPort;
  /** Main's own settings file of chosen folders, e.g. <userData>/backup-folders.json. */
  readonly settingsFile: string;
  /** The UI language of the app (app.getLocale()), for the dialog's title. */
  readonly locale?: () => string;
  /** Free bytes on the disk of `dir`, or null when unknown (tests replace it). */
  readonly freeBytes?: (dir: string) => Promise<number | null>;
  readonly log?: (message: string, error: unknown) => void;
}

/** Folders remembered at most; the oldest is forgotten beyond this. */
export const MAX_CHOSEN_FOLDERS = 16;
/** Room kept free beyond the backup itself (the file system's own bookkeeping). */
export const SPARE_BYTES = 1024 * 1024;
/** Other names tried when the backup's name is taken (name-2 … name-N). */
const MAX_NAME_TRIES = 20;
const EXTENSION = '.mwbackup';

const settingsSchema = z.strictObject({
  version: z.literal(1),
  folders: z.array(z.string().min(1).max(MAX_FOLDER_PATH_LENGTH)).max(MAX_CHOSEN_FOLDERS),
});

/** Whether `name` is a plain backup file name: no directory part, no leading dot, ends in .mwbackup. */
export function isBackupFileName(name: string): boolean {
  return backupFolderFileNameSchema.safeParse(name).success && path.basename(name) === name && !name.includes('/') && !name.includes('\\');
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function diskFull(folder: string, size: number, cause?: unknown): IpcFailure {
  return new IpcFailure('disk-full', `The disk of ${folder} is full: the backup (${mebibytes(size)}) was not written. Free some space there or choose another folder.`, { cause });
}

async function defaultFreeBytes(dir: string): Promise<number | null> {
  try {
    const info = await statfs(dir);
    return Number(info.bavail) * Number(info.bsize);
  } catch {
    return null;
  }
}

/** Links `temp` to the first free name of `name`, name-2, …; never replaces a file. */
async function commitUnderFreeName(temp: string, dir: string, name: string): Promise<string> {
  const stem = name.slice(0, -EXTENSION.length);
  for (let attempt = 1; attempt <= MAX_NAME_TRIES; attempt += 1) {
    const target = path.join(dir, attempt === 1 ? name : `${stem}-${attempt}${EXTENSION}`);
    try {
      await link(temp, target);
      await rm(temp, { force: true });
      return target;
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EEXIST') continue;
      // A file system without hard links (FAT, some network shares): rename, after making sure
      // the name is free. Only this workstation writes backups there, so the gap is harmless.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV' && code !== 'EMLINK') throw error;
      const taken = await stat(target).then(() => true, () => false);
      if (taken) continue;
      await rename(temp, target);
      return target;
    }
  }
  throw new IpcFailure('io', `${name} and ${MAX_NAME_TRIES - 1} other names like it are taken in that folder; nothing was overwritten. Move some old backups away.`);
}

/** Makes the directory entry durable where the OS allows it (not on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file itself is synced already.
  }
}

export function createBackupFolderService(deps: BackupFolderDeps): BackupFolderService {
  const freeBytes = deps.freeBytes ?? defaultFreeBytes;
  const log = deps.log ?? (() => {});
  let folders: Promise<string[]> | null = null;
  // Writes of the settings file, one after the other.
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<string[]> {
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(await readFile(deps.settingsFile, 'utf8')));
      if (parsed.success) return parsed.data.folders;
      log('the backup folder settings do not parse; no folder is allowed until one is chosen again', parsed.error);
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') log('the backup folder settings could not be read', error);
    }
    return [];
  }

  function known(): Promise<string[]> {
    folders ??= load();
    return folders;
  }

  async function save(next: string[]): Promise<void> {
    const dir = path.dirname(deps.settingsFile);
    await mkdir(dir, { recursive: true });
    const temp = `${deps.settingsFile}.${randomUUID()}.part`;
    try {
      await writeNewFileDurably(temp, new TextEncoder().encode(`${JSON.stringify({ version: 1, folders: next })}\n`));
      await rename(temp, deps.settingsFile);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  function remember(folder: string): Promise<void> {
    const step = queue.then(async () => {
      const current = await known();
      const next = [...current.filter((f) => f !== folder), folder].slice(-MAX_CHOSEN_FOLDERS);
      await save(next);
      folders = Promise.resolve(next);
    });
    queue = step.catch(() => {});
    return step;
  }

  /** The folder as chosen, if it was chosen and is still that same directory (not replaced by a link elsewhere). */
  async function allowed(folder: string): Promise<string> {
    if (!(await known()).includes(folder)) {
      throw new IpcFailure('folder-not-chosen', 'Backups are written only into a folder chosen on the Backup page; choose the folder there again.');
    }
    let real: string;
    try {
      real = await realpath(folder);
      if (!(await stat(real)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    } catch (error) {
      throw new IpcFailure('not-found', `The backup folder ${folder} is not there any more (${describeFsError(error)}); connect its drive or choose a folder again.`, { cause: error });
    }
    if (real !== folder) throw new IpcFailure('folder-not-chosen', `The backup folder ${folder} now leads elsewhere; choose the folder again on the Backup page.`);
    return real;
  }

  return {
    chosen: known,

    async choose(ownerId) {
      const previous = (await known()).at(-1);
      const zh = (deps.locale?.() ?? 'zh-CN').toLowerCase().startsWith('zh');
      const result = await deps.dialog.showFolderDialog(ownerId, {
        title: zh ? '选择自动备份的文件夹' : 'Choose the folder for scheduled backups',
        ...(previous ? { defaultPath: previous } : {}),
      });
      const picked = result.filePaths[0];
      if (result.canceled || picked === undefined) return null;
      let real: string;
      try {
        real = await realpath(picked);
        if (!(await stat(real)).isDirectory()) throw new IpcFailure('not-found', `${picked} is not a folder. Choose a folder.`);
      } catch (error) {
        if (error instanceof IpcFailure) throw error;
        throw new IpcFailure('io', `Could not open the folder ${picked} (${describeFsError(error)}).`, { cause: error });
      }
      if (real.length > MAX_FOLDER_PATH_LENGTH) throw new IpcFailure('io', 'The path of that folder is too long; choose another folder.');
      try {
        await remember(real);
      } catch (error) {
        throw new IpcFailure('io', `Could not remember the backup folder (${describeFsError(error)}).`, { cause: error });
      }
      return real;
    },

    async write(folder, name, bytes) {
      if (!isBackupFileName(name)) throw new IpcFailure('invalid-args', 'A backup file name is a plain name ending in .mwbackup.');
      const dir = await allowed(folder);
      const free = await freeBytes(dir);
      if (free !== null && free < bytes.byteLength + SPARE_BYTES) throw diskFull(folder, bytes.byteLength);
      const temp = path.join(dir, `.${name}.${randomUUID()}.part`);
      try {
        await writeNewFileDurably(temp, bytes);
        const target = await commitUnderFreeName(temp, dir, name);
        await syncDirectory(dir);
        return { path: target };
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        if (error instanceof IpcFailure) throw error;
        const code = codeOf(error);
        if (code === 'ENOSPC' || code === 'EDQUOT') throw diskFull(folder, bytes.byteLength, error);
        throw new IpcFailure('io', `Could not write the backup into ${folder} (${describeFsError(error)}). Nothing was written; check the folder and try again.`, { cause: error });
      }
    },
  };
}

