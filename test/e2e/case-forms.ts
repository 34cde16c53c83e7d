// The case screens' page objects, shared by the specs that register and open cases: each finds
// controls by role and label, as a user does.
import { type Locator, type Page } from '@playwright/test';
import { answerDialog, expect } from './fixtures';

/**
 * A button's accessible name. antd puts a space between the two characters of a two-character
 * Chinese label ("登 记"), so the name is matched with that space optional.
 */
export function named(text: string): RegExp {
  const escaped = [...text].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join(' ?')}$`);
}

/** GB 11643 check character, computed here independently of the app. */
export function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}

export const ID_A = residentId('34020219900101123');
export const ID_B = residentId('34020219851231002');
export const CASE_NUMBER = /（20\d\d）芜解字第\d+号/;

/** Picks an option of an antd Select: open it, type to narrow the list when it can search, click the option. */
export async function pick(page: Page, combobox: Locator, text: string): Promise<void> {
  // A click that lands while the dropdown is still sliding open can miss; try again until chosen.
  await expect(async () => {
    await combobox.click();
    await expect(combobox).toHaveAttribute('aria-expanded', 'true', { timeout: 3_000 });
    if ((await combobox.getAttribute('readonly')) === null) await combobox.fill(text);
    // The dropdown that belongs to this combobox (another may still be fading out).
    const listId = await combobox.getAttribute('aria-controls');
    const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
    await dropdown.locator(`.ant-select-item-option[title="${text}"]`).click({ timeout: 3_000 });
    await expect(combobox).toHaveAttribute('aria-expanded', 'false', { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

export function party(page: Page, n: number): Locator {
  return page.getByRole('group', { name: `当事人 ${n}`, exact: true });
}

export interface NaturalSpec {
  name: string;
  side?: string;
  id?: string;
  phone: string;
}

export async function fillNatural(page: Page, n: number, p: NaturalSpec): Promise<void> {
  const group = party(page, n);
  if (p.side) await pick(page, group.getByLabel('诉讼地位'), p.side);
  await group.getByLabel('姓名').fill(p.name);
  if (p.id !== undefined) await group.getByLabel('证件号码').fill(p.id);
  await group.getByLabel('联系电话').fill(p.phone);
}

export async function openIntake(page: Page, category: string): Promise<void> {
  await page.goto('./#/cases/new');
  await expect(page.getByRole('heading', { name: '登记案件' })).toBeVisible();
  await pick(page, page.getByLabel('纠纷类别'), category);
}

export async function submitIntake(page: Page): Promise<string> {
  await page.getByRole('button', { name: named('登记') }).click();
  const heading = page.getByTestId('case-number');
  await expect(heading).toHaveText(CASE_NUMBER, { timeout: 15_000 });
  return (await heading.textContent()) ?? '';
}

export async function registerTraffic(page: Page, applicant = '张䶮', respondent = '李堃'): Promise<string> {
  await openIntake(page, '道路交通事故纠纷');
  await pick(page, page.getByLabel('被申请人责任认定'), '全责');
  await fillNatural(page, 1, { name: applicant, id: ID_A, phone: '13800138000' });
  await fillNatural(page, 2, { name: respondent, phone: '13900139000' });
  await page.getByLabel('请求事项').fill('赔偿医疗费、误工费');
  await page.getByLabel('涉及金额（元）').fill('12,345.60');
  return submitIntake(page);
}

/** A neighbours' noise dispute between 黄堃 (phone 13300133000) and 吴三 (phone 13200132000). */
export async function registerNeighbours(page: Page): Promise<string> {
  await openIntake(page, '邻里纠纷');
  await pick(page, page.getByLabel('争议事项'), '噪音');
  await fillNatural(page, 1, { name: '黄堃', id: ID_B, phone: '13300133000' });
  await fillNatural(page, 2, { name: '吴三', phone: '13200132000' });
  await page.getByLabel('请求事项').fill('停止侵害');
  return submitIntake(page);
}

export async function caseUrl(page: Page): Promise<string> {
  return new URL(page.url()).hash;
}

/** Assigns the open case to a mediator, accepts it and starts mediation (as the administrator). */
export async function assignAndStartMediation(page: Page, mediatorName: string): Promise<void> {
  await pick(page, page.getByLabel('调解员', { exact: true }), mediatorName);
  await expect(page.getByText(`已分配给 ${mediatorName}`)).toBeVisible();
  const actions = page.getByRole('group', { name: '案件流程操作' });
  for (const action of ['受理', '开始调解']) {
    await actions.getByRole('button', { name: named(action) }).click();
    await answerDialog(page.getByRole('dialog'), named(action));
  }
  await expect(page.getByTestId('case-status')).toHaveText('调解中');
}
