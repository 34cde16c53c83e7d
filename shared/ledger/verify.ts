// Verifies a case's ledger as exported (./export.ts): every entry's form, sequence and chain link,
// its file when the files are present, every checkpoint's signature and root, the consistency of
// successive checkpoints and every shipped inclusion proof. It reports on each entry, and names the
// first entry where anything breaks; a damaged input gives a report, never an exception.
import type { z } from 'zod';
import { signedCheckpointSchema, checkpointBytes, type SignatureVerifier, type SignedCheckpoint } from './checkpoint';
import { ledgerEntrySchema, sealEntry, type LedgerEntry } from './entry';
import { bytesToHex, hexToBytes, leafHash, type Hash } from './hash';
import { MerkleTree, verifyConsistency, verifyInclusion } from './merkle';
import { ledgerProofsSchema, type InclusionProof, type LedgerProofs } from './proofs';

export type FileCheck = 'ok' | 'mismatch' | 'missing' | 'not_checked';

export type ProblemCode =
  | 'entry.invalid'
  | 'entry.sequence'
  | 'entry.case'
  | 'entry.reference'
  | 'chain.broken'
  | 'file.mismatch'
  | 'file.missing'
  | 'checkpoint.invalid'
  | 'checkpoint.case'
  | 'checkpoint.size'
  | 'checkpoint.signature'
  | 'checkpoint.root'
  | 'checkpoint.order'
  | 'proof.invalid';

export interface Problem {
  code: ProblemCode;
  /** The entry concerned, when one can be named. */
  seq: number | null;
  detail: string;
}

export interface EntryReport {
  seq: number;
  entryHash: string | null;
  /** The entry is well-formed, in sequence and linked to the one before. */
  chain: boolean;
  file: FileCheck;
  /** treeSize of the first valid checkpoint that covers this entry, or null. */
  coveredBy: number | null;
}

export interface CheckpointReport {
  index: number;
  treeSize: number | null;
  signature: boolean;
  root: boolean;
}

export interface LedgerReport {
  ok: boolean;
  caseId: string | null;
  entries: EntryReport[];
  checkpoints: CheckpointReport[];
  problems: Problem[];
  /** The first problem by entry order (problems without an entry come after). */
  firstProblem: Problem | null;
}

