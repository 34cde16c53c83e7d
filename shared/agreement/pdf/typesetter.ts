// Line breaking for mixed Chinese and Latin text, as W3C's Chinese layout requirements (clreq) and
// GB/T 15834 practice have it: Chinese breaks between any two characters, Latin between words; a
// run of digits, an amount (¥20,000.00, 20,000.00元, CNY 50,000.00), a case number and a number
// written in groups (6222 0213 0700) are never broken; a closing mark (，。；：、）」…) never starts
// a line — it goes with what it closes and may hang in the margin — and an opening mark never ends
// one — it goes with what it opens. Only something wider than a whole line (a SHA-256) is broken
// inside. Each character is set in the first shipped face that has it; a character no face has is
// an error naming it, never a blank box on a legal document.
import type { PDFFont } from 'pdf-lib';
import type { FontCoverage } from './fonts';

export class GlyphMissingError extends Error {
  constructor(
    readonly char: string,
    readonly codePoint: string,
  ) {
    super(`No font of the agreement can print the character “${char}” (${codePoint}).`);
  }
}

export interface Run {
  text: string;
  font: PDFFont;
}

export interface Line {
  runs: Run[];
  width: number;
}

export interface Faces {
  latin: PDFFont;
  cjk: PDFFont;
  coverage: FontCoverage;
}

const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%']);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{¥￥']);

function isCjk(cp: number): boolean {
  return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef) || cp >= 0x20000;
}

function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Picks the face for each character: Latin text in the Latin face, the rest in the CJK face. */
export function faceFor(ch: string, faces: Faces): PDFFont {
  const cp = ch.codePointAt(0) as number;
  if (!isCjk(cp) && faces.coverage.latin(cp)) return faces.latin;
  if (faces.coverage.cjk(cp)) return faces.cjk;
  if (faces.coverage.latin(cp)) return faces.latin;
  throw new GlyphMissingError(ch, codePointLabel(cp));
}

/**
 * What stays on one line whatever it is made of: a case number such as （2026）皖0202民特123号, an
 * amount with its currency or 元, digits written in groups as people write an account or a phone.
 */
const UNBREAKABLE = new RegExp(
  [
    String.raw`[（(]\d{4}[）)][^\s，。；：、？！（）()]{1,12}?\d+号`,
    String.raw`(?:CNY|RMB) ?\d[\d,]*(?:\.\d+)?`,
    String.raw`[¥￥] ?\d[\d,]*(?:\.\d+)?(?:[万亿]?元)?`,
    String.raw`\d[\d,]*(?:\.\d+)? ?[万亿]?元`,
    String.raw`\d{3,}(?: \d{3,})+`,
  ].join('|'),
  'gu',
);

/** A piece of a line that is never broken inside, or a space where a line may break. */
type Unit = { text: string; space: boolean };

/** Words: each Chinese character alone, a Latin word or number whole, an unbreakable run whole; spaces apart. */
function words(text: string): string[] {
  const out: string[] = [];
  let word = '';
  const flush = () => {
    // A curly quote or a dash touching a word belongs to it only on its own side: ”bank is a
    // closing mark and a word, bank“ a word and an opening mark.
    const [, closing = '', body = '', opening = ''] = /^([^\p{ASCII}]*)(.*?)([^\p{ASCII}]*)$/su.exec(word) ?? [];
    const lead = [...closing].findIndex((c) => !NO_LINE_START.has(c));
    const head = lead === -1 ? closing : closing.slice(0, lead);
    const rest = closing.slice(head.length) + body + opening;
    const trail = [...rest].reverse().findIndex((c) => !NO_LINE_END.has(c));
    const tail = trail === -1 ? rest : trail === 0 ? '' : [...rest].slice(-trail).join('');
    for (const piece of [head, rest.slice(0, rest.length - tail.length), tail]) if (piece !== '') out.push(piece);
    word = '';
  };
  const plain = (segment: string) => {
    for (const ch of segment) {
      if (ch === ' ' || ch === '\t') {
        flush();
        out.push(' ');
      } else if (isCjk(ch.codePointAt(0) as number)) {
        flush();
        out.push(ch);
      } else word += ch; // ASCII punctuation stays with its word (1,000.00, (LPR), People’s)
    }
  };
  let at = 0;
  for (const match of text.matchAll(UNBREAKABLE)) {
    plain(text.slice(at, match.index));
    word += match[0];
    at = match.index + match[0].length;
  }
  plain(text.slice(at));
  flush();
  return out;
}

