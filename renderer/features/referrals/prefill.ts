// What another feature hands the referral form (a consultation offering "Refer"): the person,
// the category and the facts, carried in the navigation's state so nothing is typed twice.
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import type { Consultation } from '../../../shared/consultation/model';
import { isDisputeTopic } from '../../../shared/consultation/topics';

export interface ReferralPrefill {
  consultationId: string | null;
  person?: { name: string; idNumber?: string; phone?: string };
  /** A dispute category code (3 letters); a consultation's non-dispute topic is left out. */
  category?: string;
  facts?: string;
}

export const REFERRAL_FORM_PATH = '/referrals/new';

/** Opens the referral form filled from `prefill`. */
export function useReferDispute(): (prefill: ReferralPrefill) => void {
  const navigate = useNavigate();
  return useCallback((prefill: ReferralPrefill) => navigate(REFERRAL_FORM_PATH, { state: prefill }), [navigate]);
}

/** What a consultation hands the form: its person, its topic when it is a dispute category, its question and facts. */
export function referralFromConsultation(consultation: Consultation): ReferralPrefill {
  const person = consultation.person;
  return {
    consultationId: consultation.id,
    ...(person ? { person: { name: person.name, ...(person.idNumber ? { idNumber: person.idNumber } : {}), ...(person.phone ? { phone: person.phone } : {}) } } : {}),
    ...(isDisputeTopic(consultation.topic) ? { category: consultation.topic } : {}),
    facts: [consultation.question, consultation.facts].filter((text) => text.trim() !== '').join('\n'),
  };
}
