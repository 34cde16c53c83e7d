// Issue 18 item 5 through the center server: a public legal-service hall and a mediation center,
// each on its own workstation joined to one server (a throwaway PostgreSQL cluster and `mw server
// start`, test/e2e/center-server.ts). The hall's lawyer refers a dispute with the person's consent
// to the center picked from the server's directory (filtered by area; refused without consent or
// without an institution chosen, beside the field); the center's inbox shows it, the center
// accepts — a case with the person's data, nothing retyped — and the hall sees 已接受立案; a second
// referral declined with a reason (refused without one) shows the reason at the hall.
import type { Browser, Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { pick } from './case-forms';
import { startCenterWorld, joinCenterAs, type CenterWorld } from './center-server';
import { fillNeighboursDispute, row, unfold, unlockIfAsked } from './referral-steps';
import { ADMIN, completeFirstRun, expect, expectRefusalAt, generateInstitutionIdentity, signIn, test, validCreditCode } from './fixtures';

const HALL = '芜湖市镜湖区公共法律服务中心';
const CENTER = '芜湖市镜湖区人民调解委员会';
const YIJIANG = '芜湖市弋江区人民调解委员会';
const HALL_CODE = validCreditCode('12340202MB0000001');
const CENTER_CODE = validCreditCode('51340202MJ0000002');
const YIJIANG_CODE = validCreditCode('51340203MJ0000003');
const HALL_ADMIN = { username: 'hall-admin', password: 'Hall-Pass-2026' } as const;
const CENTER_ADMIN = { username: 'center-admin', password: 'Center-Pass-2026' } as const;
const PASSPHRASE = 'referral key 2026 server';

let world: CenterWorld | null = null;
const pageErrors: Error[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const institution = (kind: string, name: string, creditCode: string, areaCode: string, admin: { username: string; password: string }) => ({
    kind,
    name,
    creditCode,
    areaCode,
    admin: { username: admin.username, displayName: '管理员', password: admin.password },
  });
  world = await startCenterWorld('referrals_e2e', [
    institution('legal_service', HALL, HALL_CODE, '340202', HALL_ADMIN),
    institution('mediation', CENTER, CENTER_CODE, '340202', CENTER_ADMIN),
    institution('mediation', YIJIANG, YIJIANG_CODE, '340203', { username: 'yijiang-admin', password: 'Yijiang-Pass-2026' }),
  ]);
});

test.afterAll(async () => {
  await world?.stop();
});

async function workstation(browser: Browser, baseURL: string, options: Parameters<typeof completeFirstRun>[1], admin: { username: string; password: string }, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await completeFirstRun(page, options);
  await signIn(page, ADMIN.username, ADMIN.password);
  await generateInstitutionIdentity(page, PASSPHRASE);
  if (!world) throw new Error('the center server did not start');
  await joinCenterAs(page, world.server, admin, name);
  return page;
}

/** Signing asks for the key's passphrase only when the key is not unlocked in this window yet; then `outcome` shows. */
async function signedThen(page: Page, outcome: Locator): Promise<void> {
  await unlockIfAsked(page, PASSPHRASE, outcome.waitFor({ state: 'visible', timeout: 0 }));
  await expect(outcome).toBeVisible({ timeout: 60_000 });
}

