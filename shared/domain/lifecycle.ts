// The case lifecycle (issue 2 §8) as data plus one check. Every status change in the app goes
// through checkTransition, so an illegal move is refused with a reason the user can read instead
// of corrupting the case.
import { fail, type Failure } from './errors';
import { confirmationDeadline, isIsoDate } from './deadlines';
import type { CaseStatus } from './model';

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

/** Moves into these statuses end or refuse the matter, so the record must say why. */
export const REASON_REQUIRED: readonly CaseStatus[] = ['declined', 'failed', 'withdrawn', 'rejected'];

/** Statuses in which the institution's work on the case is over. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['declined', 'failed', 'withdrawn', 'confirmed', 'rejected', 'archived'];

export function nextStatuses(from: CaseStatus): CaseStatus[] {
  return [...TRANSITIONS[from]];
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
}

export type TransitionCheck = { ok: true } | Failure;

export function checkTransition(from: CaseStatus, to: CaseStatus, ctx: TransitionContext): TransitionCheck {
  if (!TRANSITIONS[from].includes(to)) return fail('lifecycle.illegal', { from, to });

  if (REASON_REQUIRED.includes(to) && (ctx.reason ?? '').trim() === '') {
    return fail('lifecycle.reason_required', { to });
  }

  if (to === 'agreement_reached' && ctx.agreementEffectiveOn) {
    if (!isIsoDate(ctx.agreementEffectiveOn)) return fail('date.invalid');
    if (ctx.agreementEffectiveOn > ctx.today) return fail('lifecycle.agreement_date_future', { today: ctx.today });
  }

  if (to === 'confirmation_applied') {
    const deadline =
      ctx.confirmationDeadline ??
      (ctx.agreementEffectiveOn && isIsoDate(ctx.agreementEffectiveOn) ? confirmationDeadline(ctx.agreementEffectiveOn) : null);
    // Without the date the agreement took effect, nobody can tell whether the 30-day window of
    // 民事诉讼法 art. 205 is still open; the court would ask, so the app asks first.
    if (!deadline) return fail('lifecycle.agreement_date_required');
    if (ctx.today > deadline) return fail('lifecycle.confirmation_window', { deadline });
  }

  return { ok: true };
}