export interface VerifyInput {
  caseId?: string;
  entries: unknown;
  checkpoints: unknown;
  proofs?: unknown;
  verifySignature: SignatureVerifier;
  /** Re-hashes the entry's file; omitted when the export carries no files. */
  checkFile?: (entry: LedgerEntry) => Promise<Exclude<FileCheck, 'not_checked'>>;
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || '(entry)'}: ${first.message}` : 'invalid';
}

export async function verifyLedger(input: VerifyInput): Promise<LedgerReport> {
  const problems: Problem[] = [];
  const problem = (code: ProblemCode, seq: number | null, detail: string) => problems.push({ code, seq, detail });

  const rawEntries = Array.isArray(input.entries) ? input.entries : [];
  if (!Array.isArray(input.entries)) problem('entry.invalid', null, 'entries.json is not a list of entries.');
  let caseId: string | null = input.caseId ?? null;
  const tree = new MerkleTree();
  const entries: EntryReport[] = [];
  const parsed: (LedgerEntry | null)[] = [];
  let previousHash: string | null = null;
  let chainIntact = true;

  for (const [i, raw] of rawEntries.entries()) {
    const checked = ledgerEntrySchema.safeParse(raw);
    if (!checked.success) {
      problem('entry.invalid', i, `Entry ${i}: ${issue(checked.error)}.`);
      entries.push({ seq: i, entryHash: null, chain: false, file: 'not_checked', coveredBy: null });
      parsed.push(null);
      chainIntact = false;
      // The leaf still takes its place, so later indexes stay aligned and the roots fail.
      tree.appendLeafHash(leafHash(new Uint8Array([0xff, i & 0xff])));
      previousHash = null;
      continue;
    }
    const entry = checked.data;
    const { bytes, hash } = sealEntry(entry);
    let chain: boolean = chainIntact;
    if (entry.seq !== i) {
      problem('entry.sequence', i, `Entry ${i} says it is number ${entry.seq}: entries were removed, duplicated or reordered.`);
      chain = false;
    }
    caseId ??= entry.caseId;
    if (entry.caseId !== caseId) {
      problem('entry.case', i, `Entry ${i} belongs to case ${entry.caseId}, not ${caseId}.`);
      chain = false;
    }
    if (i > 0 && entry.prevEntryHash !== previousHash) {
      problem('chain.broken', i - 1, `Entry ${i} does not name the hash of entry ${i - 1}: entry ${i - 1} (or the link in entry ${i}) was changed.`);
      chain = false;
    }
    if (entry.refersTo !== null && (entry.refersTo >= i || parsed[entry.refersTo] === null)) {
      problem('entry.reference', i, `Entry ${i} refers to entry ${entry.refersTo}, which is not an earlier valid entry.`);
      chain = false;
    }
    chainIntact = chainIntact && chain;
    entries.push({ seq: i, entryHash: hash, chain, file: 'not_checked', coveredBy: null });
    parsed.push(entry);
    tree.appendLeafHash(leafHash(bytes));
    previousHash = hash;
  }

  if (input.checkFile) {
    for (const [i, entry] of parsed.entries()) {
      if (!entry || entry.contentSha256 === null) continue;
      const result = await input.checkFile(entry);
      (entries[i] as EntryReport).file = result;
      if (result === 'mismatch') problem('file.mismatch', i, `The file of entry ${i} (“${entry.title}”) does not match its SHA-256: it was changed.`);
      if (result === 'missing') problem('file.missing', i, `The file of entry ${i} (“${entry.title}”) is missing.`);
    }
  }

  const rawCheckpoints = Array.isArray(input.checkpoints) ? input.checkpoints : [];
  if (!Array.isArray(input.checkpoints)) problem('checkpoint.invalid', null, 'checkpoints.json is not a list of checkpoints.');
  const checkpoints: CheckpointReport[] = [];
  const valid: SignedCheckpoint[] = [];
  /** Signed by the institution for this case, whether or not the entries still match them. */
  const signedByInstitution: SignedCheckpoint[] = [];
  for (const [index, raw] of rawCheckpoints.entries()) {
    const checked = signedCheckpointSchema.safeParse(raw);
    if (!checked.success) {
      problem('checkpoint.invalid', null, `Checkpoint ${index + 1}: ${issue(checked.error)}.`);
      checkpoints.push({ index, treeSize: null, signature: false, root: false });
      continue;
    }
    const signed = checked.data;
    const { treeSize, rootHash } = signed.checkpoint;
    // A verifier that throws (a malformed signature, say) has found the signature invalid.
    const signature = await input.verifySignature(checkpointBytes(signed.checkpoint), signed.signature, signed.keyId).catch(() => false);
    if (!signature) problem('checkpoint.signature', null, `Checkpoint ${index + 1} (size ${treeSize}): the signature is not valid for the institution's certificate.`);
    if (caseId !== null && signed.checkpoint.caseId !== caseId) problem('checkpoint.case', null, `Checkpoint ${index + 1} is for case ${signed.checkpoint.caseId}.`);
    let root = false;
    if (treeSize > tree.size) {
      problem('checkpoint.size', tree.size, `Checkpoint ${index + 1} covers ${treeSize} entries, the export holds ${tree.size}: entries are missing from the end.`);
    } else {
      root = bytesToHex(tree.root(treeSize)) === rootHash;
      if (!root) {
        const firstBroken = entries.slice(0, treeSize).find((e) => !e.chain)?.seq ?? null;
        problem('checkpoint.root', firstBroken, `Checkpoint ${index + 1} (size ${treeSize}) does not match the entries: one of the first ${treeSize} was changed.`);
      }
    }
    const previous = valid[valid.length - 1];
    if (previous && previous.checkpoint.treeSize > treeSize) problem('checkpoint.order', null, `Checkpoint ${index + 1} is smaller than the one before it.`);
    checkpoints.push({ index, treeSize, signature, root });
    if (signature && signed.checkpoint.caseId === caseId) signedByInstitution.push(signed);
    if (signature && root && signed.checkpoint.caseId === caseId) valid.push(signed);
  }
  for (const signed of valid) {
    for (const entry of entries) if (entry.seq < signed.checkpoint.treeSize && entry.coveredBy === null) entry.coveredBy = signed.checkpoint.treeSize;
  }

  // Proofs are checked against what the institution signed: they show which entries still match it.
  if (input.proofs !== undefined) checkProofs(input.proofs, signedByInstitution, tree, problem);

  const ordered = [...problems].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  return { ok: problems.length === 0, caseId, entries, checkpoints, problems: ordered, firstProblem: ordered[0] ?? null };
}

