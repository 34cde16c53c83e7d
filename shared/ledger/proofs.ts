// proofs.json of a ledger export: an inclusion proof for every entry in the latest checkpoint, and
// a consistency proof between each pair of successive checkpoints, so an entry can be shown to
// belong without the others, and a later state to extend an earlier one.
import { z } from 'zod';
import { entryBytes, sha256HexSchema, type LedgerEntry } from './entry';
import { bytesToHex, leafHash } from './hash';
import type { MerkleTree } from './merkle';

export const inclusionProofSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  treeSize: z.number().int().positive(),
  leafHash: sha256HexSchema,
  path: z.array(sha256HexSchema).max(64),
});
export type InclusionProof = z.infer<typeof inclusionProofSchema>;

export const consistencyProofSchema = z.strictObject({
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  path: z.array(sha256HexSchema).max(128),
});

/**
 * The leaf hashes a checkpoint commits to. With them the verifier names an entry that no longer
 * matches the checkpoint even when nothing after it shows the change (the last entry, or entries
 * re-linked after a change): together with the rebuilt tree they are every entry's inclusion proof.
 */
export const checkpointLeavesSchema = z.strictObject({
  treeSize: z.number().int().positive(),
  hashes: z.array(sha256HexSchema),
});
export type CheckpointLeaves = z.infer<typeof checkpointLeavesSchema>;

export const ledgerProofsSchema = z.strictObject({
  inclusion: z.array(inclusionProofSchema),
  consistency: z.array(consistencyProofSchema),
  /** Of the latest checkpoint; absent when there is none. */
  leaves: checkpointLeavesSchema.optional(),
});
export type LedgerProofs = z.infer<typeof ledgerProofsSchema>;

export function inclusionProofOf(tree: MerkleTree, entry: LedgerEntry, treeSize: number): InclusionProof {
  return {
    seq: entry.seq,
    treeSize,
    leafHash: bytesToHex(leafHash(entryBytes(entry))),
    path: tree.inclusionProof(entry.seq, treeSize).map(bytesToHex),
  };
}

/**
 * Consistency proofs between successive checkpoint sizes, the latest checkpoint's leaf hashes and,
 * when asked, an inclusion proof for every entry within it (a full export leaves those out: the
 * leaves and the rebuilt tree say the same, and 100,000 proofs would triple the export's size).
 */
export function proofsFor(tree: MerkleTree, entries: readonly LedgerEntry[], checkpointSizes: readonly number[], options: { inclusion?: boolean } = {}): LedgerProofs {
  const sizes = [...new Set(checkpointSizes)].sort((a, b) => a - b);
  const last = sizes[sizes.length - 1];
  return {
    inclusion: last === undefined || !options.inclusion ? [] : entries.filter((e) => e.seq < last).map((e) => inclusionProofOf(tree, e, last)),
    consistency: sizes.slice(1).map((to, i) => ({ from: sizes[i] as number, to, path: tree.consistencyProof(sizes[i] as number, to).map(bytesToHex) })),
    ...(last === undefined ? {} : { leaves: { treeSize: last, hashes: Array.from({ length: last }, (_, i) => bytesToHex(tree.leafHashAt(i))) } }),
  };
}
