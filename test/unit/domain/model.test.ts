// The stored-record schemas count text as the intake does (characters, not UTF-16 units): what
// intake accepted must also pass the row check of a restore.
import { describe, expect, it } from 'vitest';
import { naturalPartySchema } from '../../../shared/domain/model';
import { PERSON_NAME_MAX, validatePersonName } from '../../../shared/domain/text';

const party = (name: string) => ({ id: 'p1', caseId: 'c1', side: 'applicant', kind: 'natural', name, idType: 'resident_id', idNumber: '', phone: '', address: '' });

describe('record text limits', () => {
  it('accepts a longest name of rare characters outside the BMP, as intake does', () => {
    const name = '𠀀'.repeat(PERSON_NAME_MAX);
    expect(name.length).toBe(PERSON_NAME_MAX * 2);
    expect(validatePersonName(name).ok).toBe(true);
    expect(naturalPartySchema.safeParse(party(name)).success).toBe(true);
  });

  it('refuses one character more, and an empty name', () => {
    expect(naturalPartySchema.safeParse(party('堃'.repeat(PERSON_NAME_MAX + 1))).success).toBe(false);
    expect(naturalPartySchema.safeParse(party('')).success).toBe(false);
  });
});
