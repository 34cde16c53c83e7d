// Shared Playwright helpers: every spec starts from a fresh browser context (its own, empty
// IndexedDB), reaches nothing but the app's own server, and fails when the page throws.
// The helpers drive the UI as a user would, finding controls by role and label (zh-CN, the
// default language of a fresh profile).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect };

/** GB 32100-2015 check character, computed independently of the app's own validator. */
export function creditCodeCheckChar(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = alphabet.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`"${first17[i]}" cannot appear in a credit code`);
    sum += value * (weights[i] ?? 0);
  }
  return alphabet[(31 - (sum % 31)) % 31] ?? '';
}

export function validCreditCode(first17 = '91340200MA2N0XXXX'): string {
  return first17 + creditCodeCheckChar(first17);
}

/** The kinds first run offers, by their Chinese names. */
export type InstitutionKindName = '人民调解组织' | '公共法律服务中心' | '人民法院' | '司法局';

export interface FirstRunOptions {
  /** Default 人民调解组织; a 人民法院 is asked only its own code (courtCode), no court and no prefix. */
  kind?: InstitutionKindName;
  institutionName?: string;
  creditCode?: string;
  address?: string;
  courtName?: string;
  courtCode?: string;
  caseNumberPrefix?: string;
  adminUsername?: string;
  adminDisplayName?: string;
  adminPassword?: string;
}

export const ADMIN = { username: 'admin', password: 'Admin12345', displayName: '王管理' } as const;

export const DEFAULT_INSTITUTION = {
  institutionName: '芜湖市镜湖区人民调解委员会',
  address: '安徽省芜湖市镜湖区北京中路 1 号',
  courtName: '芜湖市镜湖区人民法院',
  courtCode: '皖0202',
  caseNumberPrefix: '芜解',
} as const;

/** Fills and submits the first-run form; ends on the sign-in screen. */
export async function completeFirstRun(page: Page, options: FirstRunOptions = {}): Promise<void> {
  const o = { ...DEFAULT_INSTITUTION, creditCode: validCreditCode(), ...options };
  await page.goto('./#/setup');
  // A fresh profile's first page fetches some forty chunks; on a loaded machine that took over 10 s.
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible({ timeout: 30_000 });
  if (options.kind) await chooseRadio(page, page.getByRole('radiogroup', { name: '机构类型' }), options.kind);
  await page.getByLabel('机构名称').fill(o.institutionName);
  await page.getByLabel('统一社会信用代码').fill(o.creditCode);
  await page.getByLabel('地址', { exact: true }).fill(o.address);
  if (options.kind !== '人民法院') await page.getByLabel('法院名称').fill(o.courtName);
  await page.getByLabel('法院代字').fill(o.courtCode);
  if (options.kind !== '人民法院') await page.getByLabel('案号机构代字').fill(o.caseNumberPrefix);
  await page.getByLabel('管理员用户名').fill(options.adminUsername ?? ADMIN.username);
  await page.getByLabel('管理员姓名').fill(options.adminDisplayName ?? ADMIN.displayName);
  await page.getByLabel('密码', { exact: true }).fill(options.adminPassword ?? ADMIN.password);
  await page.getByLabel('确认密码').fill(options.adminPassword ?? ADMIN.password);
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible({ timeout: 20_000 });
}

