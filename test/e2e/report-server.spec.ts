// Issue 19 items 2–3 through the center server: a mediation center and a committee in one city's
// area, each on its own workstation joined to one real server (a throwaway PostgreSQL cluster and
// `mw server start`, test/e2e/center-server.ts), register a few cases that sync; the city's
// justice bureau, on a workstation of its own joined to the same server, opens its area's report:
// the two institutions summed (computed by the server), side by side, the same table, the XLSX of
// the sum read back by an independent reader (python3-openpyxl); axe on the bureau's view.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { startCenterWorld, joinCenterAs, type CenterWorld } from './center-server';
import { pick, registerNeighbours, registerTraffic } from './case-forms';
import { unlockIfAsked } from './referral-steps';
import { ADMIN, chooseRadio, completeFirstRun, downloadTo, expectRefusalAt, generateInstitutionIdentity, expect, signIn, test, validCreditCode } from './fixtures';

const CENTER = '芜湖市镜湖区矛盾纠纷调解中心';
const COMMITTEE = '芜湖市弋江区人民调解委员会';
const BUREAU = '芜湖市司法局';
const CENTER_CODE = validCreditCode('51340202MJ0000011');
const COMMITTEE_CODE = validCreditCode('51340203MJ0000012');
const BUREAU_CODE = validCreditCode('11340200MB0000013');
const CENTER_ADMIN = { username: 'center-admin', password: 'Center-Pass-2026' } as const;
const COMMITTEE_ADMIN = { username: 'committee-admin', password: 'Committee-Pass-2026' } as const;
const BUREAU_ADMIN = { username: 'bureau-admin', password: 'Bureau-Pass-2026' } as const;
const PASSPHRASE = 'report key 2026 server';
const REASON = '邻里纠纷受理数与台账不符，请核对后重报。';

let world: CenterWorld | null = null;
const pageErrors: Error[] = [];
let dir = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'mw-report-server-'));
  const admin = (a: { username: string; password: string }) => ({ username: a.username, displayName: '管理员', password: a.password });
  world = await startCenterWorld('report_e2e', [
    { kind: 'mediation', name: CENTER, creditCode: CENTER_CODE, areaCode: '340202', admin: admin(CENTER_ADMIN) },
    { kind: 'mediation', name: COMMITTEE, creditCode: COMMITTEE_CODE, areaCode: '340203', admin: admin(COMMITTEE_ADMIN) },
    { kind: 'justice_bureau', name: BUREAU, creditCode: BUREAU_CODE, areaCode: '340200', admin: admin(BUREAU_ADMIN) },
  ]);
});

test.afterAll(async () => {
  await world?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function workstation(browser: Browser, baseURL: string, options: Parameters<typeof completeFirstRun>[1], admin: { username: string; password: string }, name: string, signs = false): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await completeFirstRun(page, options);
  await signIn(page, ADMIN.username, ADMIN.password);
  if (signs) await generateInstitutionIdentity(page, PASSPHRASE);
  if (!world) throw new Error('the center server did not start');
  // Settings loads lazily: on a loaded machine its first load took over 10 s.
  await page.goto('./#/settings');
  await expect(page.getByRole('heading', { name: '中心服务器', level: 2 })).toBeVisible({ timeout: 60_000 });
  await joinCenterAs(page, world.server, admin, name);
  return page;
}

/** Every change of the workstation is on the server: the indicator says connected, nothing waiting. */
async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('center-indicator')).toHaveAccessibleName('中心服务器：已连接', { timeout: 60_000 });
}

/** The cells of a table's row whose heading is `name`: received is the first. */
function rowCells(table: Locator, name: string): Locator {
  return table.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');
}

