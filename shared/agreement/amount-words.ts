// Amounts in an agreement are written twice, in figures and in the capital numerals that cannot be
// altered by adding a stroke (大写金额: 壹贰叁…), as on cheques and contracts: 伍万元整.
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** Up to four digits (0–9999) with 拾佰仟; zeros inside read once (1001 → 壹仟零壹). */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += (DIGITS[d] as string) + (SMALL_UNITS[i] as string);
  }
  return out;
}

/** 5000000 fen → 伍万元整; 12345 fen → 壹佰贰拾叁元肆角伍分; 0 → 零元整. */
export function fenToChineseCapital(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let integer = '';
  if (yuan === 0) integer = '零';
  else {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
    let pendingZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const value = groups[g] as number;
      if (value === 0) {
        pendingZero = integer !== '';
        continue;
      }
      // A group below 1000 after a higher group reads with a zero: 10,0500 → 拾万零伍佰.
      if (integer !== '' && (pendingZero || value < 1000)) integer += '零';
      pendingZero = false;
      // 10¹² is 万亿 alone, but 万 when a 亿 group follows: 壹万零贰亿, not 壹万亿零贰亿.
      const unit = g === 3 && (groups[2] ?? 0) !== 0 ? '万' : (BIG_UNITS[g] as string);
      integer += group(value) + unit;
    }
  }
  let out = `${integer}元`;
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  return out;
}

/** ¥50,000.00 — figures with thousands separators. */
export function fenToFigures(fen: number): string {
  const yuan = Math.floor(fen / 100).toLocaleString('en-US');
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}
