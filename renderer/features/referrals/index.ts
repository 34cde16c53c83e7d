// The referrals feature's door: referrals between institutions by signed file and court-entrusted
// mediation (the /referrals screens), the case page's termination tab (调解终结书 and the answer
// to an entrusting court), and what another feature calls to refer a dispute (a consultation's
// "Refer": useReferDispute with the person, category and facts), and on a court's received package
// the dispute it entrusted that the package belongs to.
export { default as ReferralsRoutes } from './ReferralsRoutes';
export { TerminationTab } from './LazyTerminationTab';
export { mayWorkReferrals } from './permissions';
export { REFERRAL_FORM_PATH, referralFromConsultation, useReferDispute, type ReferralPrefill } from './prefill';
export { ReferConsultationButton } from './ReferConsultationButton';
export { EntrustmentOfPackage } from './LazyEntrustment';
