import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import type { OpenedFile } from '../../../shared/platform';
import {
  browserBlobStore,
  chunkedHasher,
  openedFileFromBrowserFile,
  passphraseKeyProtection,
} from '../../../renderer/platform/browser';
import { freshDb } from './helpers';

async function* chunksOf(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const hex = (bytes: Uint8Array) => bytesToHex(sha256(bytes));

function patterned(size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = 5;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** An OpenedFile with no File behind it, optionally failing mid-way or misreporting its size. */
function sourceOf(bytes: Uint8Array, options: { failAfter?: number; size?: number } = {}): OpenedFile {
  return {
    name: 'stream.bin',
    size: options.size ?? bytes.byteLength,
    readBytes: async () => bytes,
    chunks: () => ({
      async *[Symbol.asyncIterator]() {
        for (let offset = 0, n = 0; offset < bytes.byteLength; offset += 100_000, n++) {
          if (n === options.failAfter) throw new Error('NotReadableError: the file could not be read');
          yield bytes.slice(offset, offset + 100_000);
        }
      },
    }),
  };
}

describe('browser platform adapter', () => {
  it('stores blobs by SHA-256 in IndexedDB, once', async () => {
    const db = freshDb();
    const store = browserBlobStore(db.blobs);
    const bytes = new TextEncoder().encode('身份证复印件');
    const hash = await store.put(bytes);
    expect(hash).toBe(bytesToHex(sha256(bytes)));
    expect(await store.put(bytes)).toBe(hash);
    expect(await db.blobs.hashes()).toHaveLength(1);
    expect(await store.get(hash)).toEqual(bytes);
    expect(await store.has(hash)).toBe(true);
    expect(await store.has('0'.repeat(64))).toBe(false);
    expect(await store.get('../etc/passwd')).toBeNull();
    expect(await store.list()).toEqual([hash]);
  });

  it('stores a File of many chunks as the Blob it is, and reads it back in chunks', async () => {
    const db = freshDb();
    const store = browserBlobStore(db.blobs);
    const bytes = patterned(10_000_019);
    const file = openedFileFromBrowserFile(new File([bytes], '庭审录像.webm', { type: 'video/webm' }));
    expect(file).toMatchObject({ name: '庭审录像.webm', size: 10_000_019 });
    const progress: Array<[number, number | null]> = [];
    const hash = await store.putFile(file, { onProgress: (p) => progress.push([p.bytesDone, p.bytesTotal]) });
    expect(hash).toBe(hex(bytes));
    // 4 MiB chunks: progress rises to the total, never back.
    expect(progress).toEqual([
      [4_194_304, 10_000_019],
      [8_388_608, 10_000_019],
      [10_000_019, 10_000_019],
    ]);
    const row = await db.blobs.get(hash);
    expect(row?.bytes).toBeInstanceOf(Blob); // not an ArrayBuffer copy in a row
    expect(row?.size).toBe(10_000_019);
    const blob = await store.open(hash);
    expect(blob?.size).toBe(10_000_019);
    const sizes: number[] = [];
    const hasher = sha256.create();
    for await (const chunk of blob!.chunks(3_000_000)) {
      sizes.push(chunk.byteLength);
      hasher.update(chunk);
    }
    expect(sizes).toEqual([3_000_000, 3_000_000, 3_000_000, 1_000_019]);
    expect(bytesToHex(hasher.digest())).toBe(hash);
    // What backup reads is the same bytes.
    expect(hex((await store.get(hash))!)).toBe(hash);
    expect(await store.list()).toEqual([hash]);
    // Storing it again is a no-op that answers the same hash.
    expect(await store.putFile(openedFileFromBrowserFile(new File([bytes], 'copy.webm')))).toBe(hash);
    expect(await db.blobs.hashes()).toHaveLength(1);
    expect(await store.open('0'.repeat(64))).toBeNull();
    expect(await store.open('../x')).toBeNull();
  });

  it('stores an OpenedFile with no File behind it, chunk by chunk, and the old byte rows read the same way', async () => {
    const db = freshDb();
    const store = browserBlobStore(db.blobs);
    const bytes = patterned(700_001);
    const progress: number[] = [];
    const hash = await store.putFile(sourceOf(bytes), { onProgress: (p) => progress.push(p.bytesDone) });
    expect(hash).toBe(hex(bytes));
    expect(progress.at(-1)).toBe(700_001);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const row = await db.blobs.get(hash);
    expect(row?.bytes).toBeInstanceOf(Blob);
    expect(hex((await store.get(hash))!)).toBe(hash);
    // A row written by put() holds a Uint8Array; open() reads it in chunks too.
    const small = await store.put(new Uint8Array([1, 2, 3, 4, 5]));
    const parts: number[][] = [];
    for await (const chunk of (await store.open(small))!.chunks(2)) parts.push([...chunk]);
    expect(parts).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('stores nothing when cancelled mid-way, when a read fails, or when the bytes do not add up to the size', async () => {
    const db = freshDb();
    const store = browserBlobStore(db.blobs);
    const bytes = patterned(9_000_000);
    const signal = { aborted: false };
    const seen: number[] = [];
    const cancelled = store.putFile(openedFileFromBrowserFile(new File([bytes], 'a.bin')), {
      signal,
      onProgress: (p) => {
        seen.push(p.bytesDone);
        signal.aborted = true;
      },
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([4_194_304]); // stopped at the next chunk
    await expect(store.putFile(sourceOf(bytes), { signal: { aborted: true } })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(store.putFile(sourceOf(bytes, { failAfter: 2 }))).rejects.toThrow(/could not be read/);
    await expect(store.putFile(sourceOf(bytes, { size: 8_999_999 }))).rejects.toThrow(/changed while/);
    expect(await db.blobs.hashes()).toHaveLength(0);
    expect(await store.list()).toEqual([]);
  });

  it('hashes a stream chunk by chunk, with progress and cancellation', async () => {
    const bytes = new Uint8Array(1_000_003).map((_, i) => i % 251);
    const progress: number[] = [];
    const hash = await chunkedHasher().sha256(chunksOf(bytes, 65_536), { total: bytes.length, onProgress: (p) => progress.push(p.bytesDone) });
    expect(hash).toBe(bytesToHex(sha256(bytes)));
    expect(progress.at(-1)).toBe(bytes.length);
    const signal = { aborted: false };
    const run = chunkedHasher().sha256(chunksOf(bytes, 65_536), { onProgress: () => (signal.aborted = true), signal });
    await expect(run).rejects.toThrow(/cancelled/);
  });

  it('seals secrets with a passphrase and refuses a wrong one or tampering', async () => {
    const keys = passphraseKeyProtection();
    const secret = new TextEncoder().encode('-----BEGIN PRIVATE KEY-----');
    const sealed = await keys.protect(secret, 'correct horse 1');
    expect(await keys.unprotect(sealed, 'correct horse 1')).toEqual(secret);
    await expect(keys.unprotect(sealed, 'wrong horse 1')).rejects.toThrow(/passphrase/);
    const tampered = sealed.slice();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    await expect(keys.unprotect(tampered, 'correct horse 1')).rejects.toThrow();
    await expect(keys.protect(secret, 'short')).rejects.toThrow(/8 characters/);
  });
});
