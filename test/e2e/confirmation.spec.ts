// Issue 6 end to end, as a new user would try it, on two workstations (two browser profiles): the
// mediation center, from a case with a signed agreement, prepares the joint application
// (undertakings, both parties' hand signatures, the institution's signature), chooses the
// materials — building refused while an identity document is missing —, builds and exports the
// package, submits it to the court's intake address (set by the administrator) and exports it —
// `mw package verify`, `sha256sum -c`, `openssl cms -verify` and `pdfsig` accept the file; the
// court's clerk imports it from the court workstation's inbox, sees it verified, dockets it and
// confirms it; the receipt goes back to the center, whose case then shows it confirmed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { caseWithSignedAgreement, INSTITUTION_PASSPHRASE, MEDIATOR, signOnPad } from './agreement-flow';
import { clerkAtIntake, COURT_PASSPHRASE } from './court-flow';
import { invitationLinks, joinAsParty, participantCard } from './session-flow';
import { ADMIN, animationsDone, answerDialog, chooseOption, downloadTo, expect, expectNoIsoTimestamp, expectRefusalAt, signIn, signOut, test } from './fixtures';

const FILES = [
  { name: '王堃身份证.png', mimeType: 'image/png', buffer: Buffer.from('PNG 王堃 居民身份证 演示\n'.repeat(20)) },
  { name: '刘䶮身份证.png', mimeType: 'image/png', buffer: Buffer.from('PNG 刘䶮 居民身份证 演示\n'.repeat(20)) },
  { name: '银行转账回单.png', mimeType: 'image/png', buffer: Buffer.from('PNG 银行转账回单 50000 元\n'.repeat(30)) },
];

function run(tool: string, args: string[], cwd?: string) {
  return spawnSync(tool, args, { encoding: 'utf8', ...(cwd ? { cwd } : {}) });
}

/** A party signs the application on their own device: a video session with them, the mediator asks, they draw. */
async function signRemotely(page: Page, browser: Browser, baseURL: string, name: string): Promise<void> {
  await page.getByRole('tab', { name: '视频调解' }).click();
  await page.getByRole('button', { name: '安排视频调解' }).click();
  const schedule = page.getByRole('dialog', { name: '安排视频调解' });
  await animationsDone(page);
  for (const other of ['王堃']) await schedule.getByRole('checkbox', { name: `邀请 ${other}` }).uncheck();
  await schedule.getByRole('button', { name: '安排' }).click();
  await expect(schedule).toBeHidden();
  const card = page.getByRole('region', { name: '第 1 次视频调解' });
  const link = (await invitationLinks(page, card, 1, baseURL, [name])).get(name)!;
  await card.getByRole('button', { name: '开始' }).click();
  const party = await joinAsParty(browser, baseURL, link, name);
  await participantCard(page, name).getByRole('button', { name: `准许 ${name} 进入` }).click();
  const ask = participantCard(page, name).getByRole('button', { name: `请 ${name} 远程签署司法确认申请书` });
  await expect(ask).toBeEnabled({ timeout: 20_000 });
  await ask.click();
  await signOnPad(party, name);
  await expect(page.getByText(`${name} 已在自己的设备上签署申请书。`)).toBeVisible({ timeout: 20_000 });
  await expect(participantCard(page, name)).toContainText('已签署申请书');
  await page.getByRole('button', { name: '结束视频调解' }).click();
  await answerDialog(page.getByRole('dialog', { name: /结束本次视频调解/ }), '结束视频调解');
  await expect(party.getByText('调解已结束')).toBeVisible({ timeout: 15_000 });
  await party.context().close();
}

