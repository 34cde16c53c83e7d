// Amounts are kept as integer fen. The text a person typed is parsed digit by digit, never through
// parseFloat: 0.1 + 0.2 yuan must be exactly 0.30 yuan on an agreement that a court will enforce.
import { fail, type Failure } from './errors';
import type { Language } from './model';
import { foldFullWidth } from './text';

export type MoneyResult = { ok: true; fen: number } | Failure;

/** 999,999,999,999.99 yuan: far above any civil dispute, and exact as a JavaScript integer of fen. */
export const MAX_FEN = 99_999_999_999_999;
const MAX_YUAN_TEXT = '999,999,999,999.99';
const MAX_INTEGER_DIGITS = 12;

/**
 * Parses yuan as typed: "1234", "1,234.5", "１２３４．５６", "¥1,234", "1234元". Refuses negative
 * amounts, more than two decimals, exponents and anything that is not a plain decimal number.
 */
export function parseYuan(input: string): MoneyResult {
  let s = foldFullWidth(input.normalize('NFC')).trim();
  if (s === '') return fail('required');
  s = s.replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '');
  if (/^[-−]/.test(s)) return fail('money.negative');
  if (s.startsWith('+')) s = s.slice(1);
  const m = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return fail('money.invalid');
  const intDigits = (m[1] ?? '').replace(/,/g, '').replace(/^0+/, '');
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return fail('money.decimals');
  if (intDigits.length > MAX_INTEGER_DIGITS) return fail('money.too_large', { max: MAX_YUAN_TEXT });
  // Both parts are at most 12 and 2 digits, so these integers are exact.
  const fen = Number(intDigits || '0') * 100 + Number(decimals.padEnd(2, '0'));
  if (fen > MAX_FEN) return fail('money.too_large', { max: MAX_YUAN_TEXT });
  return { ok: true, fen };
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`An amount in fen must be a safe integer, got ${fen}`);
}

/** "1234.50" — the plain decimal form, for inputs and exports. */
export function fenToYuanString(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}

/**
 * "¥1,234.50" — for display. Both languages currently use the yuan sign and comma grouping, which
 * is what Chinese documents and English-speaking readers of Chinese amounts both expect; the
 * language is a parameter so that callers need not change if that ever differs.
 */
export function formatFen(fen: number, _lang: Language): string {
  const plain = fenToYuanString(fen);
  const negative = plain.startsWith('-');
  const [yuan = '0', cents = '00'] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}
