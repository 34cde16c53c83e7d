// A backup is read by the hardened zip reader that verifies packages (shared/archive): a zip that
// readers could unpack differently is refused as ambiguous, an entry that inflates past its
// declared size is stopped there, an entry backup.json does not list is refused, even a folder;
// and no compression ratio is capped, so a table of very similar rows still restores.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeBackup, encodeBackup, type BackupInput } from '../../../shared/backup/codec';
import { DEFAULT_ZIP_LIMITS, openZipBytes } from '../../../shared/archive';
import { rawZip, type RawEntry } from '../confirmation/raw-zip';

const limits = { maxBytes: 50_000_000, maxEntries: 1000 };
const text = (s: string) => new TextEncoder().encode(s);

const input = (meta: unknown[] = [{ key: 'a', value: '堃喆䶮' }]): BackupInput => ({ meta: { createdAt: '2026-12-07T08:00:00.000Z', appVersion: '0.1.0' }, tables: { meta } });

/** The backup's entries, to be zipped again however a test likes. */
function entriesOf(bytes: Uint8Array): RawEntry[] {
  const archive = openZipBytes(bytes);
  return archive.files.map((e) => ({ name: e.name, data: archive.read(e), method: e.method }));
}

function refusal(bytes: Uint8Array): { code: string; detail: string } {
  const result = decodeBackup(bytes, limits);
  if (result.ok) throw new Error('the backup was accepted');
  return result;
}

describe('reading a backup through the hardened zip reader', () => {
  const good = encodeBackup(input());

  it('reads what the writer wrote, and the same zip made by another tool', () => {
    expect(decodeBackup(good, limits).ok).toBe(true);
    expect(decodeBackup(rawZip(entriesOf(good)), limits).ok).toBe(true);
  });

  it('reads a backup written before, by fflate’s streaming Zip (data descriptors, local times)', () => {
    const blob = text('evidence bytes');
    const hash = bytesToHex(sha256(blob));
    const entries = entriesOf(encodeBackup({ ...input(), blobs: [[hash, blob]] }));
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, data) => {
      if (error) throw error;
      parts.push(data);
    });
    for (const { name, data } of entries) {
      const entry = name.startsWith('blobs/') ? new ZipPassThrough(name) : new ZipDeflate(name, { level: name.startsWith('tables/') ? 1 : 6 });
      entry.mtime = new Date(2000, 0, 1, 0, 0, 0);
      zip.add(entry);
      entry.push(data as Uint8Array, true);
    }
    zip.end();
    const old = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (old.set(p, at), at + p.length), 0);
    const result = decodeBackup(old, limits);
    expect(result.ok && result.backup.blobs.get(hash)).toEqual(blob);
  });

  it.each<[string, (entries: RawEntry[]) => RawEntry[], string]>([
    ['an entry twice', (entries) => [...entries, { name: 'backup.json', data: text('{}') }], 'the name "backup.json" appears twice'],
    ['two names that fold to one', (entries) => [...entries, { name: 'BACKUP.json', data: text('{}') }], '"BACKUP.json" and "backup.json" are one name'],
    ['a local header naming another file', (entries) => entries.map((e) => (e.name === 'tables/meta.jsonl' ? { ...e, localName: 'tables/atem.jsonl' } : e)), 'its local header names another file'],
  ])('refuses %s as ambiguous', (_, edit, message) => {
    const { code, detail } = refusal(rawZip(edit(entriesOf(good))));
    expect(code).toBe('backup.corrupt');
    expect(detail).toContain('ambiguous');
    expect(detail).toContain(message);
  });

  it('stops an entry that inflates past its declared size', () => {
    const lying = entriesOf(good).map((e) => (e.name === 'tables/meta.jsonl' ? { ...e, method: 8 as const, declaredSize: 10 } : e));
    expect(refusal(rawZip(lying))).toMatchObject({ code: 'backup.corrupt', detail: expect.stringContaining('entry "tables/meta.jsonl": it inflates to more than the 10 bytes it declares') });
  });

  it('refuses a folder backup.json does not list', () => {
    expect(refusal(rawZip([...entriesOf(good), { name: 'tables/', mode: 0o040755 }]))).toMatchObject({ code: 'backup.corrupt', detail: expect.stringContaining('tables/') });
  });

  it('restores a table that deflates far beyond a package’s 200:1', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, value: 'x'.repeat(100_000) }));
    const bytes = encodeBackup(input(rows));
    const table = openZipBytes(bytes, { ...DEFAULT_ZIP_LIMITS, maxCompressionRatio: Number.POSITIVE_INFINITY }).find('tables/meta.jsonl')!;
    expect(table.size).toBeGreaterThan(200 * table.compressedSize);
    const result = decodeBackup(bytes, limits);
    expect(result.ok && result.backup.tables.meta).toEqual(rows);
  });
});
