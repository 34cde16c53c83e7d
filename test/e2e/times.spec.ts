// Issue 15 item 8: times are read in the user's language and Beijing time, in one format, never as
// an ISO instant. The main screens of a center with an identity, users and a registered case; the
// court's screens and a confirmed case's tabs are checked by confirmation.spec.
import { ADMIN, completeFirstRun, createUser, expect, expectNoIsoTimestamp, generateInstitutionIdentity, signIn, test } from './fixtures';
import { registerTraffic } from './case-forms';

test('no screen shows an ISO timestamp', async ({ page }) => {
  test.setTimeout(180_000);
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, { username: 'zhao', displayName: '赵调解', role: 'mediator', password: 'Mediator123' });
  await generateInstitutionIdentity(page, 'institution passphrase 1');
  await expectNoIsoTimestamp(page, 'settings');
  // The institution's certificate: valid from and until, in Beijing time with the one format.
  await expect(page.getByRole('region', { name: '机构签名身份' })).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} — \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

  await registerTraffic(page);
  await expectNoIsoTimestamp(page, 'the case page');
  for (const tab of ['操作记录', '证据', '视频调解', '调解协议', '司法确认']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab, selected: true })).toBeVisible();
    await expectNoIsoTimestamp(page, `the case's ${tab} tab`);
  }
  for (const [path, heading] of [
    ['./#/cases', '案件'],
    ['./#/admin/users', '用户管理'],
    ['./#/backup', '备份与恢复'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
    await expectNoIsoTimestamp(page, path);
  }
});
