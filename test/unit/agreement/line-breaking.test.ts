// Chinese line breaking in the printed documents, as a reader of the PDF sees it (pdftotext, line by
// line): the agreement, the application and the ruling, over many generated amounts, names, ID
// numbers, phone numbers, case numbers and addresses. Never a break inside a run of digits, an
// amount (¥20,000.00, 20,000.00元), an identifier or a Latin word; no line starts with a closing
// mark or ends with an opening one (W3C clreq, GB/T 15834 practice); no last page holding a single
// line of the text.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fenToFigures } from '../../../shared/agreement/amount-words';
import type { Term } from '../../../shared/agreement/model';
import { renderAgreementPdf } from '../../../shared/agreement/pdf/render';
import { renderApplicationPdf } from '../../../shared/confirmation/application/document';
import type { ApplicationInput } from '../../../shared/confirmation/application/model';
import { renderRulingPdf } from '../../../shared/confirmation/court/ruling-document';
import type { Ruling } from '../../../shared/confirmation/court/ruling';
import type { Party } from '../../../shared/domain/model';
import { content, documentInput, FONTS } from './agreement-fixtures';

const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const dir = mkdtempSync(join(tmpdir(), 'mw-line-breaking-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { creationDate: new Date('2026-11-23T02:00:00Z') };

const CLOSING = new Set([...'，。、；：？！）》」』】〕〉”’…']);
const OPENING = new Set([...'（《「『【〔〈“‘']);

/** The pages of a PDF as pdftotext reads them, each a list of lines without the page number. */
function pagesOf(bytes: Uint8Array, name: string): string[][] {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const run = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout
    .split('\f')
    .map((page) =>
      page
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !/^第\s*\d+\s*页\s*共\s*\d+\s*页$/.test(line) && !line.startsWith('草稿')),
    )
    .filter((page, i, all) => page.length > 0 || i < all.length - 1);
}

const squeeze = (text: string) => text.replace(/\s+/g, '');
const occurrences = (text: string, token: string) => text.split(token).length - 1;

/**
 * What is wrong with the lines of a document: a closing mark starting a line, an opening mark ending
 * one, a break between two digits (unless inside a run too long for any line, such as a
 * SHA-256), a protected token split across lines.
 */
function breakingFaults(pages: string[][], tokens: readonly string[]): string[] {
  const faults: string[] = [];
  const lines = pages.flat();
  const squeezed = lines.map(squeeze);
  squeezed.forEach((line, i) => {
    if (CLOSING.has(line[0] as string)) faults.push(`line starts with a closing mark: "${lines[i]}"`);
    if (OPENING.has(line.at(-1) as string)) faults.push(`line ends with an opening mark: "${lines[i]}"`);
    const next = squeezed[i + 1];
    if (next === undefined) return;
    // Letters may break at a space between words (pdftotext drops it), so only digits are checked
    // here; the words themselves are among the tokens.
    const tail = /[0-9A-Za-z¥,.]+$/.exec(line)?.[0] ?? '';
    const head = /^[0-9A-Za-z,.%]+/.exec(next)?.[0] ?? '';
    if (/[0-9][,.]?$/.test(tail) && /^[,.]?[0-9]/.test(head) && tail.length + head.length < 40) faults.push(`break inside "${tail}|${head}"`);
  });
  const whole = squeezed.join('');
  for (const token of new Set(tokens.map(squeeze))) {
    const unbroken = squeezed.reduce((n, line) => n + occurrences(line, token), 0);
    if (unbroken !== occurrences(whole, token)) faults.push(`"${token}" broken across lines`);
  }
  return faults;
}

const GIVEN = [...'王张李刘陈杨赵黄周吴'];
const RARE = [...'堃喆䶮淼犇鑫垚昇玥珺'];
const chineseName = fc
  .tuple(fc.constantFrom(...GIVEN, '欧阳', '司马'), fc.array(fc.constantFrom(...RARE, ...'伟芳娜秀英敏静丽强磊'), { minLength: 1, maxLength: 3 }))
  .map(([family, given]) => family + given.join(''));
const latinName = fc.tuple(fc.constantFrom('Anne-Marie', 'Jean', 'Oluwaseun', 'Maximilian', 'Li'), fc.constantFrom('Smith', 'Lefebvre', 'Adeyemi', 'Schwarzenberger', 'Wang')).map(([a, b]) => `${a} ${b}`);
const name = fc.oneof({ weight: 4, arbitrary: chineseName }, { weight: 1, arbitrary: latinName });
const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const idNumber = fc.tuple(digits(17), fc.constantFrom('0', '5', '9', 'X')).map(([d, c]) => d + c);
const phone = fc.tuple(fc.constantFrom('138', '139', '186', '177'), digits(8)).map(([a, b]) => a + b);
const address = fc
  .tuple(
    fc.constantFrom('安徽省芜湖市', '北京市', '安徽省合肥市蜀山区', '上海市浦东新区'),
    fc.constantFrom('北京东路', '中山南路', '幸福里', '长江中路', 'Century Avenue '),
    fc.integer({ min: 1, max: 9999 }),
    fc.constantFrom('号', ' 号', '号院', '弄'),
    fc.option(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 101, max: 3208 })).map(([b, r]) => `${b}栋${r}室`), { nil: '' }),
  )
  .map(([city, road, n, unit, room]) => `${city}${road}${n}${unit}${room}`);
