// Scheduled backups into a folder, on the main process's side (electron/platform/backup-folder.ts
// behind the backups.* channels): only a folder chosen in main's own dialog, in this run or an
// earlier one, is written into; only a plain .mwbackup name; written whole or not at all, never
// over an existing file; a full disk refused with a clear error and nothing left behind.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createListener, implementations, type InvokeEventLike } from '../../../electron/ipc/handlers';
import { createBackupFolderService, isBackupFileName, type FolderDialogPort } from '../../../electron/platform/backup-folder';
import { createElectronPlatform } from '../../../renderer/platform/electron';
import { IpcChannel, ipcContract, ipcResultSchema, type WorkstationApi } from '../../../shared/protocol/ipc';

// Real paths: the service answers a folder's real path (a symlinked TMPDIR would differ).
const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'mw-backup-folder-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
function fresh() {
  counter += 1;
  const base = path.join(root, `t${counter}`);
  const chosen = path.join(base, 'backups');
  const other = path.join(base, 'elsewhere');
  mkdirSync(chosen, { recursive: true });
  mkdirSync(other, { recursive: true });
  const settingsFile = path.join(base, 'userData', 'backup-folders.json');
  const answer = { canceled: false, filePaths: [chosen] };
  const dialog: FolderDialogPort = { showFolderDialog: vi.fn(async () => answer) };
  return { base, chosen, other, settingsFile, dialog, answer };
}

const NAME = 'mediation-backup-20261207-0830.mwbackup';
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe('backup folder service', () => {
  it('writes only into a folder chosen in its dialog, remembered across runs in its own settings file', async () => {
    const t = fresh();
    const service = createBackupFolderService({ dialog: t.dialog, settingsFile: t.settingsFile });
    // Nothing chosen yet: even a real, writable folder is refused.
    await expect(service.write(t.chosen, NAME, bytes(10))).rejects.toMatchObject({ code: 'folder-not-chosen' });
    expect(readdirSync(t.chosen)).toEqual([]);

    expect(await service.choose(5)).toBe(t.chosen);
    expect(t.dialog.showFolderDialog).toHaveBeenCalledWith(5, expect.objectContaining({ title: expect.any(String) }));
    expect(JSON.parse(readFileSync(t.settingsFile, 'utf8'))).toEqual({ version: 1, folders: [t.chosen] });
    const written = await service.write(t.chosen, NAME, bytes(10));
    expect(written.path).toBe(path.join(t.chosen, NAME));
    expect(readFileSync(written.path)).toEqual(Buffer.from(bytes(10)));

    // Another folder, a parent, a path through the chosen one: refused.
    for (const folder of [t.other, t.base, path.join(t.chosen, '..', 'elsewhere'), `${t.chosen}/`]) {
      await expect(service.write(folder, NAME, bytes(10))).rejects.toMatchObject({ code: 'folder-not-chosen' });
    }
    expect(readdirSync(t.other)).toEqual([]);

    // A later run (a new service over the same settings file) still knows the folder, and only it.
    const later = createBackupFolderService({ dialog: t.dialog, settingsFile: t.settingsFile });
    expect(await later.chosen()).toEqual([t.chosen]);
    expect((await later.write(t.chosen, 'mediation-backup-20261208-0830.mwbackup', bytes(3))).path).toBe(path.join(t.chosen, 'mediation-backup-20261208-0830.mwbackup'));
    await expect(later.write(t.other, NAME, bytes(3))).rejects.toMatchObject({ code: 'folder-not-chosen' });
  });

  it('answers null and remembers nothing when the dialog is cancelled', async () => {
    const t = fresh();
    const dialog: FolderDialogPort = { showFolderDialog: async () => ({ canceled: true, filePaths: [] }) };
    const service = createBackupFolderService({ dialog, settingsFile: t.settingsFile });
    expect(await service.choose(1)).toBeNull();
    expect(await service.chosen()).toEqual([]);
    await expect(service.write(t.chosen, NAME, bytes(1))).rejects.toMatchObject({ code: 'folder-not-chosen' });
  });

  it('refuses a chosen folder that now leads elsewhere (replaced by a link), or that is gone', async () => {
    const t = fresh();
    const service = createBackupFolderService({ dialog: t.dialog, settingsFile: t.settingsFile });
    await service.choose(1);
    rmSync(t.chosen, { recursive: true });
    await expect(service.write(t.chosen, NAME, bytes(1))).rejects.toMatchObject({ code: 'not-found' });
    symlinkSync(t.other, t.chosen, 'dir');
    await expect(service.write(t.chosen, NAME, bytes(1))).rejects.toMatchObject({ code: 'folder-not-chosen' });
    expect(readdirSync(t.other)).toEqual([]);
  });

  it('refuses names that are not a plain .mwbackup file name', async () => {
    const t = fresh();
    const service = createBackupFolderService({ dialog: t.dialog, settingsFile: t.settingsFile });
    await service.choose(1);
    const bad = ['../escape.mwbackup', 'sub/dir.mwbackup', 'a\\b.mwbackup', '.hidden.mwbackup', 'backup.zip', 'backup.mwbackup/', '', 'x'.repeat(300) + '.mwbackup', '备份.mwbackup', 'a b.mwbackup'];
    for (const name of bad) {
      expect(isBackupFileName(name), name).toBe(false);
      await expect(service.write(t.chosen, name, bytes(1)), name).rejects.toMatchObject({ code: 'invalid-args' });
    }
    expect(readdirSync(t.chosen)).toEqual([]);
    expect(readdirSync(t.base).sort()).toEqual(['backups', 'elsewhere', 'userData']);
    expect(isBackupFileName(NAME)).toBe(true);
  });

  it('writes atomically beside the final name and never overwrites an existing file', async () => {
    const t = fresh();
    const service = createBackupFolderService({ dialog: t.dialog, settingsFile: t.settingsFile });
    await service.choose(1);
    writeFileSync(path.join(t.chosen, NAME), 'an older backup');
    const first = await service.write(t.chosen, NAME, bytes(20, 1));
    const second = await service.write(t.chosen, NAME, bytes(30, 2));
    expect(path.basename(first.path)).toBe('mediation-backup-20261207-0830-2.mwbackup');
    expect(path.basename(second.path)).toBe('mediation-backup-20261207-0830-3.mwbackup');
    expect(readFileSync(path.join(t.chosen, NAME), 'utf8')).toBe('an older backup');
    expect(readFileSync(first.path)).toEqual(Buffer.from(bytes(20, 1)));
    expect(readFileSync(second.path)).toEqual(Buffer.from(bytes(30, 2)));
    // No temp file is left, and the backup is readable by its owner only.
    expect(readdirSync(t.chosen).filter((f) => f.endsWith('.part'))).toEqual([]);
    if (process.platform !== 'win32') expect(statSync(first.path).mode & 0o077).toBe(0);
  });

  it('refuses a disk without room before writing anything, and says so', async () => {
    const t = fresh();
    const service = createBackupFolderService({ dialog: t.dialog, settingsFile: t.settingsFile, freeBytes: async () => 512 * 1024 });
    await service.choose(1);
    const refusal = service.write(t.chosen, NAME, bytes(1024));
    await expect(refusal).rejects.toMatchObject({ code: 'disk-full' });
    await expect(refusal).rejects.toThrow(/disk of .* is full: the backup .* was not written/);
    expect(readdirSync(t.chosen)).toEqual([]);
  });
});

