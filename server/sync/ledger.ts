// A case's evidence ledger on the server: append-only, one holder workstation at a time, and every
// entry stored only where it continues the stored chain — the same checks the workstation's
// verification makes (shared/ledger: the entry's canonical hash, its predecessor's hash, its
// sequence number), so the server's copy never forks. An entry pushed by another workstation is
// kept pending (shared/server/sync.ts) until the holder pushes an entry of the same content. A
// checkpoint is stored only over entries the server has, with the Merkle root they give.
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { sealEntry, type LedgerEntry } from '../../shared/ledger/entry';
import { bytesToHex } from '../../shared/ledger/hash';
import { MerkleTree } from '../../shared/ledger/merkle';
import { ledgerEntryRowSchema, ledgerRowId, type CheckpointRow, type LedgerEntryRow } from '../../shared/ledger/rows';
import type { Session } from '../auth/sessions';
import type { Db } from '../db/tenant';
import { PENDING_LEDGER_KIND } from '../../shared/server/sync';
import { recordChange, recordEvent } from '../records';
import { refuse, type Refusal } from '../refusal';

function chainBroken(caseId: string, seq: number, reason: string): Refusal {
  return refuse(409, 'server.sync_ledger_chain', { caseId, seq, reason });
}

const holderRowSchema = z.object({ workstation_id: z.string(), since: z.date() });

/**
 * Whether `workstationId` holds the case's ledger, the holder's row locked for this transaction
 * (entries of one case are stored one push at a time); the first workstation to push an entry of a
 * case becomes its holder.
 */
export async function holdsLedger(db: Db, session: Session, caseId: string, workstationId: string, now: Date, claim = true): Promise<boolean> {
  const held = await db.query('SELECT workstation_id, since FROM mw.ledger_holders WHERE case_id = $1 FOR UPDATE', [caseId]);
  const row = held.rows[0] ? holderRowSchema.parse(held.rows[0]) : null;
  if (row === null) {
    if (!claim) return true;
    await db.query('INSERT INTO mw.ledger_holders (institution_id, case_id, workstation_id, since, account_id) VALUES ($1, $2, $3, $4, $5)', [session.institutionId, caseId, workstationId, now, session.accountId]);
    return true;
  }
  return row.workstation_id === workstationId;
}

/** The id of the pending record of an entry pushed by a workstation that does not hold the ledger. */
export function pendingId(workstationId: string, rowId: string): string {
  return `pending:${workstationId}:${rowId}`;
}

/** An entry's row, its entry and its hash agree (whatever chain it is on). */
export function checkEntrySeal(row: LedgerEntryRow): void {
  const { caseId, seq, entry } = row;
  if (entry.caseId !== caseId || entry.seq !== seq) throw chainBroken(caseId, seq, 'row_mismatch');
  if (row.id !== ledgerRowId(caseId, seq)) throw chainBroken(caseId, seq, 'id');
  if (sealEntry(entry).hash !== row.entryHash) throw chainBroken(caseId, seq, 'entry_hash');
}

/** The case's last stored entry, or null for an empty ledger. */
async function lastEntry(db: Db, caseId: string): Promise<LedgerEntryRow | null> {
  const result = await db.query("SELECT body FROM mw.records WHERE institution_id = mw.current_institution() AND kind = 'ledgerEntries' AND case_id = $1 ORDER BY id DESC LIMIT 1", [caseId]);
  return result.rows[0] ? ledgerEntryRowSchema.parse((result.rows[0] as { body: unknown }).body) : null;
}

/** Refuses a holder's entry that is not the next of its case's stored chain. */
export async function checkLedgerEntry(db: Db, row: LedgerEntryRow): Promise<void> {
  const { caseId, seq, entry } = row;
  checkEntrySeal(row);
  const last = await lastEntry(db, caseId);
  const expected = last === null ? 0 : last.seq + 1;
  if (seq !== expected) throw chainBroken(caseId, seq, `expected_seq_${expected}`);
  if (entry.prevEntryHash !== (last?.entryHash ?? null)) throw chainBroken(caseId, seq, 'previous_hash');
}

/** What an entry says, apart from where it sits in a chain: equal for a pending entry and the holder's relinked copy. */
function contentOf(entry: LedgerEntry): string {
  const { seq: _seq, prevEntryHash: _prev, refersTo: _refers, ...content } = entry;
  return canonicalize(content) ?? '';
}

const pendingRowSchema = z.object({ id: z.string(), body: ledgerEntryRowSchema });

/** Removes the case's pending entries whose content the holder's new entry carries: the chain has taken them. */
export async function acceptPending(db: Db, session: Session, row: LedgerEntryRow, now: Date): Promise<number> {
  const pending = await db.query('SELECT id, body FROM mw.records WHERE institution_id = mw.current_institution() AND kind = $1 AND case_id = $2 ORDER BY id', [PENDING_LEDGER_KIND, row.caseId]);
  const content = contentOf(row.entry);
  let accepted = 0;
  for (const raw of pending.rows) {
    const candidate = pendingRowSchema.parse(raw);
    if (contentOf(candidate.body.entry) !== content) continue;
    await db.query('DELETE FROM mw.records WHERE institution_id = mw.current_institution() AND kind = $1 AND id = $2', [PENDING_LEDGER_KIND, candidate.id]);
    await recordChange(db, session.institutionId, { kind: PENDING_LEDGER_KIND, recordId: candidate.id, op: 'delete', accountId: session.accountId, caseId: row.caseId }, now);
    accepted += 1;
  }
  return accepted;
}

/** Refuses a checkpoint over entries the server does not have, or whose root they do not give. */
export async function checkCheckpoint(db: Db, row: CheckpointRow): Promise<void> {
  const body = row.signed.checkpoint;
  if (body.caseId !== row.caseId || body.treeSize !== row.treeSize) throw chainBroken(row.caseId, row.treeSize, 'checkpoint_mismatch');
  const result = await db.query("SELECT body FROM mw.records WHERE institution_id = mw.current_institution() AND kind = 'ledgerEntries' AND case_id = $1 ORDER BY id LIMIT $2", [row.caseId, row.treeSize]);
  if (result.rows.length < row.treeSize) throw chainBroken(row.caseId, row.treeSize, 'checkpoint_beyond_ledger');
  const entries = result.rows.map((r) => ledgerEntryRowSchema.parse((r as { body: unknown }).body).entry);
  const root = bytesToHex(MerkleTree.fromLeafData(entries.map((e) => sealEntry(e).bytes)).root(row.treeSize));
  if (root !== body.rootHash) throw chainBroken(row.caseId, row.treeSize, 'checkpoint_root');
}

/** Hands a case's ledger to another workstation (the case's writer, the director or the administrator). */
export async function handOverLedger(db: Db, session: Session, caseId: string, workstationId: string, now: Date): Promise<{ since: Date }> {
  const before = await db.query('SELECT workstation_id FROM mw.ledger_holders WHERE case_id = $1 FOR UPDATE', [caseId]);
  const from = (before.rows[0] as { workstation_id: string } | undefined)?.workstation_id ?? null;
  await db.query(
    `INSERT INTO mw.ledger_holders (institution_id, case_id, workstation_id, since, account_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (institution_id, case_id) DO UPDATE SET workstation_id = EXCLUDED.workstation_id, since = EXCLUDED.since, account_id = EXCLUDED.account_id`,
    [session.institutionId, caseId, workstationId, now, session.accountId],
  );
  await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'case', entityId: caseId, caseId, action: 'ledger.hand_over', before: { workstationId: from }, after: { workstationId } }, now);
  return { since: now };
}
