// The court side in shared/: its clock, its case numbers, the signed receipt and 补正 request (each
// refused with a named reason when tampered with or signed by someone else), and a new package
// version naming the one it supersedes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPdfSignature } from '../../../shared/agreement/pdf-signature/sign';
import { acceptOn, courtClock, courtToday, extendDecision, type CourtRecord } from '../../../shared/confirmation/court/court-clock';
import { docketNumberSchema, formatDocketNumber, nextDocketNumber, parseDocketNumber } from '../../../shared/confirmation/court/docket-number';
import { buildReceipt, verifyReceipt, type ReceiptInput } from '../../../shared/confirmation/court/receipt';
import { buildSupplementRequest, verifySupplementRequest } from '../../../shared/confirmation/court/supplement';
import { memoryPackageReader, verifyPackage } from '../../../shared/confirmation/verify';
import { utf8ToBytes } from '../../../shared/ledger/hash';
import { makeInstitution, makePdf } from '../agreement/pdf-signature-fixtures';
import { buildZip, makeFixture, NOW, RECEIVED_ON, sha256Hex, unzipped, type Fixture, type Institution } from './package-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'mw-court-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const has = (tool: string) => spawnSync(tool, ['version'], { encoding: 'utf8' }).error === undefined;

describe('the court clock', () => {
  const received: CourtRecord = { receivedOn: '2026-03-10', acceptedOn: null, refusedOn: null, extended: false, decidedOn: null };

  it('gives 3 days to accept, then 15 to decide, extendable once by 10', () => {
    expect(courtClock(received, '2026-03-12')).toMatchObject({ stage: 'awaiting_acceptance', acceptBy: '2026-03-13', runningDeadline: '2026-03-13', daysLeft: 1, state: 'warning', problems: [] });
    expect(courtClock(received, '2026-03-14')).toMatchObject({ state: 'overdue', daysLeft: -1 });
    const accepted = acceptOn(received, '2026-03-12');
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(courtClock(accepted.record, '2026-03-20')).toMatchObject({ stage: 'awaiting_decision', decideBy: '2026-03-27', daysLeft: 7, state: 'ok', mayExtend: true });
    const extended = extendDecision(accepted.record, '2026-03-26');
    if (!extended.ok) throw new Error(extended.reason);
    expect(courtClock(extended.record, '2026-03-26')).toMatchObject({ decideBy: '2026-04-06', mayExtend: false });
    expect(extendDecision(extended.record, '2026-03-27')).toEqual({ ok: false, reason: 'The decision period may be extended only once.' });
    expect(extendDecision(accepted.record, '2026-03-28')).toMatchObject({ ok: false, reason: expect.stringContaining('can no longer be extended') });
    expect(courtClock({ ...extended.record, decidedOn: '2026-04-01' }, '2026-04-02')).toMatchObject({ stage: 'decided', runningDeadline: null, state: 'none', problems: [] });
  });

  it('names steps taken late or out of order, and counts days in Asia/Shanghai', () => {
    expect(courtClock({ ...received, acceptedOn: '2026-03-15' }, '2026-03-15').problems).toEqual(['Accepted or refused on 2026-03-15, after the 3-day limit of 2026-03-13.']);
    expect(courtClock({ ...received, acceptedOn: '2026-03-11', decidedOn: '2026-03-30' }, '2026-03-30').problems).toEqual(['Decided on 2026-03-30, after the limit of 2026-03-26.']);
    expect(courtClock({ ...received, decidedOn: '2026-03-11' }, '2026-03-11').problems).toContain('A ruling is recorded, but the application was never accepted.');
    expect(acceptOn(received, '2026-03-09')).toMatchObject({ ok: false });
    // 23:30 on 10 March in UTC is already 11 March in Wuhu.
    expect(courtToday(new Date('2026-03-10T23:30:00Z'))).toBe('2026-03-11');
  });
});

