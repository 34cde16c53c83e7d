// Building a package: standard tools accept it (unzip, sha256sum -c, openssl cms -verify), the
// bytes stream through without being gathered, progress and cancellation work, and input that
// cannot make a valid manifest is refused before the first byte.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipPackageReader } from '../../../shared/confirmation/zip-package';
import { bytesSource, openZip } from '../../../shared/archive';
import { buildPackage, PackageInputError, packageLedgerEntry, type PackageFileSource } from '../../../shared/confirmation/build';
import { verifyPackage } from '../../../shared/confirmation/verify';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { buildOptions, buildZip, collect, makeFixture, RECEIVED_ON, sha256Hex, source, type Fixture } from './package-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'mw-package-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const has = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).error === undefined;
const run = (command: string, args: string[], cwd = dir) => spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });

let fixture: Fixture;
beforeAll(async () => {
  fixture = await makeFixture();
});

describe('buildPackage', () => {
  it('makes a zip that unzip, sha256sum -c and openssl cms -verify accept', async () => {
    const { zip, built } = await buildZip(fixture);
    const file = join(dir, 'package.zip');
    writeFileSync(file, zip);
    expect(built.size).toBe(zip.length);
    expect(built.sha256).toBe(sha256Hex(zip));

    const listing = run('unzip', ['-Z1', file]).stdout.trim().split('\n');
    expect(listing).toEqual([...fixture.files.map((f) => f.path), 'certs/institution.pem', 'manifest.json', 'manifest.p7s', 'SHA256SUMS']);
    expect(run('unzip', ['-tq', file]).stdout).toContain('No errors detected');
    const out = join(dir, 'extracted');
    expect(run('unzip', ['-q', file, '-d', out]).status).toBe(0);

    const sums = run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], out);
    expect(sums.status).toBe(0);
    expect(sums.stdout.trim().split('\n')).toHaveLength(fixture.files.length + 3);
    expect(sums.stdout).toContain('evidence/借款合同.pdf: OK');

    if (!has('openssl')) {
      console.warn('openssl is not installed: the check of manifest.p7s with openssl cms -verify is skipped.');
      return;
    }
    const cms = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.p7s', '-content', 'manifest.json', '-CAfile', 'certs/institution.pem', '-purpose', 'any', '-out', '/dev/null'], out);
    expect(cms.stderr).toContain('Verification successful');
    expect(cms.status).toBe(0);
    // openssl checks the content too: a changed manifest fails.
    writeFileSync(join(out, 'manifest.json'), new TextDecoder().decode(built.manifestBytes).replace('皖0202', '皖0203'));
    expect(run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.p7s', '-content', 'manifest.json', '-CAfile', 'certs/institution.pem', '-purpose', 'any', '-out', '/dev/null'], out).status).not.toBe(0);
  });

  it('lists every file in the manifest with what was streamed, and records the package in the ledger', async () => {
    const { zip, built } = await buildZip(fixture);
    expect(built.manifest.files.map((f) => [f.path, f.role, f.size, f.sha256])).toEqual([
      ...fixture.files.map((f) => [f.path, f.role, f.bytes.length, sha256Hex(f.bytes)]),
      ['certs/institution.pem', 'certificate', expect.any(Number), expect.any(String)],
    ]);
    expect(built.manifest.files.find((f) => f.path === 'evidence/房屋所有权证.jpg')).toMatchObject({ role: 'property', ledgerSeq: 3 });
    expect(built.manifest.createdAt).toBe('2026-03-05T02:00:00.000Z');
    const archive = await openZip(bytesSource(zip));
    expect(await archive.read(archive.find('manifest.json')!)).toEqual(built.manifestBytes);

    const ledger = new CaseLedger(fixture.manifestInput.case.caseId);
    const entry = ledger.append(packageLedgerEntry(built, { id: 'm1', name: '王芳' }, new Date('2026-03-05T02:01:00Z')));
    expect(entry).toMatchObject({ kind: 'package', contentSha256: sha256Hex(zip), size: zip.length, mediaType: 'application/zip' });
  });

  it('streams: files pass through in the chunks they were read in, with progress to the total', async () => {
    const progress: number[] = [];
    const build = buildPackage(buildOptions(fixture, { onProgress: (p) => progress.push(p.bytesDone) }));
    let largest = 0;
    for await (const chunk of build.chunks) largest = Math.max(largest, chunk.length);
    const built = await build.result;
    // Sources yield 7,000-byte chunks; only the small manifest, its signature and the directory are made whole.
    expect(largest).toBeLessThanOrEqual(Math.max(7000, built.manifestBytes.length, 4096));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(built.manifest.files.reduce((n, f) => n + f.size, 0));
  });

  it('stops reading when cancelled and throws an AbortError', async () => {
    const controller = new AbortController();
    const opened: string[] = [];
    const closed: string[] = [];
    const tracked = (spec: (typeof fixture.files)[number]): PackageFileSource => ({
      ...source(spec),
      open: async function* () {
        opened.push(spec.path);
        try {
          yield* source(spec, 1000).open();
        } finally {
          closed.push(spec.path);
        }
      },
    });
    const build = buildPackage(buildOptions(fixture, { files: fixture.files.map(tracked), signal: controller.signal, onProgress: (p) => p.bytesDone > 20_000 && controller.abort() }));
    await expect(collect(build.chunks)).rejects.toMatchObject({ name: 'AbortError' });
    await expect(build.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(opened.length).toBeLessThan(fixture.files.length);
    expect(closed).toEqual(opened);
  });

  it('settles as abandoned when the consumer stops reading', async () => {
    const build = buildPackage(buildOptions(fixture));
    for await (const _ of build.chunks) break;
    await expect(build.result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a file that is not the size declared', async () => {
    const [first, ...rest] = fixture.files;
    const shorter = { ...source(first!), size: first!.bytes.length + 1 };
    await expect(collect(buildPackage(buildOptions(fixture, { files: [shorter, ...rest.map((f) => source(f))] })).chunks)).rejects.toThrow('application.pdf changed while it was being packaged');
    const longer = { ...source(first!), size: first!.bytes.length - 1 };
    await expect(collect(buildPackage(buildOptions(fixture, { files: [longer] })).chunks)).rejects.toThrow(PackageInputError);
  });

  it.each<[string, (files: PackageFileSource[]) => PackageFileSource[], string]>([
    ['a path outside the package', (files) => [...files, { ...files[0]!, path: '../outside.pdf', role: 'evidence' }], 'the path contains a . or .. segment'],
    ['a duplicate path', (files) => [...files, files[6]!], 'appears twice'],
    ['a role in the wrong folder', (files) => [...files, { ...files[6]!, path: 'identity/x.pdf' }], 'a file with role evidence belongs at evidence/'],
    ['a certificate the builder writes itself', (files) => [...files, { ...files[0]!, path: 'certs/institution.pem', role: 'certificate' }], 'appears twice'],
  ])('refuses %s before the first byte', (_, edit, message) => {
    expect(() => buildPackage(buildOptions(fixture, { files: edit(fixture.files.map((f) => source(f))) }))).toThrow(message);
  });

  it('refuses to sign outside the certificate’s validity', () => {
    expect(() => buildPackage(buildOptions(fixture, { now: new Date('2025-12-31T00:00:00Z') }))).toThrow('The signing certificate is not valid on 2025-12-31T00:00:00.000Z.');
  });

  it('writes ZIP64 records that unzip, Python and the reader accept', async () => {
    const { zip } = await buildZip(fixture, { forceZip64: true });
    const file = join(dir, 'zip64.zip');
    writeFileSync(file, zip);
    expect(run('unzip', ['-tq', file]).stdout).toContain('No errors detected');
    expect(run('zipinfo', [file]).stdout).toContain('4.5 unx');
    if (has('python3')) {
      const python = run('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), len(z.infolist()))', file]);
      expect(python.stdout.trim()).toBe(`None ${fixture.files.length + 4}`);
    }
    const report = await verifyPackage(zipPackageReader(await openZip(bytesSource(zip))), { receivedOn: RECEIVED_ON });
    expect(report.failed).toEqual([]);
  });
});