/** The administrator enters the court's intake address (a bad one is refused at the field first). */
async function configureCourtIntake(page: Page, caseHash: string, intakeUrl: string): Promise<void> {
  await signOut(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  const field = page.getByLabel('法院司法确认收件地址（可选）');
  await field.fill('ftp://court.example.cn/intake');
  await field.blur();
  await expect(page.getByText('收件地址须以 https:// 或 http:// 开头')).toBeVisible();
  await field.fill(intakeUrl);
  await page.getByRole('button', { name: '保存机构信息' }).click();
  await expect(page.getByText('机构信息已保存。')).toBeVisible();
  await signOut(page);
  await signIn(page, MEDIATOR.username, MEDIATOR.password);
  await page.goto(`./${caseHash}`);
}

async function prepareAndExportPackage(page: Page, browser: Browser, baseURL: string, out: string): Promise<string> {
  await page.getByRole('tab', { name: '证据' }).click();
  await page.getByLabel('添加证据文件').setInputFiles(FILES);
  await expect(page.getByRole('region', { name: '证据账本' }).getByRole('row', { name: /银行转账回单/ })).toBeVisible({ timeout: 20_000 });

  await page.getByRole('tab', { name: '司法确认' }).click();
  await page.getByRole('button', { name: '准备司法确认申请' }).click();
  const application = page.getByRole('region', { name: '司法确认申请书' });
  await expect(application).toContainText('芜湖市镜湖区人民法院');
  // Without the parties' undertakings and signatures the application is refused, each gap named.
  const passphrase = application.getByLabel('机构私钥口令');
  if (await passphrase.count()) await passphrase.fill(INSTITUTION_PASSPHRASE);
  const signPdf = application.getByRole('button', { name: '生成并签署申请书' });
  await signPdf.click();
  // Beside the button, each undertaking named once, each one a way to its checkbox (issue 15 items 5, 6).
  const incomplete = await expectRefusalAt(signPdf, '申请书还不完整');
  await expect(incomplete).toContainText('王堃');
  await expect(incomplete).toContainText('尚未确认承诺：“知悉虚假调解、恶意串通的法律后果”');
  await expect(incomplete.getByText(/尚未确认承诺/)).toHaveCount(5);
  await incomplete.getByRole('link', { name: /^转到\s*“提交的材料真实”$/ }).click();
  await expect(application.getByRole('checkbox', { name: '提交的材料真实' })).toBeFocused();
  for (const text of ['出于自愿达成调解协议', '提交的材料真实', '协议内容不违反法律、法规', '不损害国家利益', '知悉虚假调解']) {
    await application.getByRole('checkbox', { name: new RegExp(text) }).check();
    await expect(application.getByRole('checkbox', { name: new RegExp(text) })).toBeChecked();
  }
  // 王堃 signs here on the workstation's screen; 刘䶮 signs on his own device through a video session.
  await application.getByRole('button', { name: '请 王堃 签名' }).click();
  await signOnPad(page, '王堃');
  await signRemotely(page, browser, baseURL, '刘䶮');
  await page.getByRole('tab', { name: '司法确认' }).click();
  await expect(application.getByText('已签名')).toHaveCount(2);
  if (await passphrase.count()) await passphrase.fill(INSTITUTION_PASSPHRASE);
  await application.getByRole('button', { name: '生成并签署申请书' }).click();
  await expect(application.getByRole('status')).toContainText('申请书已生成并由调解组织签署', { timeout: 30_000 });

  // Materials: only the applicant's identity document at first; building is refused, naming what is missing.
  const materials = page.getByRole('region', { name: '材料' });
  await chooseOption(page, materials.getByRole('combobox', { name: '“王堃身份证.png”放入材料包作为' }), '身份证明：王堃');
  const checklist = page.getByRole('region', { name: '核对清单' });
  await expect(checklist).toContainText('缺少身份证明');
  const packageCard = page.getByRole('region', { name: '材料包' });
  const buildPassphrase = packageCard.getByLabel('机构私钥口令');
  if (await buildPassphrase.count()) await buildPassphrase.fill(INSTITUTION_PASSPHRASE);
  await packageCard.getByRole('button', { name: '生成材料包' }).click();
  await expect(await expectRefusalAt(packageCard.getByRole('button', { name: '生成材料包' }), '材料不齐')).toContainText('缺少身份证明');
  await chooseOption(page, materials.getByRole('combobox', { name: '“刘䶮身份证.png”放入材料包作为' }), '身份证明：刘䶮');
  await chooseOption(page, materials.getByRole('combobox', { name: '“银行转账回单.png”放入材料包作为' }), '财产权利证明');
  await expect(checklist.getByText('缺少')).toHaveCount(0);
  await expect(checklist).toContainText('还剩');
  if (await buildPassphrase.count()) await buildPassphrase.fill(INSTITUTION_PASSPHRASE);
  await packageCard.getByRole('button', { name: '生成材料包' }).click();
  await expect(packageCard.getByText('SHA-256')).toBeVisible({ timeout: 60_000 });

  // Submitted to the court's intake (streamed through the workstation's server), then also
  // exported as a file for the standard tools below.
  await packageCard.getByRole('button', { name: '提交至法院收件端' }).click();
  await expect(packageCard.getByRole('status')).toContainText('法院收件端已收到材料包并校验通过', { timeout: 60_000 });
  await expect(page.getByTestId('case-status')).toHaveText('已申请司法确认');
  // Submitting again uploads nothing and gets the court's same answer.
  await packageCard.getByRole('button', { name: '提交至法院收件端' }).click();
  await expect(packageCard.getByRole('status')).toContainText('法院收件端已收到材料包并校验通过');
  const [download] = await Promise.all([page.waitForEvent('download'), packageCard.getByRole('button', { name: '导出材料包（提交法院）' }).click()]);
  const zip = join(out, download.suggestedFilename());
  await download.saveAs(zip);
  return zip;
}

test('the center builds the package, the court verifies, dockets and confirms it, the receipt closes the case', async ({ page, browser, baseURL }) => {
  test.setTimeout(420_000);
  const out = mkdtempSync(join(tmpdir(), 'mw-e2e-confirmation-'));
  const caseHash = await caseWithSignedAgreement(page);
  await configureCourtIntake(page, caseHash, new URL('intake', baseURL!).toString());
  const zip = await prepareAndExportPackage(page, browser, baseURL!, out);

  const verified = run(process.execPath, ['cli/bin/mw.mjs', 'package', 'verify', zip, '--json']);
  expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  const extracted = join(out, 'x');
  expect(run('unzip', ['-q', zip, '-d', extracted]).status).toBe(0);
  expect(run('sha256sum', ['-c', 'SHA256SUMS'], extracted).status).toBe(0);
  const cms = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.p7s', '-content', 'manifest.json', '-noverify', '-out', '/dev/null'], extracted);
  expect(cms.status, cms.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(join(extracted, 'manifest.json'), 'utf8'));
  expect(manifest.files.map((f: { role: string }) => f.role).sort()).toEqual(expect.arrayContaining(['application', 'agreement', 'identity', 'identity', 'property']));
  for (const pdf of ['application.pdf', 'agreement.pdf']) expect(run('pdfsig', [join(extracted, pdf)]).stdout).toContain('Signature is Valid.');

  // The court's workstation: another profile, set up as the court, with a clerk.
  const court = await browser.newContext({ baseURL: baseURL!, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const clerkPage = await court.newPage();
  await clerkAtIntake(clerkPage);
  // What the center submitted waits in the court's inbox.
  const inbox = clerkPage.getByRole('region', { name: '收件箱' });
  const packageId = basename(zip, '.zip');
  await expect(inbox.getByRole('row', { name: new RegExp(packageId) }).getByText('通过', { exact: true })).toBeVisible();
  await inbox.getByRole('button', { name: `导入材料包 ${packageId}` }).click();
  await expect(clerkPage.getByText('校验通过：材料包完整，未被改动')).toBeVisible({ timeout: 60_000 });
  await expect(clerkPage.getByRole('region', { name: '法定材料清单' }).getByText('齐全')).toHaveCount(6);
  await expect(clerkPage.getByRole('region', { name: '调解组织身份' })).toContainText('身份未经认证');
  // The signing time and every date on the filing read in Beijing time, never as a UTC instant (issue 15 item 8).
  await expectNoIsoTimestamp(clerkPage, 'the court filing page');

  await clerkPage.getByRole('button', { name: '受理立案' }).click();
  const accept = clerkPage.getByRole('dialog', { name: '受理立案' });
  await animationsDone(clerkPage);
  const docket = await accept.getByLabel('案号').inputValue();
  expect(docket).toMatch(/^（20\d\d）皖0202民特1号$/);
  await accept.getByRole('button', { name: '受理' }).click();
  await expect(accept).toBeHidden();
  await clerkPage.getByRole('button', { name: '裁定', exact: true }).click();
  const rule = clerkPage.getByRole('dialog', { name: '制作民事裁定书' });
  await animationsDone(clerkPage);
  await rule.getByLabel('审判员').fill('陈明');
  // Issue 15 item 4: the center's certificate is not registered at this court. Confirming says so
  // and needs the clerk's explicit acknowledgement; the ruling's full text is shown before signing.
  await expect(rule.getByRole('alert').filter({ hasText: '调解组织身份未经认证' })).toBeVisible();
  await rule.getByRole('button', { name: '预览裁定书全文' }).click();
  await expect(rule.getByText(/身份未经认证：确认有效前须勾选知悉/)).toBeVisible();
  await expect(rule.getByRole('button', { name: '签署裁定书' })).toHaveCount(0);
  await rule.getByRole('checkbox', { name: /我已知悉该调解组织的身份未经认证/ }).check();
  await rule.getByRole('button', { name: '预览裁定书全文' }).click();
  const previewText = rule.getByTestId('ruling-preview');
  await expect(previewText).toContainText('民事裁定书');
  await expect(previewText).toContainText(docket);
  await expect(previewText).toContainText('审判员　陈明');
  await expect(previewText).toContainText('有效。');
  await rule.getByRole('button', { name: '签署裁定书' }).click();
  const unlock = clerkPage.getByRole('dialog', { name: '解锁机构密钥' });
  await expect(unlock.or(clerkPage.getByRole('region', { name: '处理' }).getByText('确认有效'))).toBeVisible({ timeout: 30_000 });
  if (await unlock.isVisible()) {
    await animationsDone(clerkPage);
    await unlock.getByLabel('密钥保护口令').fill(COURT_PASSPHRASE);
    await unlock.getByRole('button', { name: '解锁并签名' }).click();
  }
  await expect(rule).toBeHidden({ timeout: 60_000 });
  // The acknowledgement is recorded in the filing with the ruling.
  await expect(clerkPage.getByRole('region', { name: '处理' })).toContainText('书记员已明确知悉并确认有效');
  await expectNoIsoTimestamp(clerkPage, 'the ruled filing');
  const receipt = await downloadTo(clerkPage, () => clerkPage.getByRole('button', { name: '导出回执' }).click(), out);
  await court.close();

  // Back at the center: the receipt answers this package; the case is confirmed, the ruling in the ledger.
  await page.getByRole('tab', { name: '司法确认' }).click();
  const [receiptChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入法院回执' }).click()]);
  await receiptChooser.setFiles(receipt);
  // The first receipt from this court: its certificate's fingerprint is confirmed, then registered.
  const trust = page.getByRole('dialog', { name: '“芜湖市镜湖区人民法院”的签名证书尚未登记' });
  await expect(trust).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await answerDialog(trust, '已核对指纹，登记并继续');
  await expect(page.getByRole('region', { name: '法院回执' }).getByRole('status')).toContainText(`法院已裁定确认调解协议有效（${docket}）`, { timeout: 30_000 });
  await expect(page.getByTestId('case-status')).toHaveText('已司法确认');
  await expect(page.getByRole('region', { name: '法院回执' }).getByRole('status')).toContainText('裁定书已记入证据链第 9 项');
  await page.getByRole('tab', { name: '操作记录' }).click();
  await expect(page.getByText(docket).first()).toBeVisible();
  // The timeline in Chinese, every action, field and value (issue 15 item 7): no raw key, no UTC instant.
  const timeline = page.getByRole('region', { name: '操作记录' });
  await expect(timeline).toContainText('登记法院证书');
  await expect(timeline).toContainText('原因：导出司法确认材料');
  await expect(timeline).toContainText('原因：签署调解协议');
  const timelineText = await timeline.innerText();
  expect(timelineText).not.toMatch(/confirmation\.|fingerprint256|package_exported|agreement_signed|verdict|sha256:|\d{4}-\d{2}-\d{2}T\d{2}:/);
  for (const tab of ['证据', '视频调解', '调解协议', '司法确认']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab, selected: true })).toBeVisible();
    await expectNoIsoTimestamp(page, `the case's ${tab} tab`);
  }
});
