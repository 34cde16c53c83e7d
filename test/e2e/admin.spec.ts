// User administration through the UI: an administrator adds a mediator; the mediator signs in and
// has no access to user administration; a deactivated account cannot sign in.
import { ADMIN, chooseRadio, completeFirstRun, createUser, expect, signIn, signOut, test } from './fixtures';

const MEDIATOR = { username: 'zhang.wei', displayName: '张伟', role: 'mediator', password: 'Mediator2026' } as const;

test('an administrator adds a mediator, who signs in and cannot open user administration', async ({ page }) => {
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);

  // The policy is enforced in the dialog before anything is saved.
  await page.goto('./#/admin/users');
  await page.getByRole('button', { name: '添加用户' }).click();
  const dialog = page.getByRole('dialog', { name: '添加用户' });
  await dialog.getByLabel('初始密码').fill('abc');
  await dialog.getByLabel('初始密码').blur();
  await expect(dialog.locator('.ant-form-item').filter({ has: page.getByLabel('初始密码') })).toContainText('至少需要 8 个字符');
  await dialog.getByRole('button', { name: '取消' }).click();
  // Closed before the next one opens, as the person sees it close.
  await expect(dialog).toBeHidden();

  await createUser(page, MEDIATOR);
  const row = page.getByRole('row', { name: new RegExp(MEDIATOR.username) });
  await expect(row).toContainText('人民调解员');
  await expect(row).toContainText('启用');

  // A second account with the same username is refused beside the field.
  await page.getByRole('button', { name: '添加用户' }).click();
  const again = page.getByRole('dialog', { name: '添加用户' });
  await again.getByLabel('用户名').fill(MEDIATOR.username.toUpperCase());
  await again.getByLabel('姓名').fill('另一个张伟');
  await again.getByLabel('初始密码').fill('Another2026');
  await again.getByLabel('确认密码').fill('Another2026');
  await again.getByRole('button', { name: '保存' }).click();
  await expect(again.locator('.ant-form-item').filter({ has: page.getByLabel('用户名') })).toContainText('已被使用');
  await again.getByRole('button', { name: '取消' }).click();
  await expect(again).toBeHidden();

  await signOut(page);
  await signIn(page, MEDIATOR.username, MEDIATOR.password);
  await expect(page.getByTestId('signed-in-user')).toContainText('张伟');
  await expect(page.getByTestId('signed-in-user')).toContainText('人民调解员');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '案件', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: '用户管理' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '备份与恢复' })).toHaveCount(0);

  await page.goto('./#/admin/users');
  await expect(page.getByText('没有权限')).toBeVisible();
  await expect(page.getByText('您的角色（人民调解员）不能打开此页面')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.goto('./#/backup');
  await expect(page.getByText('没有权限')).toBeVisible();
});

test('an administrator changes a role, resets a password and deactivates an account', async ({ page }) => {
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, MEDIATOR);

  await page.getByRole('button', { name: `更改角色：${MEDIATOR.displayName}` }).click();
  const roleDialog = page.getByRole('dialog', { name: `更改 ${MEDIATOR.displayName} 的角色` });
  // A mediation center offers its own roles only: no court clerk.
  await expect(roleDialog.getByRole('radio', { name: '法院书记员' })).toHaveCount(0);
  await chooseRadio(page, roleDialog, '主任');
  await roleDialog.getByRole('button', { name: '保存' }).click();
  await expect(roleDialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(MEDIATOR.username) })).toContainText('主任');

  await page.getByRole('button', { name: `重设密码：${MEDIATOR.displayName}` }).click();
  const reset = page.getByRole('dialog', { name: `为 ${MEDIATOR.displayName} 重设密码` });
  await reset.getByLabel('新密码').fill('NewSecret2026');
  await reset.getByLabel('确认密码').fill('NewSecret2026');
  await reset.getByRole('button', { name: '保存' }).click();
  await expect(reset).toBeHidden();

  // The last administrator cannot demote themself.
  await page.getByRole('button', { name: `更改角色：${ADMIN.displayName}` }).click();
  const own = page.getByRole('dialog', { name: `更改 ${ADMIN.displayName} 的角色` });
  await chooseRadio(page, own, '人民调解员');
  await own.getByRole('button', { name: '保存' }).click();
  await expect(own.getByRole('alert').filter({ hasText: '最后一个启用的管理员' })).toBeVisible();
  await own.getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: `停用 ${MEDIATOR.displayName}` }).click();
  await page.getByRole('button', { name: '停用', exact: true }).click();
  await expect(page.getByRole('row', { name: new RegExp(MEDIATOR.username) })).toContainText('已停用');

  await signOut(page);
  await page.getByLabel('用户名').fill(MEDIATOR.username);
  await page.getByLabel('密码').fill('NewSecret2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '此账户已停用' })).toBeVisible();
});
