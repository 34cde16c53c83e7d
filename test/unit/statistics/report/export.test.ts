// The exported files read back by independent readers: the XLSX by Debian's python3-openpyxl
// (every cell of both sheets against the computed figures), the PDF by pdftotext (poppler).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportWorkbook, HEADER_ROW } from '../../../../renderer/features/report/xlsx';
import { cellValue, columnHeading, REPORT_COLUMNS } from '../../../../shared/statistics/report/columns';
import { computeReport, reportRows } from '../../../../shared/statistics/report/compute';
import { LAYOUT_A, LAYOUT_B } from '../../../../shared/statistics/report/mappings';
import { renderReportPdf } from '../../../../shared/statistics/report/pdf';
import { FONTS } from '../../agreement/agreement-fixtures';
import { reportCases } from './cases';

const dir = mkdtempSync(join(tmpdir(), 'mw-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const period = { kind: 'quarter', year: 2026, index: 3 } as const;
const report = computeReport(reportCases(3000), period);
const sheets = [LAYOUT_A, LAYOUT_B].map((layout) => ({
  name: layout.id === 'A' ? '新版表式' : '旧版表式',
  title: '人民调解工作统计表',
  subtitle: ['填报单位：芜湖市镜湖区人民调解中心', '统计期间：2026年第3季度'],
  rows: reportRows(report.byCategory, layout),
}));

function readXlsx(bytes: Uint8Array): Record<string, unknown[][]> {
  const file = join(dir, 'report.xlsx');
  writeFileSync(file, bytes);
  // Debian's python3, where python3-openpyxl is installed (not a python of the user's PATH).
  const run = spawnSync('/usr/bin/python3', [join(import.meta.dirname, 'read-xlsx.py'), file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openpyxl could not read the workbook: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as Record<string, unknown[][]>;
}

describe('the report exported', () => {
  it('as XLSX: openpyxl reads both sheets, every heading and every figure as computed', async () => {
    const book = readXlsx(await reportWorkbook(sheets, 'zh-CN', new Date('2026-11-22T02:00:00Z')));
    expect(Object.keys(book)).toEqual(['新版表式', '旧版表式']);
    for (const sheet of sheets) {
      const cells = book[sheet.name]!;
      expect(cells[0]![0]).toBe('人民调解工作统计表');
      expect(cells[1]![0]).toBe('填报单位：芜湖市镜湖区人民调解中心');
      const header = cells[HEADER_ROW - 1]!;
      expect(header.slice(1, REPORT_COLUMNS.length + 1)).toEqual(REPORT_COLUMNS.map((c) => columnHeading(c, 'zh-CN')));
      for (const [r, row] of sheet.rows.entries()) {
        const line = cells[HEADER_ROW + r]!;
        expect(String(line[0]).trim()).toBe(row.name['zh-CN']);
        expect(line.slice(1, REPORT_COLUMNS.length + 1), `${sheet.name} ${row.key}`).toEqual(REPORT_COLUMNS.map((c) => cellValue(c, row.figures)));
      }
      // The totals a reader checks first: received and settled of the quarter, and the amount in yuan.
      const total = cells[HEADER_ROW]!;
      expect(total[0]).toBe('合计');
      expect(total[1]).toBe(Object.values(report.byCategory).reduce((s, f) => s + f.received, 0));
      expect(total[4]).toBe(Object.values(report.byCategory).reduce((s, f) => s + f.amountFen, 0) / 100);
    }
  });

  it('as PDF: pdftotext finds the title, the rows and the total figures', async () => {
    const rows = reportRows(report.byCategory, LAYOUT_A);
    const bytes = await renderReportPdf({ language: 'zh-CN', title: '人民调解工作统计表', subtitle: ['填报单位：芜湖市镜湖区人民调解中心'], rows }, FONTS, { creationDate: new Date('2026-11-22T02:00:00Z') });
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const text = run.stdout;
    expect(text).toContain('人民调解工作统计表');
    expect(text).toContain('芜湖市镜湖区人民调解中心');
    const totalLine = text.split('\n').find((l) => l.trim().startsWith('合计'))!;
    const total = rows[0]!.figures;
    const numbers = totalLine.trim().split(/\s+/).slice(1);
    expect(numbers.slice(0, 2)).toEqual([total.received.toLocaleString('zh-CN'), total.settled.toLocaleString('zh-CN')]);
    for (const row of rows.filter((r) => !r.total)) expect(text).toContain(row.name['zh-CN']);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*\d\s*页/);
    expect(text).toContain('防止群体性上访');
  });
});
