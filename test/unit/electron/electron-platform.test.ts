// The renderer's Electron adapter against the real main-process handlers and services, joined by
// a loopback that copies every message with structuredClone as Electron's IPC does.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers, type InvokeEventLike, type InvokeListener } from '../../../electron/ipc/handlers';
import { createBlobStore } from '../../../electron/platform/blob-store';
import { createFileService, type DialogPort } from '../../../electron/platform/files';
import { createKeyService } from '../../../electron/platform/keys';
import { createElectronPlatform, electronApi, PlatformError } from '../../../renderer/platform/electron';
import { IpcChannel, type KeyMechanism, type WorkstationApi } from '../../../shared/protocol/ipc';

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

function loopback(options: { open?: string; save?: string; mechanism?: KeyMechanism } = {}) {
  const handlers = new Map<string, InvokeListener>();
  const dialog: DialogPort = {
    showSaveDialog: async () => (options.save ? { canceled: false, filePath: options.save } : { canceled: true }),
    showOpenDialog: async () => (options.open ? { canceled: false, filePaths: [options.open] } : { canceled: true, filePaths: [] }),
  };
  const backend = options.mechanism === 'passphrase' ? 'basic_text' : 'gnome_libsecret';
  registerIpcHandlers({
    ipc: { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
    appInfo: () => ({ name: 'mw', version: '0.1.0', electron: '45.0.0', chrome: '140', platform: 'linux', arch: 'x64' }),
    blobs: createBlobStore(path.join(dir, 'blobs')),
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
  });
  const calls: string[] = [];
  const invoke = (channel: string) => async (...args: unknown[]) => {
    calls.push(channel);
    const answer = await handlers.get(channel)!(event, ...structuredClone(args));
    return structuredClone(answer);
  };
  const api = {
    host: { keyMechanism: options.mechanism ?? 'os-keystore' },
    app: { info: invoke(IpcChannel.appInfo) },
    files: {
      save: invoke(IpcChannel.filesSave),
      open: invoke(IpcChannel.filesOpen),
      readChunk: invoke(IpcChannel.filesReadChunk),
      release: invoke(IpcChannel.filesRelease),
    },
    blobs: { put: invoke(IpcChannel.blobsPut), get: invoke(IpcChannel.blobsGet), has: invoke(IpcChannel.blobsHas), list: invoke(IpcChannel.blobsList) },
    keys: { protect: invoke(IpcChannel.keysProtect), unprotect: invoke(IpcChannel.keysUnprotect), mechanism: invoke(IpcChannel.keysMechanism) },
    hash: { file: invoke(IpcChannel.hashFile) },
  } as unknown as WorkstationApi;
  return { api, calls };
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
