// Issue 15 item 9: a field's asterisk says what its check requires. 统一社会信用代码 was refused
// empty with no asterisk, 密码 had none while 确认密码 had one, and the respondent's 证件号码 had one
// though the intake accepts it empty.
import type { Locator, Page } from '@playwright/test';
import { ADMIN, completeFirstRun, expect, signIn, test } from './fixtures';
import { openIntake } from './case-forms';

/** Whether antd marks the form item labelled `label` (within `scope`) as required. */
function marked(scope: Page | Locator, label: string): Locator {
  return scope.locator('.ant-form-item-label > label.ant-form-item-required', { hasText: new RegExp(`^${label}$`) });
}
function unmarked(scope: Page | Locator, label: string): Locator {
  return scope.locator('.ant-form-item-label > label:not(.ant-form-item-required)', { hasText: new RegExp(`^${label}$`) });
}

test('required-field markers agree with what each check refuses', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#/setup');
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible({ timeout: 30_000 });
  await expect(marked(page, '统一社会信用代码')).toHaveCount(1);
  await expect(marked(page, '密码')).toHaveCount(1);
  await expect(marked(page, '确认密码')).toHaveCount(1);

  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await openIntake(page, '民间借贷纠纷');
  const applicant = page.getByRole('group', { name: '当事人 1' });
  const respondent = page.getByRole('group', { name: '当事人 2' });
  await expect(marked(applicant, '证件号码')).toHaveCount(1);
  await expect(unmarked(respondent, '证件号码')).toHaveCount(1);
  await expect(marked(respondent, '联系电话')).toHaveCount(1);
});
