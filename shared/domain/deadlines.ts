// Deadlines are calendar dates ('YYYY-MM-DD') in the institution's time zone, not instants: "the
// 30th day after the agreement took effect" is the same day for everyone in the institution, so
// arithmetic is done on whole days via Date.UTC and no local time zone ever enters.
//
// Counting follows 民事诉讼法 art. 85: the day on which a period starts is not counted, so a 30-day
// period starting on 2026-01-01 ends on 2026-01-31. The art. 85 extension when the last day is a
// public holiday is not applied: the product has no holiday calendar, and warning a day early is
// the safe side.
import type { FieldError } from './errors';
import type { Case, CaseSource, Settings } from './model';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real calendar date, or null when the string is not one. */
function toDayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to 2026-03-02; a real date survives the round trip unchanged.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  const dt = new Date(day * DAY_MS);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function requireDay(date: string): number {
  const day = toDayNumber(date);
  if (day === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return day;
}

/** True when `date` is a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isIsoDate(date: string): boolean {
  return toDayNumber(date) !== null;
}

/** The date `n` days after (negative: before) `date`. Throws RangeError on a malformed date. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Days must be a whole number: ${n}`);
  return fromDayNumber(requireDay(date) + n);
}

/** Whole days from `a` to `b`: positive when `b` is later, 0 on the same day. */
export function daysBetween(a: string, b: string): number {
  return requireDay(b) - requireDay(a);
}

export type DeadlineSettings = Pick<Settings, 'mediationLimitDays' | 'courtEntrustedLimitDays'>;

/**
 * The day by which mediation should end: a committee generally concludes within one month
 * (司法部《人民调解工作若干规定》); court-entrusted pre-litigation mediation has its own period.
 * Both lengths are the institution's settings.
 */
export function mediationDeadline(acceptedOn: string, source: CaseSource, settings: DeadlineSettings): string {
  const days = source === 'court_entrusted' ? settings.courtEntrustedLimitDays : settings.mediationLimitDays;
  return addDays(acceptedOn, days);
}

/** The longest single extension of the mediation time limit, in days. */
export const MAX_EXTENSION_DAYS = 90;

export type ExtensionCheck = { ok: true; deadline: string } | { ok: false; errors: FieldError[] };

/**
 * Extending the mediation time limit, which the parties may agree to (domain.md: the period is
 * "extendable by agreement"): only while the limit runs, by 1–90 whole days counted from the
 * current limit, and with the parties' agreement written down.
 */
export function checkMediationExtension(c: Pick<Case, 'status' | 'mediationDeadline'>, days: number, reason: string): ExtensionCheck {
  if ((c.status !== 'accepted' && c.status !== 'in_mediation') || c.mediationDeadline === null) {
    return { ok: false, errors: [{ path: [], code: 'deadline.not_running' }] };
  }
  const errors: FieldError[] = [];
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) errors.push({ path: ['days'], code: 'deadline.extension_days', params: { max: MAX_EXTENSION_DAYS } });
  if (reason.trim() === '') errors.push({ path: ['reason'], code: 'deadline.extension_reason' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, deadline: addDays(c.mediationDeadline, days) };
}

/** Days the parties have to apply jointly for judicial confirmation (民事诉讼法 art. 205; 人民调解法 art. 33). */
export const CONFIRMATION_WINDOW_DAYS = 30;

/** The last day on which the parties may apply for judicial confirmation. */
export function confirmationDeadline(agreementEffectiveOn: string): string {
  return addDays(agreementEffectiveOn, CONFIRMATION_WINDOW_DAYS);
}

/** The deadline that is running for a case in its current status, or null when none runs. */
export function activeDeadline(c: Pick<Case, 'status' | 'mediationDeadline' | 'confirmationDeadline'>): string | null {
  switch (c.status) {
    case 'accepted':
    case 'in_mediation':
      return c.mediationDeadline;
    case 'agreement_reached':
      return c.confirmationDeadline;
    default:
      return null;
  }
}

export type DeadlineState = 'none' | 'ok' | 'warning' | 'due_today' | 'overdue';

/** How urgent a deadline is on `today`; 'warning' starts `warningDays` days before it. */
export function deadlineState(deadline: string | null, today: string, warningDays: number): DeadlineState {
  if (deadline === null) return 'none';
  const left = daysBetween(today, deadline);
  if (left < 0) return 'overdue';
  if (left === 0) return 'due_today';
  if (left <= warningDays) return 'warning';
  return 'ok';
}

export const INSTITUTION_TIME_ZONE = 'Asia/Shanghai';

// Making a formatter costs far more than using one, and the case list asks for a date per row.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatterIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date of instant `now` in `timeZone` (the institution's "today"). */
export function todayIn(timeZone: string, now: Date): string {
  const parts = dateFormatterIn(timeZone).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}
