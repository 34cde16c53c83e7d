// `mw ledger verify` as a user runs it, on an export written with the app's code: valid as
// exported (folder and zip), exit 1 naming the entry once a file or an entry is changed, exit 2
// for something that is not a ledger export.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_FROM_ENTRIES } from '../../../cli/src/ledger-worker/examine';
import { ledgerExportFiles } from '../../../shared/ledger/export';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../../../shared/ledger/hash';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { makeIdentity } from '../ledger/identity';

const root = mkdtempSync(join(tmpdir(), 'mw-ledger-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function mw(...args: string[]) {
  const run = spawnSync(process.execPath, ['cli/bin/mw.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function writeFolder(dir: string, files: Map<string, Uint8Array>): void {
  for (const [name, bytes] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
}

let exported: Map<string, Uint8Array>;
let evidence: Map<string, Uint8Array>;
beforeAll(async () => {
  const identity = makeIdentity();
  const ledger = new CaseLedger('7d3c9e2a-0000-4000-8000-000000000001');
  evidence = new Map();
  const items = [
    ['借款合同.pdf', 'application/pdf', 'applicant'],
    ['银行转账回单.png', 'image/png', 'applicant'],
    ['微信聊天记录.jpg', 'image/jpeg', 'respondent'],
  ] as const;
  for (const [i, [title, mediaType, side]] of items.entries()) {
    const bytes = utf8ToBytes(`${title} — 第 ${i + 1} 份证据 `.repeat(50));
    const hash = bytesToHex(sha256Bytes(bytes));
    evidence.set(hash, bytes);
    ledger.append({
      action: 'add',
      refersTo: null,
      kind: 'file',
      title,
      mediaType,
      size: bytes.length,
      contentSha256: hash,
      author: { id: 'u1', name: '王芳' },
      submittedBy: side,
      shownToOtherParty: true,
      createdAt: new Date(Date.UTC(2026, 10, 2, 2, i)).toISOString(),
    });
  }
  await ledger.checkpoint(identity.signer, new Date('2026-11-02T03:00:00Z'));
  exported = ledgerExportFiles(ledger, identity.certificatePem, new Date('2026-11-02T03:05:00Z'), evidence);
});

// Each test starts `mw` children (seconds each on a loaded machine): their time is no verdict.
describe('mw ledger verify', { timeout: 180_000 }, () => {
  it('accepts an intact export as a folder and as a zip, in text and JSON', () => {
    const dir = join(root, 'intact');
    writeFolder(dir, exported);
    const text = mw('ledger', 'verify', dir);
    expect(text.err).toBe('');
    expect(text.code).toBe(0);
    expect(text.out).toContain('VALID');
    expect(text.out).toContain('files checked: 3');

    const zip = join(root, 'intact.zip');
    writeFileSync(zip, zipSync(Object.fromEntries(exported)));
    const asJson = mw('ledger', 'verify', zip, '--json');
    expect(asJson.code).toBe(0);
    const report = JSON.parse(asJson.out) as { ok: boolean; entries: { file: string; coveredBy: number }[] };
    expect(report.ok).toBe(true);
    expect(report.entries.map((e) => [e.file, e.coveredBy])).toEqual([
      ['ok', 3],
      ['ok', 3],
      ['ok', 3],
    ]);
  });

  it('names the entry whose file or record was changed, and exits 1', () => {
    const dir = join(root, 'file-changed');
    writeFolder(dir, exported);
    const victim = [...evidence.keys()][1] as string;
    const path = join(dir, 'files', victim);
    const bytes = readFileSync(path);
    bytes[10] = (bytes[10] as number) ^ 1;
    writeFileSync(path, bytes);
    const run = mw('ledger', 'verify', dir);
    expect(run.code).toBe(1);
    expect(run.err).toContain('first problem at entry 1');
    expect(run.err).toContain('银行转账回单.png');

    const edited = join(root, 'entry-changed');
    writeFolder(edited, exported);
    const entriesPath = join(edited, 'entries.json');
    writeFileSync(entriesPath, readFileSync(entriesPath, 'utf8').replace('微信聊天记录.jpg', '微信聊天记录（截取）.jpg'));
    const second = mw('ledger', 'verify', edited, '--json');
    expect(second.code).toBe(1);
    expect((JSON.parse(second.out) as { firstProblem: { seq: number } }).firstProblem.seq).toBe(2);
  });

  it('verifies a large export, a worker thread started beside the main thread, and names an entry changed near its end', async () => {
    const entries = WORKER_FROM_ENTRIES + 1000;
    const identity = makeIdentity();
    const ledger = new CaseLedger('7d3c9e2a-0000-4000-8000-000000000002');
    for (let i = 0; i < entries; i++) {
      ledger.append({
        action: 'add',
        refersTo: null,
        kind: 'note',
        title: `笔录 ${i}`,
        mediaType: 'text/plain',
        size: i,
        contentSha256: bytesToHex(sha256Bytes(utf8ToBytes(`笔录 ${i}`))),
        author: { id: 'u1', name: '王芳' },
        submittedBy: null,
        shownToOtherParty: false,
        createdAt: new Date(Date.UTC(2026, 10, 2, 2, 0, i)).toISOString(),
      });
    }
    await ledger.checkpoint(identity.signer, new Date('2026-11-03T03:00:00Z'));
    const dir = join(root, 'large');
    writeFolder(dir, ledgerExportFiles(ledger, identity.certificatePem, new Date('2026-11-03T03:05:00Z')));
    const intact = mw('ledger', 'verify', dir);
    expect(intact.err).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.out).toContain(`${entries} entries`);

    const victim = entries - 5;
    const entriesPath = join(dir, 'entries.json');
    writeFileSync(entriesPath, readFileSync(entriesPath, 'utf8').replace(`笔录 ${victim}"`, `笔录 ${victim}（改）"`));
    const changed = mw('ledger', 'verify', dir);
    expect(changed.code).toBe(1);
    expect(changed.err).toContain(`first problem at entry ${victim}:`);
  }, 120_000);

  it('exits 2 for input that is not a ledger export', () => {
    const dir = join(root, 'incomplete');
    writeFolder(dir, new Map([...exported].filter(([name]) => name !== 'entries.json')));
    const missing = mw('ledger', 'verify', dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('entries.json is missing');
    expect(mw('ledger', 'verify', join(root, 'nowhere')).code).toBe(2);
    const junk = join(root, 'junk.zip');
    writeFileSync(junk, 'not a zip at all');
    expect(mw('ledger', 'verify', junk).code).toBe(2);
    expect(mw('ledger', 'frobnicate').code).toBe(2);
    // Five runs of the CLI, each compiled by tsx: slow on a busy machine.
  }, 120_000);
});

// Each test starts `mw` children (seconds each on a loaded machine): their time is no verdict.
describe('mw demo', { timeout: 180_000 }, () => {
  it('writes an identity that opens with its passphrase and a ledger that verifies', () => {
    const out = join(root, 'demo');
    const run = mw('demo', '--out', out, '--passphrase', 'demo-passphrase-2026', '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out) as { entries: number; keyId: string; passphrase?: string };
    expect(summary.entries).toBeGreaterThanOrEqual(5);
    expect(summary.passphrase).toBeUndefined();

    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(readFileSync(join(out, 'identity/institution.p12')))), 'demo-passphrase-2026');
    const keyBags = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag as string })[forge.pki.oids.pkcs8ShroudedKeyBag as string] ?? [];
    expect(keyBags).toHaveLength(1);
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(readFileSync(join(out, 'identity/institution.p12')))), 'wrong')).toThrow();

    // The demo's ledger is covered whole by its signed checkpoint, and pinned to its institution.
    const verified = mw('ledger', 'verify', join(out, 'ledger'), '--institution', join(out, 'identity/institution.crt.pem'), '--json');
    expect(verified.code, verified.err).toBe(0);
    const report = JSON.parse(verified.out) as { ok: boolean; pinned: boolean; awaitingCheckpoint: number; entries: { file: string }[]; signer: { subject: string } };
    expect(report).toMatchObject({ ok: true, pinned: true, awaitingCheckpoint: 0 });
    expect(report.signer.subject).toContain('人民调解委员会');
    expect(report.entries.every((e) => e.file === 'ok')).toBe(true);

    // The signed agreement: pdfsig validates both signatures; mw agreement verify accepts it with
    // the institution pinned, names the chain, and refuses it once a byte changes.
    const agreement = join(out, 'agreement.pdf');
    const institution = join(out, 'identity/institution.crt.pem');
    const agreed = mw('agreement', 'verify', agreement, '--institution', institution, '--json');
    expect(agreed.code, agreed.out + agreed.err).toBe(0);
    expect(JSON.parse(agreed.out)).toMatchObject({ ok: true, chainValid: true, institutionPinned: true, nothingAfterLastSignature: true });
    const text = spawnSync('pdftotext', [agreement, '-'], { encoding: 'utf8' });
    if (text.status === 0) {
      expect(text.stdout.replace(/\s+/g, '')).toContain('申请人：张堃');
      const pdfsig = spawnSync('pdfsig', [agreement], { encoding: 'utf8' }).stdout;
      expect(pdfsig.match(/Signature is Valid\./g)).toHaveLength(2);
      expect(pdfsig).toContain('Total document signed');
      // With the institution's certificate trusted (as a court would, after comparing its
      // fingerprint), NSS follows the chain and trusts both signers.
      if (spawnSync('certutil', ['-H'], { encoding: 'utf8' }).error === undefined) {
        const nss = join(root, 'nssdb');
        mkdirSync(nss);
        expect(spawnSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']).status).toBe(0);
        expect(spawnSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'institution', '-t', 'CT,C,C', '-i', institution]).status).toBe(0);
        const trusted = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, agreement], { encoding: 'utf8' }).stdout;
        expect(trusted.match(/Certificate is Trusted\./g)).toHaveLength(2);
      }
    }
    expect(report.entries.length).toBe(summary.entries);
    const bytes = readFileSync(agreement);
    bytes[2000] = (bytes[2000] as number) ^ 0x01;
    writeFileSync(join(root, 'changed.pdf'), bytes);
    expect(mw('agreement', 'verify', join(root, 'changed.pdf')).code).toBe(1);

    expect(mw('demo', '--out', out).code).toBe(2);
  }, 120_000);
});
