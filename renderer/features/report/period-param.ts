// The report's view in the URL (#/report?period=2026-Q3&layout=B), so a bookmark or a reload
// reopens the same report. Anything the URL says that does not parse falls back to the current
// quarter and layout A.
import { periodCode, reportPeriodSchema, REPORT_LAYOUT_IDS, type ReportLayoutId, type ReportPeriod } from '../../../shared/statistics/report';

export function parsePeriod(text: string | null, today: string): ReportPeriod {
  const m = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})))?$/.exec(text ?? '');
  const candidate = m
    ? m[2]
      ? { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) }
      : m[3]
        ? { kind: 'month', year: Number(m[1]), index: Number(m[3]) }
        : { kind: 'year', year: Number(m[1]), index: 1 }
    : null;
  const parsed = reportPeriodSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  return { kind: 'quarter', year: Number(today.slice(0, 4)), index: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1 };
}

export function parseLayout(text: string | null): ReportLayoutId {
  return (REPORT_LAYOUT_IDS as readonly string[]).includes(text ?? '') ? (text as ReportLayoutId) : 'A';
}

export function viewParams(period: ReportPeriod, layout: ReportLayoutId): Record<string, string> {
  return { period: periodCode(period), layout };
}
