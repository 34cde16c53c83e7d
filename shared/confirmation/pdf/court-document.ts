// Lays out the documents of judicial confirmation — the application (司法确认申请书) and the ruling
// (民事裁定书) — as A4 PDFs with the agreement's own typesetter and shipped fonts
// (shared/agreement/pdf): the same blocks the agreement is composed of, official-document margins,
// hand signatures as vector strokes, "第 X 页 共 Y 页" under every page. Saved with classic
// cross-reference tables so a PDF signature can follow as an incremental update (design.md §10).
import { LineCapStyle, PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { signatureSvgPaths } from '../../agreement/hand-signature';
import type { Block } from '../../agreement/pdf/compose';
import { fontCoverage, fontkitForPdfLib, type AgreementFontFiles } from '../../agreement/pdf/fonts';
import { A4 } from '../../agreement/pdf/render';
import { Typesetter, type Line } from '../../agreement/pdf/typesetter';
import { withoutWidow, type Slots } from '../../agreement/pdf/widow';

export type { Block };

const MM = 72 / 25.4;
const EDGE = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const WIDTH = A4.width - EDGE.left - EDGE.right;
/** Size and line height of each kind of text. */
const STYLE = { title: [22, 40], heading: [12.5, 24], body: [12, 21], small: [9, 12] } as const;
const SIGNATURE_BOX = { width: 170, height: 52 };
const INK = rgb(0.08, 0.08, 0.1);
const GREY = rgb(0.45, 0.45, 0.5);

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  creationDate: Date;
  /** A line printed above the text of every page (a draft's warning), or null. */
  banner: string | null;
  pageLabel(page: number, pages: number): string;
}

/** One page after another, with a pen that moves down and turns the page when it reaches the foot. */
class Pages {
  page: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly type: Typesetter,
    private readonly slots: Slots,
  ) {
    this.page = this.turn();
  }

  turn(): PDFPage {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - EDGE.top;
    return this.page;
  }

  room(height: number): void {
    const turn = this.slots.mustTurn();
    if (turn || this.y - height < EDGE.bottom) this.turn();
  }

  private placed(kind: 'line' | 'heading' | 'block'): void {
    this.slots.placed(this.doc.getPageCount() - 1, kind);
  }

  write(line: Line, x: number, size: number, color = INK, heavy = false): void {
    let at = x;
    for (const run of line.runs) {
      const draw = (dx: number) => this.page.drawText(run.text, { x: at + dx, y: this.y, size, font: run.font, color });
      draw(0);
      // The fonts have no bold face: headings are printed twice, a hair apart.
      if (heavy) draw(size * 0.03);
      at += run.font.widthOfTextAtSize(run.text, size);
    }
  }

  /** A paragraph broken into lines; `align` places each line. */
  text(text: string, [size, leading]: readonly [number, number], align: 'left' | 'centre' | 'right', indent = 0, heavy = false): void {
    this.type.wrap(text, size, WIDTH, indent).forEach((line, i) => {
      this.room(leading);
      this.y -= leading;
      const x = align === 'centre' ? EDGE.left + (WIDTH - line.width) / 2 : align === 'right' ? EDGE.left + WIDTH - line.width : EDGE.left + (i === 0 ? indent : 0);
      this.write(line, x, size, INK, heavy);
      this.placed(heavy ? 'heading' : 'line');
    });
  }

  /** A signature line: the label on the left, the strokes over a rule on the right, the date under it; kept on one page. */
  signature(block: Extract<Block, { kind: 'signature' }>): void {
    const [size, leading] = STYLE.body;
    const label = this.type.wrap(block.label === '' ? block.name : `${block.label}：${block.name}`, size, 150);
    const height = Math.max(66, label.length * leading + 14);
    this.room(height);
    const top = this.y;
    this.y = top - height / 2 + ((label.length - 1) * leading) / 2 - size / 2;
    for (const line of label) {
      this.write(line, EDGE.left + size * 2, size);
      this.y -= leading;
    }
    const x = EDGE.left + size * 2 + 156;
    const base = top - height + 6;
    this.page.drawLine({ start: { x, y: base }, end: { x: x + SIGNATURE_BOX.width, y: base }, thickness: 0.6, color: GREY });
    if (block.signature) {
      const { paths, strokeWidth } = signatureSvgPaths(block.signature, SIGNATURE_BOX);
      for (const path of paths) this.page.drawSvgPath(path, { x, y: base + SIGNATURE_BOX.height, borderColor: INK, borderWidth: strokeWidth, borderLineCap: LineCapStyle.Round });
    }
    if (block.date) {
      const date = this.type.wrap(block.date, STYLE.small[0], SIGNATURE_BOX.width)[0] as Line;
      this.y = base - 11;
      this.write(date, x + SIGNATURE_BOX.width - date.width, STYLE.small[0], GREY);
    }
    this.y = top - height;
    this.placed('block');
  }
}

export interface RenderedDocument {
  bytes: Uint8Array;
  pages: number;
}

export function renderCourtDocument(blocks: readonly Block[], fonts: AgreementFontFiles, meta: DocumentMeta): Promise<RenderedDocument> {
  return withoutWidow((slots) => layOut(blocks, fonts, meta, slots));
}

async function layOut(blocks: readonly Block[], fonts: AgreementFontFiles, meta: DocumentMeta, slots: Slots): Promise<RenderedDocument> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitForPdfLib);
  const cjk = await doc.embedFont(fonts.cjk, { subset: true });
  const latin = await doc.embedFont(fonts.latin, { subset: true });
  const type = new Typesetter({ cjk, latin, coverage: fontCoverage(fonts) });
  const pages = new Pages(doc, type, slots);
  for (const block of blocks) {
    if (block.kind === 'title') {
      pages.text(block.text, STYLE.title, 'centre', 0, true);
      pages.y -= 6;
    } else if (block.kind === 'right') pages.text(block.text, STYLE.body, 'right');
    else if (block.kind === 'heading') {
      pages.room(STYLE.heading[1] + STYLE.body[1]); // never a heading alone at the foot of a page
      pages.text(block.text, STYLE.heading, 'left', 0, true);
    } else if (block.kind === 'paragraph') pages.text(block.text, STYLE.body, 'left', block.indent ? STYLE.body[0] * 2 : 0);
    else if (block.kind === 'gap') pages.y -= block.height;
    else pages.signature(block);
  }
  const all = doc.getPages();
  all.forEach((page, i) => {
    pages.page = page;
    pages.y = EDGE.bottom - 28;
    const footer = type.wrap(meta.pageLabel(i + 1, all.length), STYLE.small[0], WIDTH)[0] as Line;
    pages.write(footer, (A4.width - footer.width) / 2, STYLE.small[0], GREY);
    if (meta.banner) {
      pages.y = A4.height - EDGE.top + 52;
      for (const line of type.wrap(meta.banner, STYLE.small[0], WIDTH)) {
        pages.write(line, EDGE.left + WIDTH - line.width, STYLE.small[0], rgb(0.75, 0.1, 0.1));
        pages.y -= STYLE.small[1];
      }
    }
  });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator('解纷工作台 Mediation Workstation');
  doc.setProducer('pdf-lib');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(meta.creationDate);
  doc.setModificationDate(meta.creationDate);
  return { bytes: await doc.save({ useObjectStreams: false }), pages: all.length };
}
