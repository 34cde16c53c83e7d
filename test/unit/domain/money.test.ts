import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEN, fenToYuanString, formatFen, parseYuan } from '../../../shared/domain/money';

describe('parseYuan', () => {
  it.each([
    ['1234', 123400],
    ['1,234.5', 123450],
    ['1234.56', 123456],
    ['0.01', 1],
    ['0.1', 10],
    ['.5', 50],
    ['12.', 1200],
    ['007', 700],
    ['１２３４．５６', 123456],
    ['１，２３４', 123400],
    ['¥1,234', 123400],
    ['￥ 88', 8800],
    ['500元', 50000],
    ['999,999,999,999.99', MAX_FEN],
    ['  42  ', 4200],
  ])('%s → %i fen', (input, fen) => {
    expect(parseYuan(input)).toEqual({ ok: true, fen });
  });

  it.each([
    ['', 'required'],
    ['-1', 'money.negative'],
    ['−3.00', 'money.negative'],
    ['1.234', 'money.decimals'],
    ['0.001', 'money.decimals'],
    ['1e5', 'money.invalid'],
    ['1E-2', 'money.invalid'],
    ['abc', 'money.invalid'],
    ['12a', 'money.invalid'],
    ['1,23', 'money.invalid'],
    ['12,34,567', 'money.invalid'],
    ['.', 'money.invalid'],
    ['1.2.3', 'money.invalid'],
    ['Infinity', 'money.invalid'],
    ['0x10', 'money.invalid'],
    ['1000000000000', 'money.too_large'],
    ['9999999999999.99', 'money.too_large'],
  ])('%j is refused with %s', (input, code) => {
    expect(parseYuan(input)).toMatchObject({ ok: false, code });
  });

  it('is exact where floats are not: 0.1 + 0.2', () => {
    const a = parseYuan('0.1');
    const b = parseYuan('0.2');
    if (!a.ok || !b.ok) throw new Error('parse failed');
    expect(fenToYuanString(a.fen + b.fen)).toBe('0.30');
  });

  it('property: fenToYuanString and parseYuan are inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(parseYuan(fenToYuanString(fen))).toEqual({ ok: true, fen });
        expect(parseYuan(formatFen(fen, 'zh-CN'))).toEqual({ ok: true, fen });
      }),
    );
  });
});

describe('formatting', () => {
  it('groups thousands and shows two decimals', () => {
    expect(formatFen(123450, 'zh-CN')).toBe('¥1,234.50');
    expect(formatFen(123450, 'en-US')).toBe('¥1,234.50');
    expect(formatFen(0, 'zh-CN')).toBe('¥0.00');
    expect(formatFen(5, 'zh-CN')).toBe('¥0.05');
    expect(formatFen(100000000, 'zh-CN')).toBe('¥1,000,000.00');
    expect(formatFen(-123456, 'en-US')).toBe('-¥1,234.56');
  });

  it('gives the plain decimal form', () => {
    expect(fenToYuanString(123450)).toBe('1234.50');
    expect(fenToYuanString(7)).toBe('0.07');
    expect(fenToYuanString(-7)).toBe('-0.07');
  });

  it('refuses a fractional fen instead of rounding it silently', () => {
    expect(() => fenToYuanString(1.5)).toThrow(RangeError);
  });
});
