// Referrals between institutions by signed file, and court-entrusted mediation (issue 18 item 5).
export * from './model';
export { readAnswerFile, readReferralFile, signAnswer, signReferral, type DocumentSigner, type ReadFile, type SignedFile, type SignerFacts } from './file';
export { checkDecline, checkReferralDraft, MAX_ENTRUSTED_DAYS, mayMove, REFERRAL_STATUSES, sourceOf, statusAfterAnswer, type ReferralDraft, type ReferralStatus, type RuleError } from './rules';
