// The statistics dashboard as a director uses it (issue 19 item 1): a restored seed of realistic
// cases, the dashboard opened from the menu, filtered to one category and one quarter; the data
// table shows the figures counted independently here from the backup's rows; the chart is drawn
// (SVG with paths, kept as a screenshot); a click on the category's bar lands on the case list
// filtered to the same cases, with the same count; axe finds no serious violation on the screen.
// The hotspots (item 4): the rising categories and districts against the same quarter a year
// before, counted here from the rows, the first of each opening its cases; the open cases marked at
// risk of escalation by category (the seed's own marks, on open and on closed cases, and one the
// administrator marks on a case's page), the marked case's line opening the list filtered to
// exactly those cases, the filters shown in the list's filter bar. The seed's districts and risk
// marks are added here to the rows `mw seed` writes (it records neither), and written back as a
// backup the app restores. Repeat disputes: a person planted in four cases (the same identity
// number, name and phone) is listed once, and the line opens exactly those four cases.
// Consultations (item 1): at a legal-service center, a duty lawyer records two consultations (one
// answered, one referred to mediation); the dashboard shows them by topic and outcome with the
// referral rate, each chart drawn with its data table.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { getCategory } from '../../shared/domain/categories';
import { decodeBackup, encodeBackup } from '../../shared/backup/codec';
import { caseDerivedFields } from '../../shared/backup/rows';
import type { Party } from '../../shared/domain/model';
import { expectAccessible } from './axe';
import type { Page } from '@playwright/test';
import { ADMIN, chooseOption, completeFirstRun, createUser, expect, restoreAtFirstRun, signIn, signOut, test } from './fixtures';

const CASES = 600;
const NOW = '2026-11-22';
const SEED_FILE = `test-results/statistics-seed-${CASES}.mwbackup`;
const FILE = `test-results/statistics-seed-${CASES}-districts-repeats.mwbackup`;
const ADMIN_PASSWORD = 'Admin12345';
const DIRECTOR = { username: 'zhuren', displayName: '周主任', role: 'director' as const, password: 'Director2026' };

interface SeededParty {
  id: string;
  caseId: string;
  kind: string;
  side: string;
  name: string;
  phone: string;
  idNumber?: string;
}

interface SeededCase {
  id: string;
  category: string;
  status: string;
  registeredAt: string;
  district?: string;
  escalationRisk?: { reason: string; markedAt: string; markedBy: string };
}

/** Statuses in which the work on a case is over (its risk mark no longer warns of anything). */
const CLOSED = new Set(['declined', 'failed', 'withdrawn', 'confirmed', 'rejected', 'archived']);

/** A number from a case id, to spread districts and marks without randomness. */
function idNumber(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(-6), 16);
}

/**
 * The seed's cases with a district (three districts in 2026, four before, so some rise; one case in
 * seven without) and a risk mark on one case in nine, whatever its status.
 */
function withDistrictsAndRisk(rows: readonly SeededCase[], markedBy: string): SeededCase[] {
  return rows.map((c) => {
    const n = idNumber(c.id);
    const districts = c.registeredAt >= '2026' ? ['镜湖区', '弋江区', '鸠江区'] : ['镜湖区', '弋江区', '鸠江区', '湾沚区'];
    const district = n % 7 === 0 ? undefined : districts[n % districts.length];
    const risk = n % 9 === 0 ? { reason: '双方多次发生冲突', markedAt: `${NOW}T09:00:00+08:00`, markedBy } : undefined;
    return { ...c, ...(district ? { district } : {}), ...(risk ? { escalationRisk: risk } : {}) };
  });
}

/** The seed's first natural applicant appears again, as the same person, in three later cases. */
function withRepeatedPerson(parties: readonly SeededParty[]): SeededParty[] {
  const applicants = parties.filter((p) => p.kind === 'natural' && p.side === 'applicant');
  const person = applicants[0]!;
  const again = new Set([applicants[50]!.id, applicants[150]!.id, applicants[250]!.id]);
  return parties.map((p) => (again.has(p.id) ? { ...p, name: person.name, phone: person.phone, idNumber: person.idNumber } : p));
}

