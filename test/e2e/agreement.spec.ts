// Issue 4 as a new user tries it: the administrator creates the institution's identity and issues
// a mediator certificate; the mediator drafts the agreement of a loan case between 王堃 and 刘䶮
// (bad input refused with its reason, missing legal content listed), finalises, collects the hand
// signatures on screen, signs digitally with both keys; the saved PDF opens with Chinese text,
// `pdfsig` finds two valid signatures and `mw agreement verify` accepts it; the case shows
// "agreement reached" with its confirmation deadline; the signed version is read-only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ADMIN, animationsDone, completeFirstRun, createUser, expect, expectRefusalAt, generateInstitutionIdentity, signIn, test } from './fixtures';
import { ID_A, pick } from './case-forms';
import { collectHandSignatures, INSTITUTION_PASSPHRASE, issueCertificate, loanCaseDraftedByMediator, MEDIATOR, openCertificateIssue, pickSuggestion, signDigitally } from './agreement-flow';

function run(tool: string, ...args: string[]) {
  return spawnSync(tool, args, { encoding: 'utf8' });
}

async function download(page: Page, trigger: () => Promise<void>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

async function errorsShown(page: Page): Promise<Locator> {
  const alert = page.getByRole('alert').filter({ hasText: /需要处理|需要修改/ });
  await expect(alert).toBeVisible();
  return alert;
}

test('identities, drafting with its checks, hand signatures and two digital signatures that pdfsig validates', async ({ page }) => {
  test.setTimeout(240_000);
  const out = mkdtempSync(join(tmpdir(), 'mw-e2e-agreement-'));
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, MEDIATOR);

  // The institution's identity, then the mediator's certificate issued by it.
  await generateInstitutionIdentity(page, INSTITUTION_PASSPHRASE);
  const mediators = page.getByRole('region', { name: '调解员证书' });
  await expect(mediators.getByRole('row', { name: /赵调解/ })).toContainText('未签发');
  const issue = await openCertificateIssue(page);
  await issueCertificate(issue, 'wrong passphrase');
  await expect(page.getByText('口令不正确，无法解锁机构密钥。')).toBeVisible({ timeout: 20_000 });
  await issueCertificate(issue, INSTITUTION_PASSPHRASE);
  await expect(issue).toBeHidden({ timeout: 30_000 });
  const row = mediators.getByRole('row', { name: /赵调解/ });
  await expect(row).toContainText('有效');
  await expect(row).toContainText('芜湖市镜湖区人民调解委员会');

  // The case, assigned and in mediation; the mediator drafts.
  const { form } = await loanCaseDraftedByMediator(page);
  await expect(form).toBeVisible();
  await expect(page.getByLabel(/^预览：第 1 页/)).toBeVisible({ timeout: 30_000 });

  // Finalising an empty draft lists what the law requires and is missing.
  // Each item names its field and takes the user to it; the refusal is beside the button (issue 15 items 5, 6).
  const finalise = page.getByRole('button', { name: '定稿…' });
  await finalise.click();
  let alert = await expectRefusalAt(finalise, '协议书还有');
  await expect(alert).toContainText('协议条款（履行方式和期限）：请至少添加一条协议条款');
  await expect(alert).toContainText('纠纷的主要事实：此项为必填项');
  await expect(alert).toContainText('各方当事人的责任：此项为必填项');
  await alert.getByRole('link', { name: /^转到\s*“各方当事人的责任”$/ }).click();
  await expect(form.getByLabel('各方当事人的责任')).toBeFocused();
  await expect(form.getByLabel('各方当事人的责任')).toBeInViewport();
  await expect(page.getByText('尚未签名')).toHaveCount(0);

  // A 10,000-character clause is refused with its length; nothing is saved.
  await form.getByLabel('违约责任', { exact: true }).fill('款'.repeat(10_000));
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(form.getByText('最多 2000 个字，当前 10000 个字，请删减。')).toBeVisible();
  await form.getByLabel('违约责任', { exact: true }).fill('');

  // Terms from the suggestions, an amount refused while negative.
  await form.getByLabel('纠纷的主要事实').fill('2025年3月，申请人王堃借给被申请人刘䶮人民币50,000元，约定2025年12月31日前归还，到期未还。');
  await form.getByLabel('争议事项').fill('被申请人是否应当归还借款本金。');
  // A character no shipped font has is named in the preview, not printed as a blank box.
  await form.getByLabel('各方当事人的责任').fill('被申请人刘𪚥未按约定还款。');
  await expect(page.getByRole('alert').filter({ hasText: '字符“𪚥”（U+2A6A5）不在协议书所附字体中' })).toBeVisible({ timeout: 20_000 });
  await form.getByLabel('各方当事人的责任').fill('被申请人刘䶮未按约定还款，应承担还款责任。');
  await expect(page.getByLabel(/^预览：第 1 页/)).toBeVisible({ timeout: 20_000 });
  await pickSuggestion(page, '一次性付款');
  const term = form.getByRole('group', { name: '第 1 条：一次性付款' });
  await expect(term.getByLabel('金额（元）')).toHaveValue('50000.00');
  await term.getByLabel('金额（元）').fill('-500');
  await page.getByRole('button', { name: '保存草稿' }).click();
  alert = await errorsShown(page);
  await expect(alert).toContainText('金额不能为负数');
  await term.getByLabel('金额（元）').fill('50,000');
  await pickSuggestion(page, '违约责任：申请强制执行');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('草稿已保存。')).toBeVisible();

  // Finalise: the text is locked; each signer signs by hand.
  await page.getByRole('button', { name: '定稿…' }).click();
  await expect(page.getByText('协议书已定稿，可以开始签名。')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('form', { name: '协议书内容' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '数字签名并生效…' })).toBeDisabled();
  await collectHandSignatures(page, ['王堃', '刘䶮', '赵调解']);

  // Digital signatures: a wrong mediator passphrase is refused, nothing recorded.
  await page.getByRole('button', { name: '数字签名并生效…' }).click();
  const keys = page.getByRole('dialog', { name: '解锁签名密钥' });
  await animationsDone(page);
  await keys.getByLabel('调解员私钥口令').fill('not my passphrase');
  await keys.getByLabel('调解委员会私钥口令').fill(INSTITUTION_PASSPHRASE);
  await keys.getByRole('button', { name: '签署' }).click();
  await expect(page.getByText('口令不正确，无法解锁您的调解员私钥。')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('case-status')).toHaveText('调解中');
  await signDigitally(page);
  await expect(page.getByTestId('case-status')).toHaveText('达成协议');
  await expect(page.getByText('已签署生效', { exact: true })).toBeVisible();
  await expect(page.getByText('申请司法确认截止日').first()).toBeVisible();

  // The saved file: Chinese text, two valid signatures, the CLI agrees.
  const pdf = await download(page, () => page.getByRole('button', { name: '保存 PDF…' }).click(), out);
  const text = run('pdftotext', pdf, '-').stdout.replace(/\s+/g, '');
  for (const expected of ['人民调解协议书', '申请人：王堃', '被申请人：刘䶮', '人民币伍万元整（¥50,000.00）']) expect(text).toContain(expected);
  // The signed original names each party by their full ID number (docs/identity-numbers.md), and
  // its lines break as Chinese text does: none begins with a closing mark or ends with an opening one.
  expect(text).toContain(`居民身份证号码：${ID_A}`);
  const lines = run('pdftotext', pdf, '-').stdout.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  expect(lines.filter((line) => /^[，。、；：？！）》」』]|[（《「『]$/.test(line))).toEqual([]);
  const pdfsig = run('pdfsig', pdf).stdout;
  expect(pdfsig.match(/Signature is Valid\./g)).toHaveLength(2);
  expect(pdfsig).toContain('Total document signed');
  const verify = run(process.execPath, 'cli/bin/mw.mjs', 'agreement', 'verify', pdf);
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);

  // Printing draws every page into the print-only container before the print dialog opens.
  await page.evaluate(() => {
    const w = window as unknown as { printedPages: number };
    w.printedPages = 0;
    window.print = () => {
      w.printedPages = document.querySelectorAll('#agreement-print img').length;
    };
  });
  await page.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printedPages: number }).printedPages)).toBeGreaterThanOrEqual(2);

  // An English translation copy, marked as such.
  const english = await download(page, () => page.getByRole('button', { name: '英文译本…' }).click(), out);
  const englishText = run('pdftotext', english, '-').stdout.replace(/\s+/g, ' ');
  expect(englishText).toContain('English translation for reference only — the Chinese original prevails');
  expect(englishText).toContain('Applicant: 王堃');
  // The translation copy masks the numbers.
  expect(englishText).toContain(`${ID_A.slice(0, 6)}********${ID_A.slice(-4)}`);
  expect(englishText).not.toContain(ID_A);

  // Read-only now; the signatures and the agreement are in the ledger, under a checkpoint.
  await expect(page.getByRole('button', { name: '保存草稿' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '起草新版本' })).toBeVisible();
  await page.getByRole('tab', { name: '证据' }).click();
  const ledger = page.getByRole('region', { name: '证据账本' });
  await expect(ledger.getByText('人民调解协议书（第 1 版，已签署）')).toBeVisible();
  await expect(ledger.getByText(/签名：王堃/)).toBeVisible();
  await expect(page.getByRole('region', { name: '签名检查点' }).getByText('签署调解协议')).toBeVisible();

  // A change is a new version; the signed one stays listed.
  await page.getByRole('tab', { name: '调解协议' }).click();
  await page.getByRole('button', { name: '起草新版本' }).click();
  await expect(page.getByRole('heading', { name: '人民调解协议书 · 第 2 版' })).toBeVisible();
  await pick(page, page.getByLabel('选择协议版本'), '第 1 版 · 已签署生效');
  await expect(page.getByRole('button', { name: '保存 PDF…' })).toBeVisible();
});
