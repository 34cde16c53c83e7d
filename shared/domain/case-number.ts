// Case numbers per institution and year in a configurable pattern, e.g.
// （{year}）{prefix}字第{seq:5}号 → （2026）芜解字第00042号. The sequence is what makes a number unique, so
// a pattern without it is refused when the administrator saves it, not when the first case clashes.
import { fail, type Failure } from './errors';
import { codePointLength } from './text';

export const DEFAULT_CASE_NUMBER_PATTERN = '（{year}）{prefix}字第{seq:5}号';
export const CASE_NUMBER_PATTERN_MAX = 100;
/** Widest zero padding accepted in {seq:N}; more would only make numbers unreadable. */
export const SEQ_PAD_MAX = 10;

export interface CaseNumberValues {
  year: number;
  prefix: string;
  seq: number;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = /^(year|prefix|seq)(?::(\d+))?$/;

export function formatCaseNumber(pattern: string, v: CaseNumberValues): string {
  return pattern.replace(PLACEHOLDER, (whole, body: string) => {
    const m = KNOWN.exec(body);
    if (!m) return whole;
    const [, name, pad] = m;
    if (name === 'year') return String(v.year);
    if (name === 'prefix') return v.prefix;
    const digits = String(v.seq);
    return pad === undefined ? digits : digits.padStart(Math.min(Number(pad), SEQ_PAD_MAX), '0');
  });
}

export type PatternCheck = { ok: true; normalized: string } | Failure;

export function validateCaseNumberPattern(pattern: string): PatternCheck {
  const s = pattern.normalize('NFC').trim();
  if (s === '') return fail('required');
  const length = codePointLength(s);
  if (length > CASE_NUMBER_PATTERN_MAX) return fail('too_long', { max: CASE_NUMBER_PATTERN_MAX, actual: length });
  let hasSeq = false;
  for (const m of s.matchAll(PLACEHOLDER)) {
    const body = m[1] ?? '';
    const known = KNOWN.exec(body);
    if (!known) return fail('pattern.placeholder', { placeholder: `{${body}}` });
    const [, name, pad] = known;
    if (pad !== undefined) {
      const n = Number(pad);
      if (name !== 'seq' || n < 1 || n > SEQ_PAD_MAX) return fail('pattern.invalid', { placeholder: `{${body}}` });
    }
    if (name === 'seq') hasSeq = true;
  }
  // A brace left over after removing the placeholders is a typo such as "{seq" or "seq}".
  if (/[{}]/.test(s.replace(PLACEHOLDER, ''))) return fail('pattern.invalid', { placeholder: s.includes('{') ? '{' : '}' });
  if (!hasSeq) return fail('pattern.no_seq');
  return { ok: true, normalized: s };
}
