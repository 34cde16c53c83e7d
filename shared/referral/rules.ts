// What a referral must meet before it is signed, and how one moves on, as data plus checks.
// The draft is checked with the case intake's own validator (the receiving workstation registers
// exactly these parties, so an invalid ID number or phone is named here, at the source), and with
// the rules of the referral itself: the person's consent recorded, a receiver named, a court's
// deadline after today.
import { addDays, isIsoDate } from '../domain/deadlines';
import { validateIntake } from '../domain/intake';
import type { RuleError } from '../termination/rules';
import { CONSENT_METHODS, type AnswerKind, type ReferralKind } from './model';

export type { RuleError };

/** The longest a court may set for an entrusted mediation here (30 days, extendable by agreement). */
export const MAX_ENTRUSTED_DAYS = 90;

export interface ReferralDraft {
  kind: ReferralKind;
  receiverName: string;
  receiverCreditCode: string;
  category: string;
  categoryFields: Record<string, unknown>;
  claims: string;
  amountYuan: string;
  facts: string;
  parties: unknown[];
  consentGiven: boolean;
  consentMethod: string;
  deadline: string;
  courtReference: string;
}

export function checkReferralDraft(draft: ReferralDraft, today: string): RuleError[] {
  const errors: RuleError[] = [];
  const receiver = [...draft.receiverName.trim()].length;
  if (receiver === 0) errors.push({ path: ['receiverName'], code: 'required' });
  else if (receiver > 100) errors.push({ path: ['receiverName'], code: 'too_long', params: { max: 100, actual: receiver } });
  const credit = draft.receiverCreditCode.trim();
  if (credit !== '' && credit.length !== 18) errors.push({ path: ['receiverCreditCode'], code: 'credit.length' });
  if (!draft.consentGiven) errors.push({ path: ['consentGiven'], code: 'referral.consent_required' });
  if (!(CONSENT_METHODS as readonly string[]).includes(draft.consentMethod)) errors.push({ path: ['consentMethod'], code: 'required' });
  if (draft.kind === 'court_entrusted') {
    if (!isIsoDate(draft.deadline)) errors.push({ path: ['deadline'], code: draft.deadline === '' ? 'required' : 'date.invalid' });
    else if (draft.deadline <= today || draft.deadline > addDays(today, MAX_ENTRUSTED_DAYS)) errors.push({ path: ['deadline'], code: 'referral.deadline_range', params: { max: MAX_ENTRUSTED_DAYS } });
  }
  const reference = [...draft.courtReference.trim()].length;
  if (reference > 60) errors.push({ path: ['courtReference'], code: 'too_long', params: { max: 60, actual: reference } });
  const intake = validateIntake({ parties: draft.parties, category: draft.category, categoryFields: draft.categoryFields, source: sourceOf(draft.kind), claims: draft.claims, amountYuan: draft.amountYuan, description: draft.facts });
  if (!intake.ok) for (const e of intake.errors) errors.push({ path: e.path[0] === 'description' ? ['facts', ...e.path.slice(1)] : e.path, code: e.code, ...(e.params ? { params: e.params } : {}) });
  return errors;
}

/** The case source a referral is registered under. */
export function sourceOf(kind: ReferralKind): 'referral' | 'court_entrusted' {
  return kind === 'court_entrusted' ? 'court_entrusted' : 'referral';
}

// ---- states -----------------------------------------------------------------------------------

/** Where a referral stands, on either side: the receiver's status and the sender's view of it. */
export const REFERRAL_STATUSES = ['sent', 'received', 'accepted', 'declined', 'terminated', 'agreement_reached'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

const MOVES: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  sent: ['accepted', 'declined'],
  received: ['accepted', 'declined'],
  accepted: ['terminated', 'agreement_reached'],
  declined: [],
  terminated: [],
  agreement_reached: [],
};

/** Whether a referral may move from one status to another (an answer read, a decision taken). */
export function mayMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return MOVES[from].includes(to);
}

/**
 * The status an answer brings a sent referral to, or null when it cannot (a second acceptance, a
 * result before acceptance — except that a result implies the acceptance it follows — or a
 * result for a plain referral, whose sender asked only for acceptance).
 */
export function statusAfterAnswer(current: ReferralStatus, kind: ReferralKind, answer: AnswerKind): ReferralStatus | null {
  if ((answer === 'terminated' || answer === 'agreement_reached') && kind !== 'court_entrusted') return null;
  if (mayMove(current, answer)) return answer;
  if (current === 'sent' && (answer === 'terminated' || answer === 'agreement_reached')) return answer;
  return null;
}

/** A decline is refused without its reason. */
export function checkDecline(reason: string): RuleError[] {
  const text = reason.trim();
  if (text === '') return [{ path: ['reason'], code: 'referral.reason_required' }];
  const length = [...text].length;
  if (length > 2000) return [{ path: ['reason'], code: 'too_long', params: { max: 2000, actual: length } }];
  return [];
}
