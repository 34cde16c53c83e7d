// The report as an XLSX workbook (ExcelJS, imported here only: the writer is loaded when a user
// exports, never with the app). One sheet per layout, the newer form first; figures are numbers
// (counts as integers, the amount in yuan, the rate as a percentage with one decimal, empty when
// nothing was received), so a spreadsheet can sum them again.
import { cellValue, columnHeading, COUNTING_NOTE, REPORT_COLUMNS } from '../../../shared/statistics/report/columns';
import type { ReportTableRow } from '../../../shared/statistics/report/compute';

export interface WorkbookSheet {
  /** The sheet's name (at most 31 characters, no []:*?/\). */
  name: string;
  title: string;
  subtitle: readonly string[];
  rows: readonly ReportTableRow[];
  /** The heading of the rows' column, when they are not dispute types (institutions side by side). */
  rowHeading?: string;
}

/** The row (1-based) of the column headings; the figures follow it. */
export const HEADER_ROW = 5;

export async function reportWorkbook(sheets: readonly WorkbookSheet[], language: 'zh-CN' | 'en-US', created: Date): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = created;
  workbook.modified = created;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    ws.getCell(1, 1).value = sheet.title;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    sheet.subtitle.slice(0, HEADER_ROW - 2).forEach((line, i) => (ws.getCell(2 + i, 1).value = line));
    const header = ws.getRow(HEADER_ROW);
    header.getCell(1).value = sheet.rowHeading ?? (language === 'zh-CN' ? '纠纷类型' : 'Dispute type');
    REPORT_COLUMNS.forEach((column, i) => (header.getCell(i + 2).value = columnHeading(column, language)));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    sheet.rows.forEach((row, r) => {
      const line = ws.getRow(HEADER_ROW + 1 + r);
      line.getCell(1).value = (row.level === 1 ? '  ' : '') + row.name[language];
      REPORT_COLUMNS.forEach((column, i) => {
        const cell = line.getCell(i + 2);
        cell.value = cellValue(column, row.figures);
        cell.numFmt = column.kind === 'money' ? '#,##0.00' : column.kind === 'percent' ? '0.0' : '#,##0';
      });
      if (row.total) line.font = { bold: true };
    });
    ws.getCell(HEADER_ROW + sheet.rows.length + 2, 1).value = COUNTING_NOTE[language];
    ws.getColumn(1).width = 26;
    for (let i = 2; i <= REPORT_COLUMNS.length + 1; i++) ws.getColumn(i).width = 12;
    ws.views = [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }];
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
