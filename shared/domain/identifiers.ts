// Exact validation of the identifiers a mediation file carries (domain.md "Identifiers"). Each
// check normalises what people paste (full-width digits from Chinese IMEs, spaces and dashes,
// lower-case x) and then refuses with the most specific reason it can, so the message beside the
// field can say what to fix.
import { fail, type ErrorCode, type ErrorParams } from './errors';
import { INSTITUTION_TIME_ZONE, isIsoDate, todayIn } from './deadlines';
import { foldFullWidth } from './text';

export type IdCheck = { ok: true; normalized: string } | { ok: false; code: ErrorCode; params?: ErrorParams };

// ---- Resident identity number, GB 11643-1999 ------------------------------------------------

const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character for the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * RESIDENT_WEIGHTS[i]!;
  return RESIDENT_CHECK_CHARS[sum % 11]!;
}

function compact(input: string): string {
  return foldFullWidth(input.normalize('NFC')).replace(/[\s-]/g, '').toUpperCase();
}

export interface ResidentIdOptions {
  /** The date against which "born in the future" is judged; defaults to today in Shanghai. */
  today?: string;
}

export function validateResidentId(id: string, opts: ResidentIdOptions = {}): IdCheck {
  const s = compact(id);
  if (s === '') return fail('required');
  const length = [...s].length;
  if (length !== 18) return fail('id.length', { actual: length });
  if (!/^\d{17}[\dX]$/.test(s)) return fail('id.format');
  if (s.startsWith('000000')) return fail('id.region');
  const birth = s.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  const today = opts.today ?? todayIn(INSTITUTION_TIME_ZONE, new Date());
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) {
    return fail('id.birthdate', { digits: birth });
  }
  const expected = residentIdCheckChar(s.slice(0, 17));
  if (s[17] !== expected) return fail('id.checksum', { expected });
  return { ok: true, normalized: s };
}

// ---- Unified social credit code, GB 32100-2015 ----------------------------------------------

/** The 31 symbols of GB 32100: digits and capitals without I, O, Z, S, V. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The GB 32100 check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`Not a GB 32100 character: ${first17[i]}`);
    sum += value * CREDIT_WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[check === 31 ? 0 : check]!;
}

export function validateCreditCode(code: string): IdCheck {
  const s = compact(code);
  if (s === '') return fail('required');
  const chars = [...s];
  if (chars.length !== 18) return fail('credit.length', { actual: chars.length });
  const bad = chars.findIndex((ch) => !CREDIT_CODE_ALPHABET.includes(ch));
  if (bad >= 0) return fail('credit.charset', { char: chars[bad]!, position: bad + 1 });
  const expected = creditCodeCheckChar(s.slice(0, 17));
  if (s[17] !== expected) return fail('credit.checksum', { expected });
  return { ok: true, normalized: s };
}

// ---- Mobile numbers --------------------------------------------------------------------------

/** An 11-digit mainland mobile number; +86 / 0086 / 86 prefixes, spaces, dashes and brackets are dropped. */
export function validateMobile(phone: string): IdCheck {
  let s = foldFullWidth(phone.normalize('NFC')).replace(/[\s\-()]/g, '');
  if (s === '') return fail('required');
  const prefixed = /^(?:\+86|0086|86)(\d{11})$/.exec(s);
  if (prefixed) s = prefixed[1]!;
  if (!/^1\d{10}$/.test(s)) return fail('phone.invalid');
  return { ok: true, normalized: s };
}

// ---- Masking for lists (个人信息保护法) -------------------------------------------------------

/**
 * An ID number as shown in lists: first 6 and last 4 kept (340202********1234). Shorter numbers
 * (passports, permits) keep 2 and 2; very short ones are fully hidden.
 */
export function maskIdNumber(id: string): string {
  const chars = [...id.trim()];
  const n = chars.length;
  if (n === 0) return '';
  if (n <= 4) return '*'.repeat(n);
  const [head, tail] = n >= 11 ? [6, 4] : [2, 2];
  return chars.slice(0, head).join('') + '*'.repeat(n - head - tail) + chars.slice(n - tail).join('');
}

/** A mobile number as shown in lists: 138****8000. */
export function maskPhone(phone: string): string {
  const chars = [...phone.trim()];
  if (chars.length < 8) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** Other identity documents (passport, permits): letters, digits and brackets, up to 30 characters. */
export function validateOtherIdNumber(id: string): IdCheck {
  const s = compact(id);
  if (s === '') return fail('required');
  const length = [...s].length;
  if (length > 30) return fail('too_long', { max: 30, actual: length });
  if (!/^[A-Z0-9()]+$/.test(s)) return fail('id.format');
  return { ok: true, normalized: s };
}
