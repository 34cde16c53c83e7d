// What another feature hands the referral form (a consultation offering "Refer"): the person,
// the category and the facts, carried in the navigation's state so nothing is typed twice.
import { useCallback } from 'react';
import { useNavigate } from 'react-router';

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
