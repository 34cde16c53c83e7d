// Nothing evicted, nothing forgotten (issue 16 item 8). The browser's answers are set through the
// DevTools protocol: persistent storage granted (Browser.grantPermissions, durableStorage) or
// refused (Browser.setPermission), and the quota shrunk (Storage.overrideQuotaForOrigin) around
// what the store uses, so that both paths are seen: persistence granted and not (and what "not"
// means), the warning at 80% of the quota, a large evidence file refused at 95%, the backup
// reminder for an administrator until a backup is made, and the origin the data belongs to.
//
// Chromium 138 and later report to pages a made-up quota (usage + 10 GiB) whatever the enforced
// one is, so that incognito windows cannot be told apart; the app then warns of nothing (unit
// tests: test/unit/storage). Here the browser runs without that (StaticStorageQuota disabled), as
// a Chromium that tells the enforced quota, so the overridden quota is what the app reads.
import type { Page } from '@playwright/test';
import config from '../../playwright.config';
import { registerNeighbours } from './case-forms';
import { ADMIN, completeFirstRun, expect, expectRefusalAt, signIn, test as base } from './fixtures';

const MB = 1024 * 1024;
const launchOptions = config.use?.launchOptions ?? {};

async function browserContextId(page: Page): Promise<string> {
  const session = await page.context().newCDPSession(page);
  try {
    const { targetInfo } = await session.send('Target.getTargetInfo');
    if (!targetInfo.browserContextId) throw new Error('the page has no browser context id');
    return targetInfo.browserContextId;
  } finally {
    await session.detach();
  }
}

const test = base.extend<{ answerPersistence: (granted: boolean) => Promise<void> }>({
  /** Decides navigator.storage.persist() for this test's context; call it before the app first asks. */
  answerPersistence: async ({ browser, page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    // Chromium drops the permissions a DevTools session set when that session detaches: it stays
    // attached until the test ends.
    const cdp = await browser.newBrowserCDPSession();
    await use(async (granted) => {
      const context = await browserContextId(page);
      if (granted) await cdp.send('Browser.grantPermissions', { origin, browserContextId: context, permissions: ['durableStorage'] });
      else await cdp.send('Browser.setPermission', { origin, browserContextId: context, permission: { name: 'persistent-storage' }, setting: 'denied' });
    });
    await cdp.detach();
  },
});
test.use({ launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), '--disable-features=StaticStorageQuota'] } });

async function estimate(page: Page): Promise<{ usage: number; quota: number }> {
  return page.evaluate(async () => {
    const { usage, quota } = await navigator.storage.estimate();
    return { usage: usage ?? 0, quota: quota ?? 0 };
  });
}

const notices = (page: Page) => page.getByRole('group', { name: '存储提醒' });
const note = (page: Page, text: string | RegExp) => notices(page).getByRole('note').filter({ hasText: text });

test('not granted: an administrator is told what that means, and reminded to back up until a backup is made', async ({ page, answerPersistence, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  await answerPersistence(false);
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);

  const persistence = note(page, '浏览器没有承诺长期保存本工作站的数据');
  await expect(persistence).toBeVisible();
  await expect(persistence).toContainText('磁盘空间不足时，浏览器可能自动删除本工作站的全部数据');
  await expect(persistence).toContainText('清除浏览数据（“Cookie 及其他网站数据”）也会删除所有案件');
  const reminder = note(page, '本工作站还没有做过备份');
  await expect(reminder).toBeVisible();
  await expect(reminder.getByRole('link', { name: '立即备份' })).toBeVisible();
  // Space is plentiful: no warning.
  await expect(note(page, '存储空间已用')).toHaveCount(0);

  // The storage card, where the notice leads: the origin, persistence refused, no backup yet.
  await persistence.getByRole('link', { name: '查看存储情况' }).click();
  await expect(page.getByRole('heading', { name: '备份与恢复', level: 1 })).toBeVisible();
  const card = page.getByRole('region', { name: '数据存储' });
  await expect(card.getByTestId('storage-origin')).toHaveText(origin);
  await expect(card).toContainText('换一个地址打开');
  await expect(card.getByTestId('storage-persistence')).toHaveText('未获准');
  await expect(card.getByTestId('storage-space')).toContainText(/^已用 .+，共 .+（\d+%），剩余 .+$/);
  await expect(card.getByTestId('storage-last-backup')).toHaveText('尚未备份');
  // Scheduled backups to a folder need the desktop app: the browser says so and offers no setting.
  const schedule = page.getByRole('region', { name: '定时备份到文件夹' });
  await expect(schedule.getByTestId('backup-schedule-desktop-only')).toContainText('只有桌面版工作台才能定时备份');
  await expect(schedule.getByRole('radio')).toHaveCount(0);
  await expect(schedule.getByRole('button')).toHaveCount(0);

  // Acknowledged, the eviction notice stays away for this start of the app.
  await persistence.getByRole('button', { name: '知道了' }).click();
  await expect(persistence).toBeHidden();

  // A backup made: the reminder goes, and the card says when and by whom.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份全部数据到一个文件' }).click();
  await downloading;
  await expect(page.getByRole('status')).toContainText('备份已保存为');
  await expect(reminder).toBeHidden();
  await expect(card.getByTestId('storage-last-backup')).toContainText('由 王管理 备份');
  await page.goto('./#/admin/users');
  await expect(page.getByRole('heading', { name: '用户管理', level: 1 })).toBeVisible();
  await expect(note(page, /备份/)).toHaveCount(0);
  await expect(note(page, '长期保存')).toHaveCount(0);
});

