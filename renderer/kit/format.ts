// Dates, counts and sizes as people read them. Instants are stored in UTC; people read them in
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

const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * 1536 → "1.5 KB", for people deciding whether a file is the right one or the store has room. The
 * units are the same in both languages; the number follows the language's digits and separators.
 */
export function formatSize(bytes: number, language: Language = 'zh-CN'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let unit = 0;
  let value = bytes;
  for (; value >= 1024 && unit < SIZE_UNITS.length - 1; unit += 1) value /= 1024;
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${SIZE_UNITS[unit]}`;
}
