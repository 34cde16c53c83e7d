// Issue 18 items 5 and 6 as two institutions would use them, each in its own browser context (two
// workstations): a court entrusts a dispute to a mediation committee by a signed file, with the
// person's consent (refused without it) and its deadline; the committee refuses a tampered copy
// with what is wrong, imports the file as unverified with the signer's fingerprint to compare,
// registers the signer, accepts — a case with the person's data, nothing retyped — and refuses to
// decline a second dispute without a reason; the court imports the answers and sees the status.
// The mediation fails: the termination record (its PDF read with pdftotext) closes the case, and
// the signed result goes back to the court, which sees it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { ADMIN, answerDialog, completeFirstRun, downloadTo, expect, expectRefusalAt, generateInstitutionIdentity, signIn, test } from './fixtures';
import { ID_B, pick } from './case-forms';
import { expectAccessible } from './axe';
import { entrustDispute, importFile, row, signedDownload, unfold } from './referral-steps';

const COURT = '芜湖市镜湖区人民法院';
const COMMITTEE = '芜湖市镜湖区人民调解委员会';
const PASSPHRASE = 'referral key 2026 jinghu';
const pageErrors: Error[] = [];

async function workstation(browser: Browser, baseURL: string, options: Parameters<typeof completeFirstRun>[1]): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await completeFirstRun(page, options);
  await signIn(page, ADMIN.username, ADMIN.password);
  await generateInstitutionIdentity(page, PASSPHRASE);
  return page;
}

/** The court's clerk entrusts a neighbours' dispute of `person` to the committee; returns the saved file. */
function entrust(page: Page, person: { name: string; id: string; phone: string }, dir: string, checkConsent = false): Promise<string> {
  return entrustDispute(page, { receiver: COMMITTEE, passphrase: PASSPHRASE }, person, dir, checkConsent);
}

/** The file with the person's name changed inside the signed JSON and zipped again. */
function tampered(path: string, dir: string): string {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const genuine = new TextDecoder().decode(files['referral.json']);
  if (!genuine.includes('黄堃')) throw new Error(`${path} is not 黄堃's referral`);
  const json = genuine.replace('黄堃', '黄坤');
  files['referral.json'] = new TextEncoder().encode(json);
  const out = join(dir, 'tampered.mwreferral');
  writeFileSync(out, zipSync(files, { level: 0 }));
  return out;
}