/** The planted person: their name, masked identity number, and cases. */
function repeatedPerson(): { name: string; masked: string; caseIds: string[] } {
  const decoded = decodeBackup(readFileSync(FILE), { maxBytes: 1 << 30, maxEntries: 100 });
  if (!decoded.ok) throw new Error(`the seed does not read: ${decoded.code} ${decoded.detail}`);
  const parties = decoded.backup.tables.parties as SeededParty[];
  const person = parties.find((p) => p.kind === 'natural' && p.side === 'applicant')!;
  const id = person.idNumber!;
  const caseIds = [...new Set(parties.filter((p) => p.idNumber === id).map((p) => p.caseId))];
  return { name: person.name, masked: `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`, caseIds };
}

function seededCases(): SeededCase[] {
  if (!existsSync(SEED_FILE)) {
    execFileSync(process.execPath, ['cli/bin/mw.mjs', 'seed', '--cases', String(CASES), '--out', SEED_FILE, '--seed', '19', '--now', NOW, '--admin-password', ADMIN_PASSWORD], { stdio: 'inherit' });
  }
  if (!existsSync(FILE)) {
    const decoded = decodeBackup(readFileSync(SEED_FILE), { maxBytes: 1 << 30, maxEntries: 100 });
    if (!decoded.ok) throw new Error(`the seed does not read: ${decoded.code} ${decoded.detail}`);
    const { manifest, tables } = decoded.backup;
    const admin = (tables.users as Array<{ id: string; role: string }>).find((u) => u.role === 'admin')!;
    const parties = withRepeatedPerson(tables.parties as SeededParty[]);
    // The list's party names and search keys follow the changed parties, as the app's writes keep them.
    const derived = (c: SeededCase & { number: string }) => ({ ...c, ...caseDerivedFields(c.number, parties.filter((p) => p.caseId === c.id) as unknown as Party[]) });
    const cases = withDistrictsAndRisk((tables.cases as Array<SeededCase & { number: string }>).map(derived), admin.id);
    writeFileSync(FILE, encodeBackup({ meta: { createdAt: manifest.createdAt, appVersion: manifest.app.version }, tables: { ...tables, cases, parties } }));
  }
  const decoded = decodeBackup(readFileSync(FILE), { maxBytes: 1 << 30, maxEntries: 100 });
  if (!decoded.ok) throw new Error(`the seed does not read: ${decoded.code} ${decoded.detail}`);
  return decoded.backup.tables.cases as SeededCase[];
}

/** The quarter ('2026-Q3') of an instant, in Beijing time, counted without the app's code. */
function quarterOf(instant: string): { year: number; quarter: number } {
  const local = new Date(Date.parse(instant) + 8 * 3_600_000);
  return { year: local.getUTCFullYear(), quarter: Math.floor(local.getUTCMonth() / 3) + 1 };
}

