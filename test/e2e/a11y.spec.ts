// axe-core on the main screens of each role (issue 15 item 14): the administrator's and the
// mediator's screens of a mediation center, the court clerk's, and a party's join page. A serious
// or critical violation on any of them fails the suite.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './axe';
import { registerTraffic } from './case-forms';
import { clerkAtIntake, importPackage } from './court-flow';
import { ADMIN, completeFirstRun, expect, signIn, test } from './fixtures';

test('the center: first run, sign-in, cases, a case and its tabs, users, settings, backup', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./#/setup');
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构', level: 1 })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'first run');
  await completeFirstRun(page);
  await expectAccessible(page, 'sign-in');
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto('./#/cases');
  await expect(page.getByRole('heading', { name: '案件', level: 1 })).toBeVisible();
  await expectAccessible(page, 'the case list (empty)');
  await page.goto('./#/cases/new');
  await expect(page.getByRole('heading', { name: '登记案件' })).toBeVisible();
  await expectAccessible(page, 'case intake');
  await registerTraffic(page);
  await expectAccessible(page, 'a case');
  for (const tab of ['证据', '调解协议', '视频调解', '司法确认']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, `the case's ${tab} tab`);
  }
  await page.goto('./#/cases');
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page, 'the case list');
  for (const [path, heading] of [
    ['./#/admin/users', '用户管理'],
    ['./#/settings', '设置'],
    ['./#/backup', '备份与恢复'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, heading);
  }
});

test('the court clerk: intake and a received package', async ({ page }) => {
  test.setTimeout(180_000);
  const demo = join(mkdtempSync(join(tmpdir(), 'mw-e2e-a11y-')), 'demo');
  const made = spawnSync(process.execPath, ['cli/bin/mw.mjs', 'demo', '--out', demo], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  await clerkAtIntake(page);
  await expectAccessible(page, 'court intake');
  await importPackage(page, join(demo, 'package.zip'));
  await expect(page.getByRole('heading', { name: '材料包校验结果' })).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'a received package');
});

test("a party's join page", async ({ page }) => {
  await page.goto('./#/join?token=not-a-token');
  await expect(page.getByRole('main')).toContainText('链接');
  await expectAccessible(page, 'the join page (broken link)');
});
