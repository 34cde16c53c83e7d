// A case's ledger in memory: entries appended in order, the Merkle tree kept beside them, signed
// checkpoints over its current size. The app's store, the CLI's demo and the tests use it alike.
import { signCheckpoint, type Signer, type SignedCheckpoint } from './checkpoint';
import { nextEntry, sealEntry, type EntryInput, type LedgerEntry } from './entry';
import { bytesToHex, leafHash } from './hash';
import { MerkleTree } from './merkle';
import { proofsFor, type LedgerProofs } from './proofs';

export class CaseLedger {
  readonly entries: LedgerEntry[] = [];
  readonly checkpoints: SignedCheckpoint[] = [];
  readonly tree = new MerkleTree();
  private lastHash: string | null = null;

  constructor(readonly caseId: string) {}

  /** A ledger as stored (entries and their checkpoints), re-chained to prove the entries link. */
  static of(caseId: string, entries: readonly LedgerEntry[], checkpoints: readonly SignedCheckpoint[]): CaseLedger {
    const ledger = new CaseLedger(caseId);
    for (const entry of entries) {
      const { seq, caseId: _caseId, prevEntryHash, ...input } = entry;
      const appended = ledger.append(input);
      if (appended.seq !== seq || appended.prevEntryHash !== prevEntryHash) throw new RangeError(`Stored entry ${seq} does not follow the one before it.`);
    }
    ledger.checkpoints.push(...checkpoints);
    return ledger;
  }

  /** Validates and appends an entry; a refused input leaves the ledger unchanged. */
  append(input: EntryInput): LedgerEntry {
    const last = this.entries[this.entries.length - 1];
    const entry = nextEntry(this.caseId, last && this.lastHash ? { entry: last, hash: this.lastHash } : null, input);
    if (entry.refersTo !== null && entry.refersTo >= this.entries.length) throw new RangeError(`Entry ${entry.refersTo} does not exist.`);
    const { bytes, hash } = sealEntry(entry);
    this.entries.push(entry);
    this.tree.appendLeafHash(leafHash(bytes));
    this.lastHash = hash;
    return entry;
  }

  rootHash(size = this.tree.size): string {
    return bytesToHex(this.tree.root(size));
  }

  async checkpoint(sign: Signer, time: Date): Promise<SignedCheckpoint> {
    if (this.entries.length === 0) throw new RangeError('An empty ledger has nothing to sign.');
    const signed = await signCheckpoint({ caseId: this.caseId, treeSize: this.tree.size, rootHash: this.rootHash(), time: time.toISOString() }, sign);
    this.checkpoints.push(signed);
    return signed;
  }

  proofs(options: { inclusion?: boolean } = {}): LedgerProofs {
    return proofsFor(
      this.tree,
      this.entries,
      this.checkpoints.map((c) => c.checkpoint.treeSize),
      options,
    );
  }
}
