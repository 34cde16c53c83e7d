// Roles decide what a user sees and may change, through the UI: a mediator sees their own and the
// unassigned cases (not a colleague's, not even by its address), takes an unassigned case and
// works it; the director (主任) sees every case but changes none and administers nothing.
import { type Page } from '@playwright/test';
import { ADMIN, answerDialog, completeFirstRun, createUser, expect, signIn, signOut, test } from './fixtures';
import { caseUrl, named, pick, registerNeighbours, registerTraffic } from './case-forms';

test.describe.configure({ timeout: 180_000 });

const WANG = { username: 'wangfang', displayName: '王芳', role: 'mediator', password: 'Mediator2026' } as const;
const LI = { username: 'lijun', displayName: '李军', role: 'mediator', password: 'Mediator2027' } as const;
const DIRECTOR = { username: 'sunli', displayName: '孙丽', role: 'director', password: 'Director2026' } as const;

async function assignTo(page: Page, name: string): Promise<void> {
  await pick(page, page.getByLabel('调解员', { exact: true }), name);
  await expect(page.getByText(`已分配给 ${name}`)).toBeVisible();
}

test('a mediator sees own and unassigned cases only; a director sees all and changes none', async ({ page }) => {
  await completeFirstRun(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  for (const user of [WANG, LI, DIRECTOR]) await createUser(page, user);

  const wangs = await registerTraffic(page, '张䶮', '李堃');
  const wangsUrl = await caseUrl(page);
  await assignTo(page, WANG.displayName);
  const lis = await registerTraffic(page, '陈一', '刘二');
  const lisUrl = await caseUrl(page);
  await assignTo(page, LI.displayName);
  const open = await registerNeighbours(page);
  await signOut(page);

  // The mediator: her own case and the unassigned one, never a colleague's.
  await signIn(page, WANG.username, WANG.password);
  await page.goto('./#/cases');
  const grid = page.getByRole('grid');
  await expect(page.getByTestId('case-count')).toHaveText('共 2 件案件');
  await expect(grid.getByRole('link', { name: wangs })).toBeVisible();
  await expect(grid.getByRole('link', { name: open })).toBeVisible();
  await expect(grid.getByRole('link', { name: lis })).toHaveCount(0);
  await page.goto(`./${lisUrl}`);
  await expect(page.getByText('找不到这个案件')).toBeVisible();

  // She takes the unassigned case and works it.
  await page.goto('./#/cases');
  await grid.getByRole('link', { name: open }).click();
  await page.getByRole('button', { name: named('由我承办') }).click();
  await expect(page.getByTestId('case-mediator')).toHaveText(WANG.displayName);
  const actions = page.getByRole('group', { name: '案件流程操作' });
  await actions.getByRole('button', { name: named('受理') }).click();
  await answerDialog(page.getByRole('dialog'), named('受理'));
  await expect(page.getByTestId('case-status')).toHaveText('已受理');
  await page.getByRole('tab', { name: '操作记录' }).click();
  await expect(page.getByRole('region', { name: '操作记录' }).getByText(WANG.displayName).first()).toBeVisible();
  await signOut(page);

  // The director: every case is visible, none can be changed, nothing administered.
  await signIn(page, DIRECTOR.username, DIRECTOR.password);
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '案件', exact: true })).toBeVisible();
  for (const link of ['登记案件', '用户管理', '备份与恢复', '法院收案']) await expect(nav.getByRole('link', { name: link })).toHaveCount(0);
  await page.goto('./#/cases');
  await expect(page.getByTestId('case-count')).toHaveText('共 3 件案件');
  // The institution's figures: every case, by status.
  const figures = page.getByRole('region', { name: '本机构案件' });
  await expect(figures).toContainText('案件总数3');
  await expect(figures).toContainText('已受理1');
  await page.goto(`./${wangsUrl}`);
  await expect(page.getByTestId('case-number')).toHaveText(wangs);
  await expect(page.getByText('您的角色（主任）只能查看本案，不能修改。')).toBeVisible();
  await expect(page.getByRole('group', { name: '案件流程操作' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: named('编辑案件信息') })).toHaveCount(0);
  await expect(page.getByRole('button', { name: named('由我承办') })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '登记案件' })).toHaveCount(0);
});