describe('court case numbers', () => {
  it('formats, parses and continues the sequence, with the court code configurable', () => {
    expect(formatDocketNumber({ year: 2026, courtCode: '皖0202', caseType: '民特', sequence: 123 })).toBe('（2026）皖0202民特123号');
    expect(parseDocketNumber('（2026）皖0202民特123号')).toEqual({ year: 2026, courtCode: '皖0202', caseType: '民特', sequence: 123 });
    expect(parseDocketNumber('(2026)皖02民特确7号')).toEqual({ year: 2026, courtCode: '皖02', caseType: '民特确', sequence: 7 });
    for (const bad of ['（2026）皖0202民特0号', '（26）皖0202民特1号', '（2026）0202民特1号', '（2026）皖0202民特12号 ', '（2026）皖020民特1号', '2026皖0202民特1号']) {
      expect(parseDocketNumber(bad.trimEnd() === bad ? bad : `${bad}x`), bad).toBeNull();
    }
    const settings = { courtCode: '皖0202', caseType: '民特' };
    expect(nextDocketNumber(['（2026）皖0202民特41号', '（2026）皖0202民特9号', '（2025）皖0202民特99号', '（2026）皖0203民特77号'], settings, 2026)).toBe('（2026）皖0202民特42号');
    expect(nextDocketNumber([], { courtCode: '沪0101', caseType: '民特' }, 2027)).toBe('（2027）沪0101民特1号');
    expect(docketNumberSchema.safeParse('(2026)皖0202民特1号').success).toBe(false); // only the canonical form is stored
    expect(() => formatDocketNumber({ year: 2026, courtCode: 'AB12', caseType: '民特', sequence: 1 })).toThrow('court code');
  });
});

let fixture: Fixture;
let court: Institution;
let stranger: Institution;
let packageZip: Uint8Array;
let rulingPdf: Uint8Array;
let receiptInput: ReceiptInput;

beforeAll(async () => {
  fixture = await makeFixture();
  court = await makeInstitution('芜湖市镜湖区人民法院');
  stranger = await makeInstitution('芜湖市镜湖区人民法院'); // same name, another key: an impostor
  packageZip = (await buildZip(fixture)).zip;
  rulingPdf = await addPdfSignature(await makePdf(), { certificatePem: court.certificatePem, chainPems: [], sign: court.sign }, { name: '芜湖市镜湖区人民法院', reason: '民事裁定书', signingTime: NOW });
  receiptInput = {
    packageId: 'pkg-2026-0001',
    packageSha256: sha256Hex(packageZip),
    caseId: fixture.manifestInput.case.caseId,
    court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
    docketNumber: '（2026）皖0202民特123号',
    ruling: { outcome: 'confirmed', grounds: [], decidedOn: '2026-03-12', pdfSha256: sha256Hex(rulingPdf) },
  };
});

const signer = (who: Institution) => ({ certificatePem: who.certificatePem, chainPems: [], sign: who.sign });
const codes = (report: { problems: { code: string }[] }) => report.problems.map((p) => p.code);

