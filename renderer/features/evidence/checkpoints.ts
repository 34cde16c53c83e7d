// Signed checkpoints of a case's ledger in the app (issue 3 item 5): on demand, and at milestones
// (an agreement signed, a package or the ledger exported). Each is the institution's signature
// over {caseId, treeSize, rootHash, time}, stored in the `checkpoints` table and recorded as an
// audit event. A checkpoint never changes the entries; it commits to all of them so far.
import { signCheckpoint } from '../../../shared/ledger/checkpoint';
import { sealEntry } from '../../../shared/ledger/entry';
import { bytesToHex, leafHash } from '../../../shared/ledger/hash';
import { MerkleTree } from '../../../shared/ledger/merkle';
import type { User } from '../../../shared/domain/model';
import type { PlatformPort } from '../../../shared/platform';
import type { CheckpointReason, CheckpointRow, DataStore, LedgerEntryRow } from '../../data';
import { actorOf, personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { institutionSigner } from '../identity';
import { evidenceEvent, readLedgerRows, visibleCase } from './store';

/** The case's signed checkpoints, smallest tree first (and, for one size, oldest first). */
export async function readCheckpoints(data: DataStore, caseId: string): Promise<CheckpointRow[]> {
  const rows = await data.checkpoints.byCase(caseId);
  return rows.sort((a, b) => a.treeSize - b.treeSize || a.signed.checkpoint.time.localeCompare(b.signed.checkpoint.time));
}

/** The Merkle tree of the case's entries as stored. */
export function treeOf(rows: readonly LedgerEntryRow[]): MerkleTree {
  const tree = new MerkleTree();
  for (const row of rows) tree.appendLeafHash(leafHash(sealEntry(row.entry).bytes));
  return tree;
}

/**
 * Signs a checkpoint over every entry of the case. On demand, a ledger already covered by its
 * latest checkpoint is refused (nothing new to commit to); at a milestone the existing one serves.
 */
export async function signCaseCheckpoint(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys'>,
  actor: User,
  caseId: string,
  reason: CheckpointReason,
  options: { passphrase?: string; now?: Date } = {},
): Promise<StoreResult<CheckpointRow>> {
  return asResult(async () => {
    const now = options.now ?? new Date();
    const record = await visibleCase(data, actor, caseId, true);
    const rows = await readLedgerRows(data, caseId);
    if (rows.length === 0) throw new StoreError('evidence.checkpoint_empty', 'The ledger has no entries to sign yet.');
    const latest = (await readCheckpoints(data, caseId)).at(-1);
    if (latest && latest.treeSize === rows.length) {
      if (reason !== 'on_demand') return latest;
      throw new StoreError('evidence.checkpoint_current', 'The latest checkpoint already covers every entry.', { size: rows.length });
    }
    const { signer, summary } = await institutionSigner(data, platform, options.passphrase, now);
    const tree = treeOf(rows);
    const signed = await signCheckpoint({ caseId, treeSize: tree.size, rootHash: bytesToHex(tree.root()), time: now.toISOString() }, signer);
    const row: CheckpointRow = {
      id: `${caseId}#${String(tree.size).padStart(9, '0')}#${now.toISOString()}`,
      caseId,
      treeSize: tree.size,
      reason,
      signedBy: personOf(actor),
      signed,
    };
    await data.transact(actorOf(actor), async () => {
      // Entries added meanwhile are simply not covered; entries are never removed, so the
      // checkpoint still commits to a prefix of the ledger.
      await data.checkpoints.add(row);
      await data.events.record(evidenceEvent(actor, now, caseId, row.id, 'checkpoint', { treeSize: tree.size, rootHash: signed.checkpoint.rootHash, keyId: summary.keyId, reason, number: record.number }));
    });
    return row;
  });
}
