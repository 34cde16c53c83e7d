// The periods the dashboard filters by: a year, a quarter, a month, or everything. Figures are
// kept per calendar month in the institution's time zone (Asia/Shanghai, UTC+8 without daylight
// saving since 1991), so every period is a whole range of months, and the case list opens on the
// same range as registration dates (first day to last day, inclusive).
import { z } from 'zod';

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const periodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('year'), year: z.number().int().min(2000).max(2100) }),
  z.strictObject({ kind: z.literal('quarter'), year: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4) }),
  z.strictObject({ kind: z.literal('month'), year: z.number().int().min(2000).max(2100), month: z.number().int().min(1).max(12) }),
]);
export type Period = z.infer<typeof periodSchema>;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar date ('YYYY-MM-DD') of an ISO instant; a fixed offset is exact there. */
export function shanghaiDateOf(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${JSON.stringify(instant)}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The month ('YYYY-MM') of an ISO instant in Asia/Shanghai. */
export function shanghaiMonthOf(instant: string): string {
  return shanghaiDateOf(instant).slice(0, 7);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function monthText(year: number, month: number): string {
  return `${year}-${pad2(month)}`;
}

/** The first and last month of a period, or null for "all". */
export function monthRange(period: Period): { from: string; to: string } | null {
  switch (period.kind) {
    case 'all':
      return null;
    case 'year':
      return { from: monthText(period.year, 1), to: monthText(period.year, 12) };
    case 'quarter':
      return { from: monthText(period.year, period.quarter * 3 - 2), to: monthText(period.year, period.quarter * 3) };
    case 'month':
      return { from: monthText(period.year, period.month), to: monthText(period.year, period.month) };
  }
}

/** True when `month` lies in the period. */
export function inPeriod(month: string, range: { from: string; to: string } | null): boolean {
  return range === null || (month >= range.from && month <= range.to);
}

/** The last calendar day of a month ('YYYY-MM' → 'YYYY-MM-DD'). */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${pad2(days)}`;
}

/** The dates a month range covers, first day to last day, as the case list's registration filter takes them. */
export function dateRange(range: { from: string; to: string }): { from: string; to: string } {
  return { from: `${range.from}-01`, to: lastDayOf(range.to) };
}

/** Every month from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let month = from; month <= to; ) {
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    month = monthText(y, m);
  }
  return out;
}

/** The same period one year before (for "rising against the same period before"). */
export function periodYearBefore(period: Period): Period {
  return period.kind === 'all' ? period : { ...period, year: period.year - 1 };
}
