// `mw package verify` as the clerk runs it: exit 0 for an intact package (text, JSON, extracted
// for sha256sum -c), 1 naming the failed check, 2 for input it cannot use — hostile zips refused
// with the problem named and nothing written anywhere (how fast: `npm run bench -- archive`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPackage } from '../../../cli/src/commands/package';
import { UsageError, type Io } from '../../../cli/src/io';
import type { PackageReport } from '../../../shared/confirmation/verify';
import { buildDetachedCms } from '../../../shared/agreement/pdf-signature/sign';
import { buildZip, makeFixture, NOW, RECEIVED_ON, rezip, unzipped, type Fixture } from './package-fixtures';
import { manyEntries, rawZip } from './raw-zip';

const dir = mkdtempSync(join(tmpdir(), 'mw-package-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** runPackage as main runs it: a UsageError is exit 2 with its message on stderr. */
async function mw(...args: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s) };
  let code: number;
  try {
    code = await runPackage(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err += `mw package: ${error.message}\n`;
    code = 2;
  }
  return { code, out, err };
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

let fixture: Fixture;
let good: string;
let files: Map<string, Uint8Array>;
let institutionPem: string;

beforeAll(async () => {
  fixture = await makeFixture();
  const { zip } = await buildZip(fixture);
  good = file('package.zip', zip);
  files = await unzipped(zip);
  institutionPem = file('institution.pem', fixture.institution.certificatePem);
});

describe('mw package verify', () => {
  it('exits 0 for an intact package, in text and in JSON', async () => {
    const text = await mw('verify', good, '--received', RECEIVED_ON, '--institution', institutionPem);
    expect(text.err).toBe('');
    expect(text.code).toBe(0);
    expect(text.out).toContain(`${good}: VALID — package pkg-2026-0001, case （2026）镜解字第00042号, 15 files`);
    expect(text.out).toMatch(/ok {6}ledger\.inclusion +Each of the 4 files recorded in the ledger is proven/);
    expect(text.out).toContain(`matches the trusted certificate in ${institutionPem}`);

    const asJson = await mw('verify', good, '--received', RECEIVED_ON, '--json');
    expect(asJson.code).toBe(0);
    const report = JSON.parse(asJson.out) as PackageReport & { path: string; receivedOn: string };
    expect(report).toMatchObject({ path: good, receivedOn: RECEIVED_ON, ok: true, failed: [] });
    expect(report.summary?.institution.pinned).toBeNull();
    expect(report.checks).toHaveLength(22);
  });

  it('extracts into a new folder where sha256sum -c passes, writing nothing else', async () => {
    const sandbox = join(dir, 'sandbox');
    mkdirSync(sandbox);
    const out = join(sandbox, 'package');
    const result = await mw('verify', good, '--received', RECEIVED_ON, '--extract', out);
    expect(result.code).toBe(0);
    expect(readdirSync(sandbox)).toEqual(['package']);
    const sums = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect(sums.status).toBe(0);
    expect(sums.stdout).toContain('identity/授权委托书-张堃.pdf: OK');
    expect((await mw('verify', good, '--extract', out)).err).toContain('already exists; name a new folder');
  });

  it('exits 1 naming the check that failed', async () => {
    const cases: [string, Map<string, Uint8Array>, string, string[]][] = [
      ['lists a file not present', new Map([...files].filter(([p]) => p !== 'identity/李喆-居民身份证.jpg')), 'files.missing: The manifest lists files that are not in the package: identity/李喆-居民身份证.jpg.', []],
      ['holds a file not listed', new Map([...files, ['evidence/另附.pdf', new Uint8Array(10)]]), 'files.unlisted: The package holds files the manifest does not list: evidence/另附.pdf.', []],
      ['changed a file', new Map([...files].map(([p, b]) => [p, p === 'evidence/银行转账回单.png' ? b.map((x, i) => (i === 9 ? x ^ 4 : x)) : b])), 'files.integrity: Files differ from the manifest: evidence/银行转账回单.png', []],
    ];
    const kept = join(dir, 'failed-extracts');
    mkdirSync(kept);
    for (const [name, content, first] of cases) {
      const result = await mw('verify', file(`${name}.zip`, rezip(content)), '--received', RECEIVED_ON, '--extract', join(kept, name));
      expect(result.code, name).toBe(1);
      expect(result.err, name).toContain(`NOT VALID — ${first}`);
      expect(result.out).toBe('');
      // A package that fails leaves nothing behind, not even its staging folder.
      expect(result.err, name).toContain('The files were not kept');
      expect(readdirSync(kept), name).toEqual([]);
    }
    const late = await mw('verify', good, '--received', '2026-05-01', '--json');
    expect(late.code).toBe(1);
    expect((JSON.parse(late.out) as PackageReport).failed).toEqual(['deadline']);
  });

  it('exits 1 for a package re-signed by an unknown certificate, and for a ledger from another case', async () => {
    const resigned = new Map(files);
    resigned.set('manifest.p7s', await buildDetachedCms(files.get('manifest.json')!, { certificatePem: fixture.stranger.certificatePem, chainPems: [], sign: fixture.stranger.sign }, NOW));
    const swapped = await mw('verify', file('resigned.zip', rezip(resigned)), '--received', RECEIVED_ON);
    expect(swapped.code).toBe(1);
    expect(swapped.err).toContain('NOT VALID — manifest.signer: manifest.json was signed by 冒名调解委员会');

    const forged = await buildZip(fixture, {}, fixture.stranger);
    const pinned = await mw('verify', file('forged.zip', forged.zip), '--received', RECEIVED_ON, '--institution', institutionPem);
    expect(pinned.code).toBe(1);
    expect(pinned.err).toContain('NOT VALID — institution.pinned:');
    expect(pinned.err).toContain(`does NOT match the trusted certificate in ${institutionPem}`);

    const otherLedger = await buildZip({ ...fixture, files: [...fixture.files.filter((f) => f.role !== 'ledger'), ...[...fixture.otherCaseLedgerFiles].map(([path, bytes]) => ({ path, role: 'ledger' as const, bytes }))] });
    const result = await mw('verify', file('other-ledger.zip', otherLedger.zip), '--received', RECEIVED_ON);
    expect(result.code).toBe(1);
    expect(result.err).toContain("NOT VALID — ledger.case: The ledger belongs to another case (9e4d2a71-3c5b-4f08-8a16-2b7c9d0e5f33), not to the package's case");
  });

  it('exits 2 for hostile archives, naming the problem, without writing', async () => {
    const valid = new Uint8Array(files.get('application.pdf')!);
    const hostile: [string, Uint8Array, string][] = [
      ['traversal', rawZip([{ name: '../../.bashrc', data: valid }]), 'entry "../../.bashrc": unsafe name: the path contains a . or .. segment'],
      ['absolute', rawZip([{ name: '/etc/passwd', data: valid }]), 'entry "/etc/passwd": unsafe name: the path is absolute'],
      ['symlink', rawZip([{ name: 'evidence/x', data: new TextEncoder().encode('/etc/shadow'), mode: 0o120777 }]), 'entry "evidence/x": it is a symbolic link'],
      ['bomb', rawZip([{ name: 'evidence/a.bin', data: new Uint8Array(50 * 1024 * 1024), method: 8 }]), 'a zip bomb'],
      ['100k', manyEntries(100_000, true), 'the archive holds 100,000 entries; at most 10,000 are accepted'],
      ['truncated', rezip(files).subarray(0, 60_000), 'the zip is truncated'],
      ['encrypted', rawZip([{ name: 'evidence/a.pdf', data: valid, flags: 1 }]), 'it is encrypted'],
      ['not a zip', valid, 'this is not a zip archive'],
    ];
    const sandbox = join(dir, 'hostile');
    mkdirSync(sandbox);
    for (const [name, zip, problem] of hostile) {
      const path = file(`${name}.zip`, zip);
      const result = await mw('verify', path, '--extract', join(sandbox, name));
      expect(result.code, name).toBe(2);
      expect(result.err, name).toContain(`mw package: ${path} cannot be used: `);
      expect(result.err, name).toContain(problem);
      expect(readdirSync(sandbox), name).toEqual([]);
    }
    expect(existsSync(join(dir, '.bashrc'))).toBe(false);
  });

  it('exits 2 for input it cannot use', async () => {
    expect((await mw('verify', join(dir, 'nothing.zip'))).err).toContain('does not exist');
    expect((await mw('verify', dir)).code).toBe(2);
    expect((await mw('verify')).code).toBe(2);
    expect((await mw('verify', good, '--received', '2026-02-30')).err).toContain('is not a date');
    expect((await mw('verify', good, '--institution', file('bad.pem', 'no certificate'))).err).toContain('holds no PEM certificate');
    const notPackage = await mw('verify', file('plain.zip', rezip(new Map([['evidence/a.txt', new Uint8Array(3)]]))));
    expect(notPackage.code).toBe(2);
    expect(notPackage.err).toContain('manifest.json is missing: this is not a judicial-confirmation package');
    expect((await mw('build', good)).err).toContain('unknown package command "build"');
  });

  it('runs as the installed command', async () => {
    // Without --institution the package is only consistent with itself, and the first line says so.
    const run = spawnSync(process.execPath, ['cli/bin/mw.mjs', 'package', 'verify', good, '--received', RECEIVED_ON], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CONSISTENT, institution NOT AUTHENTICATED — package pkg-2026-0001');
    const hostile = spawnSync(process.execPath, ['cli/bin/mw.mjs', 'package', 'verify', file('spawned-bomb.zip', manyEntries(100_000, true))], { encoding: 'utf8', timeout: 60_000 });
    expect(hostile.status).toBe(2);
  });
});
