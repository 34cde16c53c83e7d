// A consultation's 转介此纠纷 hands the referral form what the lawyer already typed: the person, the
// category when the topic is one of the 24 dispute categories (a criminal or notarial question is
// no dispute a mediation institution takes), and the question with the facts.
import { describe, expect, it } from 'vitest';
import { consultationSchema, type Consultation } from '../../../shared/consultation/model';
import { referralFromConsultation } from '../../../renderer/features/referrals/prefill';
import { ID } from '../consultation/fixtures';

function consultation(over: Partial<Consultation> = {}): Consultation {
  return consultationSchema.parse({
    id: 'c-1',
    institutionId: 'inst-1',
    number: '咨2026-00001',
    year: 2026,
    seq: 1,
    channel: 'walk_in',
    receivedAt: '2026-12-07T02:00:00.000Z',
    person: { name: '刘䶮', idType: 'resident_id', idNumber: ID, phone: '13955312345' },
    topic: 'NBR',
    question: '楼上夜间装修怎么办？',
    facts: '多次协商未果。',
    advice: '可申请人民调解。',
    legalBases: [],
    outcome: 'referred_mediation',
    referredTo: '',
    minutesSpent: 15,
    followUp: false,
    followUpNote: '',
    lawyerId: 'u-1',
    lawyerName: '赵律师',
    searchTerms: [],
    createdAt: '2026-12-07T02:00:00.000Z',
    updatedAt: '2026-12-07T02:00:00.000Z',
    version: 1,
    ...over,
  });
}

describe('a referral from a consultation', () => {
  it('carries the person, the dispute category and the question with the facts', () => {
    expect(referralFromConsultation(consultation())).toEqual({
      consultationId: 'c-1',
      person: { name: '刘䶮', idNumber: ID, phone: '13955312345' },
      category: 'NBR',
      facts: '楼上夜间装修怎么办？\n多次协商未果。',
    });
  });

  it('leaves out a topic that is no dispute category, and what was not given', () => {
    const prefill = referralFromConsultation(consultation({ topic: 'CRIMINAL', facts: '  ', person: { name: '王五', idType: 'resident_id', idNumber: '', phone: '' } }));
    expect(prefill).toEqual({ consultationId: 'c-1', person: { name: '王五' }, facts: '楼上夜间装修怎么办？' });
  });

  it('has no person to carry once the consultation is anonymised', () => {
    expect(referralFromConsultation(consultation({ person: null })).person).toBeUndefined();
  });
});
