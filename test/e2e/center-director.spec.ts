// A director sees the center's cases across mediators (issue 17 item 3 and "Done when"), on a real
// center server (a throwaway PostgreSQL cluster, `mw server start` over HTTPS; center-server.ts).
// The server's administrator creates mediator 甲, mediator 乙 and a director through the server's
// account API, as an administrator does. On each mediator's workstation the local administrator
// joins, enables that mediator's server account as a local account (an explicit step: the same
// account), and the mediator signs in there and to the server: each registers a case, and 乙's
// workstation never receives 甲's case (the server's policy). The director signs in on a third
// workstation, sees both cases each with its mediator, filters by mediator, and hands 甲's open
// cases to 乙 in one step; 乙's workstation then shows the case. The director's server session
// survives a reload of the page (kept in the tab: center/session-keeper.ts), and signing out of the
// server ends it.
import { request as httpsRequest } from 'node:https';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { joinCenterAs, startCenterWorld, type CenterServer, type CenterWorld } from './center-server';
import { fillNatural, ID_B, named, openIntake, pick, registerTraffic } from './case-forms';
import { ADMIN, completeFirstRun, expect, signIn, signOut, test, validCreditCode } from './fixtures';

const CODE = validCreditCode();
const NAME = '芜湖市镜湖区人民调解委员会';
const SERVER_ADMIN = { username: 'center-admin', password: 'Center-Pass-2026' } as const;
const MEDIATOR_A = { username: 'mediator-jia', displayName: '调解员甲', role: 'mediator', password: 'Jia-Pass-2026' } as const;
const MEDIATOR_B = { username: 'mediator-yi', displayName: '调解员乙', role: 'mediator', password: 'Yi-Pass-2026' } as const;
const DIRECTOR = { username: 'director', displayName: '赵主任', role: 'director', password: 'Director-Pass-2026' } as const;
/** The local password each mediator signs in with on their workstation. */
const LOCAL_PASSWORD = 'Local12345';

let world: CenterWorld | null = null;

/** One request to the server's API, trusting its self-signed certificate only. */
function api(server: CenterServer, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const url = new URL(`/api/v1${path}`, server.address);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        ca: server.cert.certPem,
        checkServerIdentity: () => undefined,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += String(chunk)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  world = await startCenterWorld('director_e2e', [
    { kind: 'mediation', name: NAME, creditCode: CODE, areaCode: '340202', address: '安徽省芜湖市镜湖区北京中路 1 号', admin: { username: SERVER_ADMIN.username, displayName: '中心管理员', password: SERVER_ADMIN.password } },
  ]);
  const signedIn = await api(world.server, 'POST', '/sign-in', { institution: CODE, username: SERVER_ADMIN.username, password: SERVER_ADMIN.password });
  expect(signedIn.status).toBe(200);
  const token = (signedIn.body as { token: string }).token;
  for (const account of [MEDIATOR_A, MEDIATOR_B, DIRECTOR]) {
    const created = await api(world.server, 'POST', '/accounts', account, token);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
});

test.afterAll(async () => {
  await world?.stop();
});

const pageErrors: string[] = [];

async function workstation(browser: Browser, baseURL: string | undefined, caseNumberPrefix = '芜解'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await completeFirstRun(page, { creditCode: CODE, caseNumberPrefix });
  await signIn(page, ADMIN.username, ADMIN.password);
  return { context, page };
}

const indicator = (page: Page) => page.getByTestId('center-indicator');

/** In the center card: the server session of `account` (signing out the one there first). */
async function serverSignIn(page: Page, account: { username: string; password: string; displayName: string }): Promise<void> {
  await page.goto('./#/settings');
  const out = page.getByRole('button', { name: named('退出服务器登录') });
  const form = page.getByRole('form', { name: '登录中心服务器' });
  await expect(out.or(form)).toBeVisible({ timeout: 20_000 });
  if (await out.isVisible()) await out.click();
  await form.getByLabel('服务器上的用户名').fill(account.username);
  await form.getByLabel('密码').fill(account.password);
  await form.getByRole('button', { name: named('登录') }).click();
  await expect(page.getByText(`已通过中心服务器登录：${account.displayName}。`)).toBeVisible({ timeout: 30_000 });
  await expect(indicator(page)).toHaveAccessibleName(/中心服务器：(已连接|正在同步)/, { timeout: 30_000 });
}

