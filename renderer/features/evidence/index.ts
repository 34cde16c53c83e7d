// The evidence feature's door: what other features may use of a case's evidence ledger. Other
// features record their own documents (agreements, minutes, recordings, rulings) as ledger entries
// through appendLedgerEntry, sign checkpoints at their milestones, and draw PDF pages.
export { EvidenceTab } from './EvidenceTab';
export { appendLedgerEntry, bytesFile, NOTE_MAX, readLedgerRows, recordEntry, visibleCase, type EvidenceFile } from './store';
export { readCheckpoints, signCaseCheckpoint } from './checkpoints';
export { drawPage, openPdf } from './pdf-pages';
