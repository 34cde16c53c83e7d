import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../../shared/domain/identifiers';
import { caseIntakeSchema, validateIntake, type CaseIntake } from '../../../shared/domain/intake';

const applicantId = '34020219850615123' + residentIdCheckChar('34020219850615123');

function validIntake(): CaseIntake {
  return {
    parties: [
      { kind: 'natural', name: '刘䶮', idType: 'resident_id', idNumber: applicantId.toLowerCase(), phone: '+86 138 0013 8000', address: '安徽省芜湖市镜湖区', side: 'applicant' },
      { kind: 'legal', name: '芜湖某建设工程有限公司', creditCode: '91350100m000100y43', legalRepresentative: '王堃', phone: '139-5530-0000', address: '', side: 'respondent' },
      { kind: 'agent', name: '陈律师', licenseNo: '13402201010123456', firm: '安徽某律师事务所', phone: '', principalIndex: 0 },
    ],
    category: 'WAG',
    categoryFields: { projectName: '某小区二期', contractor: '芜湖某建设工程有限公司', workerCount: '12', amountOwed: '86,400.50' },
    source: 'hotline_12345',
    claims: '请求支付拖欠工资\r\n86400.50 元',
    amountYuan: '86,400.50',
    description: '',
  };
}

describe('validateIntake', () => {
  it('accepts a valid case and returns normalised values', () => {
    const input = validIntake();
    expect(caseIntakeSchema.safeParse(input).success).toBe(true);
    const r = validateIntake(input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value).toEqual({
      parties: [
        { kind: 'natural', name: '刘䶮', idType: 'resident_id', idNumber: applicantId, phone: '13800138000', address: '安徽省芜湖市镜湖区', side: 'applicant' },
        { kind: 'legal', name: '芜湖某建设工程有限公司', creditCode: '91350100M000100Y43', legalRepresentative: '王堃', phone: '13955300000', address: '', side: 'respondent' },
        { kind: 'agent', name: '陈律师', licenseNo: '13402201010123456', firm: '安徽某律师事务所', phone: '', address: '', side: 'applicant', principalIndex: 0 },
      ],
      category: 'WAG',
      categoryFields: { projectName: '某小区二期', contractor: '芜湖某建设工程有限公司', workerCount: 12, amountOwed: 8640050 },
      source: 'hotline_12345',
      claims: '请求支付拖欠工资\n86400.50 元',
      amountFen: 8640050,
      description: '',
    });
  });

  it('treats an empty amount as none and lets a respondent come without an ID number', () => {
    const input = validIntake();
    input.amountYuan = '  ';
    input.parties[1] = { kind: 'natural', name: '李四', idType: 'resident_id', idNumber: '', phone: '13900000000', address: '', side: 'respondent' };
    const r = validateIntake(input);
    expect(r.ok && r.value.amountFen).toBeNull();
    expect(r.ok && r.value.parties[1]).toMatchObject({ idNumber: '' });
  });

  it('reports every error at once, each at the path of its field', () => {
    const input = validIntake();
    input.parties[0] = { kind: 'natural', name: '刘3', idType: 'resident_id', idNumber: applicantId.slice(0, 17) + (applicantId.endsWith('0') ? '1' : '0'), phone: '12345', address: '', side: 'applicant' };
    input.parties[1] = { kind: 'legal', name: '', creditCode: '91350100M000100I43', legalRepresentative: '', phone: '', address: 'x'.repeat(201), side: 'respondent' };
    input.parties[2] = { kind: 'agent', name: '陈律师', licenseNo: '', firm: '', phone: '', principalIndex: 2 };
    input.categoryFields = { projectName: '', contractor: 'c', workerCount: 'many', amountOwed: '1.001' };
    input.claims = ' \u0000 ';
    input.amountYuan = '-3';
    const r = validateIntake(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { path: ['parties', 0, 'name'], code: 'name.invalid' },
        { path: ['parties', 0, 'idNumber'], code: 'id.checksum', params: expect.objectContaining({ expected: expect.any(String) }) },
        { path: ['parties', 0, 'phone'], code: 'phone.invalid' },
        { path: ['parties', 1, 'name'], code: 'required' },
        { path: ['parties', 1, 'creditCode'], code: 'credit.charset', params: { char: 'I', position: 16 } },
        { path: ['parties', 1, 'legalRepresentative'], code: 'required' },
        { path: ['parties', 1, 'phone'], code: 'required' },
        { path: ['parties', 1, 'address'], code: 'too_long', params: { max: 200, actual: 201 } },
        { path: ['parties', 2, 'principalIndex'], code: 'agent.principal' },
        { path: ['categoryFields', 'projectName'], code: 'required' },
        { path: ['categoryFields', 'workerCount'], code: 'number.invalid' },
        { path: ['categoryFields', 'amountOwed'], code: 'money.decimals' },
        { path: ['claims'], code: 'required' },
        { path: ['amountYuan'], code: 'money.negative' },
      ]),
    );
    expect(r.errors).toHaveLength(14);
  });

  it('needs an applicant and a respondent, and agents acting for real parties', () => {
    const input = validIntake();
    input.parties = [
      { kind: 'natural', name: '张三', idType: 'passport', idNumber: 'E1234567', phone: '13800138000', address: '', side: 'third_party' },
      { kind: 'agent', name: '陈律师', licenseNo: '', firm: '', phone: '', principalIndex: 1 },
      { kind: 'agent', name: '王律师', licenseNo: '', firm: '', phone: '', principalIndex: 9 },
    ];
    const r = validateIntake(input);
    expect(r.ok ? [] : r.errors).toEqual([
      { path: ['parties'], code: 'case.no_applicant' },
      { path: ['parties'], code: 'case.no_respondent' },
      { path: ['parties', 1, 'principalIndex'], code: 'agent.principal' },
      { path: ['parties', 2, 'principalIndex'], code: 'agent.principal' },
    ]);
  });

  it('refuses an unknown category, source and id type, and malformed input', () => {
    const input = validIntake() as Record<string, unknown>;
    input.category = 'XYZ';
    input.source = 'carrier_pigeon';
    (input.parties as Record<string, unknown>[])[0]!.idType = 'library_card';
    const r = validateIntake(input);
    expect(r.ok ? [] : r.errors).toEqual([
      { path: ['parties', 0, 'idType'], code: 'value.invalid' },
      { path: ['category'], code: 'category.unknown' },
      { path: ['source'], code: 'value.invalid' },
    ]);
    expect(validateIntake(null)).toEqual({ ok: false, errors: [{ path: [], code: 'value.invalid' }] });
    expect(validateIntake({})).toMatchObject({ ok: false });
  });

  it('validates passports by charset and "other" papers by length only', () => {
    const input = validIntake();
    input.parties[0] = { kind: 'natural', name: 'John Smith', idType: 'passport', idNumber: 'E#1', phone: '13800138000', address: '', side: 'applicant' };
    expect(validateIntake(input)).toMatchObject({ ok: false, errors: [{ path: ['parties', 0, 'idNumber'], code: 'id.format' }] });
    input.parties[0] = { ...input.parties[0], idType: 'other', idNumber: '南字第123号' };
    expect(validateIntake(input)).toMatchObject({ ok: true });
  });
});