test('a justice bureau sees its area’s report: two institutions summed and side by side, exported as XLSX', async ({ browser, baseURL }) => {
  test.setTimeout(480_000);
  const center = await workstation(browser, baseURL!, { institutionName: CENTER, creditCode: CENTER_CODE }, CENTER_ADMIN, CENTER, true);
  const committee = await workstation(browser, baseURL!, { institutionName: COMMITTEE, creditCode: COMMITTEE_CODE }, COMMITTEE_ADMIN, COMMITTEE);

  await test.step('the center registers a traffic and a neighbours’ case, the committee a neighbours’ case; all synced', async () => {
    await registerTraffic(center);
    await registerNeighbours(center);
    await registerNeighbours(committee);
    await synced(center);
    await synced(committee);
  });

  const bureau = await workstation(browser, baseURL!, { kind: '司法局', institutionName: BUREAU, creditCode: BUREAU_CODE, caseNumberPrefix: '芜司' }, BUREAU_ADMIN, BUREAU);

  await test.step('the bureau opens its area’s report from the menu: the two institutions summed', async () => {
    await bureau.getByRole('link', { name: '辖区统计报表' }).click();
    await expect(bureau.getByRole('heading', { name: '辖区人民调解统计报表', level: 1 })).toBeVisible({ timeout: 30_000 });
    await expect(bureau.getByText('汇总范围：区划代码 3402 开头的辖区，共 2 个调解组织')).toBeVisible({ timeout: 30_000 });
    const sum = bureau.getByRole('region', { name: /^辖区合计 · 新版表式（18 类）/ }).getByRole('table');
    await expect(rowCells(sum, '合计').first()).toHaveText('3');
    await expect(rowCells(sum, '邻里纠纷').first()).toHaveText('2');
    await expect(rowCells(sum, '道路交通事故纠纷').first()).toHaveText('1');
    // The amount of a case not settled is not counted; no figure links to a case list (the cases are not here).
    await expect(rowCells(sum, '合计').nth(3)).toHaveText('0.00');
    await expect(sum.getByRole('link')).toHaveCount(0);
  });

  await test.step('the institutions side by side, for all types and for one', async () => {
    const side = () => bureau.getByRole('region', { name: /^各机构对比/ }).getByRole('table');
    await expect(rowCells(side(), '辖区合计').first()).toHaveText('3');
    await expect(rowCells(side(), CENTER).first()).toHaveText('2');
    await expect(rowCells(side(), COMMITTEE).first()).toHaveText('1');
    await pick(bureau, bureau.getByRole('combobox', { name: '对比的纠纷类型' }), '道路交通事故纠纷');
    await expect(bureau.getByRole('region', { name: /^各机构对比 · 道路交通事故纠纷/ })).toBeVisible();
    await expect(rowCells(side(), CENTER).first()).toHaveText('1');
    await expect(rowCells(side(), COMMITTEE).first()).toHaveText('0');
    await expectAccessible(bureau, 'the bureau’s area report');
  });

  await test.step('the older layout has the same total', async () => {
    await chooseRadio(bureau, bureau.getByRole('form', { name: '统计期间' }), '旧版表式（15 类）');
    const older = bureau.getByRole('region', { name: /^辖区合计 · 旧版表式（15 类）/ }).getByRole('table');
    await expect(rowCells(older, '合计').first()).toHaveText('3');
  });

  await test.step('the XLSX of the sum, read back by python3-openpyxl', async () => {
    const xlsx = await downloadTo(bureau, () => bureau.getByRole('button', { name: '导出辖区汇总 Excel' }).click(), dir);
    const read = spawnSync('/usr/bin/python3', ['test/unit/statistics/report/read-xlsx.py', xlsx], { encoding: 'utf8' });
    expect(read.status, read.stderr).toBe(0);
    const book = JSON.parse(read.stdout) as Record<string, unknown[][]>;
    expect(book['新版表式（18 类）']?.find((r) => r[0] === '合计')?.[1]).toBe(3);
    expect(book['旧版表式（15 类）']?.find((r) => r[0] === '合计')?.[1]).toBe(3);
    const byInstitution = book['各机构对比'] ?? [];
    expect(byInstitution.find((r) => r[0] === CENTER)?.[1]).toBe(2);
    expect(byInstitution.find((r) => r[0] === COMMITTEE)?.[1]).toBe(1);
  });

  await test.step('the center locks, signs and files its report through the server', async () => {
    await center.goto('./#/report');
    await expect(center.getByRole('heading', { name: '人民调解统计报表', level: 1 })).toBeVisible({ timeout: 30_000 });
    await center.getByRole('button', { name: '锁定并报送…' }).click();
    await center.getByRole('dialog', { name: /^锁定并报送/ }).getByRole('button', { name: '锁定、签名并保存文件' }).click();
    const sent = center.getByRole('button', { name: '通过中心服务器报送第 1 版' });
    await downloadTo(center, () => unlockIfAsked(center, PASSPHRASE, sent.waitFor({ state: 'visible', timeout: 0 })), dir);
    await sent.click();
    await expect(center.getByText(/^第 1 版已于 .* 通过中心服务器报送至芜湖市司法局。$/)).toBeVisible({ timeout: 30_000 });
    await expect(center.getByText('等待司法局答复')).toBeVisible();
  });

  await test.step('the bureau checks the signature and returns the report, only with a reason', async () => {
    // Opened again from the menu (a reload would sign the window out): the list is read on opening.
    await bureau.goto('./#/settings');
    await bureau.getByRole('link', { name: '辖区统计报表' }).click();
    const received = bureau.getByRole('region', { name: '机构报送的报表' });
    await expect(received.getByRole('row', { name: new RegExp(CENTER) })).toContainText('待答复', { timeout: 30_000 });
    await received.getByRole('button', { name: `核验${CENTER}报表的签名` }).click();
    await expect(received.getByText(`签名有效（${CENTER}）`)).toBeVisible({ timeout: 30_000 });
    await received.getByRole('button', { name: `退回${CENTER}的报表` }).click();
    const dialog = bureau.getByRole('dialog', { name: `退回${CENTER}第 1 版报表` });
    await dialog.getByRole('button', { name: '退回' }).click();
    await expectRefusalAt(dialog.getByLabel('退回原因'), '退回必须写明原因。');
    await dialog.getByLabel('退回原因').fill(REASON);
    await dialog.getByRole('button', { name: '退回' }).click();
    await expect(received.getByRole('row', { name: new RegExp(CENTER) })).toContainText(`已退回：${REASON}`, { timeout: 30_000 });
    await expectAccessible(bureau, 'the bureau’s received reports');
  });

  await test.step('the center sees the bureau’s answer, as an imported answer shows', async () => {
    await center.getByRole('button', { name: '查看司法局答复' }).click();
    await expect(center.getByText(new RegExp(`^司法局已退回（芜湖市司法局，.*）：${REASON}$`))).toBeVisible({ timeout: 30_000 });
  });

  expect(pageErrors).toEqual([]);
});
