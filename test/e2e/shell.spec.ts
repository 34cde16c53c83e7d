// The app shell through the UI: first run, sign-in, language switch, idle lock.
import { ADMIN, DEFAULT_INSTITUTION, completeFirstRun, expect, signIn, test, validCreditCode } from './fixtures';

test('a fresh workstation opens first run, and a bad credit code is refused beside its field', async ({ page }) => {
  await page.goto('./');
  await expect(page).toHaveURL(/#\/setup$/);
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible();

  const good = validCreditCode();
  const wrongCheck = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
  const creditCode = page.getByLabel('统一社会信用代码');
  await creditCode.fill(wrongCheck);
  await creditCode.blur();
  const creditItem = page.locator('.ant-form-item').filter({ has: creditCode });
  // Beside the field, naming the check character the code should end with.
  await expect(creditItem.locator('.ant-form-item-explain-error').filter({ hasText: '校验位' })).toContainText(`应为 ${good.slice(17)}`);

  await creditCode.fill('91340200MA2N0');
  await creditCode.blur();
  await expect(creditItem.locator('.ant-form-item-explain-error').filter({ hasText: '18 位' })).toContainText('当前为 13 位');

  await creditCode.fill('91340200MA2N0IXXXQ');
  await creditCode.blur();
  await expect(creditItem.locator('.ant-form-item-explain-error').filter({ hasText: '第 14 位' })).toContainText('“I”');

  await creditCode.fill(good);
  await creditCode.blur();
  await expect(creditItem.locator('.ant-form-item-explain-error')).toHaveCount(0);

  // Submitting the incomplete form keeps it, with each missing field named beside it.
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('确认密码').fill('different');
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.locator('.ant-form-item').filter({ has: page.getByLabel('机构名称') })).toContainText('请填写机构名称');
  await expect(page.locator('.ant-form-item').filter({ has: page.getByLabel('确认密码') })).toContainText('两次输入的密码不一致');
  await expect(page.locator('.ant-form-item').filter({ has: page.getByLabel('密码', { exact: true }) }).locator('.ant-form-item-explain-error')).toBeVisible();
  await expect(page).toHaveURL(/#\/setup$/);

  // The case-number preview follows the pattern and prefix.
  await page.getByLabel('案号机构代字').fill('芜解');
  await expect(page.getByTestId('case-number-preview')).toContainText(`（${new Date().getFullYear()}）芜解字第00001号`);
});

test('first run, sign in, switch the language to English and back', async ({ page }) => {
  await completeFirstRun(page);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill('wrong-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '用户名或密码不正确' })).toBeVisible();

  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/#\/cases/);
  await expect(page.getByTestId('institution-name')).toHaveText(DEFAULT_INSTITUTION.institutionName);
  await expect(page.getByTestId('signed-in-user')).toContainText('管理员');
  await expect(page.getByTestId('signed-in-user')).toContainText(ADMIN.displayName);
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '用户管理' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  const navEn = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(navEn.getByRole('link', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  // antd's own texts follow too: a dialog's close button is named by antd's locale.
  await navEn.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The choice survives a reload (sign-in is asked again, in English).
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Sign-in returns to the address that was open.
  await expect(page).toHaveURL(/#\/admin\/users$/);

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '用户管理' })).toBeVisible();
  await page.getByRole('button', { name: '添加用户' }).click();
  await expect(page.getByRole('dialog', { name: '添加用户' }).getByRole('button', { name: '关闭' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the screen locks after the idle minutes and unlocks with the password, keeping unsaved input', async ({ page }) => {
  await page.clock.install();
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);

  await page.goto('./#/settings');
  const idle = page.getByLabel('无操作自动锁屏（分钟）');
  await idle.fill('1');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('设置已保存。')).toBeVisible();

  // Unsaved input that must survive the lock.
  const name = page.getByLabel('机构名称', { exact: true });
  await name.fill('尚未保存的机构名称');

  await page.clock.fastForward('00:50');
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toHaveCount(0);
  await page.clock.fastForward('00:15');
  const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
  await expect(lock).toBeVisible();
  await expect(page).toHaveURL(/#\/settings$/);

  await lock.getByLabel('密码').fill('not-my-password-1');
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(lock).toBeVisible();

  await lock.getByLabel('密码').fill(ADMIN.password);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock).toBeHidden();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByLabel('机构名称', { exact: true })).toHaveValue('尚未保存的机构名称');

  // The lock button locks at once, too.
  await page.getByRole('button', { name: '锁定屏幕' }).click();
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toBeVisible();
});