const made = (text: string, marks: ReadonlySet<string>) => [...text].every((c) => marks.has(c));

/**
 * The units a line may break between: opening marks join what follows them, closing marks what
 * precedes them (with a space between, which then no longer breaks).
 */
function units(pieces: readonly string[]): Unit[] {
  const out: Unit[] = [];
  let opening = '';
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (piece === ' ') {
      if (opening !== '') opening += piece;
      else out.push({ text: piece, space: true });
    } else if (made(piece, NO_LINE_END)) opening += piece;
    else if (opening === '' && last && made(piece, NO_LINE_START)) {
      if (last.space) out.pop();
      const before = out[out.length - 1];
      const text = (last.space ? last.text : '') + piece;
      if (before && !before.space) before.text += text;
      else out.push({ text, space: false });
    } else {
      out.push({ text: opening + piece, space: false });
      opening = '';
    }
  }
  if (opening !== '') {
    const last = out[out.length - 1];
    if (last && !last.space) last.text += opening;
    else out.push({ text: opening, space: false });
  }
  return out;
}

export class Typesetter {
  private readonly widths = new Map<string, number>();

  constructor(private readonly faces: Faces) {}

  private charWidth(ch: string, size: number): number {
    let w = this.widths.get(ch);
    if (w === undefined) {
      w = faceFor(ch, this.faces).widthOfTextAtSize(ch, 1000);
      this.widths.set(ch, w);
    }
    return (w * size) / 1000;
  }

  width(text: string, size: number): number {
    let total = 0;
    for (const ch of text) total += this.charWidth(ch, size);
    return total;
  }

  /** The text as runs of one face each. */
  runs(text: string): Run[] {
    const runs: Run[] = [];
    for (const ch of text) {
      const font = faceFor(ch, this.faces);
      const last = runs[runs.length - 1];
      if (last && last.font === font) last.text += ch;
      else runs.push({ text: ch, font });
    }
    return runs;
  }

  /** The width of the closing mark a unit ends with, which may hang past the margin. */
  private hanging(text: string, size: number): number {
    const last = [...text].pop() as string;
    return NO_LINE_START.has(last) && (last.codePointAt(0) as number) > 0x7f ? this.charWidth(last, size) : 0;
  }

  /**
   * Breaks one paragraph (no newlines) into lines of at most `width` points; the first line is
   * `indent` points narrower. A closing mark may hang past the width.
   */
  wrap(text: string, size: number, width: number, indent = 0): Line[] {
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    let limit = width - indent;
    // The spaces between the line so far and the next unit: dropped if the line breaks there.
    let space = '';
    const push = () => {
      lines.push(line);
      line = '';
      lineWidth = 0;
      limit = width;
    };
    const place = (pieces: readonly Unit[], whole: boolean) => {
      for (const unit of pieces) {
        if (unit.space) {
          if (line !== '') space += unit.text;
          continue;
        }
        const w = this.width(unit.text, size);
        const fit = w - this.hanging(unit.text, size);
        const gap = space === '' ? 0 : this.width(space, size);
        if (line === '' ? fit <= limit : lineWidth + gap + fit <= limit) {
          line += space + unit.text;
          lineWidth += gap + w;
          space = '';
          continue;
        }
        if (whole && (fit > width || (line === '' && fit > limit))) {
          // Wider than any line (a SHA-256): it is broken anyway, so it starts where the line is,
          // between characters, still keeping each mark with its character.
          if (line !== '') {
            line += space;
            lineWidth += gap;
          }
          space = '';
          place(units([...unit.text]), false);
          continue;
        }
        space = '';
        if (line !== '') push();
        // Only a character with its marks wider than a whole line goes past the margin here.
        line = unit.text;
        lineWidth = w;
      }
    };
    place(units(words(text)), true);
    if (line !== '' || lines.length === 0) push();
    return lines.map((l) => l.replace(/ +$/, '')).map((l) => ({ runs: this.runs(l), width: this.width(l, size) }));
  }
}