test('a court entrusts disputes by file; the committee verifies, accepts or declines, ends a failed mediation and answers the court', async ({ browser, baseURL }) => {
  test.setTimeout(420_000);
  const dir = mkdtempSync(join(tmpdir(), 'mw-e2e-referrals-'));
  // Each file saved in a folder of its own: two referrals to one receiver have the same name.
  const fresh = () => mkdtempSync(join(dir, 'file-'));
  const court = await workstation(browser, baseURL!, { kind: '人民法院', institutionName: COURT, courtCode: '皖0202' });
  const committee = await workstation(browser, baseURL!, {});

  // The court entrusts two disputes (the first after its refusals: no consent, a wrong phone).
  const first = await entrust(court, { name: '黄堃', id: ID_B, phone: '13300133000' }, fresh(), true);
  await expect(court.getByRole('heading', { name: '转介与委派调解', level: 1 })).toBeVisible();
  const second = await entrust(court, { name: '赵䶮', id: '340202199001011231', phone: '13500135000' }, fresh());
  await expect(row(court, '发出的转介', '已发出，待答复')).toHaveCount(2);

  // The committee: a tampered copy is refused with what is wrong, and nothing is kept.
  await committee.goto('./#/referrals');
  const importButton = committee.getByRole('button', { name: '导入转介函', exact: true });
  await importFile(committee, '导入转介函', tampered(first, dir));
  await expectRefusalAt(importButton, '签名无效');
  await expect(row(committee, '收到的转介', COURT)).toHaveCount(0);

  // The genuine file: unverified until the court's certificate is registered after comparing it.
  await importFile(committee, '导入转介函', first);
  await expect(row(committee, '收到的转介', '黄堃')).toContainText('未经认证');
  await unfold(committee, '收到的转介', '黄堃');
  const detail = committee.getByRole('region', { name: `转介详情：${COURT}` });
  await expect(detail.getByText(/未经认证：签名方“芜湖市镜湖区人民法院”的证书尚未在本机构登记/)).toBeVisible();
  await expect(detail.getByText(/证书指纹（SHA-256）：([0-9A-F]{4} ){15}[0-9A-F]{4}/)).toBeVisible();
  await detail.getByRole('button', { name: '指纹核对一致，登记该机构证书' }).click();
  await expect(detail.getByText(`签名方 ${COURT} 的证书已在本机构登记，签名有效。`)).toBeVisible();
  await expect(detail).toContainText('黄堃');
  await expect(detail).toContainText('书面同意');
  await expectAccessible(committee, 'the referrals inbox');

  // Accepted: the case is registered from the file, its answer saved for the court.
  const accepted = await signedDownload(committee, () => detail.getByRole('button', { name: '接受并立案' }).click(), PASSPHRASE, fresh());
  await expect(row(committee, '收到的转介', '黄堃')).toContainText('已接受立案');

  // The second: declining without a reason is refused in the dialog; with one it is answered.
  await importFile(committee, '导入转介函', second);
  await unfold(committee, '收到的转介', '赵䶮');
  await committee.getByRole('region', { name: `转介详情：${COURT}` }).filter({ hasText: '赵䶮' }).getByRole('button', { name: '不予接受' }).click();
  const decline = committee.getByRole('dialog', { name: '不予接受转介' });
  const declineOk = decline.getByRole('button', { name: '不予接受并生成答复' });
  await declineOk.click();
  await expectRefusalAt(declineOk, '不予接受必须说明理由');
  await decline.getByLabel('不予接受的理由').fill('申请人住所不在本委员会辖区，请委派辖区调解组织。');
  const declined = await downloadTo(committee, () => declineOk.click(), fresh());
  await expect(row(committee, '收到的转介', '赵䶮')).toContainText('不予接受');

  // The court reads both answers.
  await importFile(court, '导入答复', accepted);
  await expect(row(court, '发出的转介', '黄堃')).toContainText('已接受立案');
  await importFile(court, '导入答复', declined);
  await expect(row(court, '发出的转介', '赵䶮')).toContainText('不予接受');
  await unfold(court, '发出的转介', '赵䶮');
  await expect(court.getByText('不予接受。理由：申请人住所不在本委员会辖区，请委派辖区调解组织。')).toBeVisible();

  // The case, with the person's data as sent; mediation starts and fails.
  await unfold(committee, '收到的转介', '黄堃');
  await committee.getByRole('link', { name: '打开案件' }).click();
  await expect(committee.getByTestId('case-status')).toHaveText('已受理');
  await expect(committee.getByText('黄堃').first()).toBeVisible();
  await expect(committee.getByText('法院诉前委派').first()).toBeVisible();
  const actions = committee.getByRole('group', { name: '案件流程操作' });
  await actions.getByRole('button', { name: /开始调解/ }).click();
  await answerDialog(committee.getByRole('dialog'), /开始调解/);
  await expect(committee.getByTestId('case-status')).toHaveText('调解中');
  await committee.getByRole('tab', { name: '调解终结' }).click();
  const form = committee.getByRole('region', { name: '制作调解终结书' });
  await expect(committee.getByText(`本案由 ${COURT} 委派调解。`)).toBeVisible();
  const terminate = form.getByRole('button', { name: '制作调解终结书并终结调解' });
  await terminate.click();
  await expectRefusalAt(terminate, '调解终结书有');
  await form.getByText('一方当事人拒绝继续调解').click();
  await pick(committee, form.getByLabel('拒绝或退出的当事人'), '吴三');
  await form.getByLabel('调解经过与终结理由').fill('经两次调解，被申请人明确表示不再接受调解。');
  await terminate.click();
  await expect(committee.getByTestId('case-status')).toHaveText('调解不成');

  // The record's PDF, and the result for the court.
  const record = committee.getByRole('region', { name: '调解终结书' });
  const pdf = await downloadTo(committee, () => record.getByRole('button', { name: '下载调解终结书（PDF）' }).click(), fresh());
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  for (const part of ['人民调解终结书', '申请人：黄堃', '当事人吴三明确表示拒绝继续调解', '向人民法院提起诉讼']) expect(text).toContain(part);
  const result = await signedDownload(committee, () => committee.getByRole('region', { name: '向委派法院反馈' }).getByRole('button', { name: '签名并生成反馈文件' }).click(), PASSPHRASE, fresh());
  const entries = Object.keys(unzipSync(new Uint8Array(readFileSync(result))));
  expect(entries.sort()).toEqual(['answer.json', 'answer.p7s', 'termination.pdf']);

  await importFile(court, '导入答复', result);
  await expect(row(court, '发出的转介', '黄堃')).toContainText('调解终结');
  await expectAccessible(court, 'the referrals sent');
  expect(pageErrors.map((e) => e.message), 'uncaught errors in the pages').toEqual([]);
});
