import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  browserBlobStore,
  browserSignaling,
  chunkedHasher,
  passphraseKeyProtection,
  SIGNALING_URL_META_KEY,
} from '../../../renderer/platform/browser';
import { freshDb } from './helpers';

async function* chunksOf(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('browser platform adapter', () => {
  it('stores blobs by SHA-256 in IndexedDB, once', async () => {
    const db = freshDb();
    const store = browserBlobStore(db);
    const bytes = new TextEncoder().encode('身份证复印件');
    const hash = await store.put(bytes);
    expect(hash).toBe(bytesToHex(sha256(bytes)));
    expect(await store.put(bytes)).toBe(hash);
    expect(await db.blobs.count()).toBe(1);
    expect(await store.get(hash)).toEqual(bytes);
    expect(await store.has(hash)).toBe(true);
    expect(await store.has('0'.repeat(64))).toBe(false);
    expect(await store.get('../etc/passwd')).toBeNull();
    expect(await store.list()).toEqual([hash]);
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

  it('finds the signaling URL in settings, then the page address, else null', async () => {
    const db = freshDb();
    expect(await browserSignaling(db, { search: '' }).url()).toBeNull();
    expect(await browserSignaling(db, { search: '?signaling=ws://127.0.0.1:8787/' }).url()).toBe('ws://127.0.0.1:8787/');
    expect(await browserSignaling(db, { search: '?signaling=javascript:alert(1)' }).url()).toBeNull();
    await db.meta.put({ key: SIGNALING_URL_META_KEY, value: 'wss://mediation.example/ws' });
    expect(await browserSignaling(db, { search: '?signaling=ws://x/' }).url()).toBe('wss://mediation.example/ws');
  });
});