/** Categories (or districts) received in a quarter, counted without the app's code. */
function countsInQuarter(cases: readonly SeededCase[], year: number, quarter: number, by: (c: SeededCase) => string | undefined = (c) => c.category): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) {
    const q = quarterOf(c.registeredAt);
    const key = by(c);
    if (key !== undefined && q.year === year && q.quarter === quarter) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** What rose in 2026's first quarter against 2025's (at least 3, more than before), the largest rise first. */
function risesInFirstQuarter(cases: readonly SeededCase[], by?: (c: SeededCase) => string | undefined): Array<{ key: string; n: number; increase: number }> {
  const now = countsInQuarter(cases, 2026, 1, by);
  const before = countsInQuarter(cases, 2025, 1, by);
  return [...now]
    .map(([key, n]) => ({ key, n, increase: n - (before.get(key) ?? 0) }))
    .filter((r) => r.n >= 3 && r.increase > 0)
    .sort((a, b) => b.increase - a.increase || (a.key < b.key ? -1 : 1));
}

/** Open cases marked at risk by category, as the hotspots list them: most first, then by code. */
function atRiskLines(cases: readonly SeededCase[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const c of cases) if (c.escalationRisk && !CLOSED.has(c.status)) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
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
  const rises = risesInFirstQuarter(cases);
  await page.goto('./#/statistics?period=quarter&year=2026&quarter=1');
  const hotspots = page.getByRole('region', { name: '热点与预警' });
  await expect(hotspots).toContainText('与去年同期（2025年 第1季度）相比');
  const rising = hotspots.getByRole('region', { name: '上升的纠纷类别' }).getByRole('link');
  await expect(rising).toHaveCount(rises.length);
  // The seed (19) has categories rising in 2026's first quarter; the check below must run.
  expect(rises.length).toBeGreaterThan(0);
  const top = rises[0]!;
  const name = getCategory(top.key)!.name['zh-CN'];
  await expect(rising.first()).toHaveText(`${name}：本期 ${top.n} 件，去年同期 ${top.n - top.increase} 件（+${top.increase}）`);
  await rising.first().click();
  await expect(page).toHaveURL(new RegExp(`#/cases\\?.*category=${top.key}.*from=2026-01-01.*to=2026-03-31`));
  await expect(page.getByTestId('case-count')).toHaveText(`符合条件的案件：${top.n} 件`, { timeout: 30_000 });

  // The district that rose most opens the list of its cases in the quarter, the district shown in
  // the filter bar.
  const districtRises = risesInFirstQuarter(cases, (c) => c.district);
  expect(districtRises.length).toBeGreaterThan(0);
  await page.goto('./#/statistics?period=quarter&year=2026&quarter=1');
  const districtLines = hotspots.getByRole('region', { name: '上升的地区' }).getByRole('link');
  await expect(districtLines).toHaveCount(districtRises.length);
  const topDistrict = districtRises[0]!;
  await expect(districtLines.first()).toHaveText(`${topDistrict.key}：本期 ${topDistrict.n} 件，去年同期 ${topDistrict.n - topDistrict.increase} 件（+${topDistrict.increase}）`);
  await districtLines.first().click();
  await expect(page).toHaveURL(new RegExp(`#/cases\\?.*district=${encodeURIComponent(topDistrict.key)}.*from=2026-01-01.*to=2026-03-31`));
  await expect(page.getByTestId('case-count')).toHaveText(`符合条件的案件：${topDistrict.n} 件`, { timeout: 30_000 });
  const filterBar = page.getByRole('search', { name: '筛选案件' });
  await expect(filterBar.locator('.ant-select', { has: page.getByRole('combobox', { name: '纠纷发生地' }) })).toContainText(topDistrict.key);
  await expectAccessible(page, 'case list filtered by district');

  // The open cases marked at risk, by category: the seed's marks on closed cases do not count.
  const riskSection = () => page.getByRole('region', { name: '热点与预警' }).getByRole('region', { name: '有激化风险标记的在办案件' });
  const riskTexts = (lines: Array<[string, number]>) => lines.map(([code, n]) => `${getCategory(code)!.name['zh-CN']}：${n} 件`);
  const seededRisk = atRiskLines(cases);
  expect(cases.some((c) => c.escalationRisk && CLOSED.has(c.status))).toBe(true);
  await page.goto('./#/statistics?period=quarter&year=2026&quarter=1');
  await expect(riskSection().getByRole('listitem')).toHaveText(riskTexts(seededRisk));

  // The administrator marks a case in mediation on its page; it is counted under its category.
  const marked = cases.find((c) => c.status === 'in_mediation' && !c.escalationRisk)!;
  await signOut(page);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`./#/cases/${marked.id}`);
  const details = page.getByRole('region', { name: '统计信息' });
  await details.getByRole('button', { name: '编辑统计信息' }).click();
  await details.getByLabel(/^激化风险原因/).fill('双方多次发生冲突，一方扬言报复');
  await details.getByRole('button', { name: '保存统计信息' }).click();
  await expect(details.getByText(/^双方多次发生冲突，一方扬言报复（.*标记）$/)).toBeVisible();
  const markedNow = cases.map((c) => (c.id === marked.id ? { ...c, escalationRisk: { reason: '-', markedAt: '-', markedBy: '-' } } : c));
  const withMarked = atRiskLines(markedNow);
  await page.getByRole('navigation').getByRole('link', { name: '统计分析' }).click();
  await expect(riskSection().getByRole('listitem')).toHaveText(riskTexts(withMarked));
  await expectAccessible(page, 'statistics dashboard with hotspots');

  // The marked case's category line opens the list of exactly those cases, whenever registered.
  const markedLine = withMarked.find(([code]) => code === marked.category)!;
  const markedName = getCategory(marked.category)!.name['zh-CN'];
  await riskSection().getByRole('link', { name: `${markedName}：${markedLine[1]} 件` }).click();
  await expect(page).toHaveURL(new RegExp(`#/cases\\?.*category=${marked.category}.*risk=1`));
  expect(page.url()).not.toContain('from=');
  await expect(page.getByTestId('case-count')).toHaveText(`符合条件的案件：${markedLine[1]} 件`, { timeout: 30_000 });
  await expect(filterBar.getByRole('checkbox', { name: '只看有激化风险的在办案件' })).toBeChecked();
  await expect(filterBar.locator('.ant-select', { has: page.getByRole('combobox', { name: '纠纷类别' }) })).toContainText(markedName);
  await expectAccessible(page, 'case list filtered to cases at risk');

  // The filters combine in the filter bar: a district chosen from the district filter (the one
  // with most of these cases), then the 'at risk' box unticked — the category's cases there.
  const inCategory = markedNow.filter((c) => c.category === marked.category && c.district !== undefined);
  const riskyIn = (d: string) => inCategory.filter((c) => c.district === d && c.escalationRisk !== undefined && !CLOSED.has(c.status)).length;
  const district = [...new Set(inCategory.map((c) => c.district!))].sort((a, b) => riskyIn(b) - riskyIn(a) || (a < b ? -1 : 1))[0]!;
  expect(riskyIn(district)).toBeGreaterThan(0);
  await chooseOption(page, filterBar.getByRole('combobox', { name: '纠纷发生地' }), district);
  await expect(page).toHaveURL(new RegExp(`category=${marked.category}.*district=${encodeURIComponent(district)}.*risk=1`));
  await expect(page.getByTestId('case-count')).toHaveText(`符合条件的案件：${riskyIn(district)} 件`, { timeout: 30_000 });
  // A click, then the box as the URL sets it (check() reads it back before the list re-renders).
  const riskBox = filterBar.getByRole('checkbox', { name: '只看有激化风险的在办案件' });
  await riskBox.click();
  await expect(riskBox).not.toBeChecked();
  await expect(page).not.toHaveURL(/risk=/);
  const allThere = inCategory.filter((c) => c.district === district).length;
  expect(allThere).toBeGreaterThan(riskyIn(district));
  await expect(page.getByTestId('case-count')).toHaveText(`符合条件的案件：${allThere} 件`, { timeout: 30_000 });
});

