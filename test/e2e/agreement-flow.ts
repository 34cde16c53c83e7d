// Page objects for the agreement's signatures, shared by the specs that need a case with a signed
// agreement: the institution's identity and the mediator's certificate, the loan case, the hand
// signatures drawn with the mouse, and a short agreement signed digitally.
import type { Locator, Page } from '@playwright/test';
import { ADMIN, animationsDone, completeFirstRun, createUser, expect, generateInstitutionIdentity, signIn, signOut } from './fixtures';
import { assignAndStartMediation, fillNatural, ID_A, ID_B, openIntake, party, submitIntake } from './case-forms';

export const INSTITUTION_PASSPHRASE = 'institution key 2026';
export const MEDIATOR_PASSPHRASE = 'mediator key 2026';
export const MEDIATOR = { username: 'zhaotiao', displayName: '赵调解', role: 'mediator' as const, password: 'Mediator2026' };

/** Writes a signature on the pad with the mouse: a few loops across it, as a hand would. */
export async function signOnPad(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: `签名：${name}` });
  await expect(dialog).toBeVisible();
  await animationsDone(page);
  const pad = dialog.getByRole('img', { name: `手写签名区：${name}` });
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad has no box');
  await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + box.width * (0.15 + i * 0.022), box.y + box.height * (0.5 + 0.25 * Math.sin(i / 2.5)));
  await page.mouse.up();
  await expect(dialog.getByRole('status')).toHaveText('已写 1 笔');
  await dialog.getByRole('button', { name: '确认签名' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
}

export async function registerLoanCase(page: Page): Promise<void> {
  await openIntake(page, '民间借贷纠纷');
  await fillNatural(page, 1, { name: '王堃', id: ID_A, phone: '13800138000' });
  await party(page, 1).getByLabel('住址').fill('安徽省芜湖市镜湖区北京东路 8 号');
  await fillNatural(page, 2, { name: '刘䶮', id: ID_B, phone: '13900139000' });
  await party(page, 2).getByLabel('住址').fill('安徽省芜湖市弋江区');
  await page.getByLabel('借款本金（元）').fill('50000');
  await page.getByLabel('请求事项').fill('归还借款本金 50,000 元');
  await page.getByLabel('涉及金额（元）').fill('50,000');
  await submitIntake(page);
}

/** Opens the dialog issuing the mediator's certificate, with the mediator's passphrase typed twice. */
export async function openCertificateIssue(page: Page): Promise<Locator> {
  const mediators = page.getByRole('region', { name: '调解员证书' });
  await mediators.getByRole('button', { name: `签发证书：${MEDIATOR.displayName}` }).click();
  const issue = page.getByRole('dialog', { name: `为 ${MEDIATOR.displayName} 签发调解员证书` });
  await animationsDone(page);
  await issue.getByLabel('调解员私钥口令（由调解员本人输入）').fill(MEDIATOR_PASSPHRASE);
  await issue.getByLabel('再次输入口令').fill(MEDIATOR_PASSPHRASE);
  return issue;
}

/** Signs the certificate in the issue dialog with `institutionPassphrase`. */
export async function issueCertificate(issue: Locator, institutionPassphrase: string): Promise<void> {
  await issue.getByLabel('机构私钥口令').fill(institutionPassphrase);
  await issue.getByRole('button', { name: '签发' }).click();
}

/** As the administrator: the institution's identity, then the mediator's certificate issued by it. */
export async function setUpIdentities(page: Page): Promise<void> {
  await generateInstitutionIdentity(page, INSTITUTION_PASSPHRASE);
  const issue = await openCertificateIssue(page);
  await issueCertificate(issue, INSTITUTION_PASSPHRASE);
  await expect(issue).toBeHidden({ timeout: 30_000 });
}

/**
 * Adds a clause from the 条款建议 menu. The menu opens on hover and slides in: clicking before it
 * settles hits a neighbouring item, and after a pick it closes, so the next pick opens a fresh one.
 */
export async function pickSuggestion(page: Page, suggestion: string): Promise<void> {
  await page.getByRole('button', { name: '条款建议' }).hover();
  const item = page.getByRole('menuitem', { name: suggestion });
  await expect(item).toBeVisible();
  await animationsDone(page);
  await item.click();
  await expect(item).toBeHidden();
}

/** Each listed signer draws their signature in the agreement's signing table. */
export async function collectHandSignatures(page: Page, names: readonly string[]): Promise<void> {
  const signers = page.getByRole('table', { name: '签名情况' });
  for (const name of names) {
    await signers.getByRole('button', { name: `${name} 签名` }).click();
    await signOnPad(page, name);
    await expect(signers.getByRole('row', { name: new RegExp(name) })).toContainText('已签名');
  }
}

/** Both keys unlock in the signing dialog; the case then has its agreement in effect. */
export async function signDigitally(page: Page): Promise<void> {
  await page.getByRole('button', { name: '数字签名并生效…' }).click();
  const keys = page.getByRole('dialog', { name: '解锁签名密钥' });
  await animationsDone(page);
  await keys.getByLabel('调解员私钥口令').fill(MEDIATOR_PASSPHRASE);
  if (await keys.getByLabel('调解委员会私钥口令').count()) await keys.getByLabel('调解委员会私钥口令').fill(INSTITUTION_PASSPHRASE);
  await keys.getByRole('button', { name: '签署' }).click();
  await expect(page.getByText('协议书已签署生效，案件已变更为“已达成协议”。')).toBeVisible({ timeout: 60_000 });
}

/**
 * The administrator registers the loan case, assigns it to the mediator and starts mediation; the
 * mediator signs in and begins the first draft. Returns the case's URL hash and the draft's form.
 */
export async function loanCaseDraftedByMediator(page: Page): Promise<{ caseHash: string; form: Locator }> {
  await registerLoanCase(page);
  await assignAndStartMediation(page, MEDIATOR.displayName);
  const caseHash = new URL(page.url()).hash;
  await signOut(page);
  await signIn(page, MEDIATOR.username, MEDIATOR.password);
  await page.goto(`./${caseHash}`);
  await page.getByRole('tab', { name: '调解协议' }).click();
  await page.getByRole('button', { name: '起草协议书' }).click();
  return { caseHash, form: page.getByRole('form', { name: '协议书内容' }) };
}

/**
 * From an empty workstation to a loan case between 王堃 and 刘䶮 whose agreement is signed, open on
 * its page as the mediator. Returns the case's URL hash.
 */
export async function caseWithSignedAgreement(page: Page): Promise<string> {
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, MEDIATOR);
  await setUpIdentities(page);
  const { caseHash, form } = await loanCaseDraftedByMediator(page);
  const facts = '2025年3月，申请人王堃借给被申请人刘䶮人民币50,000元，约定2025年12月31日前归还，到期未还。';
  await completeAndSign(page, form, { facts, issue: '被申请人是否应当归还借款本金。', duties: '被申请人刘䶮未按约定还款，应承担还款责任。' }, ['一次性付款', '违约责任：申请强制执行'], ['王堃', '刘䶮']);
  return caseHash;
}

/**
 * The draft's facts, issue and duties written, the suggested clauses added, saved and finalised;
 * the parties and the mediator sign by hand, then the keys sign: the agreement takes effect.
 */
export async function completeAndSign(page: Page, form: Locator, text: { facts: string; issue: string; duties: string }, suggestions: readonly string[], parties: readonly string[]): Promise<void> {
  await form.getByLabel('纠纷的主要事实').fill(text.facts);
  await form.getByLabel('争议事项').fill(text.issue);
  await form.getByLabel('各方当事人的责任').fill(text.duties);
  for (const suggestion of suggestions) await pickSuggestion(page, suggestion);
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('草稿已保存。')).toBeVisible();
  await page.getByRole('button', { name: '定稿…' }).click();
  await expect(page.getByText('协议书已定稿，可以开始签名。')).toBeVisible({ timeout: 20_000 });
  await collectHandSignatures(page, [...parties, MEDIATOR.displayName]);
  await signDigitally(page);
}
