// The in-memory writer (ZipBuilder, zipBytes) that backups, ledger exports and the court's signed
// files are written with: what it writes, the hardened reader, fflate, unzip and Python read back
// alike, deflated or stored, with ZIP64 records where asked, and the same bytes for the same files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesSource, openZip, openZipBytes, ZipBuilder, zipBytes } from '../../../shared/archive';

const dir = mkdtempSync(join(tmpdir(), 'mw-zip-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (s: string) => new TextEncoder().encode(s);
const has = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).error === undefined;
const run = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });

const entries = (): Record<string, Uint8Array> => ({
  'entries.json': text(JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ seq: i, kind: 'evidence', note: '调解笔录' })))),
  'files/照片.jpg': Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251),
  'empty.txt': new Uint8Array(0),
});

describe('the in-memory zip writer', () => {
  it('writes what the hardened reader reads back, deflated or stored as asked', async () => {
    const files = entries();
    const zip = zipBytes({ 'entries.json': files['entries.json']!, 'files/照片.jpg': [files['files/照片.jpg']!, { level: 0 }], 'empty.txt': files['empty.txt']! }, { level: 6 });
    const archive = await openZip(bytesSource(zip));
    expect(archive.files.map((e) => [e.name, e.method])).toEqual([
      ['entries.json', 8],
      ['files/照片.jpg', 0],
      ['empty.txt', 8],
    ]);
    for (const [name, bytes] of Object.entries(files)) expect(await archive.read(archive.find(name)!)).toEqual(bytes);
    expect([...(await archive.hashAll()).values()].map((h) => h.crcOk)).toEqual([true, true, true]);
    const inMemory = openZipBytes(zip);
    for (const [name, bytes] of Object.entries(files)) expect(inMemory.read(inMemory.find(name)!)).toEqual(bytes);
    // fflate (what the end-to-end tests unpack with) reads it too.
    expect(unzipSync(zip)).toEqual(files);
  });

  it('writes the same bytes for the same files and time, the time read as UTC', async () => {
    const at = new Date('2026-12-07T23:30:10Z');
    const a = zipBytes(entries(), { mtime: at });
    expect(zipBytes(entries(), { mtime: at })).toEqual(a);
    const entry = (await openZip(bytesSource(a))).find('entries.json')!;
    expect({ hours: entry.time >> 11, minutes: (entry.time >> 5) & 0x3f, day: entry.date & 0x1f }).toEqual({ hours: 23, minutes: 30, day: 7 });
  });

  it('writes entries in pieces, deflating them as they come', () => {
    const zip = new ZipBuilder({ modified: new Date(0) });
    const table = zip.entry('tables/cases.jsonl', { level: 1 });
    expect(() => zip.entry('other.txt')).toThrow('not finished');
    for (let i = 0; i < 1000; i++) table.push(text(`{"id":${i}}\n`));
    expect(() => zip.finish()).toThrow('not finished');
    table.end();
    const archive = openZipBytes(zip.finish());
    const entry = archive.find('tables/cases.jsonl')!;
    expect(entry.compressedSize).toBeLessThan(entry.size);
    expect(new TextDecoder().decode(archive.read(entry)).split('\n')).toHaveLength(1001);
  });

  it('writes ZIP64 records that unzip, Python and the reader accept', async () => {
    const zip = new ZipBuilder({ modified: new Date(), forceZip64: true });
    for (const [name, bytes] of Object.entries(entries())) zip.add(name, bytes, { level: name.startsWith('files/') ? 0 : 6 });
    const bytes = zip.finish();
    expect((await openZip(bytesSource(bytes))).files).toHaveLength(3);
    const file = join(dir, 'zip64.zip');
    writeFileSync(file, bytes);
    if (has('unzip')) expect(run('unzip', ['-tq', file]).stdout).toContain('No errors detected');
    if (has('python3')) {
      const python = run('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), len(z.infolist()))', file]);
      expect(python.stdout.trim()).toBe('None 3');
    }
  });
});