/** A mediator's own workstation: joined, their server account enabled here, signed in locally and to the server. */
async function mediatorWorkstation(browser: Browser, baseURL: string | undefined, server: CenterServer, mediator: typeof MEDIATOR_A | typeof MEDIATOR_B, prefix: string) {
  const ws = await workstation(browser, baseURL, prefix);
  await joinCenterAs(ws.page, server, SERVER_ADMIN, NAME);
  const accounts = ws.page.getByRole('region', { name: '中心服务器上的本机构账户' });
  await accounts.getByRole('button', { name: `在本工作站启用 ${mediator.displayName}` }).click();
  const dialog = ws.page.getByRole('dialog', { name: `在本工作站启用 ${mediator.displayName}` });
  await dialog.getByLabel('本机登录密码').fill(LOCAL_PASSWORD);
  await dialog.getByLabel('再次输入密码').fill('Other12345');
  await dialog.getByRole('button', { name: named('启用') }).click();
  await expect(dialog.getByText('两次输入的密码不一致。')).toBeVisible();
  await dialog.getByLabel('再次输入密码').fill(LOCAL_PASSWORD);
  await dialog.getByRole('button', { name: named('启用') }).click();
  await expect(ws.page.getByText(`已在本工作站启用 ${mediator.displayName}（用户名 ${mediator.username}）。`)).toBeVisible();
  await expect(accounts.getByRole('row', { name: new RegExp(mediator.displayName) })).toContainText('已是本机账户');
  await signOut(ws.page);
  await signIn(ws.page, mediator.username, LOCAL_PASSWORD);
  await serverSignIn(ws.page, mediator);
  return ws;
}

/** A neighbours' dispute registered on a workstation whose case numbers carry `prefix`. */
async function registerNeighboursAs(page: Page, prefix: string): Promise<string> {
  await openIntake(page, '邻里纠纷');
  await pick(page, page.getByLabel('争议事项'), '噪音');
  await fillNatural(page, 1, { name: '黄堃', id: ID_B, phone: '13300133000' });
  await fillNatural(page, 2, { name: '吴三', phone: '13200132000' });
  await page.getByLabel('请求事项').fill('停止侵害');
  await page.getByRole('button', { name: named('登记') }).click();
  const heading = page.getByTestId('case-number');
  await expect(heading).toHaveText(new RegExp(`（20\\d\\d）${prefix}字第\\d+号`), { timeout: 15_000 });
  return (await heading.textContent()) ?? '';
}

function caseRow(page: Page, number: string) {
  return page.getByRole('row').filter({ hasText: number });
}

