import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from '../../../shared/domain/categories';
import { CASE_SOURCES, CASE_STATUSES } from '../../../shared/domain/model';
import { DEFAULT_CASE_QUERY, caseQuerySchema, fromSearchParams, toSearchParams, type CaseQuery } from '../../../shared/domain/case-query';

const params = (s: string) => new URLSearchParams(s);

describe('case query in the URL', () => {
  it('omits defaults', () => {
    expect(toSearchParams(DEFAULT_CASE_QUERY)).toEqual({});
    expect(caseQuerySchema.parse({})).toEqual(DEFAULT_CASE_QUERY);
    expect(fromSearchParams(params(''))).toEqual(DEFAULT_CASE_QUERY);
  });

  it('round-trips a full query through URLSearchParams', () => {
    const q: CaseQuery = {
      category: 'TRF',
      status: 'in_mediation',
      mediatorId: 'unassigned',
      source: 'court_entrusted',
      district: '镜湖区',
      from: '2026-01-01',
      to: '2026-12-31',
      overdue: true,
      risk: true,
      text: '张 三',
      sort: 'activeDeadline',
      dir: 'asc',
    };
    const url = new URLSearchParams(toSearchParams(q)).toString();
    expect(fromSearchParams(params(url))).toEqual(q);
  });

  it('property: any valid query round-trips', () => {
    const date = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    const query = fc.record(
      {
        category: fc.constantFrom(...CATEGORY_CODES),
        status: fc.constantFrom(...CASE_STATUSES),
        mediatorId: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== ''),
        source: fc.constantFrom(...CASE_SOURCES),
        from: date,
        to: date,
        overdue: fc.boolean(),
        district: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() === s && s !== ''),
        risk: fc.boolean(),
        text: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() === s && s !== ''),
        sort: fc.constantFrom('registeredAt', 'number', 'activeDeadline' as const),
        dir: fc.constantFrom('asc', 'desc' as const),
      },
      { requiredKeys: ['sort', 'dir'] },
    );
    fc.assert(
      fc.property(query, (q) => {
        const url = new URLSearchParams(toSearchParams(q)).toString();
        expect(fromSearchParams(params(url))).toEqual(q);
      }),
    );
  });

  it('drops junk without throwing', () => {
    expect(
      fromSearchParams(params('category=XYZ&status=lost&from=2026-02-30&to=tomorrow&overdue=perhaps&sort=color&dir=sideways&text=&mediatorId=&extra=1')),
    ).toEqual(DEFAULT_CASE_QUERY);
    expect(fromSearchParams(params('category=FAM&status=bogus&dir=asc'))).toEqual({ category: 'FAM', sort: 'registeredAt', dir: 'asc' });
    expect(fromSearchParams(params('overdue=0'))).toEqual({ ...DEFAULT_CASE_QUERY, overdue: false });
    expect(fromSearchParams(params(`risk=maybe&district=${'区'.repeat(51)}`))).toEqual(DEFAULT_CASE_QUERY);
    expect(fromSearchParams(params('risk=1&district=%20%E9%95%9C%E6%B9%96%E5%8C%BA%20'))).toEqual({ ...DEFAULT_CASE_QUERY, risk: true, district: '镜湖区' });
    const long = fromSearchParams(params(`text=${encodeURIComponent('𠀀'.repeat(80))}`));
    expect(long.text?.length).toBeLessThanOrEqual(100);
    expect(long.text?.endsWith('𠀀')).toBe(true);
  });

  it('reads from any object with get()', () => {
    const map = new Map([['status', 'accepted']]);
    expect(fromSearchParams({ get: (k) => map.get(k) ?? null })).toEqual({ ...DEFAULT_CASE_QUERY, status: 'accepted' });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('category', 'status', 'mediatorId', 'district', 'from', 'to', 'overdue', 'risk', 'text', 'sort', 'dir'), fc.string()), (d) => {
        const q = fromSearchParams({ get: (k) => d[k] ?? null });
        expect(caseQuerySchema.safeParse(q).success).toBe(true);
      }),
    );
  });
});
