// The official statistical report as a director uses it (issue 19 item 2): a restored seed of
// realistic cases, the report of a quarter whose figures match a plain count of the seeded cases
// and the case list under the same filter, the XLSX read back by Debian's python3-openpyxl, the
// PDF by pdftotext; locked, signed and filed; the bureau's answer (returned) imported; a case of
// the quarter changed by the administrator shows as a difference, and a corrected version is filed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { ANSWER_FILE_FORMAT, signedReportSchema, snapshotSha256 } from '../../shared/statistics/report';
import { expectAccessible } from './axe';
import { chooseOption, chooseRadio, createUser, expect, generateInstitutionIdentity, restoreAtFirstRun, signIn, signOut, test } from './fixtures';

const FILE = 'test-results/report-seed-400.mwbackup';
const ADMIN_PASSWORD = 'Admin12345';
const DIRECTOR = { username: 'zhuren', displayName: '周主任', role: 'director', password: 'Director2026' } as const;
const KEY_PASSPHRASE = 'report key passphrase 2026';
const FROM = '2026-07-01';
const TO = '2026-09-30';

interface SeededCase {
  id: string;
  category: string;
  registeredAt: string;
  agreementEffectiveOn: string | null;
  amountFen: number | null;
}

function seeded(): SeededCase[] {
  if (!existsSync(FILE)) {
    execFileSync(process.execPath, ['cli/bin/mw.mjs', 'seed', '--cases', '400', '--out', FILE, '--seed', '5', '--now', '2026-11-22', '--admin-password', ADMIN_PASSWORD], { stdio: 'inherit' });
  }
  const files = unzipSync(readFileSync(FILE), { filter: (f) => f.name === 'tables/cases.jsonl' });
  return strFromU8(files['tables/cases.jsonl']!)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SeededCase);
}

/** The quarter's totals counted plainly from the seeded rows (Intl for the Beijing date). */
function plainTotals(cases: SeededCase[]) {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  const received = cases.filter((c) => day.format(new Date(c.registeredAt)) >= FROM && day.format(new Date(c.registeredAt)) <= TO);
  const settled = cases.filter((c) => c.agreementEffectiveOn !== null && c.agreementEffectiveOn >= FROM && c.agreementEffectiveOn <= TO);
  return { received: received.length, settled: settled.length, amountYuan: settled.reduce((s, c) => s + (c.amountFen ?? 0), 0) / 100 };
}

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const waiting = page.waitForEvent('download');
  await click();
  const file = await waiting;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

async function unlockAndSign(page: Page): Promise<void> {
  const prompt = page.getByRole('dialog', { name: '解锁机构密钥' });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel('密钥保护口令').fill(KEY_PASSPHRASE);
  await prompt.getByRole('button', { name: '解锁并签名' }).click();
}

test.describe.configure({ timeout: 420_000 });