const fen = fc.oneof(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 100_000, max: 9_999_999_999 }));
const caseNumber = fc.tuple(fc.integer({ min: 2020, max: 2030 }), fc.constantFrom('芜', '镜', '合蜀'), fc.integer({ min: 1, max: 99_999 })).map(([y, a, n]) => `（${y}）${a}解字第${String(n).padStart(5, '0')}号`);
const docket = fc.tuple(fc.integer({ min: 2020, max: 2030 }), fc.constantFrom('皖0202', '皖02', '沪0115'), fc.integer({ min: 1, max: 999_999 })).map(([y, c, n]) => `（${y}）${c}民特${n}号`);
const filler = fc.array(fc.constantFrom('经双方协商，', '申请人', '被申请人', '确认', '借款', '。'), { maxLength: 12 }).map((p) => p.join('').replace(/^。+/, '')); // a paragraph begins with words

const people = fc.record({ applicant: name, respondent: name, applicantId: idNumber, respondentId: idNumber, applicantPhone: phone, respondentPhone: phone, applicantAddress: address, respondentAddress: address });
type People = typeof people extends fc.Arbitrary<infer T> ? T : never;

function partiesOf(p: People): Party[] {
  return [
    { id: 'p1', caseId: 'c1', side: 'applicant', kind: 'natural', name: p.applicant, idType: 'resident_id', idNumber: p.applicantId, address: p.applicantAddress, phone: p.applicantPhone },
    { id: 'p2', caseId: 'c1', side: 'respondent', kind: 'natural', name: p.respondent, idType: 'resident_id', idNumber: p.respondentId, address: p.respondentAddress, phone: p.respondentPhone },
  ];
}

/** What must never be split: every identifier, amount and Latin word the document prints. */
function protectedTokens(p: People, extra: readonly string[]): string[] {
  const latinWords = [p.applicant, p.respondent, p.applicantAddress, p.respondentAddress].flatMap((t) => t.match(/[A-Za-z][A-Za-z-]*/g) ?? []);
  return [p.applicantId, p.respondentId, p.applicantPhone, p.respondentPhone, ...latinWords, ...extra];
}

const sha = (seed: number) => Array.from({ length: 64 }, (_, i) => '0123456789abcdef'[(seed * 7 + i * 13) % 16]).join('');

const FIXED: People = {
  applicant: '张堃',
  respondent: '李喆',
  applicantId: '340202199001011231',
  respondentId: '340202198512310028',
  applicantPhone: '13800138000',
  respondentPhone: '13900139000',
  applicantAddress: '安徽省芜湖市镜湖区北京东路 8 号',
  respondentAddress: '安徽省芜湖市弋江区中山南路 1 号',
};

