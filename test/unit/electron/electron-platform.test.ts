// The renderer's Electron adapter against the real main-process handlers and services, joined by
// a loopback that copies every message with structuredClone as Electron's IPC does.
import { createHash } from 'node:crypto';
import { truncateSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers, type InvokeEventLike, type InvokeListener } from '../../../electron/ipc/handlers';
import { createBackupFolderService } from '../../../electron/platform/backup-folder';
import { createBlobStore } from '../../../electron/platform/blob-store';
import { createFileService, type DialogPort } from '../../../electron/platform/files';
import { createKeyService } from '../../../electron/platform/keys';
import { createIntakeSubmitter } from '../../../electron/intake/submitter';
import { startIntake } from '../../../cli/src/package/intake-server';
import { IntakeSubmitError } from '../../../shared/confirmation/intake-client';
import { startSignalingHost, type SignalingService } from '../../../electron/signaling/ws-host';
import { Client } from '../signaling/helpers';
import { createElectronPlatform, electronApi, PlatformError } from '../../../renderer/platform/electron';
import type { HashProgress, OpenedFile } from '../../../shared/platform';
import { IpcChannel, type KeyMechanism, type WorkstationApi } from '../../../shared/protocol/ipc';
import { answerLinkOp } from '../../../node/server-link/link';
import { CenterLinkError } from '../../../shared/protocol/center-link';
import { startFakeCenter } from '../server-link/tls-server';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mw-adapter-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  vi.unstubAllGlobals();
});

const frame = { url: 'app://workstation/index.html' };
const event: InvokeEventLike = { senderFrame: frame, sender: { id: 1, mainFrame: frame } };

/** Main without a running signaling host (the tests that need one pass a real one). */
const noSignaling: SignalingService = {
  info: () => null,
  mint: () => {
    throw new Error('not running');
  },
};