/**
 * Where the entries rebuild the signed root, a proof holds exactly when it is the path of the
 * rebuilt tree (another path to the same root would be a SHA-256 collision): compared, not
 * re-hashed, which keeps 100,000 proofs to a fraction of a second. Otherwise it is verified
 * against the signed root, which tells which entries the checkpoint still vouches for.
 */
function inclusionHolds(p: InclusionProof, signedRoot: string, tree: MerkleTree, rebuiltRoot: (size: number) => string | null, hexOf: (h: Hash) => string): boolean {
  if (p.seq < p.treeSize && rebuiltRoot(p.treeSize) === signedRoot) {
    const path = tree.inclusionProof(p.seq, p.treeSize);
    return path.length === p.path.length && path.every((h, i) => hexOf(h) === p.path[i]);
  }
  return verifyInclusion(hexToBytes(p.leafHash), p.seq, p.treeSize, p.path.map(hexToBytes), hexToBytes(signedRoot));
}

/** The shipped proofs must hold against the valid checkpoints they name. */
function checkProofs(
  raw: unknown,
  signed: readonly SignedCheckpoint[],
  tree: MerkleTree,
  problem: (code: ProblemCode, seq: number | null, detail: string) => void,
): void {
  const checked = ledgerProofsSchema.safeParse(raw);
  if (!checked.success) {
    problem('proof.invalid', null, `proofs.json: ${issue(checked.error)}.`);
    return;
  }
  const proofs: LedgerProofs = checked.data;
  const bySize = new Map(signed.map((c) => [c.checkpoint.treeSize, c]));
  // Proofs share most of their nodes: each node's hex is computed once.
  const hexes = new WeakMap<Hash, string>();
  const hexOf = (h: Hash): string => {
    let hex = hexes.get(h);
    if (hex === undefined) hexes.set(h, (hex = bytesToHex(h)));
    return hex;
  };
  const roots = new Map<number, string | null>();
  const rebuiltRoot = (size: number): string | null => {
    if (!roots.has(size)) roots.set(size, size <= tree.size ? bytesToHex(tree.root(size)) : null);
    return roots.get(size) ?? null;
  };
  for (const p of proofs.inclusion) {
    // The proof keeps the leaf the checkpoint committed to: a differing entry is the altered one.
    if (p.seq < tree.size && bytesToHex(tree.leafHashAt(p.seq)) !== p.leafHash) {
      problem('proof.invalid', p.seq, `Entry ${p.seq} is not the entry the checkpoint of size ${p.treeSize} committed to: it was changed.`);
      continue;
    }
    const checkpoint = bySize.get(p.treeSize);
    const ok = checkpoint !== undefined && inclusionHolds(p, checkpoint.checkpoint.rootHash, tree, rebuiltRoot, hexOf);
    if (!ok) problem('proof.invalid', p.seq, `The inclusion proof of entry ${p.seq} in checkpoint size ${p.treeSize} does not hold.`);
  }
  for (const p of proofs.consistency) {
    const from = bySize.get(p.from);
    const to = bySize.get(p.to);
    const ok = from !== undefined && to !== undefined && verifyConsistency(p.from, p.to, hexToBytes(from.checkpoint.rootHash), hexToBytes(to.checkpoint.rootHash), p.path.map(hexToBytes));
    if (!ok) problem('proof.invalid', null, `The consistency proof from checkpoint size ${p.from} to ${p.to} does not hold.`);
  }
}