test('a repeat dispute’s line in the hotspots opens exactly its cases', async ({ page }) => {
  seededCases();
  const person = repeatedPerson();
  expect(person.caseIds).toHaveLength(4);
  await restoreAtFirstRun(page, FILE);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: '统计分析' }).click();
  const repeats = page.getByRole('region', { name: '热点与预警' }).getByRole('region', { name: '重复纠纷' });
  // The same person by number and by name and phone: one line, not two.
  const line = repeats.getByRole('link', { name: `同一当事人 ${person.name}（${person.masked}）：4 件` });
  await expect(line).toHaveCount(1, { timeout: 30_000 });
  await expect(repeats.getByRole('link', { name: new RegExp(`^同一当事人 ${person.name}（`) })).toHaveCount(1);
  await line.click();
  await expect(page).toHaveURL(/#\/cases\?.*repeat=[0-9a-f]{16}/);
  expect(page.url()).not.toContain('from=');
  await expect(page.getByTestId('case-count')).toHaveText('符合条件的案件：4 件', { timeout: 30_000 });
  const filterBar = page.getByRole('search', { name: '筛选案件' });
  await expect(filterBar.getByText('重复纠纷的案件（当事人或地址相同）')).toBeVisible();
  await expectAccessible(page, 'case list of a repeat dispute');
  // Every one of the four is the planted person's case.
  await expect(page.getByText(new RegExp(`^${person.name} / `))).toHaveCount(4);
  await filterBar.getByRole('button', { name: '取消重复纠纷筛选' }).click();
  await expect(page).not.toHaveURL(/repeat=/);
  await expect(page.getByTestId('case-count')).toHaveText(`共 ${CASES} 件案件`, { timeout: 30_000 });
});

