// The statistics dashboard as a director uses it (issue 19 item 1): a restored seed of realistic
// cases, the dashboard opened from the menu, filtered to one category and one quarter; the data
// table shows the figures counted independently here from the backup's rows; the chart is drawn
// (SVG with paths, kept as a screenshot); a click on the category's bar lands on the case list
// filtered to the same cases, with the same count; axe finds no serious violation on the screen.
// The hotspots (item 4): the rising categories against the same quarter a year before, counted
// here from the rows, the first opening its cases; a case the administrator marks at risk of
// escalation on its page listed under its category.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { getCategory } from '../../shared/domain/categories';
import { expectAccessible } from './axe';
import { chooseOption, createUser, expect, restoreAtFirstRun, signIn, signOut, test } from './fixtures';

const CASES = 600;
const NOW = '2026-11-22';
const FILE = `test-results/statistics-seed-${CASES}.mwbackup`;
const ADMIN_PASSWORD = 'Admin12345';
const DIRECTOR = { username: 'zhuren', displayName: '周主任', role: 'director' as const, password: 'Director2026' };

interface SeededCase {
  id: string;
  category: string;
  status: string;
  registeredAt: string;
}

function seededCases(): SeededCase[] {
  if (!existsSync(FILE)) {
    execFileSync(process.execPath, ['cli/bin/mw.mjs', 'seed', '--cases', String(CASES), '--out', FILE, '--seed', '19', '--now', NOW, '--admin-password', ADMIN_PASSWORD], { stdio: 'inherit' });
  }
  const files = unzipSync(readFileSync(FILE), { filter: (f) => f.name === 'tables/cases.jsonl' });
  return strFromU8(files['tables/cases.jsonl']!)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SeededCase);
}

/** The quarter ('2026-Q3') of an instant, in Beijing time, counted without the app's code. */
function quarterOf(instant: string): { year: number; quarter: number } {
  const local = new Date(Date.parse(instant) + 8 * 3_600_000);
  return { year: local.getUTCFullYear(), quarter: Math.floor(local.getUTCMonth() / 3) + 1 };
}

/** Categories received in a quarter, counted without the app's code. */
function countsInQuarter(cases: readonly SeededCase[], year: number, quarter: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) {
    const q = quarterOf(c.registeredAt);
    if (q.year === year && q.quarter === quarter) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
  }
  return counts;
}

/** The busiest category of 2026's first quarter, and how many cases it received then. */
function busiestInQuarter(cases: readonly SeededCase[], year: number, quarter: number): { code: string; count: number } {
  const [code, count] = [...countsInQuarter(cases, year, quarter)].sort((a, b) => b[1] - a[1])[0]!;
  return { code, count };
}

test.describe.configure({ timeout: 300_000 });