describe('the receipt', () => {
  it('verifies with its package, ruling PDF and the trusted court certificate; openssl cms -verify accepts it', async () => {
    const { json, p7s } = await buildReceipt(receiptInput, signer(court), NOW);
    const report = verifyReceipt(json, p7s, rulingPdf, { packageSha256: sha256Hex(packageZip), trustedCourtPems: [court.certificatePem] });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, authenticated: true, signerName: '芜湖市镜湖区人民法院', receipt: { ruling: { outcome: 'confirmed' }, issuedAt: NOW.toISOString() } });
    expect(verifyReceipt(json, p7s, null, { packageSha256: sha256Hex(packageZip) })).toMatchObject({ ok: true, authenticated: null });
    if (!has('openssl')) {
      console.warn('openssl is not installed: the check of receipt.p7s with openssl cms -verify is skipped.');
      return;
    }
    writeFileSync(join(dir, 'receipt.json'), json);
    writeFileSync(join(dir, 'receipt.p7s'), p7s);
    writeFileSync(join(dir, 'court.pem'), court.certificatePem);
    const run = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'receipt.p7s', '-content', 'receipt.json', '-CAfile', 'court.pem', '-purpose', 'any', '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toContain('Verification successful');
  });

  it('refuses a changed outcome, another package, an unknown signer and a swapped ruling PDF, naming each', async () => {
    const { json, p7s } = await buildReceipt(receiptInput, signer(court), NOW);
    const expected = { packageSha256: sha256Hex(packageZip), trustedCourtPems: [court.certificatePem] };
    const flipped = utf8ToBytes(new TextDecoder().decode(json).replace('"outcome":"confirmed"', '"outcome":"rejected"').replace('"grounds":[]', '"grounds":["not_voluntary"]'));
    const changed = verifyReceipt(flipped, p7s, null, expected);
    expect(codes(changed)).toEqual(['receipt.signature']);
    expect(changed.problems[0]?.message).toContain('receipt.json was changed after it was signed (message digest mismatch)');

    const other = verifyReceipt(json, p7s, null, { ...expected, packageSha256: '0'.repeat(64) });
    expect(codes(other)).toEqual(['receipt.package_mismatch']);

    const impostor = await buildReceipt(receiptInput, signer(stranger), NOW);
    const unknown = verifyReceipt(impostor.json, impostor.p7s, null, expected);
    expect(codes(unknown)).toEqual(['receipt.unknown_signer']);
    expect(unknown.problems[0]?.message).toContain('not the trusted court certificate nor issued by it');

    const notTheCourt = await buildReceipt(receiptInput, signer(fixture.institution), NOW);
    expect(codes(verifyReceipt(notTheCourt.json, notTheCourt.p7s, null, { packageSha256: expected.packageSha256 }))).toEqual(['receipt.signer_not_court']);

    const otherPdf = await makePdf();
    expect(codes(verifyReceipt(json, p7s, otherPdf, expected))).toEqual(['receipt.ruling_pdf_mismatch', 'receipt.ruling_pdf_unsigned']);
    const rewritten = utf8ToBytes(JSON.stringify(JSON.parse(new TextDecoder().decode(json)), null, 2));
    expect(codes(verifyReceipt(rewritten, p7s, null, expected))).toEqual(['receipt.not_canonical', 'receipt.signature']);
    expect(codes(verifyReceipt(utf8ToBytes('{'), p7s, null, expected))).toEqual(['receipt.not_json', 'receipt.signature']);
  });

  it('will not build a rejection without grounds, or a confirmation with them', async () => {
    await expect(buildReceipt({ ...receiptInput, ruling: { ...receiptInput.ruling, outcome: 'rejected' } }, signer(court), NOW)).rejects.toThrow('a rejection, and only a rejection, names its grounds');
  });
});

describe('补正 and a superseding package', () => {
  it('signs a request listing what is missing; the new version names the package it supersedes', async () => {
    const packageSha256 = sha256Hex(packageZip);
    const { json, p7s, value } = await buildSupplementRequest(
      { packageId: 'pkg-2026-0001', packageSha256, caseId: fixture.manifestInput.case.caseId, court: { name: '芜湖市镜湖区人民法院', code: '皖0202' }, docketNumber: null, missing: [{ item: 'authority', detail: '代理人赵律师的授权委托书未经委托人签名。' }], dueOn: '2026-03-20' },
      signer(court),
      NOW,
    );
    expect(value.format).toBe('mw-confirmation-supplement/1');
    expect(verifySupplementRequest(json, p7s, { packageSha256, trustedCourtPems: [court.certificatePem] })).toMatchObject({ ok: true, authenticated: true, request: { missing: [{ item: 'authority' }] } });
    expect(codes(verifySupplementRequest(json, p7s, { packageSha256: 'f'.repeat(64), trustedCourtPems: [stranger.certificatePem] }))).toEqual(['supplement.unknown_signer', 'supplement.package_mismatch']);

    const v2 = await buildZip({ ...fixture, manifestInput: { ...fixture.manifestInput, packageId: 'pkg-2026-0001-v2', supersedes: { packageId: 'pkg-2026-0001', packageSha256 } } });
    expect(v2.built.manifest.supersedes).toEqual({ packageId: 'pkg-2026-0001', packageSha256 });
    const report = await verifyPackage(memoryPackageReader(await unzipped(v2.zip)), { receivedOn: RECEIVED_ON });
    expect(report.failed).toEqual([]);
    expect(report.summary?.supersedes).toEqual({ packageId: 'pkg-2026-0001', packageSha256 });
    await expect(buildZip({ ...fixture, manifestInput: { ...fixture.manifestInput, supersedes: { packageId: 'pkg-2026-0001', packageSha256 } } })).rejects.toThrow('a package cannot supersede itself');
    // A package from before supersedes existed still verifies.
    expect((await verifyPackage(memoryPackageReader(await unzipped(packageZip)), { receivedOn: RECEIVED_ON })).summary?.supersedes).toBeNull();
  });
});
