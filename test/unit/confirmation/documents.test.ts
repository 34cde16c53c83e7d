// The application (司法确认申请书) and the ruling (民事裁定书) as PDFs: every missing item listed
// before anything is rendered; the Chinese text extractable (pdftotext); the institution's and the
// court's signatures valid for pdfsig and for the package verifier; hand signatures drawn.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARTIES, demoHandSignature, shippedFonts } from '../../../cli/src/commands/demo-agreement';
import { examinePdfSignatures } from '../../../shared/agreement/pdf-signature/verify';
import { ApplicationIncompleteError, renderApplicationPdf, signApplicationPdf } from '../../../shared/confirmation/application/document';
import { applicationProblems, type ApplicationInput } from '../../../shared/confirmation/application/model';
import { renderRulingPdf, signRulingPdf } from '../../../shared/confirmation/court/ruling-document';
import type { Ruling } from '../../../shared/confirmation/court/ruling';
import { makeInstitution } from '../agreement/pdf-signature-fixtures';
import { NOW, sha256Hex, type Institution } from './package-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'mw-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasTool = (tool: string) => spawnSync(tool, ['-v'], { encoding: 'utf8' }).error === undefined;
const HAS_PDFSIG = hasTool('pdfsig');
const HAS_PDFTOTEXT = hasTool('pdftotext');
if (!HAS_PDFSIG || !HAS_PDFTOTEXT) console.warn('poppler-utils (pdfsig, pdftotext) is not installed: those checks of the application and ruling PDFs are skipped.');

function tool(name: string, args: (file: string) => string[], bytes: Uint8Array, file: string): string {
  const path = join(dir, file);
  writeFileSync(path, bytes);
  return spawnSync(name, args(path), { encoding: 'utf8' }).stdout;
}
const text = (bytes: Uint8Array, file: string) => tool('pdftotext', (p) => ['-layout', p, '-'], bytes, file).replace(/\s+/g, '');

const fonts = shippedFonts();
let institution: Institution;
let court: Institution;

beforeAll(async () => {
  institution = await makeInstitution('芜湖市镜湖区人民调解委员会');
  court = await makeInstitution('芜湖市镜湖区人民法院');
});

