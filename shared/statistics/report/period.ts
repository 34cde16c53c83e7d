// The period a report covers: a month, a quarter or a year, as calendar dates in the institution's
// zone (Asia/Shanghai). A case counts in the period in which it was received (its registration's
// date there) and, for settled, in which its agreement took effect.
import { z } from 'zod';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const reportPeriodSchema = z
  .object({
    kind: z.enum(PERIOD_KINDS),
    year: z.number().int().min(2000).max(2100),
    /** 1–12 for a month, 1–4 for a quarter, 1 for a year. */
    index: z.number().int().min(1).max(12),
  })
  .refine((p) => p.index <= (p.kind === 'month' ? 12 : p.kind === 'quarter' ? 4 : 1), { message: 'index out of range for the period kind', path: ['index'] });
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last calendar dates of the period, 'YYYY-MM-DD', both included. */
export function periodRange(period: ReportPeriod): { from: string; to: string } {
  const { year, index } = period;
  const [first, last] = period.kind === 'month' ? [index, index] : period.kind === 'quarter' ? [index * 3 - 2, index * 3] : [1, 12];
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}` };
}

/** A short code of the period, the same in every language: 2026-03, 2026-Q1, 2026. */
export function periodCode(period: ReportPeriod): string {
  if (period.kind === 'year') return String(period.year);
  return period.kind === 'quarter' ? `${period.year}-Q${period.index}` : `${period.year}-${pad(period.index)}`;
}

/** The period a code names (2026-03, 2026-Q1, 2026), or null when the text is not one. */
export function parsePeriodCode(text: string | null | undefined): ReportPeriod | null {
  const m = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})))?$/.exec(text ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  const candidate = m[2] ? { kind: 'quarter', year, index: Number(m[2]) } : m[3] ? { kind: 'month', year, index: Number(m[3]) } : { kind: 'year', year, index: 1 };
  const parsed = reportPeriodSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** The period as people say it: 2026年第1季度 / Q1 2026. */
export function periodName(period: ReportPeriod, language: 'zh-CN' | 'en-US'): string {
  if (language === 'zh-CN') {
    if (period.kind === 'year') return `${period.year}年`;
    return period.kind === 'quarter' ? `${period.year}年第${period.index}季度` : `${period.year}年${period.index}月`;
  }
  if (period.kind === 'year') return String(period.year);
  if (period.kind === 'quarter') return `Q${period.index} ${period.year}`;
  return new Date(Date.UTC(period.year, period.index - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The calendar date of an instant in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whether a calendar date lies in the period. */
export function inPeriod(date: string, period: ReportPeriod): boolean {
  const { from, to } = periodRange(period);
  return date >= from && date <= to;
}