function rulingOf(parties: readonly Party[], number: string, docketNumber: string, seed: number, reasoning: string): Ruling {
  return {
    court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
    docketNumber,
    applicants: parties.map((party) => ({
      name: party.name,
      side: party.side === 'respondent' ? 'respondent' : 'applicant',
      particulars: `居民身份证号码：${party.kind === 'natural' ? party.idNumber : ''}，住址：${party.address}，联系电话：${party.phone}`,
    })),
    institutionName: '芜湖市镜湖区人民调解委员会',
    agreement: { number, signedOn: '2026-03-02', pdfSha256: sha(seed) },
    receivedOn: '2026-03-05',
    acceptedOn: '2026-03-06',
    decidedOn: '2026-03-12',
    outcome: 'confirmed',
    grounds: [],
    reasoning,
    judge: '陈静',
    clerk: '周洋',
  };
}

describe.skipIf(!HAS_PDFTOTEXT)('line breaking in the printed documents', () => {
  it('keeps amounts, identifiers and Latin words whole in the agreement, and punctuation where it belongs', async () => {
    await fc.assert(
      fc.asyncProperty(people, fc.array(fen, { minLength: 1, maxLength: 4 }), fen, caseNumber, filler, async (p, amounts, owed, number, lead) => {
        const terms: Term[] = amounts.map((amountFen, i) => ({ id: `t${i}`, kind: 'payment', payerId: 'p2', payeeId: 'p1', amountFen, dueDate: '2026-12-31', method: 'bank_transfer', account: '', note: '' }));
        const yuan = fenToFigures(owed).slice(1);
        const facts = `${lead}${p.applicant}借给${p.respondent}人民币${yuan}元，另垫付¥${yuan}，约定于2026年12月31日前归还，案号${number}。`;
        const input = documentInput({ caseNumber: number, parties: partiesOf(p), content: content({ terms, facts }), signatures: [] });
        const pages = pagesOf((await renderAgreementPdf(input, FONTS, options)).bytes, 'agreement');
        expect(breakingFaults(pages, protectedTokens(p, [...amounts.map(fenToFigures), `${yuan}元`, `¥${yuan}`, number]))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('keeps them whole in the application and the ruling', async () => {
    await fc.assert(
      fc.asyncProperty(people, caseNumber, docket, address, fc.nat(1000), filler, async (p, number, docketNumber, seat, seed, reasoning) => {
        const parties = partiesOf(p);
        const application: ApplicationInput = {
          caseNumber: number,
          parties,
          serviceAddresses: { p1: p.applicantAddress, p2: p.respondentAddress },
          court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
          jurisdiction: { reason: 'mediation_organisation_seat', basis: seat },
          institution: { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ0000000X' },
          agreement: { number, effectiveOn: '2026-03-02', pdfSha256: sha(seed) },
          undertakings: { voluntary: true, truthful: true, lawful: true, noHarmToOthers: true, awareOfConsequences: true },
          date: '2026-03-05',
        };
        const applicationPages = pagesOf((await renderApplicationPdf(application, [], FONTS, { creationDate: options.creationDate, draft: true })).bytes, 'application');
        expect(breakingFaults(applicationPages, protectedTokens(p, [number]))).toEqual([]);
        const ruling = rulingOf(parties, number, docketNumber, seed, reasoning);
        const rulingPages = pagesOf((await renderRulingPdf(ruling, FONTS, options)).bytes, 'ruling');
        expect(breakingFaults(rulingPages, protectedTokens(p, [number, docketNumber]))).toEqual([]);
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('never leaves a single line of the text alone on the last page', async () => {
    const lonely: string[] = [];
    // The ruling's reasoning at lengths that move its last lines across a page end.
    for (let n = 0; n < 96; n += 6) {
      const ruling = pagesOf((await renderRulingPdf(rulingOf(partiesOf(FIXED), '（2026）芜解字第00042号', '（2026）皖0202民特123号', 1, '甲'.repeat(n)), FONTS, options)).bytes, `widow-ruling-${n}`);
      if ((ruling.at(-1) as string[]).length < 2) lonely.push(`ruling ${n}: ${JSON.stringify(ruling.at(-1))}`);
    }
    expect(lonely).toEqual([]);
  }, 120_000);
});
