// Dates and times as the institution sees them. Instants are stored in UTC; people read them in
// the institution's zone (Asia/Shanghai), whatever zone the workstation's clock is set to.
import { INSTITUTION_TIME_ZONE, daysBetween, todayIn } from '../../shared/domain/deadlines';
import type { Language } from '../../shared/domain/model';

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
