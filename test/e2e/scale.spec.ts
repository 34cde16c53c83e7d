// The "100,000 restored and searched", through the UI as a user does it: a seeded backup
// of 100,000 cases restored on the first-run screen, the list shown, a filter and searches by
// case number, by part of a name and by phone number each finding the right case.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { getCategory } from '../../shared/domain/categories';
import { acknowledgeUnsignedRestore, expect, signIn, test } from './fixtures';

const CASES = 100_000;
const FILE = `test-results/seed-${CASES}.mwbackup`;
const ADMIN_PASSWORD = 'Admin12345';

interface SeededCase {
  id: string;
  number: string;
  category: string;
  status: string;
}
interface SeededParty {
  caseId: string;
  kind: string;
  name: string;
  phone: string;
}

function seed(): void {
  if (existsSync(FILE)) return;
  execFileSync(process.execPath, ['cli/bin/mw.mjs', 'seed', '--cases', String(CASES), '--out', FILE, '--seed', '7', '--admin-password', ADMIN_PASSWORD], { stdio: 'inherit' });
}

function rows<T>(table: string): T[] {
  const files = unzipSync(readFileSync(FILE), { filter: (f) => f.name === `tables/${table}.jsonl` });
  const text = strFromU8(files[`tables/${table}.jsonl`]!);
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

test.describe.configure({ timeout: 600_000 });

test('100,000 seeded cases restore on first run, list, filter and search', async ({ page }) => {
  seed();
  const cases = rows<SeededCase>('cases');
  const parties = rows<SeededParty>('parties');
  expect(cases).toHaveLength(CASES);
  const target = cases[Math.floor(CASES * 0.37)]!;
  const party = parties.find((p) => p.caseId === target.id && p.kind === 'natural' && [...p.name].length >= 2)!;

  await page.goto('./');
  await expect(page.getByRole('heading', { name: '首次使用：设置本机构' })).toBeVisible();
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从文件恢复…' }).click();
  await (await choosing).setFiles(FILE);
  await acknowledgeUnsignedRestore(page);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible({ timeout: 300_000 });
  await signIn(page, 'admin', ADMIN_PASSWORD);

  await page.goto('./#/cases');
  const grid = page.getByRole('grid', { name: /案件列表/ });
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('case-count')).toContainText(/100,000|100000|10,000\+/);

  // By case number: exactly that case.
  await page.getByRole('searchbox', { name: '搜索案件' }).or(page.getByLabel('搜索案件')).first().fill(target.number);
  await expect(grid.getByRole('row', { name: new RegExp(escape(target.number)) })).toBeVisible();

  // By the last characters of a party's name: that case is among the hits.
  const fragment = [...party.name].slice(-2).join('');
  await page.getByLabel('搜索案件').first().fill(fragment);
  await expect(grid.getByRole('row').nth(1)).toContainText(fragment);

  // By phone number.
  if (party.phone) {
    await page.getByLabel('搜索案件').first().fill(party.phone);
    await expect(grid.getByRole('row', { name: new RegExp(escape(target.number)) })).toBeVisible();
  }

  // A bookmarked filter: the URL alone restores the view.
  await page.goto(`./#/cases?category=${target.category}&status=${target.status}`);
  const categoryName = getCategory(target.category)!.name['zh-CN'];
  await expect(grid.getByRole('row').nth(1)).toContainText(categoryName);
  await page.reload();
  // The session lives in memory only: a reload asks for the password, then returns to the view.
  // Wait for that redirect (it carries the view in `next`) before signing in.
  await expect(page).toHaveURL(/#\/login\?next=/);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await expect(grid.getByRole('row').nth(1)).toContainText(categoryName);
  expect(page.url()).toContain(`category=${target.category}`);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
