// Two workstations of one institution on a real center server (issue 17, "Done when", the app's
// side): a throwaway PostgreSQL cluster of its own (temporary folder, free port), migrated, the
// institution made as its operator makes it, and `mw server start` speaking HTTPS with a
// self-signed certificate. The pages reach it only through their own host (the `mw serve` relay
// of this suite's web server), which pins the certificate's fingerprint.
// The administrator joins from Settings on each workstation (the fingerprint shown and compared);
// a workstation of another institution is refused with the first's account, with why, then joins
// its own and sees none of the first's cases; a case registered on the first appears
// on the second; with the server stopped the indicator says offline with the changes waiting, and
// they are pushed once it is back; both edit one case while it is stopped, and the conflict shows
// both versions and keeps the user's decision.
import { generateKeyPairSync } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { startCenterWorld, type CenterServer, type CenterWorld } from './center-server';
import { named, registerNeighbours, registerTraffic } from './case-forms';
import { ADMIN, completeFirstRun, expect, signIn, test, validCreditCode } from './fixtures';

const SERVER_ADMIN = { username: 'center-admin', password: 'Center-Pass-2026' } as const;
const OWN_CODE = validCreditCode();
const OTHER_CODE = validCreditCode('91340200MA2N0YYYY');
const OTHER_NAME = '芜湖市弋江区人民调解委员会';
const OTHER_ADMIN = { username: 'other-admin', password: 'Other-Pass-2026' } as const;

let world: CenterWorld | null = null;
let server: CenterServer | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  world = await startCenterWorld('center_e2e', [
    {
      kind: 'mediation',
      name: '芜湖市镜湖区人民调解委员会',
      creditCode: OWN_CODE,
      areaCode: '340202',
      address: '安徽省芜湖市镜湖区北京中路 1 号',
      admin: { username: SERVER_ADMIN.username, displayName: '中心管理员', password: SERVER_ADMIN.password },
    },
    {
      kind: 'mediation',
      name: OTHER_NAME,
      creditCode: OTHER_CODE,
      areaCode: '340203',
      address: '安徽省芜湖市弋江区中山南路 1 号',
      admin: { username: OTHER_ADMIN.username, displayName: '弋江管理员', password: OTHER_ADMIN.password },
    },
  ]);
  server = world.server;
});

test.afterAll(async () => {
  await world?.stop();
});

/** Uncaught errors of every workstation's page: none by the end. */
const pageErrors: string[] = [];

async function workstation(browser: Browser, baseURL: string | undefined, creditCode: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await completeFirstRun(page, { creditCode });
  await signIn(page, ADMIN.username, ADMIN.password);
  return { context, page };
}

/** Settings → the center card: the address, the certificate read, compared, then the server account. */
async function readCertificate(page: Page, address: string): Promise<void> {
  await page.goto('./#/settings');
  const card = page.getByRole('heading', { name: '中心服务器', level: 2 });
  await expect(card).toBeVisible();
  await expect(page.getByText('本工作站尚未加入中心服务器，只在本机保存数据。')).toBeVisible();
  await page.getByLabel('中心服务器地址').fill(address);
  await page.getByRole('button', { name: '读取服务器证书' }).click();
}

async function joinCenter(page: Page, address: string, fingerprint: string): Promise<void> {
  await readCertificate(page, address);
  await expect(page.getByTestId('center-fingerprint')).toHaveText(fingerprint);
  // Joining before saying the fingerprint was compared is refused at the form.
  await page.getByLabel('服务器上的管理员用户名').fill(SERVER_ADMIN.username);
  await page.getByLabel('密码', { exact: true }).last().fill(SERVER_ADMIN.password);
  await page.getByRole('button', { name: '加入中心服务器' }).click();
  await expect(page.getByText('请先核对证书指纹。')).toBeVisible();
  await page.getByRole('checkbox', { name: /我已核对/ }).check();
  await page.getByRole('button', { name: '加入中心服务器' }).click();
  await expect(page.getByText('已加入中心服务器“芜湖市镜湖区人民调解委员会”。')).toBeVisible({ timeout: 20_000 });
}

/** The case list, left open, shows the case once it has been pulled: nobody reopens it. */
async function expectCaseListed(page: Page, number: string, timeout: number): Promise<void> {
  await page.goto('./#/cases');
  await expect(page.getByText(number).first()).toBeVisible({ timeout });
}

function indicator(page: Page) {
  return page.getByTestId('center-indicator');
}

