// Issue 18's last leg, as a court and a mediation committee would use it on two workstations (two
// browser profiles): the court entrusts a dispute (委派调解) by a signed file; the committee
// registers the court's certificate, accepts it — a case with the parties as sent — and its
// mediator mediates to an agreement the parties and the mediator sign. The confirmation package is
// made for the entrusting court (the application's jurisdiction: 委派调解的人民法院) and exported;
// the court receives it at its intake, where the package's page names the dispute the court
// entrusted, and the entrustment's row (发出的转介) shows the package received — before the
// committee's result is in, from the case number the acceptance named — and, once the signed
// result is imported, the agreement reached, with a link to the package's page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { completeAndSign, INSTITUTION_PASSPHRASE, MEDIATOR, setUpIdentities, signOnPad } from './agreement-flow';
import { ID_A, ID_B, named, pick } from './case-forms';
import { COURT, COURT_PASSPHRASE, importPackage } from './court-flow';
import { expectAccessible } from './axe';
import { ADMIN, answerDialog, chooseOption, completeFirstRun, createUser, downloadTo, expect, generateInstitutionIdentity, signIn, signOut, test } from './fixtures';
import { entrustDispute, importFile, row, signedDownload, unfold } from './referral-steps';

const COMMITTEE = '芜湖市镜湖区人民调解委员会';
const APPLICANT = { name: '黄堃', id: ID_B, phone: '13300133000' };
const RESPONDENT = '吴三';
const pageErrors: Error[] = [];

async function profile(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  return page;
}

/** The mediator drafts the agreement (an apology, enforcement on default), everyone signs by hand, then digitally. */
async function mediateToAgreement(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '调解协议' }).click();
  await page.getByRole('button', { name: '起草协议书' }).click();
  const form = page.getByRole('form', { name: '协议书内容' });
  const text = {
    facts: '被申请人吴三在楼上住宅夜间装修，噪音影响申请人黄堃休息，双方多次协商未果。',
    issue: '被申请人是否应当停止夜间施工并赔礼道歉。',
    duties: '被申请人夜间施工影响邻里休息，应承担相应责任。',
  };
  await completeAndSign(page, form, text, ['赔礼道歉', '违约责任：申请强制执行'], [APPLICANT.name, RESPONDENT]);
}

