import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBlobStore, type BlobStoreService } from '../../../electron/platform/blob-store';
import { IpcFailure } from '../../../electron/ipc/failure';

let root: string;
beforeEach(async () => {
  root = path.join(await mkdtemp(path.join(tmpdir(), 'mw-blobs-')), 'blobs');
});
afterEach(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('blob store on disk', () => {
  it('stores bytes under <aa>/<sha256> and reads them back', async () => {
    const store = createBlobStore(root);
    const bytes = new TextEncoder().encode('调解协议书 v1');
    const hash = await store.put(bytes);
    expect(hash).toBe(sha(bytes));
    expect(await readFile(path.join(root, hash.slice(0, 2), hash))).toEqual(Buffer.from(bytes));
    expect(await store.has(hash)).toBe(true);
    expect(new Uint8Array((await store.get(hash))!)).toEqual(bytes);
  });

  it('is idempotent and leaves no temporary files', async () => {
    const store = createBlobStore(root);
    const bytes = new Uint8Array([1, 2, 3]);
    const [a, b] = await Promise.all([store.put(bytes), store.put(bytes)]);
    expect(a).toBe(b);
    expect(await store.put(bytes)).toBe(a);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await store.list()).toEqual([a]);
  });

  it('stores the empty blob', async () => {
    const store = createBlobStore(root);
    const hash = await store.put(new Uint8Array(0));
    expect(hash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect((await store.get(hash))?.byteLength).toBe(0);
  });

  it('answers null / false / [] for what it does not hold', async () => {
    const store = createBlobStore(root);
    const missing = 'a'.repeat(64);
    expect(await store.get(missing)).toBeNull();
    expect(await store.has(missing)).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('refuses to return a blob whose bytes no longer match its name', async () => {
    const store = createBlobStore(root);
    const hash = await store.put(new TextEncoder().encode('original evidence'));
    await writeFile(path.join(root, hash.slice(0, 2), hash), 'tampered evidence');
    const failure = await store.get(hash).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect((failure as IpcFailure).code).toBe('corrupt');
    expect((failure as IpcFailure).message).toContain(hash);
  });

  it('lists only well-formed blob names in their own shard', async () => {
    const store = createBlobStore(root);
    const one = await store.put(new Uint8Array([1]));
    const two = await store.put(new Uint8Array([2]));
    const misplaced = 'f'.repeat(64);
    await writeFile(path.join(root, one.slice(0, 2), 'notes.txt'), 'x');
    await writeFile(path.join(root, one.slice(0, 2), misplaced), 'x');
    expect(await store.list()).toEqual([one, two].sort());
  });

  it('refuses malformed names even if called past the IPC schema', async () => {
    const store = createBlobStore(root);
    for (const name of ['../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63)]) {
      await expect(store.get(name)).rejects.toMatchObject({ code: 'invalid-args' });
      await expect(store.has(name)).rejects.toMatchObject({ code: 'invalid-args' });
    }
  });
});

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Bytes that differ in every position of a step, so a misplaced buffer changes the hash. */
function patterned(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function sourceFile(name: string, bytes: Uint8Array) {
  const filePath = path.join(path.dirname(root), name);
  await writeFile(filePath, bytes);
  return { filePath, name, size: bytes.byteLength };
}

async function tempFiles(): Promise<string[]> {
  return readdir(path.join(root, 'tmp')).catch(() => []);
}

async function readAll(store: BlobStoreService, hash: string, chunk: number): Promise<Buffer> {
  const size = (await store.size(hash))!;
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < size; offset += chunk) parts.push(await store.readChunk(hash, offset, chunk));
  return Buffer.concat(parts);
}

/** Small steps and buffers, so that a test file of a few hundred KiB takes many of both. */
const small = { stepBytes: 300_000, bufferBytes: 65_536 };

describe('blob store import sessions (a picked file, read by the main process)', () => {
  it('copies a file in steps while hashing it, then stores it under its SHA-256', async () => {
    const store = createBlobStore(root, small);
    const bytes = patterned(1_000_003);
    const id = await store.importBegin(1, await sourceFile('recording.webm', bytes));
    expect(await tempFiles()).toHaveLength(1);
    const steps: number[] = [];
    let done = 0;
    while (done < bytes.byteLength) steps.push((done = await store.importStep(1, id)));
    expect(steps).toEqual([300_000, 600_000, 900_000, 1_000_003]);
    expect(await store.importStep(1, id)).toBe(1_000_003); // a step past the end copies nothing
    const hash = await store.importFinish(1, id);
    expect(hash).toBe(sha(bytes));
    // Compared by hash and Buffer.equals: a deep toEqual of a MiB of bytes takes seconds.
    expect(sha(await readFile(path.join(root, hash.slice(0, 2), hash)))).toBe(hash);
    expect(await tempFiles()).toEqual([]);
    expect(await store.list()).toEqual([hash]);
    expect(await store.size(hash)).toBe(1_000_003);
    expect((await readAll(store, hash, 77_777)).equals(bytes)).toBe(true);
    // The session is over: nothing more can be done with it.
    await expect(store.importStep(1, id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.importFinish(1, id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('treats bytes already stored as a no-op that still answers the hash', async () => {
    const store = createBlobStore(root, small);
    const bytes = patterned(400_000, 7);
    const stored = await store.put(bytes);
    const id = await store.importBegin(1, await sourceFile('copy.bin', bytes));
    while ((await store.importStep(1, id)) < bytes.byteLength);
    expect(await store.importFinish(1, id)).toBe(stored);
    expect(await store.list()).toEqual([stored]);
    expect(await tempFiles()).toEqual([]);
  });

  it('stores the empty file without a step', async () => {
    const store = createBlobStore(root, small);
    const id = await store.importBegin(1, await sourceFile('empty.txt', new Uint8Array(0)));
    expect(await store.importFinish(1, id)).toBe(EMPTY_SHA256);
    expect(await store.size(EMPTY_SHA256)).toBe(0);
  });

  it('stores nothing and leaves no temp file when cancelled mid-way', async () => {
    const store = createBlobStore(root, small);
    const bytes = patterned(1_000_000);
    const id = await store.importBegin(1, await sourceFile('big.bin', bytes));
    expect(await store.importStep(1, id)).toBe(300_000);
    await store.importAbort(1, id);
    expect(await tempFiles()).toEqual([]);
    expect(await store.list()).toEqual([]);
    expect(await store.has(sha(bytes))).toBe(false);
    await expect(store.importStep(1, id)).rejects.toMatchObject({ code: 'not-found' });
    await store.importAbort(1, id); // aborting again is harmless
  });

  it('stores nothing when the file becomes shorter while it is read', async () => {
    const store = createBlobStore(root, small);
    const bytes = patterned(1_000_000);
    const source = await sourceFile('shrinking.bin', bytes);
    const id = await store.importBegin(1, source);
    await store.importStep(1, id);
    await truncate(source.filePath, 450_000);
    await expect(store.importStep(1, id)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('shrinking.bin became shorter') });
    expect(await tempFiles()).toEqual([]);
    expect(await store.list()).toEqual([]);
    await expect(store.importStep(1, id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('stores nothing when the file was changed in place while it was read', async () => {
    const store = createBlobStore(root, small);
    const bytes = patterned(500_000);
    const source = await sourceFile('edited.bin', bytes);
    const id = await store.importBegin(1, source);
    while ((await store.importStep(1, id)) < bytes.byteLength);
    const later = new Date(Date.now() + 60_000);
    await utimes(source.filePath, later, later);
    await expect(store.importFinish(1, id)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('edited.bin changed') });
    expect(await tempFiles()).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a file whose size differs from what the dialog saw, and an unfinished import', async () => {
    const store = createBlobStore(root, small);
    const source = await sourceFile('grown.bin', patterned(1000));
    await expect(store.importBegin(1, { ...source, size: 999 })).rejects.toMatchObject({ code: 'io' });
    await expect(store.importBegin(1, { ...source, filePath: path.join(root, 'missing') })).rejects.toMatchObject({ code: 'io' });
    const big = await sourceFile('big.bin', patterned(700_000));
    const id = await store.importBegin(1, big);
    await store.importStep(1, id);
    await expect(store.importFinish(1, id)).rejects.toMatchObject({ code: 'invalid-args' });
    expect(await tempFiles()).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('answers a session only to the window that began it', async () => {
    const store = createBlobStore(root, small);
    const bytes = patterned(400_000);
    const id = await store.importBegin(1, await sourceFile('mine.bin', bytes));
    await expect(store.importStep(2, id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.importFinish(2, id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.uploadAppend(1, id, new Uint8Array(1))).rejects.toMatchObject({ code: 'not-found' }); // not an upload
    await store.importAbort(2, id); // another window cannot abort it either
    await store.uploadAbort(1, id);
    while ((await store.importStep(1, id)) < bytes.byteLength);
    expect(await store.importFinish(1, id)).toBe(sha(bytes));
  });

  it('runs the calls of one session one after another', async () => {
    const store = createBlobStore(root, small);
    const bytes = patterned(1_000_000, 3);
    const id = await store.importBegin(1, await sourceFile('raced.bin', bytes));
    const answers = await Promise.all([1, 2, 3, 4].map(() => store.importStep(1, id)));
    expect(answers).toEqual([300_000, 600_000, 900_000, 1_000_000]);
    expect(await store.importFinish(1, id)).toBe(sha(bytes));
  });
});

describe('blob store upload sessions (bytes the renderer sends)', () => {
  it('appends chunks, hashing them, and stores the result', async () => {
    const store = createBlobStore(root);
    const bytes = patterned(250_001);
    const id = await store.uploadBegin(4);
    const totals: number[] = [];
    for (let offset = 0; offset < bytes.byteLength; offset += 100_000) totals.push(await store.uploadAppend(4, id, bytes.subarray(offset, offset + 100_000)));
    expect(totals).toEqual([100_000, 200_000, 250_001]);
    const hash = await store.uploadFinish(4, id);
    expect(hash).toBe(sha(bytes));
    expect(Buffer.from((await store.get(hash))!).equals(bytes)).toBe(true);
    expect(await tempFiles()).toEqual([]);
    // A duplicate upload is a no-op that answers the same hash.
    const again = await store.uploadBegin(4);
    await store.uploadAppend(4, again, bytes);
    expect(await store.uploadFinish(4, again)).toBe(hash);
    expect(await store.list()).toEqual([hash]);
    expect(await tempFiles()).toEqual([]);
  });

  it('stores nothing when aborted, when its window goes away, or when left idle', async () => {
    const store = createBlobStore(root, { idleMs: 100 });
    const aborted = await store.uploadBegin(1);
    await store.uploadAppend(1, aborted, patterned(10_000));
    await store.uploadAbort(1, aborted);
    const closed = await store.uploadBegin(2);
    await store.uploadAppend(2, closed, patterned(10_000));
    const kept = await store.uploadBegin(3);
    await store.releaseOwner(2);
    expect(await tempFiles()).toHaveLength(1); // window 3's upload is untouched
    await expect(store.uploadAppend(2, closed, new Uint8Array(1))).rejects.toMatchObject({ code: 'not-found' });
    await vi.waitFor(async () => expect(await tempFiles()).toEqual([]), { timeout: 2000 });
    await expect(store.uploadFinish(3, kept)).rejects.toMatchObject({ code: 'not-found' });
    expect(await store.list()).toEqual([]);
  });

  it('limits the sessions one window may hold', async () => {
    const store = createBlobStore(root, { maxSessionsPerOwner: 2 });
    await store.uploadBegin(1);
    const second = await store.uploadBegin(1);
    await expect(store.uploadBegin(1)).rejects.toMatchObject({ code: 'invalid-args' });
    expect(typeof (await store.uploadBegin(2))).toBe('string'); // another window has its own
    await store.uploadAbort(1, second);
    expect(typeof (await store.uploadBegin(1))).toBe('string');
  });
});

describe('blob store reads and start-up', () => {
  it('reads a stored blob in bounded chunks and answers null / not-found for what it lacks', async () => {
    const store = createBlobStore(root);
    const bytes = patterned(10_000);
    const hash = await store.put(bytes);
    expect(await store.readChunk(hash, 9_990, 100)).toEqual(new Uint8Array(bytes.subarray(9_990)));
    expect((await store.readChunk(hash, 10_000, 100)).byteLength).toBe(0);
    expect(await store.size('c'.repeat(64))).toBeNull();
    await expect(store.readChunk('c'.repeat(64), 0, 10)).rejects.toMatchObject({ code: 'not-found' });
    for (const name of ['../../etc/passwd', 'A'.repeat(64)]) {
      await expect(store.size(name)).rejects.toMatchObject({ code: 'invalid-args' });
      await expect(store.readChunk(name, 0, 1)).rejects.toMatchObject({ code: 'invalid-args' });
    }
  });

  it('removes temp files a crash left behind, but not those of live sessions', async () => {
    await mkdir(path.join(root, 'tmp'), { recursive: true });
    await writeFile(path.join(root, 'tmp', 'import-0f8fad5b-d9cb-469f-a165-70867728950e.part'), 'half a file');
    await writeFile(path.join(root, 'tmp', `${'a'.repeat(64)}.x.part`), 'half a put');
    const store = createBlobStore(root);
    const live = await store.uploadBegin(1);
    expect(await store.removeStaleTemp()).toBe(2);
    expect(await tempFiles()).toEqual([`upload-${live}.part`]);
    expect(await createBlobStore(path.join(root, 'never-created')).removeStaleTemp()).toBe(0);
  });
});