function loopback(options: { open?: string; save?: string; folder?: string; mechanism?: KeyMechanism; senderId?: number; signaling?: SignalingService } = {}) {
  const handlers = new Map<string, InvokeListener>();
  const dialog: DialogPort = {
    showSaveDialog: async () => (options.save ? { canceled: false, filePath: options.save } : { canceled: true }),
    showOpenDialog: async () => (options.open ? { canceled: false, filePaths: [options.open] } : { canceled: true, filePaths: [] }),
  };
  const backend = options.mechanism === 'passphrase' ? 'basic_text' : 'gnome_libsecret';
  const blobs = createBlobStore(path.join(dir, 'blobs'), { stepBytes: 100_000, bufferBytes: 32_768 });
  registerIpcHandlers({
    ipc: { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
    appInfo: () => ({ name: 'mw', version: '0.1.0', electron: '45.0.0', chrome: '140', platform: 'linux', arch: 'x64' }),
    // Small import steps, so that a test file takes several.
    blobs,
    files: createFileService({ dialog, defaultDir: () => dir }),
    keys: createKeyService({
      platform: 'linux',
      safeStorage: {
        getSelectedStorageBackend: () => backend,
        isAsyncEncryptionAvailable: async () => true,
        // Reversible stand-in; the real cipher is tested in keys.test.ts.
        encryptStringAsync: async (s) => Buffer.from(s, 'utf8').reverse(),
        decryptStringAsync: async (b) => ({ result: Buffer.from(b).reverse().toString('utf8'), shouldReEncrypt: false }),
      },
    }),
    signaling: options.signaling ?? noSignaling,
    intake: createIntakeSubmitter({ blobs }),
    backups: createBackupFolderService({
      dialog: { showFolderDialog: async () => (options.folder ? { canceled: false, filePaths: [options.folder] } : { canceled: true, filePaths: [] }) },
      settingsFile: path.join(dir, 'userData', 'backup-folders.json'),
    }),
    centerLink: (op) => answerLinkOp(op),
  });
  const calls: string[] = [];
  const invoke = (channel: string) => async (...args: unknown[]) => {
    calls.push(channel);
    const sender = options.senderId === undefined ? event : { ...event, sender: { ...event.sender, id: options.senderId } };
    const answer = await handlers.get(channel)!(sender, ...structuredClone(args));
    return structuredClone(answer);
  };
  const api = {
    host: { keyMechanism: options.mechanism ?? 'os-keystore' },
    app: { info: invoke(IpcChannel.appInfo) },
    files: {
      save: invoke(IpcChannel.filesSave),
      saveBlob: invoke(IpcChannel.filesSaveBlob),
      open: invoke(IpcChannel.filesOpen),
      readChunk: invoke(IpcChannel.filesReadChunk),
      release: invoke(IpcChannel.filesRelease),
    },
    blobs: {
      put: invoke(IpcChannel.blobsPut),
      get: invoke(IpcChannel.blobsGet),
      has: invoke(IpcChannel.blobsHas),
      list: invoke(IpcChannel.blobsList),
      size: invoke(IpcChannel.blobsSize),
      readChunk: invoke(IpcChannel.blobsReadChunk),
      importBegin: invoke(IpcChannel.blobsImportBegin),
      importStep: invoke(IpcChannel.blobsImportStep),
      importFinish: invoke(IpcChannel.blobsImportFinish),
      importAbort: invoke(IpcChannel.blobsImportAbort),
      uploadBegin: invoke(IpcChannel.blobsUploadBegin),
      uploadAppend: invoke(IpcChannel.blobsUploadAppend),
      uploadFinish: invoke(IpcChannel.blobsUploadFinish),
      uploadAbort: invoke(IpcChannel.blobsUploadAbort),
    },
    keys: { protect: invoke(IpcChannel.keysProtect), unprotect: invoke(IpcChannel.keysUnprotect), mechanism: invoke(IpcChannel.keysMechanism) },
    hash: { file: invoke(IpcChannel.hashFile) },
    signaling: { host: invoke(IpcChannel.signalingHost), mint: invoke(IpcChannel.signalingMint) },
    intake: { submit: invoke(IpcChannel.intakeSubmit), progress: invoke(IpcChannel.intakeProgress), cancel: invoke(IpcChannel.intakeCancel) },
    backups: { chooseFolder: invoke(IpcChannel.backupsChooseFolder), write: invoke(IpcChannel.backupsWrite) },
    center: { link: invoke(IpcChannel.centerLink) },
  } as unknown as WorkstationApi;
  return { api, calls, handlers };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('createElectronPlatform', () => {
  it('stores and reads blobs through the main process', async () => {
    const platform = createElectronPlatform(loopback().api);
    expect(platform.kind).toBe('electron');
    const bytes = new TextEncoder().encode('证据 1');
    const hash = await platform.blobs.put(bytes);
    expect(hash).toBe(sha(bytes));
    expect(await platform.blobs.has(hash)).toBe(true);
    expect(await platform.blobs.get(hash)).toEqual(bytes);
    expect(await platform.blobs.get('0'.repeat(64))).toBeNull();
    expect(await platform.blobs.list()).toEqual([hash]);
  });

  it('turns a refused call into a PlatformError carrying code and message', async () => {
    const platform = createElectronPlatform(loopback().api);
    const error = await platform.blobs.get('not-a-hash').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'invalid-args', message: expect.stringContaining('blobs.get refused') });
  });

  it('reads an opened file in chunks and hashes it in the main process', async () => {
    const source = path.join(dir, 'recording.webm');
    const bytes = new Uint8Array(300_001).map((_, i) => (i * 7) % 256);
    await writeFile(source, bytes);
    const { api, calls } = loopback({ open: source });
    const platform = createElectronPlatform(api);
    const file = await platform.files.openFile({ accept: ['video/*'], title: 'Add a recording' });
    expect(file).toMatchObject({ name: 'recording.webm', size: 300_001 });
    const sizes: number[] = [];
    for await (const chunk of file!.chunks(100_000)) sizes.push(chunk.byteLength);
    expect(sizes).toEqual([100_000, 100_000, 100_000, 1]);
    expect(await file!.readBytes()).toEqual(bytes);

    const progress = vi.fn();
    calls.length = 0;
    expect(await platform.hashing.sha256(file!.chunks(), { onProgress: progress })).toBe(sha(bytes));
    expect(calls).toEqual(['hash.file']); // no chunk crossed into the renderer
    expect(progress).toHaveBeenLastCalledWith({ bytesDone: 300_001, bytesTotal: 300_001 });
  });

  it('hashes any other byte stream in the renderer, with progress and cancel', async () => {
    const platform = createElectronPlatform(loopback().api);
    const parts = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])];
    async function* stream() {
      yield* parts;
    }
    const progress = vi.fn();
    expect(await platform.hashing.sha256(stream(), { total: 5, onProgress: progress })).toBe(sha(new Uint8Array([1, 2, 3, 4, 5])));
    expect(progress.mock.calls).toEqual([[{ bytesDone: 3, bytesTotal: 5 }], [{ bytesDone: 5, bytesTotal: 5 }]]);
    const signal = { aborted: false };
    async function* cancelling() {
      yield new Uint8Array([1]);
      signal.aborted = true;
      yield new Uint8Array([2]);
    }
    await expect(platform.hashing.sha256(cancelling(), { signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('saves through the dialog and reports a cancelled dialog as null', async () => {
    const target = path.join(dir, 'agreement.pdf');
    const platform = createElectronPlatform(loopback({ save: target }).api);
    expect(await platform.files.saveFile('agreement.pdf', new TextEncoder().encode('%PDF'), 'application/pdf')).toEqual({ name: target });
    expect(await readFile(target, 'utf8')).toBe('%PDF');
    const cancelled = createElectronPlatform(loopback().api);
    expect(await cancelled.files.saveFile('a.pdf', new Uint8Array(1), 'application/pdf')).toBeNull();
    expect(await cancelled.files.openFile({ accept: [], title: 'Open' })).toBeNull();
  });

  it('saves a stored blob as a file by streaming it in main, never through the renderer', async () => {
    const target = path.join(dir, 'package.zip');
    const { api, calls } = loopback({ save: target });
    const platform = createElectronPlatform(api);
    const bytes = new Uint8Array(3_000_001).map((_, i) => (i * 13) % 251);
    const hash = await platform.blobs.putFile(droppedFile(bytes));
    calls.length = 0;
    expect(await platform.files.saveBlob('package.zip', hash, 'application/zip')).toEqual({ name: target });
    expect(sha(await readFile(target))).toBe(hash);
    expect(calls).toEqual([IpcChannel.filesSaveBlob]);
    await expect(platform.files.saveBlob('x.zip', '0'.repeat(64), 'application/zip')).rejects.toMatchObject({ code: 'not-found' });
    expect((await readdir(dir)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('submits a stored package to a court’s intake from main, with progress, once', async () => {
    const court = await startIntake(0, '127.0.0.1', { dir: path.join(dir, 'court'), maxBytes: 10 * 1024 * 1024 });
    try {
      const platform = createElectronPlatform(loopback().api);
      const hash = await platform.blobs.putFile(droppedFile(new Uint8Array(2_000_000).map((_, i) => i % 255)));
      const progress: HashProgress[] = [];
      const answer = await platform.intake.submit({ url: court.url, sha256: hash, onProgress: (p) => progress.push(p) });
      expect(answer).toMatchObject({ packageSha256: hash, verdict: 'unusable' });
      expect(await platform.intake.submit({ url: court.url, sha256: hash })).toEqual(answer);
      // Not a package: the court answers, keeps only its answer and deletes the bytes (issue 14).
      expect(await readdir(path.join(dir, 'court', 'packages'))).toEqual([]);
      expect(await readdir(path.join(dir, 'court', 'answers'))).toEqual([`${hash}.json`]);
      const unreachable = await platform.intake.submit({ url: 'http://127.0.0.1:9/intake', sha256: hash }).catch((e: unknown) => e);
      expect(unreachable).toBeInstanceOf(IntakeSubmitError);
      expect(unreachable).toMatchObject({ code: 'unreachable' });
      await expect(platform.intake.submit({ url: court.url, sha256: '1'.repeat(64) })).rejects.toMatchObject({ code: 'unavailable' });
      expect(await platform.intake.inbox()).toBeNull();
    } finally {
      await court.close();
    }
  });

  it('protects keys with the mechanism the shell reported', async () => {
    const secret = new TextEncoder().encode('key passphrase');
    const os = createElectronPlatform(loopback({ mechanism: 'os-keystore' }).api);
    expect(os.keys.mechanism).toBe('os-keystore');
    expect(await os.keys.unprotect(await os.keys.protect(secret))).toEqual(secret);

    const typed = createElectronPlatform(loopback({ mechanism: 'passphrase' }).api);
    expect(typed.keys.mechanism).toBe('passphrase');
    const sealed = await typed.keys.protect(secret, 'correct horse battery');
    expect(await typed.keys.unprotect(sealed, 'correct horse battery')).toEqual(secret);
    await expect(typed.keys.unprotect(sealed, 'wrong passphrase!')).rejects.toMatchObject({ code: 'bad-passphrase' });
  });

  it('refuses an answer that does not match the contract', async () => {
    const { api } = loopback();
    const broken = { ...api, blobs: { ...api.blobs, has: async () => ({ ok: true, value: 'yes' }) } } as unknown as WorkstationApi;
    await expect(createElectronPlatform(broken).blobs.has('a'.repeat(64))).rejects.toMatchObject({ code: 'bad-answer' });
  });
});

/** Bytes that differ everywhere, so a chunk out of place changes the hash. */
function patterned(size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = 9;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** An OpenedFile with no dialog token behind it (a dropped file), optionally failing mid-way. */
function droppedFile(bytes: Uint8Array, options: { chunk?: number; failAfter?: number; size?: number } = {}): OpenedFile {
  const chunk = options.chunk ?? 65_536;
  return {
    name: 'dropped.bin',
    size: options.size ?? bytes.byteLength,
    readBytes: async () => bytes,
    chunks: () => ({
      async *[Symbol.asyncIterator]() {
        for (let offset = 0, n = 0; offset < bytes.byteLength; offset += chunk, n++) {
          if (n === options.failAfter) throw new Error('NotReadableError: the file could not be read');
          yield bytes.subarray(offset, offset + chunk);
        }
      },
    }),
  };
}

async function readBack(platform: ReturnType<typeof createElectronPlatform>, hash: string, chunk?: number): Promise<Buffer> {
  const blob = await platform.blobs.open(hash);
  if (!blob) throw new Error(`${hash} is not stored`);
  const parts: Uint8Array[] = [];
  for await (const part of blob.chunks(chunk)) parts.push(part);
  const all = Buffer.concat(parts);
  expect(all.byteLength).toBe(blob.size);
  return all;
}

async function tempFiles(): Promise<string[]> {
  return readdir(path.join(dir, 'blobs', 'tmp')).catch(() => []);
}

describe('createElectronPlatform: storing files of any size', () => {
  it('has the main process copy a picked file, step by step, with progress to the total', async () => {
    const source = path.join(dir, 'hearing.webm');
    const bytes = patterned(450_001);
    await writeFile(source, bytes);
    const { api, calls } = loopback({ open: source });
    const platform = createElectronPlatform(api);
    const file = (await platform.files.openFile({ accept: ['video/*'], title: 'Add' }))!;
    calls.length = 0;
    const progress: HashProgress[] = [];
    const hash = await platform.blobs.putFile(file, { onProgress: (p) => progress.push(p) });
    expect(hash).toBe(sha(bytes));
    // No byte of the file crossed into the renderer: only the import session's calls.
    expect(calls).toEqual(['blobs.importBegin', ...Array(5).fill('blobs.importStep'), 'blobs.importFinish']);
    expect(progress.map((p) => p.bytesDone)).toEqual([0, 100_000, 200_000, 300_000, 400_000, 450_001]);
    expect(progress.every((p) => p.bytesTotal === 450_001)).toBe(true);
    expect((await readBack(platform, hash, 100_000)).equals(bytes)).toBe(true);
    expect(await tempFiles()).toEqual([]);
    // Again: a no-op that answers the same hash.
    expect(await platform.blobs.putFile(file)).toBe(hash);
    expect(await platform.blobs.list()).toEqual([hash]);
  });

  it('sends any other file in bounded chunks, and reads stored blobs back in chunks', async () => {
    const { api, calls } = loopback();
    const platform = createElectronPlatform(api);
    const bytes = patterned(300_007);
    const progress: number[] = [];
    const hash = await platform.blobs.putFile(droppedFile(bytes), { onProgress: (p) => progress.push(p.bytesDone) });
    expect(hash).toBe(sha(bytes));
    expect(calls.filter((c) => c === 'blobs.uploadAppend')).toHaveLength(5);
    expect(progress).toEqual([65_536, 131_072, 196_608, 262_144, 300_007]);
    const blob = await platform.blobs.open(hash);
    expect(blob?.size).toBe(300_007);
    const sizes: number[] = [];
    for await (const chunk of blob!.chunks(128 * 1024)) sizes.push(chunk.byteLength);
    expect(sizes).toEqual([131_072, 131_072, 37_863]);
    expect((await readBack(platform, hash)).equals(bytes)).toBe(true);
    expect(await platform.blobs.open('0'.repeat(64))).toBeNull();
    await expect(platform.blobs.open('../../x')).rejects.toMatchObject({ code: 'invalid-args' });
  });

  it.each(['picked', 'dropped'] as const)('a %s file cancelled mid-way stores nothing and leaves no temp file', async (kind) => {
    const source = path.join(dir, 'big.bin');
    const bytes = patterned(500_000);
    await writeFile(source, bytes);
    const { api, calls } = loopback({ open: source });
    const platform = createElectronPlatform(api);
    const file = kind === 'picked' ? (await platform.files.openFile({ accept: [], title: 'Add' }))! : droppedFile(bytes);
    const signal = { aborted: false };
    const run = platform.blobs.putFile(file, { signal, onProgress: (p) => (signal.aborted = p.bytesDone >= 100_000) });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toContain(kind === 'picked' ? 'blobs.importAbort' : 'blobs.uploadAbort');
    // It stopped at the cancel, rather than copying the rest first: one 100,000-byte step, or
    // two 65,536-byte chunks.
    expect(calls.filter((c) => c === (kind === 'picked' ? 'blobs.importStep' : 'blobs.uploadAppend'))).toHaveLength(kind === 'picked' ? 1 : 2);
    expect(calls).not.toContain(kind === 'picked' ? 'blobs.importFinish' : 'blobs.uploadFinish');
    expect(await platform.blobs.list()).toEqual([]);
    expect(await tempFiles()).toEqual([]);
    await expect(platform.blobs.putFile(file, { signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a read error mid-file stores nothing and leaves no temp file', async () => {
    const source = path.join(dir, 'shrinks.bin');
    const bytes = patterned(500_000);
    await writeFile(source, bytes);
    const { api } = loopback({ open: source });
    const platform = createElectronPlatform(api);
    const picked = (await platform.files.openFile({ accept: [], title: 'Add' }))!;
    const run = platform.blobs.putFile(picked, {
      onProgress: (p) => {
        if (p.bytesDone === 100_000) truncateSync(source, 150_000);
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('shrinks.bin') });
    await expect(platform.blobs.putFile(droppedFile(bytes, { failAfter: 3 }))).rejects.toThrow(/could not be read/);
    // A file whose bytes do not add up to its size changed while it was read.
    await expect(platform.blobs.putFile(droppedFile(bytes, { size: 400_000 }))).rejects.toMatchObject({ code: 'io' });
    await expect(platform.blobs.putFile(droppedFile(bytes, { size: 600_000 }))).rejects.toMatchObject({ code: 'io' });
    expect(await platform.blobs.list()).toEqual([]);
    expect(await tempFiles()).toEqual([]);
  });

  it('keeps an import session to the window that began it', async () => {
    const { api, handlers } = loopback();
    const begun = await api.blobs.uploadBegin();
    expect(begun.ok).toBe(true);
    const id = begun.ok ? begun.value : '';
    const otherFrame = { url: 'app://workstation/index.html' };
    const other: InvokeEventLike = { senderFrame: otherFrame, sender: { id: 2, mainFrame: otherFrame } };
    for (const [channel, args] of [
      ['blobs.uploadAppend', [id, new Uint8Array(3)]],
      ['blobs.uploadFinish', [id]],
    ] as const) {
      expect(await handlers.get(channel)!(other, ...args)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(await handlers.get('blobs.uploadAbort')!(other, id)).toEqual({ ok: true, value: null });
    expect(await api.blobs.uploadAppend(id, new Uint8Array(3))).toEqual({ ok: true, value: 3 });
    const finished = await api.blobs.uploadFinish(id);
    expect(finished).toEqual({ ok: true, value: sha(new Uint8Array(3)) });
  });
});

describe('createElectronPlatform signaling', () => {
  it('finds the host of main through IPC and mints there; null while it is not running', async () => {
    expect(await createElectronPlatform(loopback().api).signaling.hosted()).toBeNull();
    await writeFile(path.join(dir, 'index.html'), '<!doctype html>');
    const host = await startSignalingHost({ userData: path.join(dir, 'profile'), webRoot: dir, env: { MW_SIGNAL_PORT: '0', MW_SIGNAL_HOST: '127.0.0.1' }, log: () => {} });
    try {
      const hosted = await createElectronPlatform(loopback({ signaling: host }).api).signaling.hosted();
      expect(hosted).toMatchObject({ signalUrl: `ws://127.0.0.1:${host.port}/signal`, joinBases: [`http://127.0.0.1:${host.port}/`] });
      const { tokens } = await hosted!.mint({ session: 'E-2', ttlSeconds: 60, participants: [{ role: 'mediator', name: '赵调解' }] });
      const client = new Client(hosted!.signalUrl);
      await client.opened;
      client.send({ type: 'join', token: tokens[0]?.token });
      expect(await client.expect('joined')).toMatchObject({ session: 'E-2' });
      // A request main refuses comes back as a PlatformError.
      await expect(hosted!.mint({ session: '../x', ttlSeconds: 60, participants: [{ role: 'mediator', name: 'x' }] })).rejects.toMatchObject({ code: 'invalid-args' });
    } finally {
      await host.close();
    }
  });
});

describe('createElectronPlatform scheduled backups', () => {
  it('writes a backup through main into the folder chosen in its dialog, and nowhere else', async () => {
    const folder = path.join(dir, 'backups');
    await mkdir(folder);
    const platform = createElectronPlatform(loopback({ folder }).api);
    const name = 'mediation-backup-20261207-0830.mwbackup';
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    await expect(platform.backups!.writeToFolder(folder, name, bytes)).rejects.toMatchObject({ code: 'folder-not-chosen' });
    expect(await platform.backups!.chooseFolder()).toBe(await realpath(folder));
    const written = await platform.backups!.writeToFolder(await realpath(folder), name, bytes);
    expect(new Uint8Array(await readFile(written.path))).toEqual(bytes);
    await expect(platform.backups!.writeToFolder(dir, name, bytes)).rejects.toMatchObject({ code: 'folder-not-chosen' });
    await expect(platform.backups!.writeToFolder(folder, '../escape.mwbackup', bytes)).rejects.toMatchObject({ code: 'invalid-args' });
  });
});

describe('createElectronPlatform center server', () => {
  it('reads the certificate, forwards to the pinned server through main, and refuses another certificate', async () => {
    const center = await startFakeCenter();
    try {
      const platform = createElectronPlatform(loopback().api);
      const found = await platform.centerServer.probe(center.address);
      expect(found.fingerprint).toBe(center.cert.fingerprint);
      const pin = { address: center.address, fingerprint: found.fingerprint };
      expect(await platform.centerServer.request(pin, { method: 'POST', path: '/api/v1/echo', token: 't0ken', body: { a: 1 } })).toEqual({
        status: 201,
        body: { method: 'POST', body: { a: 1 }, authorization: 'Bearer t0ken' },
      });
      const wrong = { address: center.address, fingerprint: Array(32).fill('00').join(':') };
      const seen = center.seen.length;
      const error = await platform.centerServer.request(wrong, { method: 'GET', path: '/api/v1/health' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CenterLinkError);
      expect(error).toMatchObject({ code: 'fingerprint_mismatch', seen: center.cert.fingerprint });
      expect(center.seen.length).toBe(seen);
    } finally {
      await center.close();
    }
  });
});

describe('electronApi', () => {
  it('is undefined outside Electron and finds window.workstation inside', () => {
    expect(electronApi()).toBeUndefined();
    vi.stubGlobal('window', {});
    expect(electronApi()).toBeUndefined();
    vi.stubGlobal('window', { workstation: { host: {} } });
    expect(electronApi()).toBeUndefined();
    const { api } = loopback();
    vi.stubGlobal('window', { workstation: api });
    expect(electronApi()).toBe(api);
  });
});
