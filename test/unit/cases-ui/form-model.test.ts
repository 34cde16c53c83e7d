import { describe, expect, it } from 'vitest';
import { validateIntake } from '../../../shared/domain/intake';
import { residentIdCheckChar } from '../../../shared/domain/identifiers';
import { INITIAL_INTAKE, removePartyAt, toIntakeInput, type PartyFormValues } from '../../../renderer/features/cases/intake/form-model';
import { categoryValuesFromForm, categoryValuesToForm } from '../../../renderer/kit/category-values';

const id17 = '34020219900101123';
const residentId = id17 + residentIdCheckChar(id17);

describe('toIntakeInput', () => {
  it('keeps only the fields of each party kind and gives a valid intake for good values', () => {
    const input = toIntakeInput({
      ...INITIAL_INTAKE,
      category: 'LEN',
      categoryFields: { principal: '50000', iouExists: 'true', loanDate: '' },
      claims: '归还借款本金',
      amountYuan: '50,000.00',
      parties: [
        { kind: 'natural', side: 'applicant', name: '王喆', idType: 'resident_id', idNumber: residentId, phone: '13800138000', address: '芜湖', creditCode: 'stale' },
        { kind: 'legal', side: 'respondent', name: '某公司', creditCode: '91340200MA2N0XXXX' + 'X', legalRepresentative: '赵𠀀', phone: '13900139000' },
        { kind: 'agent', name: '钱律师', licenseNo: '13402201010000001', firm: '某律师事务所', principalIndex: 0, side: 'respondent' },
      ],
    });
    const parties = input.parties as Record<string, unknown>[];
    expect(parties[0]).not.toHaveProperty('creditCode');
    expect(parties[2]).not.toHaveProperty('side');
    expect(parties[2]).toMatchObject({ kind: 'agent', principalIndex: 0 });
    expect(input.categoryFields).toEqual({ principal: '50000', iouExists: true });
    expect(input.amountYuan).toBe('50,000.00');
    const result = validateIntake(input);
    // The credit code above is deliberately unchecked: the only error must be about it.
    expect(result.ok ? [] : result.errors.map((e) => e.path.join('.'))).toEqual(['parties.1.creditCode']);
  });
});

describe('removePartyAt', () => {
  it('keeps agents pointing at the same principal after an earlier party is removed', () => {
    const parties: PartyFormValues[] = [
      { kind: 'natural', side: 'applicant' },
      { kind: 'natural', side: 'respondent' },
      { kind: 'agent', principalIndex: 1 },
      { kind: 'agent', principalIndex: 0 },
    ];
    expect(removePartyAt(parties, 0)).toEqual([
      { kind: 'natural', side: 'respondent' },
      { kind: 'agent', principalIndex: 0 },
      { kind: 'agent', principalIndex: undefined },
    ]);
  });
});

describe('category values', () => {
  it('shows stored amounts in yuan and yes/no as text, and reads them back for the validator', () => {
    const form = categoryValuesToForm('LAB', { employer: '某厂', wagesOwed: 1234550, arbitrationTried: false });
    expect(form).toEqual({ employer: '某厂', wagesOwed: '12345.50', arbitrationTried: 'false' });
    expect(categoryValuesFromForm('LAB', { ...form, writtenContract: '' })).toEqual({ employer: '某厂', wagesOwed: '12345.50', arbitrationTried: false });
  });
});
