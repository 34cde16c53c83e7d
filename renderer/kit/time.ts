// The one way a person reads a date or a time in this app (issue 15 item 8). Instants are stored
// in UTC; people read them in the institution's zone (Asia/Shanghai), whatever zone the
// workstation's clock is set to, and in one shape everywhere so two screens never disagree.
// The shape is the one the date pickers use (YYYY-MM-DD, 24-hour clock) in both languages:
// unambiguous to a Chinese and an English reader alike, and what a clerk types back into a form.
import { INSTITUTION_TIME_ZONE, todayIn } from '../../shared/domain/deadlines';
import type { Language } from '../../shared/domain/model';

/** An instant (ISO string or Date) or a calendar date ('YYYY-MM-DD'). */
export type TimeInput = string | Date;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(seconds: boolean): Intl.DateTimeFormat {
  const key = seconds ? 's' : 'm';
  let format = formats.get(key);
  if (!format) {
    // en-CA gives numeric parts in a fixed order; the parts are assembled below, so the locale
    // only picks digits, never the layout.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: INSTITUTION_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' as const } : {}),
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  return format;
}

function instantOf(value: TimeInput): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function partsOf(date: Date, seconds: boolean): Record<string, string> {
  return Object.fromEntries(formatOf(seconds).formatToParts(date).map((p) => [p.type, p.value]));
}

/**
 * "2026-12-07 06:53" in Beijing time. `language` is part of the contract so every caller passes
 * the screen's language (a later shape per language changes no caller). A value that is no time
 * is shown as given rather than as "Invalid Date".
 */
export function formatDateTime(value: TimeInput, language: Language, options: { seconds?: boolean } = {}): string {
  void language;
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return value;
  const date = instantOf(value);
  if (!date) return String(value);
  const p = partsOf(date, options.seconds === true);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${options.seconds === true ? `:${p.second}` : ''}`;
}

/** "2026-12-07": a calendar date as given, an instant as its date in Beijing. */
export function formatDate(value: TimeInput, language: Language): string {
  void language;
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return value;
  const date = instantOf(value);
  return date ? todayIn(INSTITUTION_TIME_ZONE, date) : String(value);
}

/** "06:53:19": the time of day in Beijing (minutes of a session, a signature's moment). */
export function formatTime(value: TimeInput, language: Language): string {
  void language;
  const date = instantOf(value);
  if (!date) return String(value);
  const p = partsOf(date, true);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** 'YYYY-MM-DD' of an instant in the institution's zone (for comparing and storing, not display). */
export function instantToDate(iso: TimeInput): string {
  const date = instantOf(iso);
  return date ? todayIn(INSTITUTION_TIME_ZONE, date) : String(iso);
}

/** An ISO-8601 timestamp as the machine writes it: no person should ever read one on a screen. */
export const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const WHOLE_ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A text's values as a person reads them: each value that is an instant (a signing time a
 * verifier reports, kept as ISO so the CLI and the record stay exact) becomes a time in Beijing.
 */
export function readableValues<T extends Record<string, unknown>>(values: T, language: Language): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) out[key] = typeof value === 'string' && WHOLE_ISO_INSTANT.test(value) ? formatDateTime(value, language, { seconds: true }) : value;
  return out as T;
}
