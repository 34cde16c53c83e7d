// The statistical report feature's door (issue 19 items 2–3): the report screen and, for a justice
// bureau signed in to the center server, its area's report, loaded lazily by the routes (the XLSX
// writer and PDF typesetting load only when a user exports).
export { default as ReportPage } from './ReportPage';
export { default as AreaReportPage } from './AreaReportPage';