const LAWYER = { username: 'zhaolawyer', displayName: '赵律师', role: 'lawyer' as const, password: 'Lawyer2026x', licenseNo: '13402201910123456' };

/** The duty lawyer records one consultation from the desk: who, the topic (typed to narrow the list), what was asked and advised, where the person was sent. */
async function recordConsultation(page: Page, name: string, phone: string, topic: [typed: string, option: string], outcome: string): Promise<void> {
  await page.goto('./#/');
  await page.getByRole('button', { name: '登记咨询' }).click();
  await expect(page.getByText('填写姓名、证件号码或电话后在此显示。')).toBeVisible();
  await page.getByLabel('姓名', { exact: true }).fill(name);
  await page.getByLabel('手机号码').fill(phone);
  const topicBox = page.getByLabel('咨询事项');
  await topicBox.click();
  await topicBox.pressSequentially(topic[0]);
  await chooseOption(page, topicBox, topic[1]);
  await page.getByLabel('咨询的问题').fill('与对方发生争议，如何处理？');
  await page.getByLabel('咨询意见', { exact: true }).fill('建议先协商，协商不成可申请人民调解。');
  await chooseOption(page, page.getByLabel('处理结果'), outcome);
  await page.getByLabel('用时（分钟）').fill('15');
  await page.getByRole('button', { name: '保存咨询记录' }).click();
  await expect(page.getByRole('heading', { name: /^咨\d{4}-\d{5}$/, level: 1 })).toBeVisible();
}

test('a legal-service center’s consultations in the dashboard: by topic, by outcome, the referral rate', async ({ page }) => {
  await completeFirstRun(page, { kind: '公共法律服务中心', institutionName: '芜湖市镜湖区公共法律服务中心' });
  await signIn(page, ADMIN.username, ADMIN.password);
  await createUser(page, LAWYER);
  await signOut(page);
  await signIn(page, LAWYER.username, LAWYER.password);
  await recordConsultation(page, '刘䶮', '13955312345', ['邻里', '邻里纠纷'], '引导至人民调解');
  await recordConsultation(page, '王堃', '13855312345', ['劳动', '其他劳动争议纠纷'], '已解答');
  await signOut(page);

  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto('./#/statistics');
  const card = page.getByRole('region', { name: '法律咨询' });
  await expect(card.getByTestId('kpi-consultations')).toContainText('2', { timeout: 30_000 });
  await expect(card.getByTestId('kpi-consultations-referred')).toContainText('1');
  await expect(card.getByTestId('kpi-referral-rate')).toContainText('50%');
  const byTopic = page.getByRole('table', { name: '法律咨询按事项：数据表' });
  await expect(byTopic.getByRole('row', { name: /邻里纠纷/ }).getByRole('cell')).toHaveText(['1', '1']);
  await expect(byTopic.getByRole('row', { name: /其他劳动争议纠纷/ }).getByRole('cell')).toHaveText(['1', '0']);
  const byOutcome = page.getByRole('table', { name: '法律咨询按处理结果：数据表' });
  await expect(byOutcome.getByRole('row', { name: /已解答/ }).getByRole('cell')).toHaveText(['1']);
  await expect(byOutcome.getByRole('row', { name: /引导至人民调解/ }).getByRole('cell')).toHaveText(['1']);
  for (const id of ['consultation-topic', 'consultation-outcome']) await expect(page.getByTestId(`chart-${id}`).locator('svg path').first()).toBeAttached();
  // A category filter narrows them as a topic: neighbours' disputes only.
  await chooseOption(page, page.getByRole('combobox', { name: '纠纷类别' }), '邻里纠纷');
  await expect(card.getByTestId('kpi-consultations')).toContainText('1');
  await expect(card.getByTestId('kpi-referral-rate')).toContainText('100%');
  await expectAccessible(page, 'the dashboard with consultations');
});
