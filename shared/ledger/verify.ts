// Verifies a case's ledger as exported (./export.ts): every entry's form, sequence and chain link,
// its file when the files are present, every checkpoint's signature and root, the consistency of
// successive checkpoints and every shipped inclusion proof. It reports on each entry, and names the
// first entry where anything breaks; a damaged input gives a report, never an exception.
import type { z } from 'zod';
import { detail, englishText, type DetailParams } from '../confirmation/check-detail';
import { signedCheckpointSchema, checkpointBytes, type SignatureVerifier, type SignedCheckpoint } from './checkpoint';
import { entryBytes, ledgerEntrySchema, type LedgerEntry } from './entry';
import { bytesToHex, equalsHex, hashesToHex, hexToBytes, leafHashInto, lowerHexInto, sha256Into, type Hash } from './hash';
import { MerkleTree, subtreeHashAt, subtreeNodes, verifyConsistency, verifyInclusion } from './merkle';
import { ledgerProofsSchema, type CheckpointLeaves, type InclusionProof, type LedgerProofs } from './proofs';

export type FileCheck = 'ok' | 'mismatch' | 'missing' | 'not_checked';

export type ProblemCode =
  | 'entry.invalid'
  | 'entry.sequence'
  | 'entry.case'
  | 'entry.reference'
  | 'entry.changed'
  | 'chain.broken'
  | 'file.mismatch'
  | 'file.missing'
  | 'checkpoint.invalid'
  | 'checkpoint.case'
  | 'checkpoint.size'
  | 'checkpoint.signature'
  | 'checkpoint.root'
  | 'checkpoint.order'
  | 'checkpoint.uncovered'
  | 'proof.invalid';

export interface Problem {
  code: ProblemCode;
  /** The entry concerned, when one can be named. */
  seq: number | null;
  detail: string;
  /** The values of its translatable text, for the problems that have one (uncoveredDetail). */
  params?: DetailParams;
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
  /**
   * How many entries, at the end, no checkpoint signed by the institution covers. Nothing
   * authenticates them: an export with any is not valid unless coverage is 'pending'.
   */
  awaitingCheckpoint: number;
}

export interface VerifyInput {
  caseId?: string;
  /** The parsed entries.json (ignored when `examined` is given). */
  entries: unknown;
  /**
   * The bytes each entry was read from (readEntriesFile): hashed as they are, which is what was
   * signed when they are untouched. Without them each entry is canonicalised again.
   */
  entryBytes?: readonly Uint8Array[] | null;
  /**
   * Every entry already examined on its own (examineEntry), e.g. by several threads, in place of
   * `entries` and `entryBytes`; verifyLedger then checks what lies between them (sequence, case,
   * chain, references), the tree, the checkpoints and the proofs.
   */
  examined?: ExaminedEntries | null;
  checkpoints: unknown;
  proofs?: unknown;
  verifySignature: SignatureVerifier;
  /** Re-hashes the entry's file; omitted when the export carries no files. */
  checkFile?: (entry: LedgerEntry) => Promise<Exclude<FileCheck, 'not_checked'>>;
  /**
   * 'required' (the default): entries no signed checkpoint covers are a problem, since only a
   * signature authenticates the chain — a truncated or rewritten tail re-linked by anyone would
   * otherwise pass. 'pending': they are only counted (awaitingCheckpoint), for the app, where
   * entries are added between checkpoints as a matter of course, and for a check of the links alone.
   */
  coverage?: 'required' | 'pending';
}