describe('backups.* IPC channels', () => {
  const mainFrame = { url: 'app://workstation/index.html#/backup' };
  const trusted: InvokeEventLike = { senderFrame: mainFrame, sender: { id: 9, mainFrame } };
  const foreign: InvokeEventLike = { senderFrame: { url: 'https://evil.example/' }, sender: { id: 9, mainFrame } };

  function channels(t: ReturnType<typeof fresh>) {
    const backups = createBackupFolderService({ dialog: t.dialog, settingsFile: t.settingsFile });
    const table = implementations({ backups } as unknown as Parameters<typeof implementations>[0]);
    const choose = createListener(IpcChannel.backupsChooseFolder, table[IpcChannel.backupsChooseFolder]);
    const write = createListener(IpcChannel.backupsWrite, table[IpcChannel.backupsWrite]);
    const answer = ipcResultSchema(ipcContract[IpcChannel.backupsWrite].result);
    return { choose, write, answer };
  }

  it('refuses a folder that was not chosen, and a bad name before the service sees it', async () => {
    const t = fresh();
    const { choose, write, answer } = channels(t);
    expect(answer.parse(await write(trusted, t.chosen, NAME, bytes(4)))).toMatchObject({ ok: false, error: { code: 'folder-not-chosen' } });
    expect(await choose(trusted)).toEqual({ ok: true, value: t.chosen });
    expect(t.dialog.showFolderDialog).toHaveBeenCalledWith(9, expect.anything());
    for (const name of ['../../x.mwbackup', '/etc/passwd', 'x.mwbackup\u0000.txt', 'backup.exe']) {
      expect(await write(trusted, t.chosen, name, bytes(4)), name).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    }
    expect(await write(trusted, t.chosen, NAME, 'not bytes')).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(await write(trusted, 42, NAME, bytes(4))).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(answer.parse(await write(trusted, t.other, NAME, bytes(4)))).toMatchObject({ ok: false, error: { code: 'folder-not-chosen' } });
    expect(readdirSync(t.chosen)).toEqual([]);
    expect(answer.parse(await write(trusted, t.chosen, NAME, bytes(4)))).toEqual({ ok: true, value: { path: path.join(t.chosen, NAME) } });
  });

  it('answers only the workstation’s own window', async () => {
    const t = fresh();
    const { choose, write } = channels(t);
    expect(await choose(foreign)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(t.dialog.showFolderDialog).not.toHaveBeenCalled();
    expect(await write(foreign, t.chosen, NAME, bytes(4))).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });
});

describe('the Electron adapter of the platform port', () => {
  it('offers folder backups, passing the write to main and its refusal on with its code', async () => {
    const calls: unknown[][] = [];
    const api = {
      host: { keyMechanism: 'passphrase' },
      backups: {
        chooseFolder: async () => ({ ok: true, value: '/home/u/backups' }),
        write: async (...args: unknown[]) => {
          calls.push(args);
          return args[1] === 'full.mwbackup' ? { ok: false, error: { code: 'disk-full', message: 'The disk is full.' } } : { ok: true, value: { path: `/home/u/backups/${String(args[1])}` } };
        },
      },
    } as unknown as WorkstationApi;
    const folders = createElectronPlatform(api).backups;
    expect(folders).toBeDefined();
    expect(await folders?.chooseFolder()).toBe('/home/u/backups');
    expect(await folders?.writeToFolder('/home/u/backups', NAME, bytes(2))).toEqual({ path: `/home/u/backups/${NAME}` });
    expect(calls[0]).toEqual(['/home/u/backups', NAME, bytes(2)]);
    await expect(folders?.writeToFolder('/home/u/backups', 'full.mwbackup', bytes(2))).rejects.toMatchObject({ name: 'PlatformError', code: 'disk-full' });
  });
});
