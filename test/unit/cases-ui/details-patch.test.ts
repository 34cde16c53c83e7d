import { describe, expect, it } from 'vitest';
import { changedFields, valuesOf } from '../../../renderer/features/cases/case/details-patch';
import type { Case } from '../../../shared/domain/model';

const read = {
  category: 'TRF',
  categoryFields: {},
  source: 'walk_in',
  claims: '赔偿医疗费',
  amountFen: 800_000,
  description: '两车相撞',
} as unknown as Case;

describe('the details patch a save sends', () => {
  it('is empty when nothing was changed', () => {
    const values = valuesOf(read);
    expect(changedFields(values, { ...values })).toEqual({});
  });

  it('holds only the fields this window changed, so another window’s change to the rest survives', () => {
    const values = valuesOf(read);
    expect(changedFields(values, { ...values, claims: '赔偿医疗费和车辆维修费' })).toEqual({ claims: '赔偿医疗费和车辆维修费' });
    expect(changedFields(values, { ...values, amountYuan: '' })).toEqual({ amountYuan: '' });
  });

  it('sends the category fields with a new category', () => {
    const values = valuesOf(read);
    const patch = changedFields(values, { ...values, category: 'LAB', categoryFields: {} });
    expect(patch.category).toBe('LAB');
    expect(patch.categoryFields).toEqual({});
  });
});