test('granted: nothing to warn about persistence, and the card says it is granted', async ({ page, answerPersistence, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await answerPersistence(true);
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(note(page, '本工作站还没有做过备份')).toBeVisible();
  await expect(note(page, '长期保存')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);

  await page.goto('./#/backup');
  const card = page.getByRole('region', { name: '数据存储' });
  await expect(card.getByTestId('storage-persistence')).toHaveText('已获准');
  await expect(card).toContainText('浏览器不会因磁盘空间不足而自动删除这些数据');
  // The signed-in frame remembered this origin in the host's cookie, for first run elsewhere.
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'mw-stores')?.value).toBe(encodeURIComponent(origin));
});

test('the quota: everyone is warned at 80%, a large evidence file is refused at 95% with what to do', async ({ page, answerPersistence, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  await answerPersistence(true);
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await registerNeighbours(page);
  const caseHash = new URL(page.url()).hash;

  const cdp = await page.context().newCDPSession(page);
  try {
    // 85% used: the warning, on the next screen.
    const before = await estimate(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.ceil(before.usage / 0.85) });
    await page.goto('./#/cases');
    await expect(page.getByRole('heading', { name: '案件', level: 1 })).toBeVisible();
    const warning = note(page, /^存储空间已用 8\d%/);
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('用到 95% 时将不能再加入 1 MB 以上的文件');
    await expect(warning).toContainText('请清理这台电脑的磁盘空间');

    // A file that would take the store past 95% is refused beside the button, and nothing is added.
    await page.goto(`./${caseHash}`);
    await page.getByRole('tab', { name: '证据' }).click();
    const ledger = page.getByRole('region', { name: '证据账本' });
    await expect(ledger.getByText('本案尚无证据。')).toBeVisible();
    const now = await estimate(page);
    const size = Math.max(2 * MB, Math.ceil(0.95 * now.quota - now.usage) + MB);
    await page.getByLabel('添加证据文件').setInputFiles([{ name: '监控录像.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(size, 7) }]);
    const refusal = await expectRefusalAt(page.getByRole('button', { name: '添加证据文件…' }), '1 个文件没有加入证据');
    await expect(refusal).toContainText('存储空间不足');
    await expect(refusal).toContainText('请先清理这台电脑的磁盘空间再试');
    await expect(ledger.getByText('本案尚无证据。')).toBeVisible();
    // A small file still goes in.
    await page.getByLabel('添加证据文件').setInputFiles([{ name: '收条.txt', mimeType: 'text/plain', buffer: Buffer.from('今收到借款。\n') }]);
    await expect(ledger.getByRole('row')).toHaveCount(2);

    // 96% used: the store is full for large files, and the notice says so.
    const full = await estimate(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.ceil(full.usage / 0.96) });
    await page.goto('./#/cases');
    await expect(note(page, /^存储空间已用 9\d%/)).toContainText('不能再加入 1 MB 以上的文件');
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await cdp.detach();
  }
});

test('an empty store names the other origins of this host where the workstation held data', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const elsewhere = `${new URL(baseURL!).protocol}//${new URL(baseURL!).hostname}:5181`;
  // As the frame of the workstation at port 5181 would have left it: the cookie is per host, not per port.
  await page.context().addCookies([{ name: 'mw-stores', value: encodeURIComponent(elsewhere), url: origin, sameSite: 'Strict' }]);
  await page.goto('./#/setup');
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible({ timeout: 30_000 });
  const other = page.getByRole('note').filter({ hasText: '这个地址' });
  await expect(other).toContainText(`这个地址（${origin}）下还没有任何数据。这台电脑曾在 ${elsewhere} 使用过解纷工作台`);
  await expect(other).toContainText('在这里完成首次设置，会另建一个空的工作台');
});
