// The report's view in the URL (#/report?period=2026-Q3&layout=B), so a bookmark or a reload
// reopens the same report. Anything the URL says that does not parse falls back to the current
// quarter and layout A.
import { parsePeriodCode, periodCode, REPORT_LAYOUT_IDS, type ReportLayoutId, type ReportPeriod } from '../../../shared/statistics/report';

export function parsePeriod(text: string | null, today: string): ReportPeriod {
  return parsePeriodCode(text) ?? { kind: 'quarter', year: Number(today.slice(0, 4)), index: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1 };
}

export function parseLayout(text: string | null): ReportLayoutId {
  return (REPORT_LAYOUT_IDS as readonly string[]).includes(text ?? '') ? (text as ReportLayoutId) : 'A';
}

export function viewParams(period: ReportPeriod, layout: ReportLayoutId): Record<string, string> {
  return { period: periodCode(period), layout };
}
