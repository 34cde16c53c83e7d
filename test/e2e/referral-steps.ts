// Steps the referral specs share: the institution key's passphrase given when signing asks for it,
// a referral's row of the received or sent list, unfolded, a court entrusting a dispute, and a file
// imported through one of the referrals page's buttons.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { pick } from './case-forms';
import { answerDialog, expect, expectRefusalAt } from './fixtures';

/**
 * Signing asks for the key's passphrase only when the key is not unlocked in this window yet:
 * answers the prompt when it shows, waiting for it as long as the test allows (`shown` first —
 * what the signing ends with — means it was not asked). A prompt looked for only once, at once,
 * missed one a loaded machine showed a moment later, and the signing waited for ever (CI).
 */
export async function unlockIfAsked(page: Page, passphrase: string, shown: Promise<unknown>): Promise<void> {
  const prompt = page.getByRole('dialog', { name: '解锁机构密钥' });
  const asked = await Promise.race([
    prompt.waitFor({ state: 'visible', timeout: 0 }).then(
      () => true,
      () => false,
    ),
    shown.then(
      () => false,
      () => false,
    ),
  ]);
  if (!asked) return;
  await prompt.getByLabel('密钥保护口令').fill(passphrase);
  await answerDialog(prompt, '解锁并签名');
}

/** Clicks what signs a file and downloads it, answering the passphrase prompt if it comes; the saved path. */
export async function signedDownload(page: Page, click: () => Promise<void>, passphrase: string, dir: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 0 });
  await click();
  await unlockIfAsked(page, passphrase, download);
  const file = await download;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** A referral's row of the list (the one with the expand button), not the rows of its unfolded detail. */
export function row(page: Page, list: string, text: string | RegExp) {
  return page
    .getByRole('region', { name: list })
    .getByRole('row')
    .filter({ hasText: text })
    .filter({ has: page.getByRole('button', { name: /^(展开|关闭)行$/ }) });
}

/** Unfolds a referral's detail (left open when it already is). */
export async function unfold(page: Page, list: string, text: string | RegExp) {
  const line = row(page, list, text);
  const fold = line.getByRole('button', { name: '关闭行' });
  if (!(await fold.isVisible())) await line.getByRole('button', { name: '展开行' }).click();
  await expect(fold).toBeVisible();
}

/** The referral form's dispute: a neighbours' noise dispute of `person` against 吴三. */
export async function fillNeighboursDispute(page: Page, person: { name: string; id: string; phone: string }): Promise<void> {
  await pick(page, page.getByLabel('纠纷类型'), '邻里纠纷');
  await pick(page, page.getByLabel('争议事项'), '噪音');
  await page.getByLabel('请求事项').fill('停止夜间噪音');
  await page.getByLabel('纠纷事实').fill('楼上住户夜间装修，多次协商未果。');
  const applicant = page.getByRole('region', { name: '申请人（来访当事人）' });
  await applicant.getByLabel('姓名').fill(person.name);
  await applicant.getByLabel('身份证号码').fill(person.id);
  await applicant.getByLabel('联系电话').fill(person.phone);
  const respondent = page.getByRole('region', { name: '被申请人' });
  await respondent.getByLabel('姓名').fill('吴三');
  await respondent.getByLabel('联系电话').fill('13200132000');
}

/** The day `days` after today in Beijing, as the date fields take it. */
export function inFuture(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

export interface Entrusting {
  receiver: string;
  passphrase: string;
  /** The respondent 吴三's ID number, filled when given (an agreement the court confirms names it). */
  respondentId?: string;
  /** The applicant's and the respondent's addresses, filled when given (an agreement names them). */
  addresses?: readonly [string, string];
}

/** The court's clerk entrusts a neighbours' dispute of `person` to `receiver`; returns the saved file. */
export async function entrustDispute(page: Page, to: Entrusting, person: { name: string; id: string; phone: string }, dir: string, checkConsent = false): Promise<string> {
  await page.goto('./#/referrals/new');
  await expect(page.getByRole('heading', { name: '委派调解', level: 1 })).toBeVisible();
  await page.getByLabel('接收机构名称').fill(to.receiver);
  const deadline = page.getByLabel('调解期限（截止日期）');
  await deadline.fill(inFuture(30));
  await deadline.press('Enter');
  await fillNeighboursDispute(page, person);
  const applicant = page.getByRole('region', { name: '申请人（来访当事人）' });
  const respondent = page.getByRole('region', { name: '被申请人' });
  if (to.respondentId) await respondent.getByLabel('身份证号码').fill(to.respondentId);
  if (to.addresses) {
    await applicant.getByLabel('地址', { exact: true }).fill(to.addresses[0]);
    await respondent.getByLabel('地址', { exact: true }).fill(to.addresses[1]);
  }
  const submit = page.getByRole('button', { name: '签名并生成转介函' });
  if (checkConsent) {
    // Without the person's recorded consent nothing is signed; a wrong phone is named at its field.
    await applicant.getByLabel('联系电话').fill('1330013300');
    await submit.click();
    await expectRefusalAt(submit, '转介函有');
    // Refused before the key's passphrase is asked for: nothing to unlock for a referral not sent.
    await expect(page.getByRole('dialog', { name: '解锁机构密钥' })).toHaveCount(0);
    // At the consent checkbox (the card's help text says the same rule in other words).
    await expect(page.getByText('没有当事人的同意，不能转介。请先征得并记录当事人的同意。', { exact: true })).toBeVisible();
    await expect(applicant.getByText(/手机号/)).toBeVisible();
    await applicant.getByLabel('联系电话').fill(person.phone);
  }
  await page.getByRole('checkbox', { name: '当事人已同意将其信息和纠纷转交接收机构' }).check();
  return signedDownload(page, () => submit.click(), to.passphrase, dir);
}

/** Imports `path` through the referrals page's button `button` (导入转介函, 导入答复). */
export async function importFile(page: Page, button: string, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button, exact: true }).click()]);
  await chooser.setFiles(path);
}
