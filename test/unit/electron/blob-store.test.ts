import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../../electron/platform/blob-store';
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