test('two workstations of one center share cases through the server, offline and back, and a conflict is decided by the user', async ({ browser, baseURL }) => {
  test.setTimeout(480_000);
  if (!server) throw new Error('the center server did not start');
  const center = server;

  const a = await workstation(browser, baseURL, OWN_CODE);
  const b = await workstation(browser, baseURL, OWN_CODE);

  await test.step('local use shows only a quiet "not joined" state', async () => {
    await expect(indicator(a.page)).toHaveCount(0);
    await readCertificate(a.page, 'http://127.0.0.1:1');
    await expect(a.page.getByText('请输入 https:// 开头的服务器地址（只含主机名和端口）。')).toBeVisible();
    await expectAccessible(a.page, 'Settings, the center card before joining');
  });

  await test.step('the administrators join: fingerprint shown, compared and pinned', async () => {
    await joinCenter(a.page, center.address, center.cert.fingerprint);
    await expect(indicator(a.page)).toHaveAccessibleName(/中心服务器：已连接/);
    await expect(a.page.getByText(center.cert.fingerprint)).toBeVisible();
    await expectAccessible(a.page, 'Settings, the center card joined');
    await joinCenter(b.page, center.address, center.cert.fingerprint);
    await expect(indicator(b.page)).toHaveAccessibleName(/中心服务器：(已连接|正在同步)/);
  });

  await test.step('the second workstation’s own settings meet the first’s: a conflict, decided', async () => {
    // Both workstations had settings before joining; the server kept the first's.
    const conflict = b.page.getByRole('group', { name: '设置 settings', exact: true });
    await expect(conflict).toBeVisible({ timeout: 20_000 });
    await expect(conflict.getByRole('region', { name: '本工作站的版本' })).toBeVisible();
    await conflict.getByRole('button', { name: '采用服务器的版本' }).click();
    await expect(conflict).toHaveCount(0);
  });

  let first = '';
  await test.step('a case registered on the first appears on the second, in the list it has open', async () => {
    await b.page.goto('./#/cases');
    await expect(b.page.getByRole('heading', { level: 1 })).toBeVisible();
    first = await registerTraffic(a.page);
    await expect(indicator(a.page)).toHaveAccessibleName('中心服务器：已连接', { timeout: 20_000 });
    await expect(b.page.getByText(first).first()).toBeVisible({ timeout: 30_000 });
  });

  let second = '';
  await test.step('with the server stopped the changes wait, and go once it is back', async () => {
    await center.stop();
    second = await registerNeighbours(a.page);
    await expect(indicator(a.page)).toHaveAccessibleName('中心服务器：离线，1 项更改待上传', { timeout: 30_000 });
    await center.start();
    await a.page.goto('./#/settings');
    await a.page.getByRole('button', { name: named('立即同步') }).click();
    await expect(indicator(a.page)).toHaveAccessibleName('中心服务器：已连接', { timeout: 30_000 });
    await expectCaseListed(b.page, second, 60_000);
  });

  await test.step('both edit the case while the server is stopped: the conflict shows both, the user decides', async () => {
    await center.stop();
    const edits = [
      { page: a.page, claims: '赔偿医疗费（甲工作站）' },
      { page: b.page, claims: '赔偿医疗费（乙工作站）' },
    ];
    for (const { page, claims } of edits) {
      await page.goto('./#/cases');
      await page.getByText(first).first().click();
      await expect(page.getByTestId('case-number')).toHaveText(first);
      await page.getByRole('button', { name: named('编辑案件信息') }).click();
      await page.getByLabel('请求事项').fill(claims);
      await page.getByRole('button', { name: named('保存修改') }).click();
      await expect(page.getByText(claims)).toBeVisible();
      await expect(indicator(page)).toHaveAccessibleName(/中心服务器：离线，1 项更改待上传/, { timeout: 30_000 });
    }
    await center.start();
    for (const { page } of edits) {
      await page.goto('./#/settings');
      await page.getByRole('button', { name: named('立即同步') }).click();
      await expect(indicator(page)).not.toHaveAccessibleName(/离线|正在同步/, { timeout: 30_000 });
    }
    // Whichever pushed second met a newer version on the server: its settings show the conflict.
    const conflicts = edits.map((edit) => ({ ...edit, conflict: edit.page.getByRole('group', { name: /^案件 / }) }));
    let loser = conflicts[0]!;
    await expect(async () => {
      const counts = await Promise.all(conflicts.map((c) => c.conflict.count()));
      expect([...counts].sort()).toEqual([0, 1]);
      loser = conflicts[counts[0] === 1 ? 0 : 1]!;
    }).toPass({ timeout: 30_000 });
    const winner = conflicts.find((c) => c !== loser)!;
    await expect(loser.conflict.getByRole('region', { name: '本工作站的版本' })).toContainText(loser.claims);
    await expect(loser.conflict.getByRole('region', { name: /服务器上的版本/ })).toContainText(winner.claims);
    await expectAccessible(loser.page, 'Settings, a sync conflict');
    await loser.conflict.getByRole('button', { name: '保留本工作站的版本' }).click();
    await expect(loser.conflict).toHaveCount(0);
    // The decision is kept there and reaches the other workstation, which had no conflict to decide.
    for (const { page } of [loser, winner]) {
      await page.goto('./#/cases');
      await page.getByText(first).first().click();
      await expect(page.getByText(loser.claims)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText(winner.claims)).toHaveCount(0);
    }
  });

  await test.step('signed out of the server, a reload keeps it so: the card signs in through the server again', async () => {
    // A reload alone keeps the server session (center-director.spec); signing out ends it.
    await a.page.goto('./#/settings');
    await a.page.getByRole('button', { name: named('退出服务器登录') }).click();
    await a.page.reload();
    await signIn(a.page, ADMIN.username, ADMIN.password);
    await expect(indicator(a.page)).toHaveAccessibleName('中心服务器：未登录');
    await a.page.goto('./#/settings');
    const form = a.page.getByRole('form', { name: '登录中心服务器' });
    await form.getByLabel('服务器上的用户名').fill(SERVER_ADMIN.username);
    await form.getByLabel('密码').fill('not-the-password');
    await form.getByRole('button', { name: named('登录') }).click();
    await expect(form.getByRole('alert')).toContainText('无法登录中心服务器');
    await form.getByLabel('密码').fill(SERVER_ADMIN.password);
    await form.getByRole('button', { name: named('登录') }).click();
    await expect(a.page.getByText('已通过中心服务器登录：中心管理员。')).toBeVisible({ timeout: 20_000 });
    await expect(indicator(a.page)).toHaveAccessibleName('中心服务器：已连接', { timeout: 20_000 });
  });

  await test.step('a change carrying a private key in clear is refused by the server, said why, and the list cleared once read', async () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await a.page.goto('./#/cases');
    await a.page.getByText(first).first().click();
    await a.page.getByRole('button', { name: named('编辑案件信息') }).click();
    await a.page.getByLabel('请求事项').fill(`赔偿医疗费\n${pem}`);
    await a.page.getByRole('button', { name: named('保存修改') }).click();
    await expect(a.page.getByText('赔偿医疗费').first()).toBeVisible();
    await a.page.goto('./#/settings');
    const refused = a.page.getByRole('alert').filter({ hasText: '服务器拒绝的更改' });
    await expect(refused).toContainText('未加密的私钥', { timeout: 30_000 });
    await expect(indicator(a.page)).toHaveAccessibleName('中心服务器：已连接');
    await expectAccessible(a.page, 'Settings, a change the server refused');
    await refused.getByRole('button', { name: '知道了，清除列表' }).click();
    await expect(refused).toHaveCount(0);
  });

  await test.step('a workstation of another institution is refused with the first’s account, joins its own, and sees none of the first’s cases', async () => {
    const c = await workstation(browser, baseURL, OTHER_CODE);
    await readCertificate(c.page, center.address);
    await c.page.getByRole('checkbox', { name: /我已核对/ }).check();
    await c.page.getByLabel('服务器上的管理员用户名').fill(SERVER_ADMIN.username);
    await c.page.getByLabel('密码', { exact: true }).last().fill(SERVER_ADMIN.password);
    await c.page.getByRole('button', { name: '加入中心服务器' }).click();
    const refusal = c.page.getByRole('alert').filter({ hasText: '无法加入中心服务器' });
    await expect(refusal).toContainText(OTHER_CODE);
    await expect(refusal).toContainText('已有数据的工作站只能加入本机构的服务器');
    await expect(indicator(c.page)).toHaveCount(0);

    await c.page.getByLabel('服务器上的管理员用户名').fill(OTHER_ADMIN.username);
    await c.page.getByLabel('密码', { exact: true }).last().fill(OTHER_ADMIN.password);
    await c.page.getByRole('button', { name: '加入中心服务器' }).click();
    await expect(c.page.getByText(`已加入中心服务器“${OTHER_NAME}”。`)).toBeVisible({ timeout: 20_000 });
    await c.page.getByRole('button', { name: named('立即同步') }).click();
    await expect(indicator(c.page)).toHaveAccessibleName('中心服务器：已连接', { timeout: 30_000 });
    await c.page.goto('./#/cases');
    await expect(c.page.getByText('共 0 件案件')).toBeVisible();
    await expect(c.page.getByText(first)).toHaveCount(0);
    await c.context.close();
  });

  await a.context.close();
  await b.context.close();
  expect(pageErrors, 'uncaught errors in the workstations’ pages').toEqual([]);
});
