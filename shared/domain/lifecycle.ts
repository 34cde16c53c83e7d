// The case lifecycle (issue 2 §8) as data plus one check. Every status change in the app goes
// through checkTransition, so an illegal move is refused with a reason the user can read instead
// of corrupting the case. A legal status (agreement reached, confirmation applied, confirmed,
// rejected) is a fact about a legal act, so no one can choose it: the move names its act
// (issue 15 item 1), and only the code that performed or recorded the act can name it.
import { fail, type Failure } from './errors';
import { confirmationDeadline, isIsoDate } from './deadlines';
import type { Case, CaseStatus, LegalAct } from './model';

export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  registered: ['accepted', 'declined'],
  accepted: ['in_mediation', 'withdrawn'],
  in_mediation: ['agreement_reached', 'failed', 'withdrawn'],
  agreement_reached: ['confirmation_applied', 'archived'],
  confirmation_applied: ['confirmed', 'rejected'],
  declined: ['archived'],
  failed: ['archived'],
  withdrawn: ['archived'],
  confirmed: ['archived'],
  rejected: ['archived'],
  archived: [],
};

/** Statuses only an act can bring about; a person can never move a case into them by choice. */
export const LEGAL_STATUSES: readonly CaseStatus[] = ['agreement_reached', 'failed', 'confirmation_applied', 'confirmed', 'rejected'];

/**
 * Which statuses each act makes true. The court's receipt also proves the application was made, so
 * a receipt for a package whose hand-over was never recorded passes through confirmation_applied.
 */
export const ACT_STATUSES: Readonly<Record<LegalAct, readonly CaseStatus[]>> = {
  signed_agreement: ['agreement_reached'],
  oral_agreement: ['agreement_reached'],
  package_handed_over: ['confirmation_applied'],
  paper_filing: ['confirmation_applied'],
  court_receipt: ['confirmation_applied', 'confirmed', 'rejected'],
  paper_ruling: ['confirmed', 'rejected'],
  // The mediator ends a mediation that failed by the termination record (人民调解法 art. 26).
  termination_record: ['failed'],
};

/** Acts recorded from paper by a person rather than performed in the app: shown as entered by hand. */
export const BY_HAND_ACTS: readonly LegalAct[] = ['paper_filing', 'paper_ruling'];

export function isLegalStatus(status: CaseStatus): boolean {
  return LEGAL_STATUSES.includes(status);
}

/**
 * What a case's legal status rests on, for showing it: 'act' — an act performed in the app;
 * 'entered_by_hand' — recorded from the court's paper; 'set_by_hand' — no act on record (a row from
 * before acts were recorded, e.g. restored from an older backup, when a button could set it);
 * null — the status is not a legal one.
 */
export type StatusBasis = 'act' | 'entered_by_hand' | 'set_by_hand';

export function statusBasis(record: Pick<Case, 'status' | 'statusAct'>): StatusBasis | null {
  if (!isLegalStatus(record.status)) return null;
  if (!record.statusAct || !ACT_STATUSES[record.statusAct].includes(record.status)) return 'set_by_hand';
  return BY_HAND_ACTS.includes(record.statusAct) ? 'entered_by_hand' : 'act';
}

/** Moves into these statuses end or refuse the matter, so the record must say why. */
export const REASON_REQUIRED: readonly CaseStatus[] = ['declined', 'failed', 'withdrawn', 'rejected'];

/** Statuses in which the institution's work on the case is over. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['declined', 'failed', 'withdrawn', 'confirmed', 'rejected', 'archived'];

/** The moves a person may choose: every edge of the lifecycle except those into a legal status. */
export function nextStatuses(from: CaseStatus): CaseStatus[] {
  return TRANSITIONS[from].filter((to) => !isLegalStatus(to));
}

export function isClosed(status: CaseStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

export function isOpen(status: CaseStatus): boolean {
  return !isClosed(status);
}

export interface TransitionContext {
  /** When the agreement took effect (all signatures); starts the 30-day confirmation window. */
  agreementEffectiveOn?: string | null;
  /** The institution's today, 'YYYY-MM-DD'. */
  today: string;
  /** The case's stored confirmation deadline, when already computed. */
  confirmationDeadline?: string | null;
  /** Why the case is declined, failed, withdrawn or rejected. */
  reason?: string;
  /** The act that makes the new status true; required for a legal status. */
  act?: LegalAct;
  /**
   * The day the act took place, when it is recorded afterwards from paper: a paper filing counts
   * against the 30-day window on the day the court received it, not the day it was typed in.
   */
  actOn?: string;
}

export type TransitionCheck = { ok: true } | Failure;

export function checkTransition(from: CaseStatus, to: CaseStatus, ctx: TransitionContext): TransitionCheck {
  if (!TRANSITIONS[from].includes(to)) return fail('lifecycle.illegal', { from, to });
  if (isLegalStatus(to) && (!ctx.act || !ACT_STATUSES[ctx.act].includes(to))) return fail('lifecycle.act_required', { to });
  if (ctx.actOn !== undefined) {
    if (!isIsoDate(ctx.actOn)) return fail('date.invalid');
    if (ctx.actOn > ctx.today) return fail('lifecycle.act_date_future', { today: ctx.today });
  }

  if (REASON_REQUIRED.includes(to) && (ctx.reason ?? '').trim() === '') {
    return fail('lifecycle.reason_required', { to });
  }

  if (to === 'agreement_reached' && ctx.agreementEffectiveOn) {
    if (!isIsoDate(ctx.agreementEffectiveOn)) return fail('date.invalid');
    if (ctx.agreementEffectiveOn > ctx.today) return fail('lifecycle.agreement_date_future', { today: ctx.today });
  }

  // The court's own receipt shows it took the application; whether it came in time was the court's to judge.
  if (to === 'confirmation_applied' && ctx.act !== 'court_receipt') {
    const deadline =
      ctx.confirmationDeadline ??
      (ctx.agreementEffectiveOn && isIsoDate(ctx.agreementEffectiveOn) ? confirmationDeadline(ctx.agreementEffectiveOn) : null);
    // Without the date the agreement took effect, nobody can tell whether the 30-day window of
    // 民事诉讼法 art. 205 is still open; the court would ask, so the app asks first.
    if (!deadline) return fail('lifecycle.agreement_date_required');
    if ((ctx.actOn ?? ctx.today) > deadline) return fail('lifecycle.confirmation_window', { deadline });
    // A paper filing dated before the agreement existed is a typing error, not a legal act.
    if (ctx.actOn !== undefined && ctx.agreementEffectiveOn && ctx.actOn < ctx.agreementEffectiveOn) {
      return fail('lifecycle.act_before_agreement', { agreementEffectiveOn: ctx.agreementEffectiveOn });
    }
  }

  return { ok: true };
}
