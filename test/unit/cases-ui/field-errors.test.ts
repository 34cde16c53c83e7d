import { describe, expect, it } from 'vitest';
import { validateIntake } from '../../../shared/domain/intake';
import { errorsAt, formNameFor, mapFieldErrors } from '../../../renderer/kit/field-errors';
import { INITIAL_INTAKE, INTAKE_SHAPE, toIntakeInput, type IntakeFormValues } from '../../../renderer/features/cases/intake/form-model';

describe('formNameFor', () => {
  it('maps top-level, category and party paths to the form names the intake form uses', () => {
    expect(formNameFor(['category'], INTAKE_SHAPE)).toEqual(['category']);
    expect(formNameFor(['amountYuan'], INTAKE_SHAPE)).toEqual(['amountYuan']);
    expect(formNameFor(['amount'], INTAKE_SHAPE)).toEqual(['amountYuan']);
    expect(formNameFor(['categoryFields', 'liability'], INTAKE_SHAPE)).toEqual(['categoryFields', 'liability']);
    expect(formNameFor(['parties', 2, 'idNumber'], INTAKE_SHAPE)).toEqual(['parties', 2, 'idNumber']);
    expect(formNameFor(['parties', 1, 'principalId'], INTAKE_SHAPE)).toEqual(['parties', 1, 'principalIndex']);
  });

  it('returns null for paths no field shows, so they become general errors', () => {
    expect(formNameFor([], INTAKE_SHAPE)).toBeNull();
    expect(formNameFor(['parties'], INTAKE_SHAPE)).toBeNull();
    expect(formNameFor(['parties', 0], INTAKE_SHAPE)).toBeNull();
    expect(formNameFor(['parties', 0, 'shoeSize'], INTAKE_SHAPE)).toBeNull();
    expect(formNameFor(['categoryFields'], INTAKE_SHAPE)).toBeNull();
    expect(formNameFor(['nonsense'], INTAKE_SHAPE)).toBeNull();
    expect(formNameFor(['parties', 0, 'idNumber'], { fields: ['category'] })).toBeNull();
  });

  it('accepts dotted string paths', () => {
    const mapped = mapFieldErrors([{ path: 'parties.1.phone', code: 'phone.invalid' }], INTAKE_SHAPE);
    expect(mapped.fields).toEqual([{ name: ['parties', 1, 'phone'], errors: [{ path: 'parties.1.phone', code: 'phone.invalid' }] }]);
  });
});

describe('domain intake errors on the intake form', () => {
  const values: IntakeFormValues = {
    ...INITIAL_INTAKE,
    category: 'TRF',
    categoryFields: { liability: 'full' },
    claims: '赔偿医疗费',
    amountYuan: '12.345',
    parties: [
      { kind: 'natural', side: 'applicant', name: '张䶮', idType: 'resident_id', idNumber: '340202199001011235', phone: '1380000', address: '' },
      { kind: 'natural', side: 'respondent', name: '李堃', idType: 'resident_id', idNumber: '', phone: '13800138000', address: '' },
    ],
  };

  it('puts every error of a bad intake beside a field, grouped by field', () => {
    const result = validateIntake(toIntakeInput(values));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const mapped = mapFieldErrors(result.errors, INTAKE_SHAPE);
    const names = mapped.fields.map((f) => f.name);
    expect(names).toContainEqual(['parties', 0, 'phone']);
    expect(names).toContainEqual(['amountYuan']);
    expect(mapped.general).toEqual([]);
    expect(errorsAt(result.errors, ['parties', 0, 'phone'], INTAKE_SHAPE).map((e) => e.code)).toEqual(['phone.invalid']);
    expect(errorsAt(result.errors, ['amountYuan'], INTAKE_SHAPE).map((e) => e.code)).toEqual(['money.decimals']);
    expect(errorsAt(result.errors, ['parties', 1, 'name'], INTAKE_SHAPE)).toEqual([]);
  });

  it('reports a missing respondent as a general error', () => {
    const result = validateIntake(toIntakeInput({ ...values, parties: values.parties?.slice(0, 1) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(mapFieldErrors(result.errors, INTAKE_SHAPE).general.map((e) => e.code)).toContain('case.no_respondent');
  });
});
