// The judicial-confirmation commands as a court's IT would run them: `mw demo` writes package.zip,
// which `mw package verify` accepts (exit 0) and which openssl cms -verify, sha256sum -c and pdfsig
// accept once unzipped; `mw intake` receives packages over HTTP, streamed, stored once by hash and
// answered alike; `mw receipt verify` accepts a court's receipt and names what is wrong with a
// tampered one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIntake } from '../../../cli/src/commands/intake';
import { runReceipt } from '../../../cli/src/commands/receipt';
import { UsageError, type Io } from '../../../cli/src/io';
import { startIntake } from '../../../cli/src/package/intake-server';
import { buildReceipt } from '../../../shared/confirmation/court/receipt';
import { makeInstitution } from '../agreement/pdf-signature-fixtures';

const root = mkdtempSync(join(tmpdir(), 'mw-confirmation-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const has = (tool: string, ...args: string[]) => spawnSync(tool, args, { encoding: 'utf8' }).error === undefined;

function mw(...args: string[]) {
  const run = spawnSync(process.execPath, ['cli/bin/mw.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

async function inProcess(run: (args: string[], io: Io) => Promise<number>, ...args: string[]) {
  let out = '';
  let err = '';
  try {
    const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, out, err: err + error.message };
  }
}

const demo = join(root, 'demo');
let packageZip: Uint8Array;

beforeAll(() => {
  const run = mw('demo', '--out', demo, '--json');
  expect(run.code, run.err).toBe(0);
  packageZip = new Uint8Array(readFileSync(join(demo, 'package.zip')));
}, 120_000);

// Each test starts `mw` children (seconds each on a loaded machine): their time is no verdict.
describe('mw demo → package.zip', { timeout: 180_000 }, () => {
  it('is accepted by mw package verify, openssl cms -verify, sha256sum -c and pdfsig', () => {
    const institution = join(demo, 'identity/institution.crt.pem');
    const extracted = join(root, 'extracted');
    const verified = mw('package', 'verify', join(demo, 'package.zip'), '--institution', institution, '--extract', extracted, '--json');
    expect(verified.code, verified.out + verified.err).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, failed: [], summary: { institution: { pinned: true } } });
    expect(readdirSync(join(extracted, 'identity'))).toHaveLength(2);
    expect(readdirSync(join(extracted, 'evidence')).sort()).toEqual(['借款合同.pdf', '微信聊天记录（补充说明）.txt', '银行转账回单.png']);

    if (has('sha256sum', '--version')) {
      const sums = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: extracted, encoding: 'utf8' });
      expect(sums.status, sums.stdout + sums.stderr).toBe(0);
      expect(sums.stdout).toContain('application.pdf: OK');
    } else console.warn('sha256sum is not installed: skipped.');
    if (has('openssl', 'version')) {
      const cms = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.p7s', '-content', 'manifest.json', '-CAfile', institution, '-purpose', 'any', '-out', '/dev/null'], { cwd: extracted, encoding: 'utf8' });
      expect(cms.stderr).toContain('Verification successful');
    } else console.warn('openssl is not installed: skipped.');
    if (has('pdfsig', '-v')) {
      const application = spawnSync('pdfsig', [join(extracted, 'application.pdf')], { encoding: 'utf8' }).stdout;
      expect(application.match(/Signature is Valid\./g)).toHaveLength(1);
      expect(spawnSync('pdfsig', [join(extracted, 'agreement.pdf')], { encoding: 'utf8' }).stdout.match(/Signature is Valid\./g)).toHaveLength(2);
      const text = spawnSync('pdftotext', [join(extracted, 'application.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
      expect(text).toContain('司法确认申请书');
      expect(text).toContain('申请人：李喆');
    } else console.warn('pdfsig is not installed: skipped.');
  });
});

describe('mw intake', () => {
  it('streams a package to disk, verifies it, and answers the same package twice the same, stored once', async () => {
    const dir = join(root, 'intake');
    const server = await startIntake(0, '127.0.0.1', { dir, maxBytes: 4 * 1024 * 1024 });
    try {
      const post = (body: Uint8Array) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: body as Uint8Array<ArrayBuffer> });
      const [first, second] = await Promise.all([post(packageZip), post(packageZip)]);
      const a = (await first.json()) as { packageSha256: string; verdict: string; problems: string[] };
      expect(first.status).toBe(200);
      expect(a).toMatchObject({ verdict: 'valid', problems: [] });
      expect(await second.json()).toEqual(a);
      expect(await (await post(packageZip)).json()).toEqual(a);
      expect(readdirSync(join(dir, 'packages')).sort()).toEqual([`${a.packageSha256}.json`, `${a.packageSha256}.zip`]);
      expect(readdirSync(join(dir, 'incoming'))).toEqual([]);

      const damaged = packageZip.slice();
      damaged[damaged.length - 30] = (damaged[damaged.length - 30] as number) ^ 0xff;
      const broken = (await (await post(damaged)).json()) as { verdict: string; problems: string[] };
      expect(broken.verdict).toBe('unusable');
      expect(broken.problems[0]).toMatch(/zip|entry|directory/);
      const changed = packageZip.slice();
      const at = Buffer.from(changed).indexOf('借款合同.pdf') + 200;
      changed[at] = (changed[at] as number) ^ 0x01;
      const invalid = (await (await post(changed)).json()) as { verdict: string; problems: string[] };
      expect(invalid.verdict).not.toBe('valid');

      const tooBig = await post(new Uint8Array(5 * 1024 * 1024));
      expect(tooBig.status).toBe(413);
      expect((await fetch(server.url)).status).toBe(405);
      expect((await fetch(server.url.replace('/intake', '/other'), { method: 'POST', body: 'x' })).status).toBe(404);
      expect(readdirSync(join(dir, 'incoming'))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('runs as a command until stopped, and says what is wrong with its options', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let out = '';
    const running = runIntake(['--port', '0', '--dir', join(root, 'intake-cmd'), '--json'], { out: (s) => (out += s), err: () => undefined }, stopped);
    for (let i = 0; i < 50 && out === ''; i++) await new Promise((r) => setTimeout(r, 20));
    const { listening } = JSON.parse(out) as { listening: string };
    expect(listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/intake$/);
    expect((await (await fetch(listening, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: packageZip as Uint8Array<ArrayBuffer> })).json()) as object).toMatchObject({ verdict: 'valid' });
    stop();
    expect(await running).toBe(0);
    expect((await inProcess(runIntake, '--dir', root)).code).toBe(2);
    expect((await inProcess(runIntake, '--port', '0')).err).toContain('--dir D');
  });
});

describe('mw receipt verify', () => {
  it('exits 0 for the court’s receipt, 1 naming a tampered one, 2 for unusable input', async () => {
    const court = await makeInstitution('芜湖市镜湖区人民法院');
    const stranger = await makeInstitution('芜湖市镜湖区人民法院');
    const now = new Date();
    const sha = spawnSync('sha256sum', [join(demo, 'package.zip')], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '';
    const input = {
      packageId: 'demo-3f2b8c1e-1',
      packageSha256: sha,
      caseId: '3f2b8c1e-5d4a-4e7b-9a61-2c8d0e5f7a19',
      court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
      docketNumber: '（2026）皖0202民特123号',
      ruling: { outcome: 'confirmed' as const, grounds: [], decidedOn: '2026-03-12', pdfSha256: 'b'.repeat(64) },
    };
    const dir = join(root, 'receipt');
    mkdirSync(dir);
    const write = (name: string, bytes: Uint8Array | string) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    const good = await buildReceipt(input, { certificatePem: court.certificatePem, chainPems: [], sign: court.sign }, now);
    const json = write('receipt.json', good.json);
    const p7s = write('receipt.p7s', good.p7s);
    const courtPem = write('court.pem', court.certificatePem);
    const ok = await inProcess(runReceipt, 'verify', json, '--p7s', p7s, '--court', courtPem, '--package', join(demo, 'package.zip'));
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('CONSISTENT, ruling PDF not checked (pass --ruling FILE.pdf) — 芜湖市镜湖区人民法院 （2026）皖0202民特123号: 确认有效 (confirmed)');
    const asJson = await inProcess(runReceipt, 'verify', json, '--p7s', p7s, '--json');
    expect(JSON.parse(asJson.out)).toMatchObject({ ok: true, authenticated: null, packageChecked: false });

    const flipped = write('flipped.json', new TextDecoder().decode(good.json).replace('"outcome":"confirmed"', '"outcome":"rejected"').replace('"grounds":[]', '"grounds":["not_voluntary"]'));
    const tampered = await inProcess(runReceipt, 'verify', flipped, '--p7s', p7s, '--court', courtPem);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain('receipt.signature');
    expect(tampered.err).toContain('receipt.json was changed after it was signed');

    const otherPackage = await inProcess(runReceipt, 'verify', json, '--p7s', p7s, '--package-sha256', 'c'.repeat(64));
    expect(otherPackage.code).toBe(1);
    expect(otherPackage.err).toContain('receipt.package_mismatch');

    const impostor = await buildReceipt(input, { certificatePem: stranger.certificatePem, chainPems: [], sign: stranger.sign }, now);
    const unknown = await inProcess(runReceipt, 'verify', write('impostor.json', impostor.json), '--p7s', write('impostor.p7s', impostor.p7s), '--court', courtPem);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('receipt.unknown_signer');

    expect((await inProcess(runReceipt, 'verify', json)).code).toBe(2);
    expect((await inProcess(runReceipt, 'verify', join(dir, 'missing.json'), '--p7s', p7s)).code).toBe(2);
    expect((await inProcess(runReceipt, 'frobnicate')).code).toBe(2);
  });
});