/** The application for the entrusting court, both parties signing here, the identity documents, the package exported. */
async function packageForTheCourt(page: Page, dir: string): Promise<string> {
  await page.getByRole('tab', { name: '证据' }).click();
  await page.getByLabel('添加证据文件').setInputFiles([
    { name: '黄堃身份证.png', mimeType: 'image/png', buffer: Buffer.from('PNG 黄堃 居民身份证 演示\n'.repeat(20)) },
    { name: '吴三身份证.png', mimeType: 'image/png', buffer: Buffer.from('PNG 吴三 居民身份证 演示\n'.repeat(20)) },
  ]);
  await expect(page.getByRole('region', { name: '证据账本' }).getByRole('row', { name: /吴三身份证/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: '司法确认' }).click();
  await page.getByRole('button', { name: '准备司法确认申请' }).click();
  const application = page.getByRole('region', { name: '司法确认申请书' });
  await expect(application).toContainText(COURT);
  // The dispute came from the court: the application rests on its entrustment.
  await expect(application).toContainText('委派调解的人民法院');
  const basis = application.getByLabel('依据说明');
  await basis.fill(`${COURT}委派调解`);
  await basis.blur();
  // The service addresses come from the parties' addresses as the court sent them.
  await expect(application.getByLabel(`${RESPONDENT} 的送达地址`)).toHaveValue('安徽省芜湖市镜湖区北京中路 18 号 402 室');
  for (const text of ['出于自愿达成调解协议', '提交的材料真实', '协议内容不违反法律、法规', '不损害国家利益', '知悉虚假调解']) {
    await application.getByRole('checkbox', { name: new RegExp(text) }).check();
    await expect(application.getByRole('checkbox', { name: new RegExp(text) })).toBeChecked();
  }
  for (const name of [APPLICANT.name, RESPONDENT]) {
    await application.getByRole('button', { name: `请 ${name} 签名` }).click();
    await signOnPad(page, name);
  }
  await expect(application.getByText('已签名')).toHaveCount(2);
  const passphrase = application.getByLabel('机构私钥口令');
  if (await passphrase.count()) await passphrase.fill(INSTITUTION_PASSPHRASE);
  await application.getByRole('button', { name: '生成并签署申请书' }).click();
  await expect(application.getByRole('status')).toContainText('申请书已生成并由调解组织签署', { timeout: 30_000 });

  const materials = page.getByRole('region', { name: '材料' });
  for (const name of [APPLICANT.name, RESPONDENT]) await chooseOption(page, materials.getByRole('combobox', { name: `“${name}身份证.png”放入材料包作为` }), `身份证明：${name}`);
  await expect(page.getByRole('region', { name: '核对清单' }).getByText('缺少')).toHaveCount(0);
  const packageCard = page.getByRole('region', { name: '材料包' });
  const buildPassphrase = packageCard.getByLabel('机构私钥口令');
  if (await buildPassphrase.count()) await buildPassphrase.fill(INSTITUTION_PASSPHRASE);
  await packageCard.getByRole('button', { name: '生成材料包' }).click();
  await expect(packageCard.getByText('SHA-256')).toBeVisible({ timeout: 60_000 });
  return downloadTo(page, () => packageCard.getByRole('button', { name: '导出材料包（提交法院）' }).click(), dir);
}

test('a court entrusts a dispute; the committee mediates it to an agreement and the court receives its confirmation package on the entrustment', async ({ browser, baseURL }) => {
  test.setTimeout(480_000);
  const dir = mkdtempSync(join(tmpdir(), 'mw-e2e-entrusted-'));
  const fresh = () => mkdtempSync(join(dir, 'file-'));

  // The court: its workstation, its signing identity; it entrusts the dispute (both parties' ID numbers given).
  const court = await profile(browser, baseURL!);
  await completeFirstRun(court, { kind: '人民法院', institutionName: COURT, courtCode: '皖0202' });
  await signIn(court, ADMIN.username, ADMIN.password);
  await generateInstitutionIdentity(court, COURT_PASSPHRASE);
  const entrusted = await entrustDispute(court, { receiver: COMMITTEE, passphrase: COURT_PASSPHRASE, respondentId: ID_A, addresses: ['安徽省芜湖市镜湖区北京中路 18 号 302 室', '安徽省芜湖市镜湖区北京中路 18 号 402 室'] }, APPLICANT, fresh());
  await expect(row(court, '发出的转介', APPLICANT.name)).toContainText('已发出，待答复');

  // The committee: its identity and its mediator's certificate; the court's file verified and accepted.
  const committee = await profile(browser, baseURL!);
  await completeFirstRun(committee);
  await signIn(committee, ADMIN.username, ADMIN.password);
  await createUser(committee, MEDIATOR);
  await setUpIdentities(committee);
  await committee.goto('./#/referrals');
  await importFile(committee, '导入转介函', entrusted);
  await unfold(committee, '收到的转介', APPLICANT.name);
  const detail = committee.getByRole('region', { name: `转介详情：${COURT}` });
  await detail.getByRole('button', { name: '指纹核对一致，登记该机构证书' }).click();
  await expect(detail.getByText(`签名方 ${COURT} 的证书已在本机构登记，签名有效。`)).toBeVisible();
  const accepted = await signedDownload(committee, () => detail.getByRole('button', { name: '接受并立案' }).click(), INSTITUTION_PASSPHRASE, fresh());
  await expect(row(committee, '收到的转介', APPLICANT.name)).toContainText('已接受立案');
  await importFile(court, '导入答复', accepted);
  await expect(row(court, '发出的转介', APPLICANT.name)).toContainText('已接受立案');

  // The case as sent, assigned to the mediator, in mediation; the mediator mediates to a signed agreement.
  await unfold(committee, '收到的转介', APPLICANT.name);
  await committee.getByRole('link', { name: '打开案件' }).click();
  await expect(committee.getByTestId('case-status')).toHaveText('已受理');
  await expect(committee.getByText('法院诉前委派').first()).toBeVisible();
  await pick(committee, committee.getByLabel('调解员', { exact: true }), MEDIATOR.displayName);
  await expect(committee.getByText(`已分配给 ${MEDIATOR.displayName}`)).toBeVisible();
  await committee.getByRole('group', { name: '案件流程操作' }).getByRole('button', { name: named('开始调解') }).click();
  await answerDialog(committee.getByRole('dialog'), named('开始调解'));
  await expect(committee.getByTestId('case-status')).toHaveText('调解中');
  const caseHash = new URL(committee.url()).hash;
  await signOut(committee);
  await signIn(committee, MEDIATOR.username, MEDIATOR.password);
  await committee.goto(`./${caseHash}`);
  await mediateToAgreement(committee);
  await expect(committee.getByTestId('case-status')).toHaveText('达成协议');
  const zip = await packageForTheCourt(committee, fresh());

  // The court receives the package: verified, and its page names the dispute the court entrusted.
  await court.goto('./#/court');
  await expect(court.getByRole('heading', { name: '法院收案', level: 1 })).toBeVisible();
  await importPackage(court, zip);
  await expect(court.getByText('校验通过：材料包完整，未被改动')).toBeVisible({ timeout: 60_000 });
  const note = court.getByRole('note', { name: '本院委派调解' });
  await expect(note).toContainText(`委派 ${COMMITTEE} 调解（当事人 ${APPLICANT.name}），已接受立案`);
  await note.getByRole('link', { name: '查看委派记录' }).click();
  // On the entrustment: the package received, from the case number the acceptance named.
  await expect(row(court, '发出的转介', APPLICANT.name)).toContainText('已收到司法确认材料包');

  // The committee's signed result: the agreement, naming the package; the court reads it on the entrustment.
  await committee.getByRole('tab', { name: '调解终结' }).click();
  const result = await signedDownload(committee, () => committee.getByRole('region', { name: '向委派法院反馈' }).getByRole('button', { name: '签名并生成反馈文件' }).click(), INSTITUTION_PASSPHRASE, fresh());
  await importFile(court, '导入答复', result);
  const line = row(court, '发出的转介', APPLICANT.name);
  await expect(line).toContainText('达成调解协议');
  await expect(line).toContainText('已收到司法确认材料包');
  await unfold(court, '发出的转介', APPLICANT.name);
  const packageId = zip.split('/').pop()!.replace(/\.zip$/, '');
  await expect(court.getByText(new RegExp(`达成调解协议（.*），司法确认材料包：${packageId}`))).toBeVisible();
  await expect(court.getByText(new RegExp(`${packageId}（.*），.* 收到，待受理`))).toBeVisible();
  await expectAccessible(court, 'the entrustment with its package');
  await court.getByRole('link', { name: `查看材料包 ${packageId}` }).click();
  await expect(court.getByRole('heading', { name: '材料包校验结果', level: 1 })).toBeVisible();
  await expect(court.getByRole('note', { name: '本院委派调解' })).toContainText('达成调解协议');
  await expectAccessible(court, 'the entrusted package');
  expect(pageErrors.map((e) => e.message), 'uncaught errors in the pages').toEqual([]);
});
