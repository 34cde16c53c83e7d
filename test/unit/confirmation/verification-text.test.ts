// The package verifier's results in the user's language: every text key it can produce has a
// zh-CN and an en-US text naming the same values, en-US is exactly the English the CLI prints,
// packages that fail (tampered, late, signed by an unknown certificate, missing materials, hostile
// zips) read in Chinese on the clerk's screen, and a detail the app does not know shows the
// English message it was recorded with.
import { beforeAll, describe, expect, it } from 'vitest';
import type { i18n as I18n } from 'i18next';
import { createI18n, type Texts } from '../../../renderer/app/i18n';
import { detailText, reportedChecks, resources, saidText } from '../../../renderer/kit/verifier-texts';
import { checkResult, detail, type CheckDetail } from '../../../shared/confirmation/check-detail';
import { CHECK_TEXTS_EN, type CheckKey } from '../../../shared/confirmation/check-texts';
import { deadlineCheck } from '../../../shared/confirmation/checklist';
import { memoryPackageReader, PackageUnusableError, verifyPackage, type CheckResult, type PackageReport } from '../../../shared/confirmation/verify';
import { bytesSource, openZip, ZipRefusedError } from '../../../shared/archive';
import { buildZip, makeFixture, RECEIVED_ON, unzipped, type Fixture } from './package-fixtures';
import { formatDateTime, ISO_TIMESTAMP } from '../../../renderer/kit/time';
import { rawZip, type RawEntry } from './raw-zip';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function leaf(texts: Texts, key: string): string | undefined {
  let node: Texts | string | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The i18next keys of a text: itself, or its plural forms. */
function formsOf(key: CheckKey): { key: string; english: string }[] {
  const text = CHECK_TEXTS_EN[key];
  return typeof text === 'string' ? [{ key, english: text }] : [{ key: `${key}_one`, english: text.one }, { key: `${key}_other`, english: text.other }];
}

describe('the verification texts', () => {
  const keys = Object.keys(CHECK_TEXTS_EN) as CheckKey[];

  it.each(keys)('%s has a zh-CN and an en-US text with the same values', (key) => {
    for (const form of formsOf(key)) {
      const zh = leaf(resources['zh-CN'], form.key);
      const en = leaf(resources['en-US'], form.key);
      expect(en, form.key).toBe(form.english);
      expect(zh, form.key).toBeDefined();
      expect(placeholders(zh ?? ''), form.key).toEqual(placeholders(form.english));
    }
  });

  it('writes every zh-CN text in Chinese, except those that are only a value', () => {
    const zh = (key: CheckKey) => leaf(resources['zh-CN'], formsOf(key)[0]!.key) ?? '';
    const onlyValues = keys.filter((key) => zh(key).replace(/\{\{\s*\w+\s*\}\}/g, '').trim() === '');
    expect(onlyValues.sort()).toEqual(['list.path', 'pdf.other']);
    for (const key of keys.filter((k) => !onlyValues.includes(k))) expect(zh(key), key).toMatch(CJK);
  });
});

describe('a verification report read in the user’s language', () => {
  let fixture: Fixture;
  let intact: Map<string, Uint8Array>;
  let zh: I18n;
  let en: I18n;

  beforeAll(async () => {
    fixture = await makeFixture();
    intact = await unzipped((await buildZip(fixture)).zip);
    zh = await createI18n('zh-CN');
    en = await createI18n('en-US');
  });

  const verify = (files: ReadonlyMap<string, Uint8Array>, receivedOn = RECEIVED_ON, trusted?: string[]) =>
    verifyPackage(memoryPackageReader(files), { receivedOn, ...(trusted ? { trustedInstitutionPems: trusted } : {}) });
  const changed = (edit: (files: Map<string, Uint8Array>) => void) => {
    const copy = new Map(intact);
    edit(copy);
    return copy;
  };
  const chinese = (report: PackageReport, id: string) => saidText(zh, report.checks.find((c) => c.id === id) as CheckResult);

  /**
   * Every check reads in both languages, and in English as the CLI prints it — but for a time,
   * which the CLI prints as an ISO instant and a person reads in Beijing time (issue 15 item 8).
   */
  function expectBothLanguages(checks: readonly CheckResult[]): void {
    for (const check of checks) {
      const screenEnglish = check.message.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (iso) => formatDateTime(iso, 'en-US', { seconds: true }));
      expect(detailText(en, check.detail), check.id).toBe(screenEnglish);
      expect(detailText(zh, check.detail), check.id).toMatch(CJK);
      expect(detailText(zh, check.detail), check.id).not.toMatch(ISO_TIMESTAMP);
    }
  }

  it('reads the signing time in Beijing time, not as the UTC instant the CLI prints', async () => {
    const report = await verify(intact);
    const signer = report.checks.find((c) => c.id === 'manifest.signer')!;
    const when = String(signer.detail.params.when);
    expect(signer.message).toContain(when);
    expect(when).toMatch(ISO_TIMESTAMP);
    const shown = saidText(zh, signer);
    expect(shown).not.toMatch(ISO_TIMESTAMP);
    expect(shown).toContain(formatDateTime(when, 'zh-CN', { seconds: true }));
  });

  it('names a changed file in Chinese', async () => {
    const report = await verify(changed((f) => f.set('evidence/借款合同.pdf', new TextEncoder().encode('changed'))));
    expectBothLanguages(report.checks);
    expect(chinese(report, 'files.integrity')).toBe('下列文件与清单不符：evidence/借款合同.pdf：大小为 7 字节，清单载明 30000 字节。');
    expect(report.failed).toEqual(['files.integrity']);
  });

  it('says in Chinese that a package is late, signed by an unknown certificate or missing materials', async () => {
    const late = await verify(intact, '2026-04-15');
    expectBothLanguages(late.checks);
    expect(chinese(late, 'deadline')).toBe('收到日期 2026-04-15，已超过 30 日申请期限（至 2026-04-01 届满）14 日（协议于 2026-03-02 生效）。');

    const stranger = await verify(intact, RECEIVED_ON, [fixture.stranger.certificatePem]);
    expectBothLanguages(stranger.checks);
    const fingerprint = stranger.checks.find((c) => c.id === 'institution.pinned')?.detail.params.fingerprint;
    expect(chinese(stranger, 'institution.pinned')).toBe(`调解组织证书（SHA-256 指纹 ${fingerprint}）不是本院登记的任何调解组织证书，无法确认材料包出自该调解组织。`);

    const missing = await verify(changed((f) => f.delete('identity/授权委托书-张堃.pdf')));
    expectBothLanguages(missing.checks);
    expect(chinese(missing, 'files.missing')).toBe('清单所列下列文件不在材料包内：identity/授权委托书-张堃.pdf。');
  });

  it('says in Chinese that the agreement was changed after it was signed', async () => {
    const agreement = fixture.files.find((f) => f.path === 'agreement.pdf')!.bytes.slice();
    agreement[300] = (agreement[300] as number) ^ 1;
    const report = await verify(await unzipped((await buildZip({ ...fixture, files: fixture.files.map((f) => (f.path === 'agreement.pdf' ? { ...f, bytes: agreement } : f)) })).zip));
    expectBothLanguages(report.checks);
    expect(chinese(report, 'agreement.signatures')).toBe('agreement.pdf（调解协议书）：第 1 个签名（王芳）：签名所覆盖的内容在签名后被改动（消息摘要不符）。');
    expect(chinese(report, 'ledger.inclusion')).toBe('agreement.pdf 不是账本第 4 条记录所记的文件。');
  });

  it('says from which day a new version’s 30 days are counted', () => {
    const check = deadlineCheck({ agreementEffectiveOn: '2026-03-02', confirmationDeadline: '2026-04-01' }, '2026-03-10', 'first_filing');
    expect(saidText(zh, check)).toBe('按首次收到日期 2026-03-10 计算（本版本系补正后报送，延续首次申请），在 30 日申请期限（至 2026-04-01 届满）内，尚余 22 日。');
    expect(saidText(en, check)).toBe(check.message);
  });

  it.each<[string, RawEntry[], string]>([
    ['a ../ path', [{ name: '../evil.txt', data: new Uint8Array(1) }], '条目“../evil.txt”：文件名不安全：路径含 . 或 .. 层级'],
    ['a symbolic link', [{ name: 'evidence/link', data: new Uint8Array(1), mode: 0o120777 }], '条目“evidence/link”：该条目是符号链接'],
  ])('refuses a zip with %s in Chinese', async (_, entries, expected) => {
    const refusal = await openZip(bytesSource(rawZip(entries))).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ZipRefusedError);
    const { detail: said, message } = refusal as ZipRefusedError;
    expect(saidText(zh, { message, detail: said })).toBe(expected);
    expect(saidText(en, { message, detail: said })).toBe(message);
  });

  it('says in Chinese that a zip without a manifest is no package', async () => {
    const refusal = await verify(changed((f) => f.delete('manifest.json'))).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PackageUnusableError);
    expect(saidText(zh, refusal as PackageUnusableError)).toBe('缺少 manifest.json：这不是司法确认材料包。');
  });

  it('shows the English message of a detail it has no text for', () => {
    const unknown: CheckDetail = { key: 'files.from_a_newer_version', params: {} };
    expect(saidText(zh, { message: 'Recorded in English.', detail: unknown })).toBe('Recorded in English.');
    expect(saidText(zh, { message: 'Nested.', detail: { ...detail('files.differ'), items: [unknown] } })).toBe('Nested.');
    expect(saidText(zh, { message: 'Before details existed.' })).toBe('Before details existed.');
  });

  it('counts what it does not list', () => {
    const many = checkResult('files.unlisted', false, detail('files.unlisted', {}, Array.from({ length: 12 }, (_, i) => detail('list.path', { path: `evidence/${i}.jpg` }))));
    expect(many.message).toMatch(/evidence\/9\.jpg; and 2 more\.$/);
    expect(saidText(zh, many)).toMatch(/evidence\/9\.jpg；另有 2 项。$/);
  });

  it('reads the failed checks a store error carries, and nothing else', () => {
    const failed = [checkResult('deadline', false, detail('deadline.not_a_date', { date: '"x"' }))];
    expect(reportedChecks(JSON.stringify(failed))?.map((c) => saidText(zh, c))).toEqual(['收到日期 "x" 不是有效的日历日期。']);
    expect(reportedChecks('not json')).toBeNull();
    expect(reportedChecks(JSON.stringify([{ id: 'x' }]))).toBeNull();
    expect(reportedChecks(undefined)).toBeNull();
  });
});
