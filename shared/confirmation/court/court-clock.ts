// The court's own clock on a received application for judicial confirmation (最高人民法院《关于人民调解
// 协议司法确认程序的若干规定》, 2011; domain.md): accept or refuse within 3 days of receipt; decide
// within 15 days of acceptance, extendable once by 10 days. Dates are calendar days in the
// institution's time zone (Asia/Shanghai), counted as shared/domain/deadlines.ts counts: the day a
// period starts is not counted.
import { z } from 'zod';
import { addDays, daysBetween, deadlineState, INSTITUTION_TIME_ZONE, isIsoDate, todayIn, type DeadlineState } from '../../domain/deadlines';
import { dateSchema } from '../../domain/model';

export const COURT_LIMITS = { acceptWithinDays: 3, decideWithinDays: 15, extensionDays: 10 } as const;

/** What the clerk has recorded so far on one received package. */
export const courtRecordSchema = z.strictObject({
  receivedOn: dateSchema,
  /** Accepted (立案) on this day, or null while undecided. */
  acceptedOn: dateSchema.nullable(),
  /** Refused (不予受理) on this day, or null. */
  refusedOn: dateSchema.nullable(),
  /** The decision period was extended (once, by 10 days). */
  extended: z.boolean(),
  /** The ruling's date, or null. */
  decidedOn: dateSchema.nullable(),
});
export type CourtRecord = z.infer<typeof courtRecordSchema>;

export type CourtStage = 'awaiting_acceptance' | 'awaiting_decision' | 'refused' | 'decided';

export interface CourtClock {
  stage: CourtStage;
  /** The last day to accept or refuse. */
  acceptBy: string;
  /** The last day to decide (with the extension when granted); null before acceptance. */
  decideBy: string | null;
  /** The deadline that runs now, or null when none does (refused or decided). */
  runningDeadline: string | null;
  /** Whole days from today to runningDeadline (negative: overdue). */
  daysLeft: number | null;
  state: DeadlineState;
  /** Whether the one extension may still be granted today. */
  mayExtend: boolean;
  /** Steps taken late or out of order, in words (a clerk's record can be wrong). */
  problems: string[];
}

/** The court's "today": the calendar date in Asia/Shanghai. */
export function courtToday(now: Date): string {
  return todayIn(INSTITUTION_TIME_ZONE, now);
}

/** The clock of one package on `today`; `warningDays` before a deadline its state is 'warning'. */
export function courtClock(record: CourtRecord, today: string, warningDays = 1): CourtClock {
  const r = courtRecordSchema.parse(record);
  if (!isIsoDate(today)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(today)}`);
  const problems: string[] = [];
  const acceptBy = addDays(r.receivedOn, COURT_LIMITS.acceptWithinDays);
  const answeredOn = r.acceptedOn ?? r.refusedOn;
  if (r.acceptedOn && r.refusedOn) problems.push('The application is recorded as both accepted and refused.');
  if (answeredOn && daysBetween(r.receivedOn, answeredOn) < 0) problems.push(`Accepted or refused on ${answeredOn}, before it was received (${r.receivedOn}).`);
  else if (answeredOn && daysBetween(answeredOn, acceptBy) < 0) problems.push(`Accepted or refused on ${answeredOn}, after the 3-day limit of ${acceptBy}.`);
  if (r.extended && !r.acceptedOn) problems.push('The decision period is extended, but the application was never accepted.');
  if (r.decidedOn && !r.acceptedOn) problems.push('A ruling is recorded, but the application was never accepted.');

  const decideBy = r.acceptedOn ? addDays(r.acceptedOn, COURT_LIMITS.decideWithinDays + (r.extended ? COURT_LIMITS.extensionDays : 0)) : null;
  if (r.decidedOn && r.acceptedOn && daysBetween(r.acceptedOn, r.decidedOn) < 0) problems.push(`Decided on ${r.decidedOn}, before it was accepted (${r.acceptedOn}).`);
  else if (r.decidedOn && decideBy && daysBetween(r.decidedOn, decideBy) < 0) problems.push(`Decided on ${r.decidedOn}, after the limit of ${decideBy}.`);

  const stage: CourtStage = r.decidedOn ? 'decided' : r.refusedOn ? 'refused' : r.acceptedOn ? 'awaiting_decision' : 'awaiting_acceptance';
  const runningDeadline = stage === 'awaiting_acceptance' ? acceptBy : stage === 'awaiting_decision' ? decideBy : null;
  const daysLeft = runningDeadline === null ? null : daysBetween(today, runningDeadline);
  return {
    stage,
    acceptBy,
    decideBy,
    runningDeadline,
    daysLeft,
    state: deadlineState(runningDeadline, today, warningDays),
    mayExtend: stage === 'awaiting_decision' && !r.extended && daysLeft !== null && daysLeft >= 0,
    problems,
  };
}

export type ClockStep = { ok: true; record: CourtRecord } | { ok: false; reason: string };

/** Accepting (立案) on `on`: only once, not before receipt. Late acceptance is allowed but shows in the clock's problems. */
export function acceptOn(record: CourtRecord, on: string): ClockStep {
  if (record.acceptedOn || record.refusedOn) return { ok: false, reason: 'The application was already accepted or refused.' };
  if (!isIsoDate(on) || daysBetween(record.receivedOn, on) < 0) return { ok: false, reason: `${on} is not a day on or after receipt (${record.receivedOn}).` };
  return { ok: true, record: { ...record, acceptedOn: on } };
}

/** The one extension by 10 days, granted while the decision period still runs. */
export function extendDecision(record: CourtRecord, today: string): ClockStep {
  const clock = courtClock(record, today);
  if (record.extended) return { ok: false, reason: 'The decision period may be extended only once.' };
  if (clock.stage !== 'awaiting_decision') return { ok: false, reason: 'Only an accepted application awaiting its ruling can have its period extended.' };
  if (!clock.mayExtend) return { ok: false, reason: `The decision period ended on ${clock.decideBy ?? ''}; it can no longer be extended.` };
  return { ok: true, record: { ...record, extended: true } };
}
