// The evidence ledger's stored rows: one row per entry, with the entry's hash kept beside it, and
// the institution's signed checkpoints over a prefix of a case's ledger. The workstation keeps
// them (renderer/data/kinds/evidence.ts) and the center server's sync stores them, both parsed
// with these schemas.
import { z } from 'zod';
import { ledgerEntrySchema, sha256HexSchema } from './entry';
import { signedCheckpointSchema } from './checkpoint';

export const ledgerEntryRowSchema = z.strictObject({
  id: z.string().min(1),
  caseId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  entry: ledgerEntrySchema,
  entryHash: sha256HexSchema,
});
export type LedgerEntryRow = z.infer<typeof ledgerEntryRowSchema>;

/** One id per entry: entries of a case sort by seq as text. */
export function ledgerRowId(caseId: string, seq: number): string {
  return `${caseId}#${String(seq).padStart(9, '0')}`;
}

export const CHECKPOINT_REASONS = ['on_demand', 'ledger_exported', 'agreement_signed', 'package_exported'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

export const checkpointRowSchema = z.strictObject({
  id: z.string().min(1),
  caseId: z.string().min(1),
  treeSize: z.number().int().nonnegative(),
  reason: z.enum(CHECKPOINT_REASONS),
  signedBy: z.strictObject({ id: z.string().min(1), name: z.string() }),
  signed: signedCheckpointSchema,
});
export type CheckpointRow = z.infer<typeof checkpointRowSchema>;
