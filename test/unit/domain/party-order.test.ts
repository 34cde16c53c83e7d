// One order of the parties in every legal document and form: applicants, respondents, third
// parties, each followed by their agents, and the same order however the list arrives (storage
// keeps parties by id, so arrival order means nothing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeAgreement } from '../../../shared/agreement/pdf/compose';
import { composeApplication } from '../../../shared/confirmation/application/document';
import type { Party } from '../../../shared/domain/model';
import { orderParties } from '../../../shared/domain/party-order';
import { applicationInput, documentInput } from '../agreement/agreement-fixtures';

const base = { caseId: 'c', phone: '13800138000', address: '安徽省芜湖市' };
const natural = (id: string, side: Party['side'], name: string): Party => ({ ...base, id, side, kind: 'natural', name, idType: 'resident_id', idNumber: '340202199001011231' });
const agent = (id: string, principalId: string, name: string): Party => ({ ...base, id, side: 'applicant', kind: 'agent', name, principalId, licenseNo: '13402201810012345', firm: '' });

// Ids in an order unrelated to the sides or the names, as random UUIDs are.
const PARTIES: Party[] = [
  natural('f3', 'respondent', '李喆'),
  natural('0a', 'applicant', '王堃'),
  agent('9c', '0a', '陈律师'),
  natural('7b', 'third_party', '周三'),
  natural('2e', 'applicant', '张䶮'),
  { ...base, id: '55', side: 'respondent', kind: 'legal', name: '芜湖喆达建材有限公司', creditCode: '91340200MA2N0XXXX1', legalRepresentative: '李喆' },
  agent('c1', 'f3', '钱律师'),
  agent('d4', '2e', '孙律师'),
];
const permutation = fc.shuffledSubarray(PARTIES, { minLength: PARTIES.length, maxLength: PARTIES.length });

describe('the order of the parties', () => {
  it('is applicants, respondents, third parties, each followed by their agents', () => {
    expect(orderParties(PARTIES).map((p) => p.name)).toEqual(['张䶮', '孙律师', '王堃', '陈律师', '李喆', '钱律师', '芜湖喆达建材有限公司', '周三']);
  });

  it('is the same for any shuffle of the same parties', () => {
    const expected = orderParties(PARTIES).map((p) => p.id);
    fc.assert(
      fc.property(permutation, (shuffled) => {
        expect(orderParties(shuffled).map((p) => p.id)).toEqual(expected);
      }),
    );
  });

  it('orders the parties of a package and of a court filing the same way', () => {
    const packaged = PARTIES.map((p) => ({ id: p.id, kind: p.kind, side: p.side, name: p.name, principalId: p.kind === 'agent' ? p.principalId : null, idNumberMasked: '' }));
    const filed = PARTIES.filter((p) => p.kind !== 'agent').map((p) => ({ kind: p.kind, side: p.side, name: p.name, idNumberMasked: '' }));
    const principals = orderParties(PARTIES)
      .filter((p) => p.kind !== 'agent')
      .map((p) => p.name);
    fc.assert(
      fc.property(fc.shuffledSubarray(packaged, { minLength: packaged.length, maxLength: packaged.length }), fc.shuffledSubarray(filed, { minLength: filed.length, maxLength: filed.length }), (a, b) => {
        expect(orderParties(a).map((p) => p.name)).toEqual(orderParties(PARTIES).map((p) => p.name));
        expect(orderParties(b).map((p) => p.name)).toEqual(principals);
      }),
    );
  });

  it('is the order of the agreement and of the application, whatever order the case gives', () => {
    const texts = (blocks: { kind: string; text?: string; name?: string }[]) => blocks.map((b) => (b.kind === 'signature' ? `sign ${b.name}` : (b.text ?? ''))).filter((t) => t !== '');
    const agreementOf = (parties: Party[]) => texts(composeAgreement(documentInput({ parties, signatures: [] })));
    const applicationOf = (parties: Party[]) => texts(composeApplication(applicationInput({ parties }), []));
    const agreement = agreementOf(PARTIES);
    const filed = applicationOf(PARTIES);
    // Applicants come first in both, in the same order as the signature lines.
    expect(agreement.findIndex((t) => t.includes('张䶮'))).toBeLessThan(agreement.findIndex((t) => t.includes('李喆')));
    expect(filed.filter((t) => t.startsWith('sign ')).slice(0, 2)).toEqual(['sign 张䶮', 'sign 孙律师']);
    fc.assert(
      fc.property(permutation, (shuffled) => {
        expect(agreementOf(shuffled)).toEqual(agreement);
        expect(applicationOf(shuffled)).toEqual(filed);
      }),
      { numRuns: 50 },
    );
  });
});
