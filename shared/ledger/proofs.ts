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

export const ledgerProofsSchema = z.strictObject({
  inclusion: z.array(inclusionProofSchema),
  consistency: z.array(consistencyProofSchema),
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

/** Proofs for every entry within the last checkpoint and between successive checkpoint sizes. */
export function proofsFor(tree: MerkleTree, entries: readonly LedgerEntry[], checkpointSizes: readonly number[]): LedgerProofs {
  const sizes = [...new Set(checkpointSizes)].sort((a, b) => a - b);
  const last = sizes[sizes.length - 1];
  return {
    inclusion: last === undefined ? [] : entries.filter((e) => e.seq < last).map((e) => inclusionProofOf(tree, e, last)),
    consistency: sizes.slice(1).map((to, i) => ({ from: sizes[i] as number, to, path: tree.consistencyProof(sizes[i] as number, to).map(bytesToHex) })),
  };
}
