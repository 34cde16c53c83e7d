// Issue 15 item 9: the intake form's asterisks said 证件号码 was required of a respondent (it is not)
// and the checker said otherwise. Now the form and the checker read one table; this walks every
// kind, side and field and checks the table says exactly what the checker does with an empty field.
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../../shared/domain/identifiers';
import { partyFieldRequired, validateIntake, type CaseIntake, type IntakePartyKind } from '../../../shared/domain/intake';
import { PARTY_SIDES, type PartySide } from '../../../shared/domain/model';

const residentId = '34020219850615123' + residentIdCheckChar('34020219850615123');

const FILLED: Record<IntakePartyKind, Record<string, unknown>> = {
  natural: { kind: 'natural', name: '刘䶮', idType: 'resident_id', idNumber: residentId, phone: '13800138000', address: '安徽省芜湖市镜湖区' },
  legal: { kind: 'legal', name: '芜湖某建设工程有限公司', creditCode: '91350100m000100y43', legalRepresentative: '王堃', phone: '13955300000', address: '芜湖市' },
  agent: { kind: 'agent', name: '陈律师', licenseNo: '13402201010123456', firm: '安徽某律师事务所', phone: '13800138001', address: '芜湖市', principalIndex: 0 },
};

/** The text fields a person types, which the form marks or not. */
const TYPED: Record<IntakePartyKind, string[]> = {
  natural: ['name', 'idNumber', 'phone', 'address'],
  legal: ['name', 'creditCode', 'legalRepresentative', 'phone', 'address'],
  agent: ['name', 'licenseNo', 'firm', 'phone', 'address'],
};

function intakeWith(party: Record<string, unknown>, side: PartySide): CaseIntake {
  const other = { ...FILLED.natural, side: side === 'applicant' ? 'respondent' : 'applicant' };
  const applicantFirst = side !== 'applicant';
  const tested = party.kind === 'agent' ? party : { ...party, side };
  const principals = applicantFirst ? [other, { ...FILLED.natural, side }] : [{ ...FILLED.natural, side }, other];
  const parties = party.kind === 'agent' ? [...principals, tested] : applicantFirst ? [other, tested] : [tested, other];
  return { parties, category: 'OTH', categoryFields: {}, source: 'walk_in', claims: '请求调解', amountYuan: '', description: '' } as unknown as CaseIntake;
}

describe('required-field markers agree with the intake checker', () => {
  for (const kind of ['natural', 'legal', 'agent'] as const) {
    for (const side of kind === 'agent' ? (['applicant'] as PartySide[]) : PARTY_SIDES) {
      it.each(TYPED[kind])(`${kind} ${side}: %s`, (field) => {
        const index = kind === 'agent' ? 2 : side === 'applicant' ? 0 : 1;
        const filled = validateIntake(intakeWith(FILLED[kind], side));
        expect(filled.ok ? [] : filled.errors.filter((e) => e.path[1] === index)).toEqual([]);
        const empty = validateIntake(intakeWith({ ...FILLED[kind], [field]: '' }, side));
        const requiredError = !empty.ok && empty.errors.some((e) => e.path[1] === index && e.path[2] === field && e.code === 'required');
        expect(requiredError).toBe(partyFieldRequired(kind, kind === 'agent' ? null : side, field));
      });
    }
  }

  it('marks the applicant’s ID number and not the respondent’s (the user’s report)', () => {
    expect(partyFieldRequired('natural', 'applicant', 'idNumber')).toBe(true);
    expect(partyFieldRequired('natural', 'respondent', 'idNumber')).toBe(false);
    expect(partyFieldRequired('legal', 'respondent', 'creditCode')).toBe(true);
  });
});
