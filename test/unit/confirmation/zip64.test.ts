// A package past 4 GiB, as ZIP64 exists for: a 4 GiB + 1 KiB evidence file of zeros streamed
// through the builder, the package written as a sparse file (only the non-zero chunks take disk),
// then listed by unzip and Python and opened by the hardened reader, which reads entries that lie
// beyond the 4 GiB mark.
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../cli/src/package/zip-source';
import { openZip } from '../../../shared/archive';
import { buildPackage, type HashFactory } from '../../../shared/confirmation/build';
import { buildOptions, makeFixture, source } from './package-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'mw-package-zip64-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BIG = 4 * 1024 ** 3 + 1024;
const ZEROS = new Uint8Array(8 * 1024 * 1024);

describe('ZIP64', () => {
  it('describes a file of more than 4 GiB and the entries after it', async () => {
    const fixture = await makeFixture();
    const big = {
      path: 'evidence/庭审录像.mp4',
      role: 'evidence' as const,
      size: BIG,
      open: async function* () {
        for (let left = BIG; left > 0; left -= ZEROS.length) yield left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left);
      },
    };
    // SHA-256 over 4 GiB twice would dominate the test; the structure is what is tested here.
    const cheapHash: HashFactory = () => ({ update: () => undefined, digest: () => new Uint8Array(32) });
    const files = [source(fixture.files[0]!), big, ...fixture.files.slice(1).map((f) => source(f))];
    const build = buildPackage(buildOptions(fixture, { files, sha256: cheapHash }));
    const file = join(dir, 'big.zip');
    const fd = openSync(file, 'w');
    let offset = 0;
    for await (const chunk of build.chunks) {
      if (chunk.buffer !== ZEROS.buffer) writeSync(fd, chunk, 0, chunk.length, offset);
      offset += chunk.length;
    }
    ftruncateSync(fd, offset);
    closeSync(fd);
    const built = await build.result;
    expect(built.size).toBe(offset);
    expect(offset).toBeGreaterThan(BIG);

    const listing = spawnSync('unzip', ['-l', file], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    expect(listing.stdout).toMatch(new RegExp(`${BIG}\\s+\\S+\\s+\\S+\\s+evidence/庭审录像.mp4`));
    const python = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); i = z.getinfo("evidence/庭审录像.mp4"); print(i.file_size, z.read("manifest.json")[:9].decode())', file], { encoding: 'utf8' });
    if (python.error === undefined) expect(python.stdout.trim()).toBe(`${BIG} {"case":{`);

    const source_ = await fileSource(file);
    try {
      const archive = await openZip(source_);
      const video = archive.find('evidence/庭审录像.mp4')!;
      expect(video.size).toBe(BIG);
      const manifest = archive.find('manifest.json')!;
      expect(manifest.headerOffset).toBeGreaterThan(2 ** 32);
      expect(manifest.zip64Offset).toBe(true);
      expect(await archive.read(manifest)).toEqual(built.manifestBytes);
    } finally {
      await source_.close();
    }
  }, 120_000);
});
