import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeBackup, encodeBackup, type BackupInput } from '../../../shared/backup/codec';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/backup/rows';

const limits = { maxBytes: 50_000_000, maxEntries: 1000 };
const now = '2026-11-22T08:00:00.000Z';

const settings = {
  id: 'settings',
  language: 'zh-CN',
  idleLockMinutes: 10,
  mediationLimitDays: 30,
  courtEntrustedLimitDays: 30,
  deadlineWarningDays: 5,
  version: 1,
};

const meta = [
  { key: 'b', value: { nested: [1, 2, { z: 1, a: 2 }] } },
  { key: 'a', value: '堃喆䶮' },
];
const blob = strToU8('evidence bytes');
const blobHash = bytesToHex(sha256(blob));

function input(): BackupInput {
  return { meta: { createdAt: now, appVersion: '0.1.0' }, tables: { settings: [settings], meta }, blobs: [[blobHash, blob]] };
}

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}

describe('backup codec', () => {
  it('round-trips tables and blobs, rows sorted by key', () => {
    const bytes = encodeBackup(input());
    const result = decodeBackup(bytes, limits);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.backup.tables.settings).toEqual([settings]);
    expect(result.backup.tables.meta.map((r) => (r as { key: string }).key)).toEqual(['a', 'b']);
    expect(result.backup.tables.cases).toEqual([]);
    expect(result.backup.blobs.get(blobHash)).toEqual(blob);
    expect(result.backup.manifest.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(result.backup.manifest.tables.meta?.rows).toBe(2);
  });

  it('writes the same bytes for the same data, whatever the row and key order', () => {
    const a = encodeBackup(input());
    const shuffled = input();
    const b = encodeBackup({
      ...shuffled,
      tables: { meta: [...meta].reverse(), settings: [Object.fromEntries(Object.entries(settings).reverse())] },
    });
    expect(bytesToHex(sha256(b))).toBe(bytesToHex(sha256(a)));
  });

  it('refuses a file that is not a zip', () => {
    const result = decodeBackup(strToU8('{"format":"mw-backup"}'), limits);
    expect(result).toMatchObject({ ok: false, code: 'backup.not_zip' });
  });

  it('refuses a truncated file', () => {
    const bytes = encodeBackup(input());
    for (const cut of [bytes.length - 1, bytes.length - 30, Math.floor(bytes.length / 2)]) {
      const result = decodeBackup(bytes.slice(0, cut), limits);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['backup.truncated', 'backup.corrupt']).toContain(result.code);
    }
    expect(decodeBackup(bytes.slice(0, bytes.length - 5), limits)).toMatchObject({ ok: false, code: 'backup.truncated' });
  });

  it('refuses a foreign zip', () => {
    const foreign = rezip({ 'readme.txt': strToU8('hello') });
    expect(decodeBackup(foreign, limits)).toMatchObject({ ok: false, code: 'backup.foreign' });
    const otherFormat = rezip({ 'backup.json': strToU8('{"format":"something-else"}') });
    expect(decodeBackup(otherFormat, limits)).toMatchObject({ ok: false, code: 'backup.foreign' });
  });

  it('refuses a file whose table was altered (hash mismatch)', () => {
    const files = unzipSync(encodeBackup(input()));
    files['tables/meta.jsonl'] = strToU8(strFromU8(files['tables/meta.jsonl'] as Uint8Array).replace('堃', '坤'));
    const result = decodeBackup(rezip(files), limits);
    expect(result).toMatchObject({ ok: false, code: 'backup.corrupt' });
    if (!result.ok) expect(result.detail).toContain('tables/meta.jsonl');
  });

  it('refuses a row that breaks its table schema even when the hashes were recomputed', () => {
    const files = unzipSync(encodeBackup(input()));
    const manifest = JSON.parse(strFromU8(files['backup.json'] as Uint8Array));
    const bad = strToU8(`${JSON.stringify({ ...settings, idleLockMinutes: 0 })}\n`);
    files['tables/settings.jsonl'] = bad;
    manifest.tables.settings = { ...manifest.tables.settings, bytes: bad.length, sha256: bytesToHex(sha256(bad)) };
    files['backup.json'] = strToU8(JSON.stringify(manifest));
    const result = decodeBackup(rezip(files), limits);
    expect(result).toMatchObject({ ok: false, code: 'backup.table_invalid' });
    if (!result.ok) expect(result.detail).toContain('idleLockMinutes');
  });

  it('refuses a backup from a newer schema or format', () => {
    const newer = encodeBackup({ ...input(), meta: { createdAt: now, appVersion: '9', schemaVersion: CURRENT_SCHEMA_VERSION + 1 } });
    expect(decodeBackup(newer, limits)).toMatchObject({ ok: false, code: 'backup.version' });
    const files = unzipSync(encodeBackup(input()));
    const manifest = JSON.parse(strFromU8(files['backup.json'] as Uint8Array));
    files['backup.json'] = strToU8(JSON.stringify({ ...manifest, formatVersion: 2 }));
    expect(decodeBackup(rezip(files), limits)).toMatchObject({ ok: false, code: 'backup.version' });
  });

  it('refuses a damaged blob and an unlisted entry', () => {
    const files = unzipSync(encodeBackup(input()));
    files[`blobs/${blobHash}`] = strToU8('other bytes!!!');
    expect(decodeBackup(rezip(files), limits)).toMatchObject({ ok: false, code: 'backup.blob_invalid' });
    const extra = unzipSync(encodeBackup(input()));
    extra['tables/evil.jsonl'] = strToU8('{}\n');
    expect(decodeBackup(rezip(extra), limits)).toMatchObject({ ok: false, code: 'backup.corrupt' });
  });

  it('bounds file size, entry count and unpacked size (zip bombs)', () => {
    const bytes = encodeBackup(input());
    expect(decodeBackup(bytes, { maxBytes: 100, maxEntries: 1000 })).toMatchObject({ ok: false, code: 'backup.too_large' });
    expect(decodeBackup(bytes, { maxBytes: 1e6, maxEntries: 3 })).toMatchObject({ ok: false, code: 'backup.too_large' });
    const bomb = zipSync({ 'backup.json': new Uint8Array(50_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    expect(decodeBackup(bomb, { maxBytes: 1_000_000, maxEntries: 10 })).toMatchObject({ ok: false, code: 'backup.too_large' });
  });
});

describe('canonical JSON', () => {
  it('matches the canonicalize package (RFC 8785) on row-like values', async () => {
    const { default: canonicalize } = await import('canonicalize');
    const { canonicalJson } = await import('../../../shared/backup/canonical-json');
    const samples: unknown[] = [
      { b: 1, a: [true, null, { d: 'x', c: 1.5e-7 }], é: '\u2028"\\', '10': 10, '9': -0, A: 1e21 },
      [{ z: undefined, y: 0.1 + 0.2 }, 'line\nbreak', 123456789012345680000],
      { name: '张䶮', nested: { '𠀀': 1, '\uffff': 2, '\ud800\udc01': 3 }, empty: {}, list: [] },
      'plain',
      42,
    ];
    for (const sample of samples) expect(canonicalJson(sample)).toBe(canonicalize(sample));
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });
});

describe('decodeBackupAsync', () => {
  const webCrypto = async (data: Uint8Array) => bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)));

  it('gives the same answers as decodeBackup, hashing with WebCrypto', async () => {
    const { decodeBackupAsync } = await import('../../../shared/backup/codec');
    const bytes = encodeBackup(input());
    const sync = decodeBackup(bytes, limits);
    const viaWebCrypto = await decodeBackupAsync(bytes, limits, webCrypto);
    expect(viaWebCrypto).toEqual(sync);
    const files = unzipSync(bytes);
    files['tables/settings.jsonl'] = strToU8(strFromU8(files['tables/settings.jsonl'] as Uint8Array).replace('10', '11'));
    expect(await decodeBackupAsync(rezip(files), limits, webCrypto)).toMatchObject({ ok: false, code: 'backup.corrupt' });
    expect(await decodeBackupAsync(bytes.slice(0, 100), limits, webCrypto)).toMatchObject({ ok: false, code: 'backup.truncated' });
  });
});

describe('backup codec performance paths', () => {
  it('gives the same bytes whichever SHA-256 implementation the writer passes', () => {
    const viaNoble = encodeBackup(input());
    const viaOther = encodeBackup(input(), {
      createSha256: () => {
        const chunks: Uint8Array[] = [];
        return {
          update: (data: Uint8Array) => chunks.push(data.slice()),
          hex: () => {
            const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
            let at = 0;
            for (const c of chunks) {
              all.set(c, at);
              at += c.byteLength;
            }
            return bytesToHex(sha256(all));
          },
        };
      },
    });
    expect(viaOther).toEqual(viaNoble);
  });

  it('reads tables larger than one decoding piece, rows spanning the piece boundaries intact', () => {
    // About 9 MB of rows with multi-byte text, so the 8 MB decoding pieces end mid-table.
    const rows = Array.from({ length: 3000 }, (_, i) => ({ key: `k${String(i).padStart(5, '0')}`, value: '堃喆䶮'.repeat(1000) + i }));
    const bytes = encodeBackup({ meta: { createdAt: now, appVersion: '0.1.0' }, tables: { meta: rows } });
    const result = decodeBackup(bytes, limits);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.backup.tables.meta).toEqual(rows);
  });
});