/** The text of the uncovered-entries problem: its key and values, from which its English is made. */
export function uncoveredDetail(first: number, count: number) {
  return detail('ledger_problem.checkpoint_uncovered', { first, count });
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || '(entry)'}: ${first.message}` : 'invalid';
}

/** ExaminedEntries.state of an entry. */
export const EXAMINED = {
  /** Not examined (yet). */
  none: 0,
  /** A valid entry naming the hash of its predecessor. */
  valid: 1,
  /** A valid entry with prevEntryHash null. */
  validFirst: 2,
  /** Not a valid entry. */
  invalid: 3,
} as const;

/** ExaminedEntries.hashes: per entry, its entry hash, its Merkle leaf hash and the prevEntryHash it names. */
export const EXAMINED_STRIDE = 96;

/**
 * What each entry is on its own, found without looking at the others, in compact arrays (which
 * a worker thread can fill in shared memory): validated by ledgerEntrySchema, the SHA-256 of its
 * bytes (the entry hash) and its Merkle leaf hash, and the fields the checks between entries use.
 */
export interface ExaminedEntries {
  readonly count: number;
  /** Per entry, one of EXAMINED. */
  readonly state: Uint8Array;
  /**
   * Per entry, EXAMINED_STRIDE bytes: entry hash, leaf hash, prevEntryHash (zero if null) — for an
   * entry that is not valid only the leaf hash, of a placeholder that keeps later leaves in place.
   */
  readonly hashes: Uint8Array;
  /** Per valid entry, two numbers: its seq and its refersTo (−1 for null). */
  readonly numbers: Float64Array;
  /** The caseId of every valid entry not in otherCases (set by the first valid entry when null). */
  caseId: string | null;
  readonly otherCases: Map<number, string>;
  /** Why each entry that is not valid is not (the schema's first issue). */
  readonly issues: Map<number, string>;
  /** The validated entries, when kept (checking the files needs them). */
  readonly entries: LedgerEntry[] | null;
  /**
   * When set, the Merkle nodes of every complete block of 2^height entries (entries
   * [b·2^height, (b+1)·2^height)), computed by whoever examined the block (examineBlock): block b's
   * at nodes[b·2^height·32], as subtreeNodes writes them. The tree is then mostly built already.
   */
  readonly subtrees: { height: number; nodes: Uint8Array } | null;
}

export interface ExaminedArrays {
  state: Uint8Array;
  hashes: Uint8Array;
  numbers: Float64Array;
  subtrees: { height: number; nodes: Uint8Array } | null;
}

/**
 * The arrays of ExaminedEntries for `count` entries, over `buffer`s the caller allocates (shared
 * memory, say), with room for the nodes of blocks of 2^subtreeHeight entries when that is given.
 */
export function examinedArrays(count: number, buffer: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes), subtreeHeight?: number): ExaminedArrays {
  return {
    state: new Uint8Array(buffer(count)),
    hashes: new Uint8Array(buffer(count * EXAMINED_STRIDE)),
    numbers: new Float64Array(buffer(count * 2 * Float64Array.BYTES_PER_ELEMENT)),
    subtrees: subtreeHeight === undefined ? null : { height: subtreeHeight, nodes: new Uint8Array(buffer(count * 32)) },
  };
}

export function examinedEntries(count: number, options: { caseId: string | null; keepEntries: boolean; arrays?: ExaminedArrays }): ExaminedEntries {
  const arrays = options.arrays ?? examinedArrays(count);
  return { count, ...arrays, caseId: options.caseId, otherCases: new Map(), issues: new Map(), entries: options.keepEntries ? new Array<LedgerEntry>(count) : null };
}

/**
 * Examines entry i on its own: validates it (ledgerEntrySchema, the documented boundary), hashes
 * `bytes` — the bytes it was read from — or else its canonical form, and records what the checks
 * between entries need.
 */
export function examineEntry(examined: ExaminedEntries, i: number, raw: unknown, bytes: Uint8Array | undefined): void {
  const checked = ledgerEntrySchema.safeParse(raw);
  if (!checked.success) {
    examined.issues.set(i, issue(checked.error));
    // The leaf still takes its place, so later indexes stay aligned and the roots fail.
    leafHashInto(new Uint8Array([0xff, i & 0xff]), examined.hashes, i * EXAMINED_STRIDE + 32);
    examined.state[i] = EXAMINED.invalid;
    return;
  }
  const entry = checked.data;
  const data = bytes ?? entryBytes(entry);
  const at = i * EXAMINED_STRIDE;
  sha256Into(data, examined.hashes, at);
  leafHashInto(data, examined.hashes, at + 32);
  // The schema admits only lower-case hex of 32 bytes (so comparing bytes is comparing the hex).
  if (entry.prevEntryHash !== null && (entry.prevEntryHash.length !== 64 || !lowerHexInto(entry.prevEntryHash, examined.hashes, at + 64))) throw new TypeError('prevEntryHash passed the schema but is not a hash.');
  examined.numbers[2 * i] = entry.seq;
  examined.numbers[2 * i + 1] = entry.refersTo ?? -1;
  if (examined.caseId === null) examined.caseId = entry.caseId;
  else if (entry.caseId !== examined.caseId) examined.otherCases.set(i, entry.caseId);
  if (examined.entries) examined.entries[i] = entry;
  examined.state[i] = entry.prevEntryHash === null ? EXAMINED.validFirst : EXAMINED.valid;
}

const leafOf = (examined: ExaminedEntries, i: number): Hash => examined.hashes.subarray(i * EXAMINED_STRIDE + 32, i * EXAMINED_STRIDE + 64);

/** Computes the Merkle nodes of block b (see ExaminedEntries.subtrees), once its entries are examined. */
export function examineBlock(examined: ExaminedEntries, block: number): void {
  const subtrees = examined.subtrees;
  if (!subtrees) return;
  const width = 2 ** subtrees.height;
  if ((block + 1) * width > examined.count) return;
  subtreeNodes((k) => leafOf(examined, block * width + k), subtrees.height, subtrees.nodes, block * width * 32);
}

function sameBytes(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (a[aAt + k] !== b[bAt + k]) return false;
  return true;
}

export async function verifyLedger(input: VerifyInput): Promise<LedgerReport> {
  const problems: Problem[] = [];
  const problem = (code: ProblemCode, seq: number | null, detail: string) => problems.push({ code, seq, detail });

  let examined = input.examined ?? null;
  if (!examined) {
    const rawEntries = Array.isArray(input.entries) ? input.entries : [];
    if (!Array.isArray(input.entries)) problem('entry.invalid', null, 'entries.json is not a list of entries.');
    examined = examinedEntries(rawEntries.length, { caseId: input.caseId ?? null, keepEntries: input.checkFile !== undefined });
    for (let i = 0; i < rawEntries.length; i++) examineEntry(examined, i, rawEntries[i], input.entryBytes?.[i]);
  }
  if (input.checkFile && !examined.entries) throw new TypeError('Checking files needs the examined entries kept (keepEntries).');
  const { count, state, hashes, numbers, otherCases } = examined;
  const isValid = (i: number) => state[i] === EXAMINED.valid || state[i] === EXAMINED.validFirst;

  let caseId: string | null = input.caseId ?? null;
  const tree = new MerkleTree();
  const entries: EntryReport[] = [];
  const hex = hashesToHex(hashes, count, EXAMINED_STRIDE);
  let chainIntact = true;

  for (let i = 0; i < count; i++) {
    if (!isValid(i)) {
      problem('entry.invalid', i, `Entry ${i}: ${examined.issues.get(i) ?? '(entry): not examined'}.`);
      entries.push({ seq: i, entryHash: null, chain: false, file: 'not_checked', coveredBy: null });
      chainIntact = false;
      continue;
    }
    const at = i * EXAMINED_STRIDE;
    const seq = numbers[2 * i] as number;
    const refersTo = numbers[2 * i + 1] as number;
    const entryCaseId = (otherCases.size > 0 ? otherCases.get(i) : undefined) ?? (examined.caseId as string);
    let chain: boolean = chainIntact;
    if (seq !== i) {
      problem('entry.sequence', i, `Entry ${i} says it is number ${seq}: entries were removed, duplicated or reordered.`);
      chain = false;
    }
    caseId ??= entryCaseId;
    if (entryCaseId !== caseId) {
      problem('entry.case', i, `Entry ${i} belongs to case ${entryCaseId}, not ${caseId}.`);
      chain = false;
    }
    if (i > 0) {
      // prevEntryHash must be the hash of entry i − 1, which is null when that entry is not valid.
      const namesOne = state[i] === EXAMINED.valid;
      const linked = isValid(i - 1) ? namesOne && sameBytes(hashes, at + 64, hashes, at - EXAMINED_STRIDE, 32) : !namesOne;
      if (!linked) {
        problem('chain.broken', i - 1, `Entry ${i} does not name the hash of entry ${i - 1}: entry ${i - 1} (or the link in entry ${i}) was changed.`);
        chain = false;
      }
    }
    if (refersTo !== -1 && (refersTo >= i || !isValid(refersTo))) {
      problem('entry.reference', i, `Entry ${i} refers to entry ${refersTo}, which is not an earlier valid entry.`);
      chain = false;
    }
    chainIntact = chainIntact && chain;
    entries.push({ seq: i, entryHash: hex.slice(64 * i, 64 * i + 64), chain, file: 'not_checked', coveredBy: null });
  }
  // Every entry's leaf, valid or not (examineEntry); complete blocks with their nodes when examined with them.
  const subtrees = examined.subtrees;
  const width = subtrees ? 2 ** subtrees.height : 1;
  for (let i = 0; i < count; ) {
    if (subtrees && i % width === 0 && i + width <= count) {
      const start = i;
      const leaf = (k: number) => leafOf(examined, start + k);
      tree.appendCompleteSubtree(subtrees.height, (level, k) => subtreeHashAt(leaf, subtrees.nodes, subtrees.height, start * 32, level, k));
      i += width;
    } else {
      tree.appendLeafHash(leafOf(examined, i));
      i++;
    }
  }

  if (input.checkFile) {
    const kept = examined.entries as LedgerEntry[];
    for (let i = 0; i < count; i++) {
      const entry = kept[i];
      if (!isValid(i) || !entry || entry.contentSha256 === null) continue;
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
  // Entries a signed checkpoint claims but no longer matches are reported above (root, proofs);
  // those beyond every signed checkpoint are vouched for by nobody.
  const claimed = Math.min(count, signedByInstitution.reduce((most, c) => Math.max(most, c.checkpoint.treeSize), 0));
  const awaitingCheckpoint = count - claimed;
  if (awaitingCheckpoint > 0 && (input.coverage ?? 'required') === 'required') {
    const said = uncoveredDetail(claimed, awaitingCheckpoint);
    problems.push({ code: 'checkpoint.uncovered', seq: claimed, detail: englishText(said), params: said.params });
  }

  // Proofs are checked against what the institution signed: they show which entries still match it.
  if (input.proofs !== undefined) checkProofs(input.proofs, signedByInstitution, tree, problem);

  const ordered = [...problems].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  return { ok: problems.length === 0, caseId, entries, checkpoints, problems: ordered, firstProblem: ordered[0] ?? null, awaitingCheckpoint };
}

/**
 * Where the entries rebuild the signed root, a proof holds exactly when it is the path of the
 * rebuilt tree (another path to the same root would be a SHA-256 collision): compared, not
 * re-hashed, which keeps 100,000 proofs to a fraction of a second. Otherwise it is verified
 * against the signed root, which tells which entries the checkpoint still vouches for.
 */
function inclusionHolds(p: InclusionProof, signedRoot: string, tree: MerkleTree, rebuiltRoot: (size: number) => string | null): boolean {
  if (p.seq < p.treeSize && rebuiltRoot(p.treeSize) === signedRoot) {
    const path = tree.inclusionProof(p.seq, p.treeSize);
    return path.length === p.path.length && path.every((h, i) => equalsHex(h, p.path[i] as string));
  }
  return verifyInclusion(hexToBytes(p.leafHash), p.seq, p.treeSize, p.path.map(hexToBytes), hexToBytes(signedRoot));
}

/**
 * The leaves must be those the signed checkpoint commits to. Where the rebuilt tree has the signed
 * root, they must equal its leaves; otherwise, if they rebuild the signed root themselves, every
 * entry whose leaf differs is named as changed.
 */
function checkLeaves(
  leaves: CheckpointLeaves,
  signed: SignedCheckpoint | undefined,
  tree: MerkleTree,
  problem: (code: ProblemCode, seq: number | null, detail: string) => void,
): void {
  const { treeSize, hashes } = leaves;
  if (!signed || hashes.length !== treeSize) {
    problem('proof.invalid', null, `proofs.json: the leaves of checkpoint size ${treeSize} do not belong to a validly signed checkpoint.`);
    return;
  }
  const rebuilt = treeSize <= tree.size && bytesToHex(tree.root(treeSize)) === signed.checkpoint.rootHash;
  if (rebuilt) {
    const differs = hashes.findIndex((h, i) => !equalsHex(tree.leafHashAt(i), h));
    if (differs !== -1) problem('proof.invalid', null, `proofs.json: leaf ${differs} of checkpoint size ${treeSize} was changed.`);
    return;
  }
  const shipped = new MerkleTree();
  for (const h of hashes) shipped.appendLeafHash(hexToBytes(h));
  if (bytesToHex(shipped.root()) !== signed.checkpoint.rootHash) {
    problem('proof.invalid', null, `proofs.json: the leaves of checkpoint size ${treeSize} do not rebuild its signed root.`);
    return;
  }
  for (let i = 0; i < Math.min(treeSize, tree.size); i++) {
    if (!equalsHex(tree.leafHashAt(i), hashes[i] as string)) problem('entry.changed', i, `Entry ${i} is not the entry the checkpoint of size ${treeSize} committed to: it was changed.`);
  }
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
  const roots = new Map<number, string | null>();
  const rebuiltRoot = (size: number): string | null => {
    if (!roots.has(size)) roots.set(size, size <= tree.size ? bytesToHex(tree.root(size)) : null);
    return roots.get(size) ?? null;
  };
  for (const p of proofs.inclusion) {
    // The proof keeps the leaf the checkpoint committed to: a differing entry is the altered one.
    if (p.seq < tree.size && !equalsHex(tree.leafHashAt(p.seq), p.leafHash)) {
      problem('proof.invalid', p.seq, `Entry ${p.seq} is not the entry the checkpoint of size ${p.treeSize} committed to: it was changed.`);
      continue;
    }
    const checkpoint = bySize.get(p.treeSize);
    const ok = checkpoint !== undefined && inclusionHolds(p, checkpoint.checkpoint.rootHash, tree, rebuiltRoot);
    if (!ok) problem('proof.invalid', p.seq, `The inclusion proof of entry ${p.seq} in checkpoint size ${p.treeSize} does not hold.`);
  }
  if (proofs.leaves) checkLeaves(proofs.leaves, bySize.get(proofs.leaves.treeSize), tree, problem);
  for (const p of proofs.consistency) {
    const from = bySize.get(p.from);
    const to = bySize.get(p.to);
    const ok = from !== undefined && to !== undefined && verifyConsistency(p.from, p.to, hexToBytes(from.checkpoint.rootHash), hexToBytes(to.checkpoint.rootHash), p.path.map(hexToBytes));
    if (!ok) problem('proof.invalid', null, `The consistency proof from checkpoint size ${p.from} to ${p.to} does not hold.`);
  }
}