test('a director sees both mediators’ cases with their mediators, filters by mediator, and hands one’s open cases to the other', async ({ browser, baseURL }) => {
  test.setTimeout(900_000);
  if (!world) throw new Error('the center server did not start');
  const server = world.server;

  const a = await mediatorWorkstation(browser, baseURL, server, MEDIATOR_A, '芜解');
  const first = await registerTraffic(a.page);
  await expect(indicator(a.page)).toHaveAccessibleName('中心服务器：已连接', { timeout: 30_000 });

  const b = await mediatorWorkstation(browser, baseURL, server, MEDIATOR_B, '镜乙');
  const second = await registerNeighboursAs(b.page, '镜乙');
  await expect(indicator(b.page)).toHaveAccessibleName('中心服务器：已连接', { timeout: 30_000 });

  await test.step('乙’s workstation has pulled and holds only 乙’s case: 甲’s is not for 乙 to see', async () => {
    await b.page.goto('./#/cases');
    await expect(caseRow(b.page, second)).toBeVisible();
    await expect(b.page.getByText('共 1 件案件')).toBeVisible();
    await expect(b.page.getByText(first)).toHaveCount(0);
  });

  const d = await workstation(browser, baseURL);
  await test.step('the director signs in on a third workstation and sees both cases, each with its mediator', async () => {
    await joinCenterAs(d.page, server, SERVER_ADMIN, NAME);
    await serverSignIn(d.page, DIRECTOR);
    await d.page.goto('./#/cases');
    await expect(caseRow(d.page, first)).toContainText(MEDIATOR_A.displayName, { timeout: 60_000 });
    await expect(caseRow(d.page, second)).toContainText(MEDIATOR_B.displayName, { timeout: 60_000 });
    await expectAccessible(d.page, 'the director’s case list');
  });

  await test.step('the director filters by mediator', async () => {
    await pick(d.page, d.page.getByLabel('调解员', { exact: true }), MEDIATOR_A.displayName);
    await expect(caseRow(d.page, first)).toBeVisible();
    await expect(caseRow(d.page, second)).toHaveCount(0);
    await expect(d.page.getByTestId('case-count')).toHaveText('符合条件的案件：1 件');
  });

  await test.step('the director hands 甲’s open cases to 乙 in one step; 乙’s workstation then shows the case', async () => {
    await d.page.goto('./#/cases');
    await d.page.getByRole('button', { name: named('移交调解员的在办案件') }).click();
    const dialog = d.page.getByRole('dialog', { name: '移交在办案件' });
    await dialog.getByRole('button', { name: named('移交') }).click();
    await expect(dialog.getByText('请选择移交谁的案件。')).toBeVisible();
    await pick(d.page, dialog.getByLabel('移交谁的案件'), MEDIATOR_A.displayName);
    await pick(d.page, dialog.getByLabel('移交给'), MEDIATOR_A.displayName);
    await expect(dialog.getByText('接手的调解员不能是离开的调解员本人。')).toBeVisible();
    await pick(d.page, dialog.getByLabel('移交给'), MEDIATOR_B.displayName);
    await expectAccessible(d.page, 'the hand-over dialog');
    await dialog.getByRole('button', { name: named('移交') }).click();
    await expect(d.page.getByText(`已将 1 件在办案件从 ${MEDIATOR_A.displayName} 移交给 ${MEDIATOR_B.displayName}。`)).toBeVisible({ timeout: 30_000 });
    await expect(caseRow(d.page, first)).toContainText(MEDIATOR_B.displayName, { timeout: 30_000 });
    // 乙's list, left open, shows the case once the nudge has brought it.
    await expect(caseRow(b.page, first)).toBeVisible({ timeout: 60_000 });
  });

  await test.step('the director’s server session survives a reload of the page; signing out of the server ends it', async () => {
    await d.page.reload();
    await signIn(d.page, ADMIN.username, ADMIN.password);
    await expect(indicator(d.page)).toHaveAccessibleName(/中心服务器：(已连接|正在同步)/, { timeout: 30_000 });
    await d.page.goto('./#/settings');
    await expect(d.page.getByText(`服务器账户：${DIRECTOR.displayName}`)).toBeVisible();
    await expect(d.page.getByRole('form', { name: '登录中心服务器' })).toHaveCount(0);
    await d.page.getByRole('button', { name: named('退出服务器登录') }).click();
    await expect(indicator(d.page)).toHaveAccessibleName('中心服务器：未登录');
    await d.page.reload();
    await signIn(d.page, ADMIN.username, ADMIN.password);
    await d.page.goto('./#/settings');
    await expect(d.page.getByRole('form', { name: '登录中心服务器' })).toBeVisible();
    await expect(indicator(d.page)).toHaveAccessibleName('中心服务器：未登录');
  });

  await a.context.close();
  await b.context.close();
  await d.context.close();
  expect(pageErrors, 'uncaught errors in the workstations’ pages').toEqual([]);
});
