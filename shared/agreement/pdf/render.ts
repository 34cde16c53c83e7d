// Lays the agreement's blocks out on A4 pages with pdf-lib: margins of an official document
// (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), a centred title, first-line
// indents of two characters, signature blocks kept whole on a page with the strokes drawn as
// vector paths, and "第 X 页 共 Y 页" under every page. The fonts are embedded as subsets, so the
// file carries only the glyphs it prints and the text stays extractable.
import { LineCapStyle, PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { signatureSvgPaths } from '../hand-signature';
import { composeAgreement, type AgreementDocumentInput, type Block } from './compose';
import { fontCoverage, fontkitForPdfLib, type AgreementFontFiles } from './fonts';
import { Typesetter, type Line } from './typesetter';
import { withoutWidow, type SlotKind, type Slots } from './widow';
import { WORDING, type DocumentLanguage } from './wording';

const MM = 72 / 25.4;
export const A4 = { width: 210 * MM, height: 297 * MM };
const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const BODY = { size: 12, leading: 21 };
const TITLE = { size: 22, leading: 40 };
const HEADING = { size: 12.5, leading: 24 };
const SIGNATURE = { height: 66, box: { width: 170, height: 52 } };
const INK = rgb(0.08, 0.08, 0.1);
const MUTED = rgb(0.45, 0.45, 0.5);
const WARN = rgb(0.75, 0.1, 0.1);

export interface RenderOptions {
  /** Written into the PDF's metadata; fixed by the caller so the same input gives the same bytes. */
  creationDate: Date;
}

export interface RenderedAgreement {
  bytes: Uint8Array;
  pages: number;
}

interface Cursor {
  page: PDFPage;
  y: number;
}

/** What a document set in this layout says about itself: metadata, the notices above every page and its page line. */
export interface DocumentFrame {
  language: DocumentLanguage;
  /** The PDF's title (shown in the reader's title bar), author and subject. */
  title: string;
  author: string;
  subject: string;
  /** Small lines at the top right of every page; a warning is set in red. */
  notices: readonly { text: string; warning: boolean }[];
  /** The line under every page ("第 1 页 共 2 页"). */
  page: (n: number, of: number) => string;
}

export function renderAgreementPdf(input: AgreementDocumentInput, fonts: AgreementFontFiles, options: RenderOptions): Promise<RenderedAgreement> {
  const w = WORDING[input.language];
  const notices = [
    ...(input.draft ? [{ text: w.draftNotice(input.version), warning: true }] : []),
    ...(w.translationNotice === null ? [] : [{ text: w.translationNotice, warning: false }]),
  ];
  const frame: DocumentFrame = {
    language: input.language,
    title: `${w.title} ${input.caseNumber}`,
    author: input.institutionName,
    subject: input.caseNumber,
    notices,
    page: w.page,
  };
  return renderDocumentPdf(composeAgreement(input), frame, fonts, options);
}

/**
 * Any document in the agreement's typesetting (its margins, faces, line breaking, signature blocks
 * and page lines): the agreement itself, and other documents an institution hands out — the
 * legal-service desk's 法律咨询意见书 (renderer/features/consultations).
 */
export function renderDocumentPdf(blocks: readonly Block[], frame: DocumentFrame, fonts: AgreementFontFiles, options: RenderOptions): Promise<RenderedAgreement> {
  return withoutWidow((slots) => layOut(blocks, frame, fonts, options, slots));
}

async function layOut(blocks: readonly Block[], frame: DocumentFrame, fonts: AgreementFontFiles, options: RenderOptions, slots: Slots): Promise<RenderedAgreement> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitForPdfLib);
  const cjk = await doc.embedFont(fonts.cjk, { subset: true });
  const latin = await doc.embedFont(fonts.latin, { subset: true });
  const typesetter = new Typesetter({ cjk, latin, coverage: fontCoverage(fonts) });
  const textWidth = A4.width - MARGIN.left - MARGIN.right;

  const newPage = (): Cursor => ({ page: doc.addPage([A4.width, A4.height]), y: A4.height - MARGIN.top });
  let cursor = newPage();
  const ensure = (height: number) => {
    const turn = slots.mustTurn();
    if (turn || cursor.y - height < MARGIN.bottom) cursor = newPage();
  };
  const drawLine = (line: Line, x: number, size: number, color = INK, bold = false) => {
    let at = x;
    for (const run of line.runs) {
      cursor.page.drawText(run.text, { x: at, y: cursor.y, size, font: run.font, color });
      // No bold face ships with the app: headings are set twice, a hair apart.
      if (bold) cursor.page.drawText(run.text, { x: at + size * 0.03, y: cursor.y, size, font: run.font, color });
      at += run.font.widthOfTextAtSize(run.text, size);
    }
  };
  const setLines = (lines: Line[], size: number, leading: number, xOf: (line: Line, i: number) => number, kind: SlotKind = 'line') => {
    for (const [i, line] of lines.entries()) {
      ensure(leading);
      cursor.y -= leading;
      drawLine(line, xOf(line, i), size, INK, kind !== 'line');
      slots.placed(doc.getPageCount() - 1, kind);
    }
  };

  const drawBlock = (block: Block) => {
    switch (block.kind) {
      case 'title': {
        const lines = typesetter.wrap(block.text, TITLE.size, textWidth);
        setLines(lines, TITLE.size, TITLE.leading, (line) => MARGIN.left + (textWidth - line.width) / 2, 'heading');
        cursor.y -= 6;
        return;
      }
      case 'right': {
        const lines = typesetter.wrap(block.text, BODY.size, textWidth);
        setLines(lines, BODY.size, BODY.leading, (line) => MARGIN.left + textWidth - line.width);
        return;
      }
      case 'heading': {
        ensure(HEADING.leading + BODY.leading); // never a heading alone at the foot of a page
        const lines = typesetter.wrap(block.text, HEADING.size, textWidth);
        setLines(lines, HEADING.size, HEADING.leading, () => MARGIN.left, 'heading');
        return;
      }
      case 'paragraph': {
        const indent = block.indent ? BODY.size * 2 : 0;
        const lines = typesetter.wrap(block.text, BODY.size, textWidth, indent);
        setLines(lines, BODY.size, BODY.leading, (_, i) => MARGIN.left + (i === 0 ? indent : 0));
        return;
      }
      case 'gap':
        cursor.y -= block.height;
        return;
      case 'signature':
        drawSignature(block);
        return;
    }
  };

  const drawSignature = (block: Extract<Block, { kind: 'signature' }>) => {
    const label = block.label === '' ? block.name : frame.language === 'zh-CN' ? `${block.label}：${block.name}` : `${block.label}: ${block.name}`;
    // A long name (a company's) takes as many lines as it needs; the block grows, nothing is cut.
    const labelLines = typesetter.wrap(label, BODY.size, 150);
    const height = Math.max(SIGNATURE.height, labelLines.length * BODY.leading + 14);
    ensure(height);
    const top = cursor.y;
    cursor.y = top - height / 2 + ((labelLines.length - 1) * BODY.leading) / 2 - BODY.size / 2;
    for (const line of labelLines) {
      drawLine(line, MARGIN.left + BODY.size * 2, BODY.size);
      cursor.y -= BODY.leading;
    }
    const boxX = MARGIN.left + BODY.size * 2 + 156;
    const boxY = top - height + 6;
    cursor.page.drawLine({ start: { x: boxX, y: boxY }, end: { x: boxX + SIGNATURE.box.width, y: boxY }, thickness: 0.6, color: MUTED });
    if (block.signature) {
      const { paths, strokeWidth } = signatureSvgPaths(block.signature, SIGNATURE.box);
      for (const path of paths) {
        cursor.page.drawSvgPath(path, {
          x: boxX,
          y: boxY + SIGNATURE.box.height,
          borderColor: INK,
          borderWidth: strokeWidth,
          borderLineCap: LineCapStyle.Round,
        });
      }
    }
    if (block.date) {
      const dateLine = typesetter.wrap(block.date, 9, SIGNATURE.box.width)[0] as Line;
      cursor.y = boxY - 11;
      drawLine(dateLine, boxX + SIGNATURE.box.width - dateLine.width, 9, MUTED);
    }
    cursor.y = top - height;
    slots.placed(doc.getPageCount() - 1, 'block');
  };

  for (const block of blocks) drawBlock(block);

  const pages = doc.getPages();
  for (const [i, page] of pages.entries()) {
    cursor = { page, y: MARGIN.bottom - 28 };
    const footer = typesetter.wrap(frame.page(i + 1, pages.length), 9, textWidth)[0] as Line;
    drawLine(footer, (A4.width - footer.width) / 2, 9, MUTED);
    cursor = { page, y: A4.height - MARGIN.top + 52 };
    for (const notice of frame.notices) {
      for (const line of typesetter.wrap(notice.text, 9, textWidth)) {
        drawLine(line, MARGIN.left + textWidth - line.width, 9, notice.warning ? WARN : MUTED);
        cursor.y -= 12;
      }
    }
  }

  doc.setTitle(frame.title, { showInWindowTitleBar: true });
  doc.setAuthor(frame.author);
  doc.setSubject(frame.subject);
  doc.setCreator('解纷工作台 Mediation Workstation');
  doc.setProducer('pdf-lib');
  doc.setLanguage(frame.language);
  doc.setCreationDate(options.creationDate);
  doc.setModificationDate(options.creationDate);
  // Classic cross-reference tables: the signatures are incremental updates that readers and
  // @signpdf's placeholder code expect on such a file (design.md §10).
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pages: pages.length };
}

