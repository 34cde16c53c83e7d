// The report as a PDF, typeset like the agreement (shared/agreement/pdf): the shipped fonts
// embedded as subsets (the text stays extractable), the same line breaking for mixed Chinese and
// Latin, "第 X 页 共 Y 页" under every page. A4 landscape; the columns are split into two tables
// (reception, outcome and sources; escalations prevented) so that every figure stays legible.
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { fontCoverage, fontkitForPdfLib, type AgreementFontFiles } from '../../agreement/pdf/fonts';
import { Typesetter } from '../../agreement/pdf/typesetter';
import type { LocalizedText } from '../../domain/categories';
import { cellText, COUNTING_NOTE, REPORT_COLUMNS, type ReportColumn } from './columns';
import type { ReportTableRow } from './compute';

const MM = 72 / 25.4;
const PAGE = { width: 297 * MM, height: 210 * MM };
const MARGIN = { top: 16 * MM, bottom: 16 * MM, left: 14 * MM, right: 14 * MM };
const NAME_WIDTH = 118;
const CELL = { size: 8, leading: 14 };
const HEAD = { size: 7, leading: 9 };
const INK = rgb(0.08, 0.08, 0.1);
const RULE = rgb(0.55, 0.55, 0.6);
const MUTED = rgb(0.4, 0.4, 0.45);

export interface ReportPdfInput {
  language: 'zh-CN' | 'en-US';
  title: string;
  /** Lines under the title: institution, period, layout and mapping version, state of filing. */
  subtitle: readonly string[];
  rows: readonly ReportTableRow[];
}

const PAGE_WORDS: LocalizedText = { 'zh-CN': '第 {{n}} 页 共 {{total}} 页', 'en-US': 'Page {{n}} of {{total}}' };

/** The two tables: everything but the escalations, then the escalations prevented. */
function tables(): ReportColumn[][] {
  const prevented = (c: ReportColumn) => c.key.endsWith('_cases') || c.key.endsWith('_persons');
  return [REPORT_COLUMNS.filter((c) => !prevented(c)), REPORT_COLUMNS.filter(prevented)];
}

export async function renderReportPdf(input: ReportPdfInput, fonts: AgreementFontFiles, options: { creationDate: Date }): Promise<Uint8Array> {
  const { language } = input;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitForPdfLib);
  const cjk = await doc.embedFont(fonts.cjk, { subset: true });
  const latin = await doc.embedFont(fonts.latin, { subset: true });
  const ts = new Typesetter({ cjk, latin, coverage: fontCoverage(fonts) });
  const textWidth = PAGE.width - MARGIN.left - MARGIN.right;
  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN.top;

  const draw = (text: string, x: number, at: number, size: number, color = INK) => {
    let cx = x;
    for (const run of ts.runs(text)) {
      page.drawText(run.text, { x: cx, y: at, size, font: run.font, color });
      cx += run.font.widthOfTextAtSize(run.text, size);
    }
  };
  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN.top;
  };

  // Title and subtitle.
  const titleWidth = ts.width(input.title, 16);
  y -= 18;
  draw(input.title, MARGIN.left + (textWidth - titleWidth) / 2, y, 16);
  for (const line of input.subtitle) {
    for (const wrapped of ts.wrap(line, 9, textWidth)) {
      y -= 13;
      draw(wrapped.runs.map((r) => r.text).join(''), MARGIN.left, y, 9, MUTED);
    }
  }
  y -= 8;

  for (const columns of tables()) {
    // The amount needs about twice a count's room (1,234,567,890.12).
    const weight = (c: ReportColumn) => (c.kind === 'money' ? 2.2 : 1);
    const unit = (textWidth - NAME_WIDTH) / columns.reduce((s, c) => s + weight(c), 0);
    const widths = columns.map((c) => weight(c) * unit);
    const lefts = widths.map((_, i) => MARGIN.left + NAME_WIDTH + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const headLines = columns.map((c) => {
      const text = c.group ? `${c.group[language]} ${c.name[language]}` : c.name[language];
      return ts.wrap(text, HEAD.size, (widths[columns.indexOf(c)] ?? unit) - 4).map((l) => l.runs.map((r) => r.text).join(''));
    });
    const headHeight = Math.max(...headLines.map((l) => l.length)) * HEAD.leading + 6;
    const header = () => {
      page.drawRectangle({ x: MARGIN.left, y: y - headHeight, width: textWidth, height: headHeight, borderColor: RULE, borderWidth: 0.6 });
      draw(language === 'zh-CN' ? '纠纷类型' : 'Dispute type', MARGIN.left + 3, y - HEAD.leading, HEAD.size);
      for (const [i, lines] of headLines.entries()) {
        const x = lefts[i] ?? 0;
        page.drawLine({ start: { x, y }, end: { x, y: y - headHeight }, color: RULE, thickness: 0.4 });
        for (const [j, line] of lines.entries()) draw(line, x + 2, y - (j + 1) * HEAD.leading, HEAD.size);
      }
      y -= headHeight;
    };
    if (y - headHeight - CELL.leading * 3 < MARGIN.bottom) newPage();
    header();
    for (const row of input.rows) {
      if (y - CELL.leading < MARGIN.bottom) {
        newPage();
        header();
      }
      y -= CELL.leading;
      page.drawLine({ start: { x: MARGIN.left, y }, end: { x: MARGIN.left + textWidth, y }, color: RULE, thickness: 0.3 });
      const name = (row.level === 1 ? '    ' : '') + row.name[language];
      draw(name, MARGIN.left + 3, y + 4, CELL.size);
      for (const [i, column] of columns.entries()) {
        const text = cellText(column, row.figures, language);
        const x = (lefts[i] ?? 0) + (widths[i] ?? 0) - 3 - ts.width(text, CELL.size);
        draw(text, x, y + 4, CELL.size);
      }
    }
    y -= 14;
  }

  for (const line of ts.wrap(COUNTING_NOTE[language], 8, textWidth)) {
    if (y - 11 < MARGIN.bottom) newPage();
    y -= 11;
    draw(line.runs.map((r) => r.text).join(''), MARGIN.left, y, 8, MUTED);
  }

  const pages = doc.getPages();
  for (const [i, p] of pages.entries()) {
    page = p;
    const words = PAGE_WORDS[language].replace('{{n}}', String(i + 1)).replace('{{total}}', String(pages.length));
    draw(words, (PAGE.width - ts.width(words, 8)) / 2, MARGIN.bottom / 2, 8, MUTED);
  }
  doc.setTitle(input.title);
  doc.setCreationDate(options.creationDate);
  doc.setModificationDate(options.creationDate);
  return doc.save({ useObjectStreams: false });
}