test('a director reports a quarter, exports it, files it, and sees a later change as a difference', async ({ page }, testInfo) => {
  const cases = seeded();
  const totals = plainTotals(cases);
  expect(totals.received).toBeGreaterThan(10);
  const dir = testInfo.outputDir;

  // The seed restored on first run; the administrator gives the institution its key and a director.
  await restoreAtFirstRun(page, FILE);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await generateInstitutionIdentity(page, KEY_PASSPHRASE);
  await createUser(page, DIRECTOR);
  await signOut(page);
  await signIn(page, DIRECTOR.username, DIRECTOR.password);

  // The report of the third quarter of 2026, opened from the menu and chosen with the controls.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计报表' }).click();
  await expect(page.getByRole('heading', { name: '人民调解统计报表', level: 1 })).toBeVisible();
  const picker = page.getByRole('form', { name: '统计期间' });
  await chooseRadio(page, picker, '季报');
  await chooseOption(page, picker.getByRole('combobox', { name: '年份' }), '2026');
  await chooseOption(page, picker.getByRole('combobox', { name: '季度' }), '第3季度');
  await expect(page).toHaveURL(/period=2026-Q3/);
  const table = page.getByRole('region', { name: '新版表式（18 类）：2026年第3季度' }).getByRole('table');
  const total = table.getByRole('row', { name: /^合计/ });
  await expect(total.getByRole('cell').nth(0)).toHaveText(totals.received.toLocaleString('zh-CN'));
  await expect(total.getByRole('cell').nth(1)).toHaveText(totals.settled.toLocaleString('zh-CN'));
  await expect(page.getByText('表式：新版表式（18 类），分类对应版本 A-2026.1', { exact: false })).toBeVisible();
  await expectAccessible(page, 'the statistical report');

  // The older layout has the same total.
  await chooseRadio(page, picker, '旧版表式（15 类）');
  const older = page.getByRole('region', { name: '旧版表式（15 类）：2026年第3季度' }).getByRole('table');
  await expect(older.getByRole('row', { name: /^合计/ }).getByRole('cell').nth(0)).toHaveText(totals.received.toLocaleString('zh-CN'));
  await expect(older.getByRole('row')).toHaveCount(2 + 1 + 15);
  // Back to the newer layout, whose table the rest of the test reads.
  await chooseRadio(page, picker, '新版表式（18 类）');
  await expect(table).toBeVisible();

  // XLSX read back by an independent reader: the totals are right.
  const xlsx = await download(page, () => page.getByRole('button', { name: '导出 Excel' }).click(), dir);
  const read = spawnSync('/usr/bin/python3', ['test/unit/statistics/report/read-xlsx.py', xlsx], { encoding: 'utf8' });
  expect(read.status, read.stderr).toBe(0);
  const book = JSON.parse(read.stdout) as Record<string, unknown[][]>;
  const sheetA = book['新版表式（18 类）']!;
  const totalRow = sheetA.find((r) => r[0] === '合计')!;
  expect(totalRow.slice(1, 3)).toEqual([totals.received, totals.settled]);
  expect(totalRow[4]).toBeCloseTo(totals.amountYuan, 2);
  expect(book['旧版表式（15 类）']!.find((r) => r[0] === '合计')!.slice(1, 3)).toEqual([totals.received, totals.settled]);

  // PDF, read by pdftotext.
  const pdf = await download(page, () => page.getByRole('button', { name: '导出 PDF' }).click(), dir);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  expect(text).toContain('人民调解工作统计表');
  expect(text.split('\n').find((l) => l.trim().startsWith('合计'))?.trim().split(/\s+/).slice(1, 3)).toEqual([String(totals.received), String(totals.settled)]);

  // Lock, sign and file: the signed file is saved.
  await page.getByRole('button', { name: '锁定并报送…' }).click();
  const confirm = page.getByRole('dialog', { name: '锁定并报送2026年第3季度统计报表' });
  await confirm.getByRole('button', { name: '锁定、签名并保存文件' }).click();
  const filedPath = await download(page, () => unlockAndSign(page), dir);
  await expect(page.getByText(/第 1 版已于 .* 由 周主任 锁定并报送/)).toBeVisible();
  await expect(page.getByText('等待司法局答复')).toBeVisible();
  const filed = signedReportSchema.parse(JSON.parse(readFileSync(filedPath, 'utf8')));
  expect(filed.snapshot.version).toBe(1);

  // The bureau returns it, with a reason, as a file.
  const answerPath = join(dir, 'answer.json');
  writeFileSync(answerPath, JSON.stringify({ format: ANSWER_FILE_FORMAT, reportId: filed.snapshot.id, snapshotSha256: snapshotSha256(filed.snapshot), outcome: 'returned', reason: '群体性上访数需与信访局核对', answeredAt: '2026-10-10T02:00:00.000Z', bureau: '芜湖市镜湖区司法局' }));
  const opening = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入司法局答复…' }).click();
  await (await opening).setFiles(answerPath);
  await expect(page.getByText(/司法局已退回（芜湖市镜湖区司法局，.*）：群体性上访数需与信访局核对/)).toBeVisible();

  // The same filter in the case list lists as many cases as the report counts for a category.
  const link = table.getByRole('link', { name: /^在案件列表中查看.*本期受理的 \d+ 件案件$/ }).first();
  const count = Number(/本期受理的 (\d+) 件/.exec((await link.getAttribute('aria-label')) ?? '')?.[1]);
  await link.click();
  await expect(page.getByTestId('case-count')).toHaveText(`符合条件的案件：${count} 件`);
  const grid = page.getByRole('grid', { name: /案件列表/ });
  const first = grid.getByRole('row').nth(1).getByRole('link');
  const number = (await first.textContent()) ?? '';
  const caseHref = (await first.getAttribute('href')) ?? '';

  // The administrator records an escalation prevented on a case of the quarter.
  await signOut(page);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.goto(`./${caseHref}`);
  const statistics = page.getByRole('region', { name: '统计信息' });
  await statistics.getByRole('button', { name: '编辑统计信息' }).click();
  await statistics.getByLabel('防止群体性上访（人）').fill('7');
  await statistics.getByRole('button', { name: '保存统计信息' }).click();
  await expect(statistics.getByText('防止群体性上访：7 人')).toBeVisible();
  await signOut(page);

  // The director sees the difference; the filed version is unchanged and a corrected one is filed on purpose.
  await signIn(page, DIRECTOR.username, DIRECTOR.password);
  await page.goto('./#/report?period=2026-Q3&layout=A');
  const difference = page.getByRole('status').filter({ hasText: '报送后本期案件有变动' });
  await expect(difference).toBeVisible();
  await expect(difference.getByRole('table', { name: '与已报送报表的差异' }).getByRole('row', { name: /合计 防止群体性上访 · 人 0 7/ })).toBeVisible();
  await expect(difference.getByRole('link', { name: number })).toBeVisible();
  await expectAccessible(page, 'the statistical report with a difference');
  await page.getByRole('button', { name: '报送更正版…' }).click();
  await page.getByRole('dialog', { name: '锁定并报送2026年第3季度统计报表' }).getByRole('button', { name: '锁定、签名并保存文件' }).click();
  const correctedPath = await download(page, () => unlockAndSign(page), dir);
  const corrected = signedReportSchema.parse(JSON.parse(readFileSync(correctedPath, 'utf8')));
  expect(corrected.snapshot).toMatchObject({ version: 2, supersedes: filed.snapshot.id });
  await expect(page.getByText('当前数字与已报送的第 2 版一致。')).toBeVisible();
  await expect(page.getByText('更正第 1 版')).toBeVisible();
});
