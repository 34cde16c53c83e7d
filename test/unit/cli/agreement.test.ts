// `mw agreement verify` on agreements signed with the app's code: exit 0 for an intact one (text
// and JSON, pinned or not), 1 naming the failed check, 2 for input it cannot use.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/src/main';
import type { Io } from '../../../cli/src/io';
import { addPdfSignature } from '../../../shared/agreement/pdf-signature/sign';
import type { AgreementSignatureReport } from '../../../shared/agreement/pdf-signature/verify';
import { makeInstitution, makeMediator, makePdf, signingKey } from '../agreement/pdf-signature-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'mw-agreement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function mw(...args: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s) };
  const code = await main(['agreement', ...args], io);
  return { code, out, err };
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

let good: string;
let institutionPem: string;
let otherPem: string;
let signed: Uint8Array;

beforeAll(async () => {
  const institution = await makeInstitution();
  const mediator = await makeMediator(institution);
  const once = await addPdfSignature(await makePdf(), signingKey(mediator, [institution]), { name: '王芳', reason: '调解员签名', signingTime: new Date('2026-03-02T02:00:00Z') });
  signed = await addPdfSignature(once, signingKey(institution), { name: '芜湖市镜湖区人民调解委员会', reason: '人民调解委员会印章', signingTime: new Date('2026-03-02T02:10:00Z') });
  good = file('agreement.pdf', signed);
  institutionPem = file('institution.pem', institution.certificatePem);
  otherPem = file('other.pem', (await makeInstitution('另一个调解委员会')).certificatePem);
});

describe('mw agreement verify', () => {
  it('exits 0 for an intact agreement, in JSON and in text', async () => {
    const asJson = await mw('verify', good, '--json', '--institution', institutionPem);
    expect(asJson.err).toBe('');
    expect(asJson.code).toBe(0);
    const report = JSON.parse(asJson.out) as AgreementSignatureReport & { path: string };
    expect(report).toMatchObject({ path: good, ok: true, chainValid: true, institutionPinned: true, nothingAfterLastSignature: true });
    expect(report.signatures.map((s) => s.signerSubjectCommonName)).toEqual(['王芳', '芜湖市镜湖区人民调解委员会']);

    const text = await mw('verify', good);
    expect(text.code).toBe(0);
    expect(text.out).toContain('VALID — signed by the mediator 王芳, then by the institution 芜湖市镜湖区人民调解委员会');
    expect(text.out).toContain('signature 1 (mediator): 王芳');
    expect(text.out).toContain("chain: the mediator's certificate issued by the institution's — ok");
    expect(text.out).toContain('not checked against a trusted certificate');
  });

  it('exits 1 naming the check that failed', async () => {
    const tampered = signed.slice();
    tampered[400] = (tampered[400] as number) ^ 0x01;
    const changed = await mw('verify', file('tampered.pdf', tampered), '--json');
    expect(changed.code).toBe(1);
    const report = JSON.parse(changed.out) as AgreementSignatureReport;
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(['pdfsig.digest_mismatch', 'pdfsig.digest_mismatch']);

    const appended = await mw('verify', file('appended.pdf', new Uint8Array([...signed, 0x0a, 0x25])));
    expect(appended.code).toBe(1);
    expect(appended.err).toContain('NOT VALID — The file was changed after the last signature');

    const wrongPin = await mw('verify', good, '--institution', otherPem);
    expect(wrongPin.code).toBe(1);
    expect(wrongPin.err).toContain(`does NOT match the trusted certificate in ${otherPem}`);

    const unsigned = await mw('verify', file('unsigned.pdf', await makePdf()), '--json');
    expect(unsigned.code).toBe(1);
    expect(JSON.parse(unsigned.out).problems[0].code).toBe('agreement.no_signature');
  });

  it('exits 2 for input it cannot use', async () => {
    const missing = await mw('verify', join(dir, 'nothing-here.pdf'), '--json');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('does not exist');
    const notPdf = await mw('verify', file('notes.txt', 'not a pdf at all'), '--json');
    expect(notPdf.code).toBe(2);
    expect(notPdf.err).toContain('is not a PDF file');
    expect((await mw('verify', dir)).code).toBe(2);
    expect((await mw('verify')).code).toBe(2);
    expect((await mw('verify', good, '--institution', file('bad.pem', 'no certificate'))).code).toBe(2);
    expect((await mw('sign', good)).code).toBe(2);
  });

  it('runs as the installed command', () => {
    const run = spawnSync(process.execPath, ['cli/bin/mw.mjs', 'agreement', 'verify', good, '--institution', institutionPem], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`institution: matches the trusted certificate in ${institutionPem}`);
    const help = spawnSync(process.execPath, ['cli/bin/mw.mjs', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.stdout).toContain('agreement verify FILE [--json]');
  });
});
