// Dates and times as the institution sees them. Instants are stored in UTC; people read them in
// the institution's zone (Asia/Shanghai), whatever zone the workstation's clock is set to.
import { INSTITUTION_TIME_ZONE, daysBetween, todayIn } from '../../../../shared/domain/deadlines';
import type { Language } from '../../../../shared/domain/model';

/** 'YYYY-MM-DD' of an instant in the institution's zone. */
export function instantToDate(iso: string): string {
  return todayIn(INSTITUTION_TIME_ZONE, new Date(iso));
}

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

/** An instant as "2026-05-02 14:03" in the institution's zone (both languages: unambiguous). */
export function formatDateTime(iso: string, language: Language): string {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: INSTITUTION_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(language, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The institution's today. */
export function institutionToday(now: Date = new Date()): string {
  return todayIn(INSTITUTION_TIME_ZONE, now);
}

/** Whole days from today to `deadline` (negative once it has passed). */
export function daysLeft(deadline: string, today: string): number {
  return daysBetween(today, deadline);
}

/** "12,345" in the user's language. */
export function formatCount(count: number, language: Language): string {
  return count.toLocaleString(language);
}