/** Signs in from the sign-in screen; ends on a signed-in screen. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  const heading = page.getByRole('heading', { name: '登录' });
  // A page without a session is sent to the sign-in screen by the app itself (keeping where it
  // was in `next`); only a page that stays elsewhere is taken there.
  await heading.waitFor({ timeout: 5_000 }).catch(() => page.goto('./#/login'));
  await expect(heading).toBeVisible();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible({ timeout: 20_000 });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
}

export type RoleName = 'admin' | 'mediator' | 'lawyer' | 'clerk' | 'director';
export const ROLE_LABELS: Record<RoleName, string> = { admin: '管理员', mediator: '人民调解员', lawyer: '律师', clerk: '法院书记员', director: '主任' };

export interface NewUser {
  username: string;
  displayName: string;
  role: RoleName;
  password: string;
  licenseNo?: string;
}

/** As a signed-in administrator, adds a user through /admin/users. */
export async function createUser(page: Page, user: NewUser): Promise<void> {
  await page.goto('./#/admin/users');
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();
  await page.getByRole('button', { name: '添加用户' }).click();
  const dialog = page.getByRole('dialog', { name: '添加用户' });
  await dialog.getByLabel('用户名').fill(user.username);
  await dialog.getByLabel('姓名').fill(user.displayName);
  await chooseRadio(page, dialog, ROLE_LABELS[user.role]);
  if (user.licenseNo !== undefined) await dialog.getByLabel('律师执业证号').fill(user.licenseNo);
  await dialog.getByLabel('初始密码').fill(user.password);
  await dialog.getByLabel('确认密码').fill(user.password);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('row', { name: new RegExp(user.username) })).toBeVisible();
}

/**
 * Checks an antd radio button by its name. antd keeps the input itself out of view under the
 * visible label, so the label that holds the named radio is clicked, as a user would.
 */
export async function chooseRadio(page: Page, scope: Locator, name: string): Promise<void> {
  const radio = scope.getByRole('radio', { name, exact: true });
  await scope.locator('label').filter({ has: page.getByRole('radio', { name, exact: true }) }).click();
  await expect(radio).toBeChecked();
}

/**
 * Picks an option of an antd Select by its visible text. antd's role="option" elements are a
 * zero-size list for screen readers, so the visible item of the open dropdown is clicked.
 */
export async function chooseOption(page: Page, combobox: Locator, optionText: string): Promise<void> {
  await combobox.click();
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  // The dropdown that belongs to this combobox: another one may still be fading out.
  const listId = await combobox.getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: optionText }).first();
  await option.click();
  await expect(option).toBeHidden();
}

/**
 * Waits for every finite animation on the page to finish. antd dialogs zoom open, and a trace
 * showed their button "stable" at 20×6 px mid-zoom, so a click then can land beside it.
 */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** Presses a button of an open dialog once it has finished opening. */
export async function pressInDialog(dialog: Locator, button: string | RegExp): Promise<void> {
  await expect(dialog).toBeVisible();
  await animationsDone(dialog.page());
  await dialog.getByRole('button', { name: button }).click();
}

/** Answers a confirmation dialog: its button pressed, the dialog gone. */
export async function answerDialog(dialog: Locator, button: string | RegExp): Promise<void> {
  await pressInDialog(dialog, button);
  await expect(dialog).toBeHidden();
}

