// The app shell through the UI: first run, sign-in, language switch, idle lock.
import { ADMIN, DEFAULT_INSTITUTION, chooseRadio, completeFirstRun, createUser, expect, signIn, signOut, test, validCreditCode } from './fixtures';

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

test('a court’s first run asks only what a court needs, and its menus are a court’s', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./#/setup');
  await chooseRadio(page, page.getByRole('radiogroup', { name: '机构类型' }), '人民法院');
  // A court is its own court and numbers its dockets from its own code.
  await expect(page.getByLabel('法院名称')).toHaveCount(0);
  await expect(page.getByLabel('案号机构代字')).toHaveCount(0);
  await expect(page.getByText('所属基层人民法院')).toHaveCount(0);
  const creditCode = page.getByLabel('统一社会信用代码');
  await expect(page.locator('.ant-form-item').filter({ has: creditCode })).toContainText('本院的统一社会信用代码证书');
  await creditCode.fill('11340200MB0');
  await creditCode.blur();
  const error = page.locator('.ant-form-item').filter({ has: creditCode }).locator('.ant-form-item-explain-error');
  await expect(error).toContainText('当前为 11 位，请核对本院的统一社会信用代码证书');
  await expect(error).not.toContainText('营业执照');

  await completeFirstRun(page, { kind: '人民法院', institutionName: '芜湖市镜湖区人民法院', creditCode: validCreditCode('11340200MB0000000'), courtCode: '皖0202' });
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/#\/court$/);
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '法院收案' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '案件', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '登记案件' })).toHaveCount(0);
  const checklist = page.getByRole('region', { name: '接下来要做的事' });
  await expect(checklist.getByRole('link', { name: '添加书记员' })).toBeVisible();
  await expect(checklist.getByRole('link', { name: '生成本机构的签名身份' })).toBeVisible();
  await expect(checklist.getByText('为调解员签发证书')).toHaveCount(0);

  // A court's administrator adds clerks, not mediators.
  await checklist.getByRole('link', { name: '添加书记员' }).click();
  await page.getByRole('button', { name: '添加用户' }).click();
  const dialog = page.getByRole('dialog', { name: '添加用户' });
  await expect(dialog.getByRole('radio', { name: '法院书记员' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: '人民调解员' })).toHaveCount(0);
  await dialog.getByRole('button', { name: '取消' }).click();
  await createUser(page, { username: 'shuji', displayName: '孙书记', role: 'clerk', password: 'Clerk20260' });
  await signOut(page);

  await signIn(page, 'shuji', 'Clerk20260');
  // The clerk's start page is the court's intake.
  await page.goto('./#/');
  await expect(page).toHaveURL(/#\/court$/);
  await expect(nav.getByRole('link', { name: '法院收案' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '案件', exact: true })).toHaveCount(0);
  await page.goto('./#/cases');
  await expect(page.getByText('本机构没有此功能')).toBeVisible();
  await expect(page.getByText('本工作站设置为人民法院，不使用此页面。')).toBeVisible();
});

test('a mediation center’s administrator is shown what comes next until it is done, and no court intake', async ({ page }) => {
  test.setTimeout(180_000);
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/#\/cases/);
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '法院收案' })).toHaveCount(0);
  await page.goto('./#/court');
  await expect(page.getByText('本工作站设置为人民调解组织，不使用此页面。')).toBeVisible();

  await nav.getByRole('link', { name: '案件', exact: true }).click();
  const checklist = page.getByRole('region', { name: '接下来要做的事' });
  for (const step of ['添加调解员', '生成本机构的签名身份', '为调解员签发证书', '设置法院的收件地址']) {
    await expect(checklist.getByRole('link', { name: step })).toBeVisible();
  }
  await checklist.getByRole('link', { name: '添加调解员' }).click();
  await expect(page).toHaveURL(/#\/admin\/users$/);
  await createUser(page, { username: 'wangfang', displayName: '王芳', role: 'mediator', password: 'Mediator2026' });

  await nav.getByRole('link', { name: '案件', exact: true }).click();
  await expect(checklist.getByTestId('checklist-add_mediators')).toContainText('已完成');
  await expect(checklist.getByRole('link', { name: '添加调解员' })).toHaveCount(0);
  await checklist.getByRole('link', { name: '设置法院的收件地址' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  // Parties' links on this machine's own address are said to open only here.
  await expect(page.getByTestId('loopback-warning')).toContainText('是本机地址，只能在这台电脑上打开');
  await page.getByLabel('法院司法确认收件地址（可选）').fill('https://court.example.cn/intake');
  await page.getByRole('button', { name: '保存机构信息' }).click();
  await expect(page.getByText('机构信息已保存。')).toBeVisible();
  await nav.getByRole('link', { name: '案件', exact: true }).click();
  await expect(checklist.getByTestId('checklist-court_intake')).toContainText('已完成');
  await expect(checklist.getByRole('link', { name: '生成本机构的签名身份' })).toBeVisible();
});