const input = (): ApplicationInput => ({
  caseNumber: '（2026）镜解字第00042号',
  parties: DEMO_PARTIES,
  serviceAddresses: { 'demo-applicant': '安徽省芜湖市镜湖区北京东路 8 号', 'demo-respondent': '安徽省芜湖市弋江区中山南路 1 号' },
  court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
  jurisdiction: { reason: 'mediation_organisation_seat', basis: '芜湖市镜湖区北京东路 1 号' },
  institution: { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007' },
  agreement: { number: '（2026）镜解字第00042号', effectiveOn: '2026-03-02', pdfSha256: 'a'.repeat(64) },
  undertakings: { voluntary: true, truthful: true, lawful: true, noHarmToOthers: true, awareOfConsequences: true },
  date: '2026-03-05',
});
const signatures = () => [demoHandSignature('demo-applicant', 'party', '张堃', NOW.toISOString(), 0), demoHandSignature('demo-respondent', 'party', '李喆', NOW.toISOString(), 1)];

describe('the application (司法确认申请书)', () => {
  it('lists every missing item', () => {
    expect(applicationProblems(input())).toEqual([]);
    const gaps = input();
    gaps.serviceAddresses = {};
    gaps.parties = [{ ...DEMO_PARTIES[0]!, phone: '' }, { ...DEMO_PARTIES[1]!, side: 'applicant' }];
    gaps.court.name = '';
    gaps.jurisdiction.basis = '';
    gaps.agreement.pdfSha256 = '';
    gaps.undertakings.lawful = false;
    gaps.date = '2026-04-15';
    expect(applicationProblems(gaps).map((p) => p.code)).toEqual([
      'application.joint',
      'application.service_address',
      'application.party_phone',
      'application.service_address',
      'application.court',
      'application.jurisdiction',
      'application.agreement_file',
      'application.undertaking',
      'application.late',
    ]);
  });

  it('refuses a final PDF without every signature, naming who has not signed', async () => {
    const error = await renderApplicationPdf(input(), signatures().slice(0, 1), fonts, { creationDate: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationIncompleteError);
    expect((error as ApplicationIncompleteError).problems.map((p) => p.message)).toEqual(['李喆 has not signed the application.']);
    // A draft preview renders whatever is there.
    expect((await renderApplicationPdf(input(), [], fonts, { creationDate: NOW, draft: true })).pages).toBeGreaterThan(0);
  });

  it('renders the Chinese text with both hand signatures, signed by the submitting institution', async () => {
    const rendered = await renderApplicationPdf(input(), signatures(), fonts, { creationDate: NOW });
    const signed = await signApplicationPdf(rendered.bytes, { name: '芜湖市镜湖区人民调解委员会', certificatePem: institution.certificatePem, chainPems: [], sign: institution.sign }, NOW);
    const [signature] = examinePdfSignatures(signed).signatures;
    expect(signature).toMatchObject({ problems: [], coversWholeFile: true, signerSubjectCommonName: '芜湖市镜湖区人民调解委员会', reason: '提交机构代为提交司法确认申请书' });
    // Each hand signature is drawn as vector strokes: the unsigned preview is smaller by their paths.
    const unsigned = await renderApplicationPdf(input(), [], fonts, { creationDate: NOW, draft: true });
    expect(rendered.bytes.length).toBeGreaterThan(unsigned.bytes.length);
    if (HAS_PDFTOTEXT) {
      const words = text(signed, 'application.pdf');
      for (const expected of ['司法确认申请书', '申请人：张堃', '送达地址：安徽省芜湖市镜湖区北京东路8号', '联系电话：13900139000', '请求事项', '有效。', '由调解组织所在地基层人民法院管辖', '自愿申请司法确认', '芜湖市镜湖区人民法院', '代为向人民法院提交', '第1页共']) {
        expect(words).toContain(expected);
      }
    }
    if (HAS_PDFSIG) expect(tool('pdfsig', (p) => [p], signed, 'application-sig.pdf')).toContain('Signature is Valid.');
  });
});

describe('the ruling (民事裁定书)', () => {
  const ruling = (over: Partial<Ruling> = {}): Ruling => ({
    court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
    docketNumber: '（2026）皖0202民特123号',
    applicants: [
      { name: '张堃', side: 'applicant', particulars: '居民身份证号码：340202********1231' },
      { name: '李喆', side: 'respondent', particulars: '居民身份证号码：340202********0028' },
    ],
    institutionName: '芜湖市镜湖区人民调解委员会',
    agreement: { number: '（2026）镜解字第00042号', signedOn: '2026-03-02', pdfSha256: sha256Hex(new Uint8Array([1])) },
    receivedOn: '2026-03-05',
    acceptedOn: '2026-03-06',
    decidedOn: '2026-03-12',
    outcome: 'confirmed',
    grounds: [],
    reasoning: '',
    judge: '陈静',
    clerk: '周洋',
    ...over,
  });
  const courtKey = () => ({ name: '芜湖市镜湖区人民法院', certificatePem: court.certificatePem, chainPems: [], sign: court.sign });

  it('confirms, in Chinese, signed by the court', async () => {
    const signed = await signRulingPdf((await renderRulingPdf(ruling(), fonts, { creationDate: NOW })).bytes, courtKey(), NOW);
    expect(examinePdfSignatures(signed).signatures[0]).toMatchObject({ problems: [], coversWholeFile: true, signerSubjectCommonName: '芜湖市镜湖区人民法院' });
    if (HAS_PDFTOTEXT) {
      const words = text(signed, 'ruling.pdf');
      for (const expected of ['民事裁定书', '（2026）皖0202民特123号', '裁定如下', '有效。', '可以向人民法院申请强制执行', '审判员陈静', '书记员周洋']) expect(words).toContain(expected);
    }
    if (HAS_PDFSIG) expect(tool('pdfsig', (p) => [p], signed, 'ruling-sig.pdf')).toContain('Signature is Valid.');
  });

  it('rejects with the grounds named, and refuses a rejection without grounds', async () => {
    const rendered = await renderRulingPdf(ruling({ outcome: 'rejected', grounds: ['not_voluntary', 'content_unclear'] }), fonts, { creationDate: NOW });
    if (HAS_PDFTOTEXT) {
      const words = text(rendered.bytes, 'rejected.pdf');
      expect(words).toContain('违反自愿原则；内容不明确，无法确认');
      expect(words).toContain('驳回申请人张堃、李喆的司法确认申请');
    }
    await expect(renderRulingPdf(ruling({ outcome: 'rejected' }), fonts, { creationDate: NOW })).rejects.toThrow('a rejection names at least one ground');
  });
});
