// The statistical report feature's door (issue 19 item 2): the report screen, loaded lazily by
// the routes (its XLSX writer and PDF typesetting load only when a user exports).
export { default as ReportPage } from './ReportPage';