export const test = base.extend<{ pageErrors: Error[]; otherProfilesClosed: void }>({
  context: async ({ context, baseURL }, use) => {
    // Nothing but the app's own server: the product must work without the internet.
    const allowed = new URL(baseURL ?? 'http://127.0.0.1/').origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(allowed) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      return route.abort('blockedbyclient');
    });
    // E2E_CPU_SLOWDOWN=8 slows every page's CPU that many times (Chromium's own throttling): how a
    // loaded CI machine is reproduced here. A spec that passes only on a fast machine fails then.
    const slowdown = Number(process.env.E2E_CPU_SLOWDOWN ?? 1);
    if (slowdown > 1) {
      const slow = async (page: Page) => (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
      context.on('page', (page) => void slow(page).catch(() => undefined));
      for (const page of context.pages()) await slow(page);
    }
    await use(context);
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await use(errors);
      expect(errors.map((e) => e.message), 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  otherProfilesClosed: [
    async ({ browser, context }, use) => {
      await use();
      // A profile a test opened with browser.newContext() ends with the test, passed or failed. Left
      // open, its pages keep their timers and connections running (a center's reconnect after its
      // server stopped, a 30 s poll) in the browser that every later test of the worker shares, and
      // CI runs one worker: in a run here, the four tests after such specs failed on clicks and
      // inputs that did not take, each of which passes alone.
      for (const other of browser.contexts()) if (other !== context) await other.close().catch(() => undefined);
    },
    { auto: true },
  ],
});

/** Replaces a stored blob's bytes in IndexedDB behind the app's back, as tampering would. */
export async function tamperWithBlob(page: Page, sha256: string, text: string): Promise<void> {
  await page.evaluate(
    async ({ hash, replacement }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mediation-workstation');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const bytes = new TextEncoder().encode(replacement);
      const tx = db.transaction('blobs', 'readwrite');
      tx.objectStore('blobs').put({ sha256: hash, size: bytes.length, bytes });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    { hash: sha256, replacement: text },
  );
}

/** Runs the `mw` command of this checkout, as court IT or a center would. */
export function mw(...args: string[]) {
  return spawnSync(process.execPath, ['cli/bin/mw.mjs', ...args], { encoding: 'utf8' });
}

/** Saves the download that `trigger` starts into `dir`, under the name the app offered; returns its path. */
export async function downloadTo(page: Page, trigger: () => Promise<void>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/**
 * The restore dialog for an unsigned backup (`mw seed` output, or one made before the
 * workstation had an institution identity): tick that it is unauthenticated, then restore.
 */
export async function acknowledgeUnsignedRestore(page: Page, okText: '恢复' | '替换并恢复' = '恢复'): Promise<void> {
  const dialog = page.getByRole('dialog').filter({ hasText: '此备份没有机构签名' });
  await expect(dialog).toBeVisible({ timeout: 300_000 });
  const ok = dialog.getByRole('button', { name: okText });
  await expect(ok).toBeDisabled();
  await dialog.getByRole('checkbox', { name: '我了解此备份未经认证，仍要恢复' }).check();
  await answerDialog(dialog, okText);
}

/** A fresh workstation set up from an unsigned backup (`mw seed` output) on its first-run screen; ends on the sign-in screen. */
export async function restoreAtFirstRun(page: Page, file: string): Promise<void> {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible({ timeout: 30_000 });
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从文件恢复…' }).click();
  await (await choosing).setFiles(file);
  await acknowledgeUnsignedRestore(page);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible({ timeout: 120_000 });
}

/** As a signed-in administrator: generates the institution's signing identity under Settings, sealed by `passphrase`. */
export async function generateInstitutionIdentity(page: Page, passphrase: string): Promise<void> {
  await page.goto('./#/settings');
  const identity = page.getByRole('region', { name: '机构签名身份' });
  await identity.getByLabel('密钥保护口令').fill(passphrase);
  await identity.getByLabel('再次输入口令').fill(passphrase);
  await identity.getByRole('button', { name: '生成证书' }).click();
  await expect(identity.getByText('SHA-256 指纹')).toBeVisible({ timeout: 30_000 });
}

/**
 * A refusal is where the user acted (issue 15 item 6): the refused control names it with
 * aria-describedby, the refusal says `text`, and it is inside the viewport — not at the top of a
 * long tab while the button at its bottom seems to do nothing. Returns the refusal.
 */
export async function expectRefusalAt(control: Locator, text: string | RegExp): Promise<Locator> {
  const page = control.page();
  await expect(control).toHaveAttribute('aria-describedby', /\S/);
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const refusal = page.locator(ids.map((id) => `[id="${id}"]`).join(', ')).filter({ hasText: text });
  await expect(refusal).toHaveCount(1);
  await expect(refusal.getByRole('alert')).toBeVisible();
  await expect(refusal).toBeInViewport();
  return refusal;
}

/** No ISO instant anywhere on the screen (issue 15 item 8): people read times in Beijing time, in one format. */
export async function expectNoIsoTimestamp(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^\s]*/g) ?? [], `ISO timestamps on ${where}`).toEqual([]);
}
