// The evidence ledger's stored rows: their schemas live in shared/ledger/rows.ts, so that the
// center server's sync parses them with the same (re-exported here for the data layer).
export { CHECKPOINT_REASONS, checkpointRowSchema, ledgerEntryRowSchema, ledgerRowId } from '../../../shared/ledger/rows';
export type { CheckpointReason, CheckpointRow, LedgerEntryRow } from '../../../shared/ledger/rows';
