import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CATEGORY_CODES,
  getCategory,
  isCategoryCode,
  normalizeCategoryFields,
  validateCategoryFields,
} from '../../../shared/domain/categories';

describe('the 24 categories', () => {
  it('exist in the order of domain.md with unique codes and both names', () => {
    expect(CATEGORY_CODES).toHaveLength(24);
    expect(CATEGORIES.map((c) => c.code)).toEqual([...CATEGORY_CODES]);
    expect(new Set(CATEGORY_CODES).size).toBe(24);
    for (const c of CATEGORIES) {
      expect(c.name['zh-CN']).toMatch(/纠纷/);
      expect(c.name['en-US'].length).toBeGreaterThan(2);
    }
    expect(getCategory('TRF')?.name['zh-CN']).toBe('道路交通事故纠纷');
    expect(getCategory('FIN')?.name['zh-CN']).toBe('金融纠纷（银行、保险、证券）');
  });

  it('mark the first 18 as statistics categories, with the labour and consumer groups', () => {
    expect(CATEGORIES.filter((c) => c.inStatistics).map((c) => c.code)).toEqual(CATEGORY_CODES.slice(0, 18));
    expect(CATEGORIES.filter((c) => c.statisticsGroup === 'labour').map((c) => c.code)).toEqual(['WAG', 'LAB']);
    expect(CATEGORIES.filter((c) => c.statisticsGroup === 'consumer').map((c) => c.code)).toEqual(['TOU', 'ECM', 'CSM']);
  });

  it('each have intake fields with unique keys, both labels, options for selects and valid date links', () => {
    for (const c of CATEGORIES) {
      expect(c.fields.length, c.code).toBeGreaterThan(0);
      const keys = c.fields.map((f) => f.key);
      expect(new Set(keys).size, c.code).toBe(keys.length);
      for (const f of c.fields) {
        expect(f.label['zh-CN'], `${c.code}.${f.key}`).not.toBe('');
        expect(f.label['en-US'], `${c.code}.${f.key}`).not.toBe('');
        if (f.type === 'select') {
          expect(f.options?.length, `${c.code}.${f.key}`).toBeGreaterThan(1);
          for (const o of f.options ?? []) expect(o.label['zh-CN'] && o.label['en-US']).toBeTruthy();
        } else expect(f.options).toBeUndefined();
        if (f.notBefore) expect(c.fields.find((g) => g.key === f.notBefore)?.type).toBe('date');
      }
    }
  });

  it('have the fields domain.md names', () => {
    const keys = (code: string) => getCategory(code)?.fields.map((f) => f.key);
    expect(getCategory('TRF')?.fields.find((f) => f.key === 'liability')?.options?.map((o) => [o.value, o.label['zh-CN']])).toEqual([
      ['full', '全责'],
      ['major', '主责'],
      ['equal', '同责'],
      ['minor', '次责'],
      ['none', '无责'],
    ]);
    expect(keys('TRF')).toEqual(expect.arrayContaining(['accidentCertificateNo', 'insurer']));
    expect(keys('LAB')).toEqual(expect.arrayContaining(['employer', 'employedFrom', 'employedTo', 'wagesOwed', 'arbitrationTried']));
    expect(keys('MED')).toEqual(expect.arrayContaining(['hospital', 'treatmentFrom', 'appraisalDone']));
    expect(keys('HSE')).toContain('propertyAddress');
    expect(keys('PRP')).toContain('propertyAddress');
    expect(keys('LEN')).toEqual(expect.arrayContaining(['principal', 'annualInterestRate', 'dueDate']));
    expect(keys('WAG')).toEqual(expect.arrayContaining(['projectName', 'contractor', 'workerCount', 'amountOwed']));
  });

  it('recognise codes', () => {
    expect(isCategoryCode('TRF')).toBe(true);
    expect(isCategoryCode('trf')).toBe(false);
    expect(isCategoryCode('XYZ')).toBe(false);
    expect(getCategory('XYZ')).toBeUndefined();
  });
});

describe('category field validation', () => {
  it('normalises typed values: money to fen, numbers, booleans, cleaned text', () => {
    expect(
      normalizeCategoryFields('LEN', {
        principal: '50,000',
        annualInterestRate: '3.65',
        loanDate: '2026-01-10',
        dueDate: '2026-07-10',
        iouExists: 'true',
        security: '  张三担保\u0000 ',
        unknownKey: 'dropped',
      }),
    ).toEqual({
      ok: true,
      value: { principal: 5000000, annualInterestRate: 3.65, loanDate: '2026-01-10', dueDate: '2026-07-10', iouExists: true, security: '张三担保' },
    });
  });

  it('is idempotent on normalised values', () => {
    const first = normalizeCategoryFields('WAG', { projectName: '某小区二期', contractor: '李某', workerCount: '12', amountOwed: '86400.50' });
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    expect(normalizeCategoryFields('WAG', first.value)).toEqual(first);
  });

  it('reports every problem with the field key as path', () => {
    const errors = validateCategoryFields('LEN', {
      principal: '-5',
      annualInterestRate: '1e3',
      loanDate: '2026-02-30',
      iouExists: 'maybe',
      security: 'x'.repeat(201),
    });
    expect(errors).toEqual([
      { path: ['principal'], code: 'money.negative' },
      { path: ['annualInterestRate'], code: 'number.invalid' },
      { path: ['loanDate'], code: 'date.invalid' },
      { path: ['iouExists'], code: 'field.type' },
      { path: ['security'], code: 'too_long', params: { max: 200, actual: 201 } },
    ]);
  });

  it('checks required fields, options, integers, ranges and date order', () => {
    expect(validateCategoryFields('TRF', {})).toEqual([{ path: ['liability'], code: 'required' }]);
    expect(validateCategoryFields('TRF', { liability: '全责' })).toEqual([{ path: ['liability'], code: 'field.option' }]);
    expect(validateCategoryFields('TRF', { liability: 'full' })).toEqual([]);
    expect(validateCategoryFields('WAG', { projectName: 'p', contractor: 'c', workerCount: '2.5', amountOwed: '1' })).toEqual([
      { path: ['workerCount'], code: 'number.integer' },
    ]);
    expect(validateCategoryFields('WAG', { projectName: 'p', contractor: 'c', workerCount: 0, amountOwed: '1' })).toEqual([
      { path: ['workerCount'], code: 'number.range', params: { min: 1, max: 100000 } },
    ]);
    expect(
      validateCategoryFields('LAB', { employer: '某公司', employedFrom: '2026-05-01', employedTo: '2026-04-30' }),
    ).toEqual([{ path: ['employedTo'], code: 'date.order', params: { other: 'employedFrom' } }]);
    expect(validateCategoryFields('XYZ', {})).toEqual([{ path: [], code: 'category.unknown' }]);
  });

  it('accepts a reasonable filled form in every category', () => {
    for (const c of CATEGORIES) {
      const values: Record<string, unknown> = {};
      for (const f of c.fields) {
        if (f.type === 'select') values[f.key] = f.options?.[0]?.value;
        else if (f.type === 'money') values[f.key] = '1000';
        else if (f.type === 'number') values[f.key] = String(f.min ?? 1);
        else if (f.type === 'date') values[f.key] = '2026-01-01';
        else if (f.type === 'boolean') values[f.key] = false;
        else values[f.key] = '示例';
      }
      expect(validateCategoryFields(c.code, values), c.code).toEqual([]);
    }
  });
});
