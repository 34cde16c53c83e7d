// Line breaking of the agreement: nothing dropped, nothing past the margin but one hanging
// closing mark, no closing mark starting a line, no opening mark ending one, Latin words, amounts
// and identifiers whole.
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontCoverage, fontkitForPdfLib } from '../../../shared/agreement/pdf/fonts';
import { GlyphMissingError, Typesetter, type Line } from '../../../shared/agreement/pdf/typesetter';
import { FONTS } from './agreement-fixtures';

const SIZE = 12;
const CLOSING = [...'，。、；：？！）》」』】〕〉”’…'];
const OPENING = [...'（《「『【〔〈“‘'];
let typesetter: Typesetter;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitForPdfLib);
  typesetter = new Typesetter({ cjk: await doc.embedFont(FONTS.cjk, { subset: true }), latin: await doc.embedFont(FONTS.latin, { subset: true }), coverage: fontCoverage(FONTS) });
});

const textOf = (line: Line) => line.runs.map((r) => r.text).join('');
const widest = (text: string) => Math.max(...[...text].map((c) => typesetter.width(c, SIZE)));

function checkLines(text: string, width: number, indent = 0): Line[] {
  const lines = typesetter.wrap(text, SIZE, width, indent);
  // Only spaces at a break may go; every other character is kept, in order.
  expect(lines.map(textOf).join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  lines.forEach((line, i) => {
    const limit = width - (i === 0 ? indent : 0);
    const t = textOf(line);
    const last = [...t].pop() ?? '';
    // Past the edge only by one hanging closing mark.
    if (line.width > limit + 0.01) {
      expect(CLOSING, `line ${i} "${t}" is ${line.width - limit} pt too wide`).toContain(last);
      // One mark hangs; more only when a single character and its marks are wider than the line.
      const onlyMarksAfterOne = [...t].slice(1).every((c) => CLOSING.includes(c));
      if (!onlyMarksAfterOne) expect(line.width - typesetter.width(last, SIZE)).toBeLessThanOrEqual(limit + 0.01);
    }
    if (i > 0) expect(CLOSING, `line ${i} starts with a closing mark: "${t}"`).not.toContain([...t][0]);
    if (i < lines.length - 1 && t.length > 1) expect(OPENING, `line ${i} ends with an opening mark: "${t}"`).not.toContain(last);
  });
  return lines;
}

describe('the typesetter', () => {
  it('breaks Chinese anywhere, keeps Latin words and numbers whole', () => {
    const lines = checkLines('申请人王堃于2026年12月31日前支付 CNY 50,000.00 by bank transfer to account 6222021307001234567。', 150);
    expect(lines.map(textOf).some((t) => t.includes('50,000.00'))).toBe(true);
  });

  it('hangs one closing mark, and carries a character down with a second', () => {
    const width = 10 * SIZE;
    for (const text of ['一二三四五六七八九十。', '一二三四五六七八九十）。”', '甲乙丙丁戊己庚辛壬癸。。。。。。。。', '一二三四五六七八九（十）']) checkLines(text, width);
  });

  it('never drops or misplaces a character, whatever the mix', () => {
    const pieces = fc.constantFrom('调', '解', '协', '议', '堃', '䶮', '，', '。', '（', '）', '“', '”', 'CNY', ' ', '50,000.00', 'bank', '、', '：', 'A', '1');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 80 }), fc.integer({ min: 8, max: 40 }), fc.integer({ min: 0, max: 2 }), (parts, chars, indentChars) => {
        const text = parts.join('').replace(/^ +| +$/g, '');
        // Text has at most three marks in a row (。”）); longer runs cannot be set legally in a
        // line a few characters wide, which no agreement has.
        fc.pre(!new RegExp(`[${[...CLOSING, ...OPENING].join('')}]{4,}`).test(text.replace(/ /g, '')));
        const width = Math.max(chars * SIZE, widest(text || '一') * 3);
        checkLines(text, width, Math.min(indentChars * SIZE, width / 3));
      }),
      { numRuns: 2000 },
    );
  });

  it('never breaks inside an amount, a number or a case number, wherever the line ends', () => {
    const whole = ['（¥20,000.00）', '20,000.00元', '34020219850505123X', '6222 0213 0700 1234 567', '（2026）皖0202民特123号', 'CNY 50,000.00'];
    for (const token of whole) {
      for (let lead = 0; lead < 30; lead++) {
        const text = `${'调'.repeat(lead)}${token}。双方确认。`;
        const lines = checkLines(text, 20 * SIZE, 2 * SIZE).map(textOf);
        expect(lines.some((t) => t.includes(token)), `"${token}" after ${lead} characters: ${JSON.stringify(lines)}`).toBe(true);
      }
    }
  });

  it('names a character no shipped face has', () => {
    expect(() => typesetter.wrap('刘𪚥', SIZE, 200)).toThrow(GlyphMissingError);
  });
});
