// The agreement PDF as poppler sees it: A4, the Chinese text extractable, the shipped fonts embedded
// as subsets, rare characters actually drawn (rasterised, since extraction proves nothing about
// rendering — design.md §10), page numbers, the draft and translation marks, a clear error for a
// character no font has.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fontkitForPdfLib } from '../../../shared/agreement/pdf/fonts';
import { renderAgreementPdf } from '../../../shared/agreement/pdf/render';
import { GlyphMissingError } from '../../../shared/agreement/pdf/typesetter';
import type { Term } from '../../../shared/agreement/model';
import { content, documentInput, FONTS, PARTIES } from './agreement-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'agreement-render-'));
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
const options = { creationDate: new Date('2026-11-23T02:00:00Z') };

function poppler(tool: string, args: string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${tool} failed: ${run.stderr}`);
  return run.stdout;
}

/** Extracted text without the spacing poppler guesses between glyphs. */
function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}

function save(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Share of dark pixels in a greyscale PGM (P5) raster. */
function darkShare(pgm: Buffer): number {
  const header = pgm.toString('latin1', 0, 40).split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(pgm.length - width * height);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

describe.skipIf(!hasPoppler)('the agreement PDF', () => {
  it('is A4 with extractable Chinese text, page numbers and embedded font subsets', async () => {
    const { bytes, pages } = await renderAgreementPdf(documentInput(), FONTS, options);
    const file = save('agreement.pdf', bytes);
    expect(bytes.length).toBeLessThan(250 * 1024);
    const info = poppler('pdfinfo', [file]);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toContain(`Pages:           ${pages}`);
    const text = squeezed(poppler('pdftotext', [file, '-']));
    for (const expected of ['人民调解协议书', '（2026）芜解字第00042号', '申请人：王堃', '被申请人：刘䶮', '法定代表人：李喆', '人民币伍万元整（¥50,000.00）', '第1页共', '当事人（签名、盖章或者按指印）', '签订日期：2026年11月23日']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`第${pages}页共${pages}页`);
    const fonts = poppler('pdffonts', [file]);
    // Subset names carry a six-letter tag; "emb yes" for both shipped faces, no system font.
    expect(fonts).toMatch(/DroidSansFallback\S*\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fonts).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fonts.trim().split('\n')).toHaveLength(4);
  });

  it('draws the rare characters of names (a blank subset glyph would pass text extraction)', async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkitForPdfLib);
    const font = await doc.embedFont(FONTS.cjk, { subset: true });
    const page = doc.addPage([400, 200]);
    page.drawText('堃喆䶮', { x: 20, y: 50, size: 110, font });
    const file = save('rare.pdf', await doc.save());
    poppler('pdftoppm', ['-gray', '-r', '36', '-singlefile', file, join(dir, 'rare')]);
    const share = darkShare(readFileSync(join(dir, 'rare.pgm')));
    expect(share).toBeGreaterThan(0.08);
    expect(poppler('pdftotext', [file, '-']).trim()).toBe('堃喆䶮');
  });

  it('marks a draft and a translation copy on every page', async () => {
    const { bytes, pages } = await renderAgreementPdf(documentInput({ draft: true, language: 'en-US' }), FONTS, options);
    const text = poppler('pdftotext', [save('translation.pdf', bytes), '-']).replace(/\s+/g, ' ');
    expect(text.match(/Draft \(version 1\) · not signed, without effect/g)).toHaveLength(pages);
    expect(text.match(/English translation for reference only — the Chinese original prevails/g)).toHaveLength(pages);
    expect(text).toContain('People’s Mediation Agreement');
    expect(text).toContain('pays Applicant 王堃 CNY 50,000.00 in one sum by bank transfer');
  });

  it('paginates a long agreement and numbers every page', async () => {
    const terms: Term[] = Array.from({ length: 40 }, (_, i) => ({ id: `o${i}`, kind: 'other', text: `第${i + 1}项约定：${'双方同意按照本条约定的方式和期限履行。'.repeat(6)}` }));
    const { bytes, pages } = await renderAgreementPdf(documentInput({ content: content({ terms }) }), FONTS, options);
    expect(pages).toBeGreaterThan(5);
    const text = squeezed(poppler('pdftotext', [save('long.pdf', bytes), '-']));
    for (let n = 1; n <= pages; n++) expect(text).toContain(`第${n}页共${pages}页`);
    expect(text).toContain('四十、第40项约定');
  });

  it('prints a long company name whole in its signature block', async () => {
    const name = '芜湖市某某区某某某建筑工程劳务有限责任公司第一分公司';
    const parties = PARTIES.map((p) => (p.id === 'p3' ? { ...p, name } : p));
    const { bytes } = await renderAgreementPdf(documentInput({ parties }), FONTS, options);
    const text = squeezed(poppler('pdftotext', [save('long-name.pdf', bytes), '-']));
    // Once among the parties' particulars, once beside its signature line (the terms name it without a colon).
    expect(text.split(`被申请人：${name}`).length - 1).toBe(2);
  });

  it('gives the same bytes for the same input', async () => {
    const a = await renderAgreementPdf(documentInput(), FONTS, options);
    const b = await renderAgreementPdf(documentInput(), FONTS, options);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});

describe('characters outside every font', () => {
  it('are an error naming the character, never a blank box', async () => {
    const parties = PARTIES.map((p) => (p.id === 'p2' ? { ...p, name: '刘𪚥' } : p));
    const error = await renderAgreementPdf(documentInput({ parties }), FONTS, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlyphMissingError);
    expect(error).toMatchObject({ char: '𪚥', codePoint: 'U+2A6A5' });
  });
});
