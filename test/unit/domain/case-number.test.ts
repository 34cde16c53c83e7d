import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_NUMBER_PATTERN, formatCaseNumber, validateCaseNumberPattern } from '../../../shared/domain/case-number';

describe('case numbers', () => {
  it('formats the default pattern', () => {
    expect(DEFAULT_CASE_NUMBER_PATTERN).toBe('（{year}）{prefix}字第{seq:5}号');
    expect(formatCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, { year: 2026, prefix: '芜解', seq: 42 })).toBe('（2026）芜解字第00042号');
  });

  it('pads, never truncates, and supports an unpadded sequence', () => {
    expect(formatCaseNumber('{prefix}-{year}-{seq:3}', { year: 2027, prefix: 'WH', seq: 123456 })).toBe('WH-2027-123456');
    expect(formatCaseNumber('{year}{seq}', { year: 2026, prefix: '', seq: 7 })).toBe('20267');
    expect(formatCaseNumber('{seq:2}/{seq:4}', { year: 2026, prefix: '', seq: 7 })).toBe('07/0007');
  });

  it('validates patterns', () => {
    expect(validateCaseNumberPattern(DEFAULT_CASE_NUMBER_PATTERN)).toEqual({ ok: true, normalized: DEFAULT_CASE_NUMBER_PATTERN });
    expect(validateCaseNumberPattern(' {year}-{seq} ')).toEqual({ ok: true, normalized: '{year}-{seq}' });
    expect(validateCaseNumberPattern('')).toMatchObject({ code: 'required' });
    expect(validateCaseNumberPattern('（{year}）{prefix}字第号')).toEqual({ ok: false, code: 'pattern.no_seq' });
    expect(validateCaseNumberPattern('{year}{month}{seq}')).toEqual({ ok: false, code: 'pattern.placeholder', params: { placeholder: '{month}' } });
    expect(validateCaseNumberPattern('{year}{seq:0}')).toMatchObject({ code: 'pattern.invalid' });
    expect(validateCaseNumberPattern('{year}{seq:11}')).toMatchObject({ code: 'pattern.invalid' });
    expect(validateCaseNumberPattern('{year:2}{seq}')).toMatchObject({ code: 'pattern.invalid' });
    expect(validateCaseNumberPattern('{year}{seq')).toMatchObject({ code: 'pattern.invalid' });
    expect(validateCaseNumberPattern('{seq}}')).toMatchObject({ code: 'pattern.invalid' });
    expect(validateCaseNumberPattern(`{seq}${'号'.repeat(96)}`)).toEqual({ ok: false, code: 'too_long', params: { max: 100, actual: 101 } });
  });
});
