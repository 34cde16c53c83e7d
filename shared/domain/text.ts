// Cleaning of free text typed or pasted into the workstation. Text arrives from Word documents,
// WeChat messages and scanned-PDF copy-paste, so it carries control characters, CR LF line ends and
// decomposed characters; it leaves as NFC with nothing invisible except ordinary line breaks and
// tabs. Lengths are counted in code points because a rare Han character outside the BMP (𠀀) is one
// character to the person typing it, not two.
import { fail, type Failure } from './errors';

export type TextResult = { ok: true; value: string } | Failure;

export interface CleanTextOptions {
  /** Maximum length in code points; longer input is refused, never truncated. */
  maxLength: number;
  /** Keep line breaks and tabs (notes, claims, descriptions). Single-line text turns them into spaces. */
  multiline?: boolean;
  /** Refuse an empty result with 'required'. */
  required?: boolean;
}

// A lone surrogate cannot be stored or exported faithfully, so it is refused rather than guessed at.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Bidirectional embeddings, overrides and isolates can make a name or an amount display in an order
// other than the one stored (the "Trojan Source" trick); they are refused so that the person can
// retype the text, rather than stripped behind their back. Marks (U+200E/200F) stay: Arabic and
// Hebrew names need them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// C0 except tab and line feed, DEL, C1, and the byte-order mark that Windows clipboards prepend.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]/g;

/** Number of Unicode code points (what a person counts as characters, near enough for limits). */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

export function cleanText(input: string, opts: CleanTextOptions): TextResult {
  if (LONE_SURROGATE.test(input)) return fail('text.encoding');
  if (BIDI_CONTROLS.test(input)) return fail('control_chars');
  let s = input.normalize('NFC').replace(/\r\n?/g, '\n');
  // A line break pasted into a one-line field separates words; keep that separation as a space.
  if (!opts.multiline) s = s.replace(/[\t\n]+/g, ' ');
  s = s.replace(CONTROLS, '');
  s = s.trim();
  if (s === '') return opts.required ? fail('required') : { ok: true, value: '' };
  const length = codePointLength(s);
  if (length > opts.maxLength) return fail('too_long', { max: opts.maxLength, actual: length });
  return { ok: true, value: s };
}

/**
 * Maps full-width ASCII (Ｕ+FF01–FF5E, typed by Chinese IMEs in full-width mode) and the
 * ideographic space to their ASCII forms. Used for identifiers, numbers and search keys only;
 * names and prose keep what was typed.
 */
export function foldFullWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code === 0x3000 ? ' ' : String.fromCharCode(code - 0xfee0);
  });
}

export const PERSON_NAME_MAX = 50;

// Letters of any script and their combining marks; Han is listed explicitly so that 〇 (a Han
// number, not a letter) and every CJK extension block are accepted as well.
const NAME_LETTER = String.raw`[\p{L}\p{M}\p{Script=Han}]`;
// Middle dot in the forms people actually type for minority and foreign names (阿卜杜拉·艾买提):
// U+00B7, the bullet, the katakana middle dot, the hyphenation point and the full-width stop.
const MIDDLE_DOTS = /[\u2022\u30FB\u2027\uFF0E]/g;
const NAME_SEPARATOR = String.raw`(?: ?[·\-'’] ?| )`;
const NAME_PATTERN = new RegExp(`^${NAME_LETTER}+(?:${NAME_SEPARATOR}${NAME_LETTER}+)*$`, 'u');

/**
 * A natural person's name: 1–50 letters of any script (including rare Han such as 堃, 喆, 䶮 and
 * extension-B characters), with single spaces, middle dots, hyphens or apostrophes between
 * letters. Digits and symbols are refused.
 */
export function validatePersonName(name: string): TextResult {
  const cleaned = cleanText(name, { maxLength: PERSON_NAME_MAX, required: true });
  if (!cleaned.ok) return cleaned;
  const value = cleaned.value.replace(MIDDLE_DOTS, '·').replace(/ {2,}/g, ' ');
  if (!NAME_PATTERN.test(value)) return fail('name.invalid');
  return { ok: true, value };
}
