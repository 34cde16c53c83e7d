import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, buildSearchTerms, normalizeSearchText } from '../../../shared/domain/search';

const terms = buildSearchTerms({
  number: '（2026）芜解字第00042号',
  parties: [
    { name: '欧阳娜娜', phone: '+86 138-0013-8000' },
    { name: 'Jean Dupont', phone: '' },
    { name: '芜湖某某有限公司' },
  ],
});
const finds = (q: string) => {
  const n = normalizeSearchText(q);
  return n !== '' && terms.some((t) => t.startsWith(n));
};

describe('search terms', () => {
  it('find a case by any substring of a party name', () => {
    for (const name of ['欧阳娜娜', '芜湖某某有限公司']) {
      const chars = [...name];
      for (let i = 0; i < chars.length; i += 1) {
        for (let j = i + 1; j <= chars.length; j += 1) expect(finds(chars.slice(i, j).join('')), chars.slice(i, j).join('')).toBe(true);
      }
    }
    expect(finds('dupont')).toBe(true);
    expect(finds('JEAN DUP')).toBe(true);
    expect(finds('有限公')).toBe(true);
    expect(finds('张三')).toBe(false);
  });

  it('find a case by its number or sequence digits', () => {
    expect(finds('（2026）芜解字第00042号')).toBe(true);
    expect(finds('(2026)芜解')).toBe(true);
    expect(finds('芜解字第00042')).toBe(true);
    expect(finds('00042')).toBe(true);
    expect(finds('42')).toBe(true);
    expect(finds('2026')).toBe(true);
    expect(finds('00043')).toBe(false);
  });

  it('find a case by phone or its last four digits', () => {
    expect(finds('13800138000')).toBe(true);
    expect(finds('138 0013')).toBe(true);
    expect(finds('8000')).toBe(true);
    expect(finds('0013 8')).toBe(false);
  });

  it('are lower-case, unique and capped', () => {
    expect(new Set(terms).size).toBe(terms.length);
    for (const t of terms) expect(t).toBe(normalizeSearchText(t));
    const many = buildSearchTerms({ number: 'X1', parties: Array.from({ length: 30 }, (_, i) => ({ name: `当事人名称很长的公司第${i}分公司`, phone: `1380000${String(i).padStart(4, '0')}` })) });
    expect(many.length).toBeLessThanOrEqual(MAX_SEARCH_TERMS);
    expect(many).toContain('13800000029');
  });

  it('keeps astral characters whole', () => {
    const t = buildSearchTerms({ number: 'A1', parties: [{ name: '𠀀䶮' }] });
    expect(t).toEqual(expect.arrayContaining(['𠀀䶮', '䶮']));
    expect(t.every((s) => !/[\uD800-\uDBFF]$/.test(s))).toBe(true);
  });

  it('normalise queries', () => {
    expect(normalizeSearchText('  Jean  DUPONT ')).toBe('jeandupont');
    expect(normalizeSearchText('１３８\u3000０')).toBe('1380');
  });
});
