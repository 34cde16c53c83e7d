// Backup and restore through the UI: everything to one file, restored on a fresh profile; a
// damaged or foreign file is refused with the reason, and nothing changes.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { ADMIN, DEFAULT_INSTITUTION, answerDialog, completeFirstRun, createUser, expect, signIn, test } from './fixtures';

const MEDIATOR = { username: 'li.na', displayName: '李娜', role: 'mediator', password: 'Mediator2026' } as const;

async function userRows(page: Page): Promise<string[]> {
  await page.goto('./#/admin/users');
  await expect(page.getByRole('row', { name: /admin/ })).toBeVisible();
  return page.locator('tbody tr').allInnerTexts();
}

test('a backup restored on a fresh profile gives the same data', async ({ page, browser, baseURL }) => {
  await completeFirstRun(page, { institutionName: '芜湖市鸠江区人民调解委员会' });
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, MEDIATOR);
  const before = await userRows(page);

  await page.goto('./#/backup');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份全部数据到一个文件' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^mediation-backup-\d{8}-\d{4}\.mwbackup$/);
  await expect(page.getByRole('status')).toContainText('备份已保存为');
  const file = await download.path();

  const fresh = await browser.newContext({ baseURL, locale: 'zh-CN' });
  try {
    const other = await fresh.newPage();
    await other.goto('./');
    await expect(other.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible();
    const choosing = other.waitForEvent('filechooser');
    await other.getByRole('button', { name: '从文件恢复…' }).click();
    await (await choosing).setFiles(file);
    await expect(other.getByRole('heading', { name: '登录' })).toBeVisible({ timeout: 30_000 });

    await signIn(other, MEDIATOR.username, MEDIATOR.password);
    await expect(other.getByTestId('institution-name')).toHaveText('芜湖市鸠江区人民调解委员会');
    await other.getByRole('button', { name: '退出登录' }).click();
    await signIn(other, ADMIN.username, ADMIN.password);
    expect(await userRows(other)).toEqual(before);
  } finally {
    await fresh.close();
  }
});

test('a damaged or foreign backup file is refused with the reason, and nothing changes', async ({ page }) => {
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, MEDIATOR);

  await page.goto('./#/backup');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份全部数据到一个文件' }).click();
  const good = await readFile((await (await downloading).path())!);

  const attempts = [
    { name: 'truncated.mwbackup', buffer: good.subarray(0, Math.floor(good.length / 2)) },
    { name: 'notes.mwbackup', buffer: Buffer.from('这不是备份文件，只是一段文字。') },
  ];
  for (const attempt of attempts) {
    const choosing = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从文件恢复…' }).click();
    await (await choosing).setFiles({ name: attempt.name, mimeType: 'application/octet-stream', buffer: attempt.buffer });
    const confirm = page.getByRole('dialog', { name: '用备份替换全部当前数据？' });
    await expect(confirm).toContainText(attempt.name);
    await answerDialog(confirm, '替换并恢复');
    const alert = page.getByRole('alert').filter({ hasText: '无法恢复这个文件' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('当前数据没有任何改动');
    // The reason is named (not just "failed").
    const text = await alert.innerText();
    expect(text).toMatch(/不完整|损坏|不是/);
  }

  // Still signed in, with the same institution and users.
  await expect(page.getByTestId('institution-name')).toHaveText(DEFAULT_INSTITUTION.institutionName);
  const rows = await userRows(page);
  expect(rows.some((row) => row.includes(MEDIATOR.username))).toBe(true);
});