test('a director filters the dashboard to a category and a quarter, reads the table, opens the bar’s cases and the hotspots', async ({ page }, testInfo) => {
  const cases = seededCases();
  const { code, count } = busiestInQuarter(cases, 2026, 1);
  const categoryName = getCategory(code)!.name['zh-CN'];

  await restoreAtFirstRun(page, FILE);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await createUser(page, DIRECTOR);
  await signOut(page);
  await signIn(page, DIRECTOR.username, DIRECTOR.password);

  await page.getByRole('navigation').getByRole('link', { name: '统计分析' }).click();
  await expect(page.getByRole('heading', { name: '统计分析', level: 1 })).toBeVisible();
  await expect(page.getByTestId('kpi-received')).toBeVisible({ timeout: 30_000 });

  await chooseOption(page, page.getByRole('combobox', { name: '统计期间' }), '按季度');
  await chooseOption(page, page.getByRole('combobox', { name: '年份' }), '2026年');
  await chooseOption(page, page.getByRole('combobox', { name: '季度' }), '第1季度');
  await chooseOption(page, page.getByRole('combobox', { name: '纠纷类别' }), categoryName);
  await expect(page).toHaveURL(new RegExp(`period=quarter.*category=${code}`));

  // The figures, as the tables beside the charts state them.
  const categoryTable = page.getByRole('table', { name: '按纠纷类别：数据表' });
  await expect(categoryTable.getByRole('row', { name: new RegExp(categoryName) }).getByRole('cell').first()).toHaveText(String(count));
  await expect(page.getByTestId('kpi-received')).toContainText(String(count));
  const monthly = page.getByRole('table', { name: '月度趋势：数据表' });
  await expect(monthly.getByRole('row')).toHaveCount(4);
  const monthCells = await monthly.getByRole('row').filter({ has: page.getByRole('rowheader') }).evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td')?.textContent ?? 'NaN')));
  expect(monthCells.reduce((a, b) => a + b, 0)).toBe(count);

  // The chart is drawn as SVG, with paths: not blank.
  const chart = page.getByTestId('chart-category');
  await expect(chart.locator('svg path').first()).toBeAttached();
  expect(await chart.locator('svg path').count()).toBeGreaterThan(2);
  await chart.screenshot({ path: testInfo.outputPath('statistics-category-chart.png') });
  await page.screenshot({ path: testInfo.outputPath('statistics-dashboard.png'), fullPage: true });

  await expectAccessible(page, 'statistics dashboard');

  // A click on the category's "received" bar (the widest path in the first series' colour).
  const box = await chart.locator('svg path[fill="#1677ff"]').evaluateAll((paths) =>
    paths
      .map((p) => (p as SVGGraphicsElement).getBoundingClientRect())
      .sort((a, b) => b.width * b.height - a.width * a.height)
      .map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 }))[0],
  );
  expect(box).toBeDefined();
  await page.mouse.click(box!.x, box!.y);
  await expect(page).toHaveURL(new RegExp(`#/cases\\?.*category=${code}.*from=2026-01-01.*to=2026-03-31`));
  await expect(page.getByTestId('case-count')).toHaveText(`符合条件的案件：${count} 件`, { timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: '纠纷类别' })).toBeVisible();

  // Hotspots: the category that rose most against 2025's first quarter (at least 3 cases), its line
  // opening its cases.
  const now = countsInQuarter(cases, 2026, 1);
  const before = countsInQuarter(cases, 2025, 1);
  const rises = [...now]
    .map(([key, n]) => ({ key, n, increase: n - (before.get(key) ?? 0) }))
    .filter((r) => r.n >= 3 && r.increase > 0)
    .sort((a, b) => b.increase - a.increase || (a.key < b.key ? -1 : 1));
  await page.goto('./#/statistics?period=quarter&year=2026&quarter=1');
  const hotspots = page.getByRole('region', { name: '热点与预警' });
  await expect(hotspots).toContainText('与去年同期（2025年 第1季度）相比');
  const rising = hotspots.getByRole('link');
  await expect(rising).toHaveCount(rises.length);
  // The seed (19) has categories rising in 2026's first quarter; the check below must run.
  expect(rises.length).toBeGreaterThan(0);
  const top = rises[0]!;
  const name = getCategory(top.key)!.name['zh-CN'];
  await expect(rising.first()).toHaveText(`${name}：本期 ${top.n} 件，去年同期 ${top.n - top.increase} 件（+${top.increase}）`);
  await rising.first().click();
  await expect(page).toHaveURL(new RegExp(`#/cases\\?.*category=${top.key}.*from=2026-01-01.*to=2026-03-31`));
  await expect(page.getByTestId('case-count')).toHaveText(`符合条件的案件：${top.n} 件`, { timeout: 30_000 });

  // No seeded case is marked at risk of escalation; the administrator marks one in mediation on
  // its page, and the hotspots list it under its category.
  const riskSection = () => page.getByRole('region', { name: '热点与预警' }).getByRole('region', { name: '有激化风险标记的在办案件' });
  await page.goto('./#/statistics?period=quarter&year=2026&quarter=1');
  await expect(riskSection()).toContainText('无');
  await expect(riskSection().getByRole('listitem')).toHaveCount(0);
  const marked = cases.find((c) => c.status === 'in_mediation')!;
  await signOut(page);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`./#/cases/${marked.id}`);
  const details = page.getByRole('region', { name: '统计信息' });
  await details.getByRole('button', { name: '编辑统计信息' }).click();
  await details.getByLabel(/^激化风险原因/).fill('双方多次发生冲突，一方扬言报复');
  await details.getByRole('button', { name: '保存统计信息' }).click();
  await expect(details.getByText(/^双方多次发生冲突，一方扬言报复（.*标记）$/)).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: '统计分析' }).click();
  await expect(riskSection().getByRole('listitem')).toHaveText([`${getCategory(marked.category)!.name['zh-CN']}：1 件`]);
  await expectAccessible(page, 'statistics dashboard with hotspots');
});