/** The hall's referral form, filled but for the receiver and the consent. */
async function fillDispute(page: Page, person: { name: string; id: string; phone: string }): Promise<void> {
  // From the list, as a user opens a new form (the same address again would keep the form as it was).
  await page.goto('./#/referrals');
  await page.getByRole('link', { name: '新建转介' }).click();
  await expect(page.getByRole('heading', { name: '新建转介', level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('radio', { name: '通过中心服务器发送' })).toBeChecked();
  await fillNeighboursDispute(page, person);
}

async function sendToCenter(page: Page): Promise<void> {
  await page.getByRole('radio', { name: '本区县' }).check();
  await pick(page, page.getByRole('combobox', { name: '接收机构（中心服务器名录）' }), `${CENTER}（340202）`);
  await page.getByRole('checkbox', { name: '当事人已同意将其信息和纠纷转交接收机构' }).check();
  await page.getByRole('button', { name: '签名并通过中心服务器发送' }).click();
  await signedThen(page, page.getByText(`已通过中心服务器发送给 ${CENTER}。`));
  await expect(page.getByRole('heading', { name: '转介与委派调解', level: 1 })).toBeVisible();
}

/** The administrator's list of the categories the institution takes on, saved (and told to the server). */
async function takesOn(page: Page, categories: string[]): Promise<void> {
  await page.goto('./#/referrals');
  const select = page.getByRole('combobox', { name: '受理的纠纷类型' });
  await expect(select).toBeVisible({ timeout: 30_000 });
  for (const category of categories) {
    const chosen = page.locator('.ant-select-selection-item', { hasText: category });
    if (await chosen.count()) continue;
    await select.click();
    await select.fill(category);
    const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${await select.getAttribute('aria-controls')}"]`) });
    await dropdown.locator(`.ant-select-item-option[title="${category}"]`).click();
    await expect(chosen).toBeVisible();
    await select.press('Escape');
  }
  await page.getByRole('button', { name: '保存受理范围' }).click();
  await expect(page.getByText('已保存本机构受理的纠纷类型。')).toBeVisible({ timeout: 30_000 });
}

/** The institutions the picker's open list shows, in order. */
async function expectListed(page: Page, picker: Locator, names: string[]): Promise<void> {
  await picker.click();
  const listId = await picker.getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
  await expect(dropdown.locator('.ant-select-item-option-content')).toHaveText(names);
  await picker.press('Escape');
}

test('a hall refers disputes through the center server; the center accepts one as a case and declines another with its reason', async ({ browser, baseURL }) => {
  test.setTimeout(480_000);
  const hall = await workstation(browser, baseURL!, { kind: '公共法律服务中心', institutionName: HALL, creditCode: HALL_CODE, caseNumberPrefix: '芜法' }, HALL_ADMIN, HALL);
  const center = await workstation(browser, baseURL!, { creditCode: CENTER_CODE }, CENTER_ADMIN, CENTER);

  await test.step('the center says it takes on family disputes only: the hall’s directory leaves it out for a neighbours’ dispute', async () => {
    await takesOn(center, ['婚姻家庭纠纷']);
    await fillDispute(hall, { name: '黄堃', id: '340202199001011231', phone: '13300133000' });
    await expectListed(hall, hall.getByRole('combobox', { name: '接收机构（中心服务器名录）' }), [`${YIJIANG}（340203）`]);
    await takesOn(center, ['婚姻家庭纠纷', '邻里纠纷']);
  });

  await test.step('the hall: the directory by area; no consent and no institution refused beside the fields', async () => {
    await fillDispute(hall, { name: '黄堃', id: '340202199001011231', phone: '13300133000' });
    const picker = hall.getByRole('combobox', { name: '接收机构（中心服务器名录）' });
    // This city: both committees of Wuhu; this district: only the center (the hall itself never).
    await expectListed(hall, picker, [`${CENTER}（340202）`, `${YIJIANG}（340203）`]);
    await expectAccessible(hall, 'the referral form with the directory picker');
    const submit = hall.getByRole('button', { name: '签名并通过中心服务器发送' });
    await submit.click();
    await expectRefusalAt(submit, '转介函有');
    await expect(hall.getByText('请从中心服务器的名录中选择接收机构。')).toBeVisible();
    await expect(hall.getByText('没有当事人的同意，不能转介。请先征得并记录当事人的同意。', { exact: true })).toBeVisible();
    await expect(hall.getByRole('dialog', { name: '解锁机构密钥' })).toHaveCount(0);
    await hall.getByRole('radio', { name: '本区县' }).check();
    await expectListed(hall, picker, [`${CENTER}（340202）`]);
  });

  await test.step('the hall sends two referrals through the server', async () => {
    await sendToCenter(hall);
    await expect(row(hall, '发出的转介', '黄堃')).toContainText('已发出，待答复');
    await expect(row(hall, '发出的转介', '黄堃')).toContainText('经中心服务器');
    await fillDispute(hall, { name: '赵䶮', id: '340202199001011258', phone: '13500135000' });
    await sendToCenter(hall);
    await expect(row(hall, '发出的转介', '经中心服务器')).toHaveCount(2);
  });

  await test.step('the center: the inbox shows them; one accepted becomes a case with the person’s data', async () => {
    await center.goto('./#/referrals');
    await center.getByRole('button', { name: '从中心服务器接收' }).click();
    await expect(row(center, '收到的转介', '黄堃')).toContainText('待处理', { timeout: 60_000 });
    await expect(row(center, '收到的转介', '赵䶮')).toContainText('经中心服务器', { timeout: 60_000 });
    await unfold(center, '收到的转介', '黄堃');
    const detail = center.getByRole('region', { name: `转介详情：${HALL}` }).filter({ hasText: '黄堃' });
    await expect(detail).toContainText('书面同意');
    await expectAccessible(center, 'the referrals inbox, through the center server');
    await detail.getByRole('button', { name: '接受并立案' }).click();
    await signedThen(center, center.getByText(/已接受转介并立案 .*答复已通过中心服务器送达发送机构/));
    await expect(row(center, '收到的转介', '黄堃')).toContainText('已接受立案');
  });

  await test.step('the center declines the second, only with a reason', async () => {
    await unfold(center, '收到的转介', '赵䶮');
    await center.getByRole('region', { name: `转介详情：${HALL}` }).filter({ hasText: '赵䶮' }).getByRole('button', { name: '不予接受' }).click();
    const decline = center.getByRole('dialog', { name: '不予接受转介' });
    const declineOk = decline.getByRole('button', { name: '不予接受并生成答复' });
    await declineOk.click();
    await expectRefusalAt(declineOk, '不予接受必须说明理由');
    await decline.getByLabel('不予接受的理由').fill('申请人住所不在本委员会辖区，请转介辖区调解组织。');
    await declineOk.click();
    await signedThen(center, center.getByText('已不予接受，理由已通过中心服务器送达发送机构。'));
    await expect(row(center, '收到的转介', '赵䶮')).toContainText('不予接受');
  });

  await test.step('the hall sees 已接受 and the reason of the decline', async () => {
    await expect(hall.getByRole('heading', { name: '转介与委派调解', level: 1 })).toBeVisible();
    await hall.getByRole('button', { name: '从中心服务器接收' }).click();
    await expect(hall.getByText('中心服务器：新收到 0 件转介，2 件已获答复。')).toBeVisible({ timeout: 60_000 });
    await expect(row(hall, '发出的转介', '黄堃')).toContainText('已接受立案');
    await expect(row(hall, '发出的转介', '赵䶮')).toContainText('不予接受');
    await unfold(hall, '发出的转介', '赵䶮');
    await expect(hall.getByText('不予接受。理由：申请人住所不在本委员会辖区，请转介辖区调解组织。')).toBeVisible();
    await unfold(hall, '发出的转介', '黄堃');
    await expect(hall.getByText(/已接受，立案号 /)).toBeVisible();
  });

  await test.step('the center’s case carries the person’s data as sent', async () => {
    await unfold(center, '收到的转介', '黄堃');
    await center.getByRole('link', { name: '打开案件' }).click();
    await expect(center.getByTestId('case-status')).toHaveText('已受理');
    await expect(center.getByText('黄堃').first()).toBeVisible();
    await expect(center.getByText('13300133000').first()).toBeVisible();
    await expect(center.getByText('其他机构转介').first()).toBeVisible();
  });

  expect(pageErrors.map((e) => e.message), 'uncaught errors in the pages').toEqual([]);
});
