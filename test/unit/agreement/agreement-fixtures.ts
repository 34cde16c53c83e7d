// A realistic agreement for the agreement tests: a loan dispute between parties whose names carry
// rare characters (堃 喆 䶮), an agent, a company, three kinds of term, the fonts the app ships.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AgreementContent } from '../../../shared/agreement/model';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import type { AgreementDocumentInput } from '../../../shared/agreement/pdf/compose';
import type { ApplicationInput } from '../../../shared/confirmation/application/model';
import type { Party } from '../../../shared/domain/model';

const font = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../build/fonts/${name}`, import.meta.url))));
export const FONTS = { cjk: font('DroidSansFallbackFull.ttf'), latin: font('DejaVuSans.ttf') };

export const PARTIES: Party[] = [
  { id: 'p1', caseId: 'c1', side: 'applicant', kind: 'natural', name: '王堃', idType: 'resident_id', idNumber: '340202199001011234', address: '安徽省芜湖市镜湖区北京东路 8 号', phone: '13800138000' },
  { id: 'p2', caseId: 'c1', side: 'respondent', kind: 'natural', name: '刘䶮', idType: 'resident_id', idNumber: '34020219850505123X', address: '安徽省芜湖市弋江区', phone: '13900139000' },
  { id: 'p3', caseId: 'c1', side: 'respondent', kind: 'legal', name: '芜湖喆达建材有限公司', creditCode: '91340200MA2N0XXXX1', legalRepresentative: '李喆', address: '芜湖市经济技术开发区', phone: '' },
  { id: 'a1', caseId: 'c1', side: 'applicant', kind: 'agent', name: '陈律师', principalId: 'p1', licenseNo: '13402201810012345', firm: '安徽某某律师事务所', phone: '', address: '' },
];

export function content(overrides: Partial<AgreementContent> = {}): AgreementContent {
  return {
    agreementDate: '2026-11-23',
    place: '芜湖市镜湖区人民调解委员会',
    facts: '2025年3月，申请人王堃借给被申请人刘䶮人民币50,000元，约定2025年12月31日前归还。到期后被申请人未归还。',
    dispute: '被申请人是否应归还借款本金及利息。',
    responsibility: '被申请人未按约定还款，应承担还款责任。',
    terms: [
      { id: 't1', kind: 'payment', payerId: 'p2', payeeId: 'p1', amountFen: 5_000_000, dueDate: '2026-12-31', method: 'bank_transfer', account: '中国工商银行芜湖分行 6222 0213 0700 1234 567', note: '' },
      { id: 't2', kind: 'instalments', payerId: 'p3', payeeId: 'p1', instalments: [{ amountFen: 100_000, dueDate: '2026-12-15' }, { amountFen: 100_050, dueDate: '2027-01-15' }], method: 'mobile_payment', account: '', accelerateOnDefault: true, note: '' },
      { id: 't3', kind: 'apology', obligorId: 'p2', obligeeId: 'p1', form: 'written', dueDate: '2026-11-30' },
    ],
    defaultClause: '任何一方未按本协议约定的期限足额履行付款义务的，应自逾期之日起按一年期贷款市场报价利率（LPR）向对方支付逾期利息。',
    otherMatters: '本协议履行完毕后，双方就本纠纷再无其他争议。',
    copies: 4,
    ...overrides,
  };
}

/** A hand signature: a wave across the pad, as a mouse would draw it. */
export function handSignature(signerId: string, signerRole: HandSignature['signerRole'], signerName: string, capturedAt = '2026-11-23T02:00:00.000Z'): HandSignature {
  const points = Array.from({ length: 40 }, (_, i) => [20 + i * 8, Math.round((100 + Math.sin(i / 3) * 40) * 100) / 100, i * 16, 0.5] as [number, number, number, number]);
  return { version: 1, signerId, signerRole, signerName, capturedAt, width: 400, height: 200, strokes: [{ pointerType: 'mouse', points }] };
}

export function documentInput(overrides: Partial<AgreementDocumentInput> = {}): AgreementDocumentInput {
  return {
    caseNumber: '（2026）芜解字第00042号',
    parties: PARTIES,
    content: content(),
    institutionName: '芜湖市镜湖区人民调解委员会',
    mediator: { id: 'm1', name: '赵调解' },
    signatures: [handSignature('p1', 'party', '王堃'), handSignature('m1', 'mediator', '赵调解')],
    version: 1,
    draft: false,
    language: 'zh-CN',
    ...overrides,
  };
}

/** The application for judicial confirmation (司法确认申请书) of the same case, filed with the district court. */
export function applicationInput(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    caseNumber: '（2026）芜解字第00042号',
    parties: PARTIES,
    serviceAddresses: {},
    court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
    jurisdiction: { reason: 'mediation_organisation_seat', basis: '芜湖市镜湖区' },
    institution: { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ0000000X' },
    agreement: { number: '（2026）芜解字第00042号', effectiveOn: '2026-03-02', pdfSha256: 'a'.repeat(64) },
    undertakings: { voluntary: true, truthful: true, lawful: true, noHarmToOthers: true, awareOfConsequences: true },
    date: '2026-03-05',
    ...overrides,
  };
}
