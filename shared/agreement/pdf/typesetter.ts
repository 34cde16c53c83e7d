// Line breaking for mixed Chinese and Latin text: Chinese breaks between any two characters,
// Latin between words; a closing mark (，。；：、）」…) never starts a line — it hangs in the
// margin instead, as Chinese typesetting allows — and an opening mark never ends one. Each
// character is set in the first shipped face that has it; a character no face has is an error
// naming it, never a blank box on a legal document.
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

type Token = { text: string; space: boolean };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let word = '';
  const flush = () => {
    if (word !== '') out.push({ text: word, space: false });
    word = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (ch === ' ' || ch === '\t') {
      flush();
      // A space after an opening mark separates nothing, and would let the mark end a line.
      const previous = out[out.length - 1];
      if (!previous || !NO_LINE_END.has(previous.text)) out.push({ text: ' ', space: true });
    } else if (isCjk(cp) || ((NO_LINE_START.has(ch) || NO_LINE_END.has(ch)) && cp > 0x7f)) {
      // Chinese and its punctuation break anywhere; ASCII punctuation stays with its word (1,000.00).
      flush();
      out.push({ text: ch, space: false });
    } else word += ch;
  }
  flush();
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

  /**
   * Breaks one paragraph (no newlines) into lines of at most `width` points; the first line is
   * `indent` points narrower. Closing punctuation may hang past the width by one character.
   */
  wrap(text: string, size: number, width: number, indent = 0): Line[] {
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    let limit = width - indent;
    // Whether a closing mark already hangs past the edge of this line (only one may).
    let hanging = false;
    const set = (text: string) => {
      line = text;
      lineWidth = this.width(text, size);
    };
    const push = () => {
      lines.push(line.replace(/ +$/, ''));
      set('');
      limit = width;
      hanging = false;
    };
    const breakChars = (text: string) => {
      for (const ch of text) {
        const cw = this.charWidth(ch, size);
        if (lineWidth + cw > limit && line !== '') push();
        line += ch;
        lineWidth += cw;
      }
    };
    const place = (text: string, w: number) => {
      if (w <= limit - lineWidth || NO_LINE_START.has(text)) {
        line += text;
        lineWidth += w;
      } else breakChars(text); // a word longer than the rest of the line (an account number) breaks anywhere
    };
    for (const token of tokens(text)) {
      const w = this.width(token.text, size);
      if (token.space) {
        // A space never starts a line; one at the end is dropped when the line is pushed.
        if (line !== '') {
          line += token.text;
          lineWidth += w;
        }
        continue;
      }
      if (line === '' || lineWidth + w <= limit) {
        place(token.text, w);
        continue;
      }
      const closing = NO_LINE_START.has(token.text);
      const chars = [...line.replace(/ +$/, '')];
      if (closing && !hanging && this.width(chars.join(''), size) <= limit) {
        set(chars.join('') + token.text);
        hanging = true;
        continue;
      }
      // What moves down with the token: for a closing mark, the character it closes and the
      // marks already hanging after it; otherwise the opening marks left at the end of the line.
      let keep = chars.length;
      if (closing) {
        keep = chars.length - 1;
        while (keep > 0 && NO_LINE_START.has(chars[keep] as string)) keep--;
      }
      while (keep > 0 && NO_LINE_END.has(chars[keep - 1] as string)) keep--;
      if (keep === 0) {
        // Nothing can break here: one character with its marks is wider than the line, or only
        // opening marks precede a word. A mark stays (hanging); a word breaks between characters.
        set(chars.join(''));
        if (closing) {
          set(line + token.text);
          hanging = true;
        } else breakChars(token.text);
        continue;
      }
      set(chars.slice(0, keep).join(''));
      push();
      set(chars.slice(keep).join(''));
      place(token.text, w);
    }
    if (line !== '' || lines.length === 0) push();
    return lines.map((l) => ({ runs: this.runs(l), width: this.width(l, size) }));
  }
}
