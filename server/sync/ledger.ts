// A case's evidence ledger on the server: append-only, one holder workstation at a time, and every
// entry stored only where it continues the stored chain — the same checks the workstation's
// verification makes (shared/ledger: the entry's canonical hash, its predecessor's hash, its
// sequence number), so the server's copy never forks. A checkpoint is stored only over entries the
// server has, with the Merkle root they give.
import { z } from 'zod';
import { sealEntry } from '../../shared/ledger/entry';
import { bytesToHex } from '../../shared/ledger/hash';
import { MerkleTree } from '../../shared/ledger/merkle';
import { ledgerEntryRowSchema, ledgerRowId, type CheckpointRow, type LedgerEntryRow } from '../../shared/ledger/rows';
import type { Session } from '../auth/sessions';
import type { Db } from '../db/tenant';
import { recordEvent } from '../records';
import { refuse, type Refusal } from '../refusal';

function chainBroken(caseId: string, seq: number, reason: string): Refusal {
  return refuse(409, 'server.sync_ledger_chain', { caseId, seq, reason });
}

const holderRowSchema = z.object({ workstation_id: z.string(), since: z.date() });

/**
 * The workstation holding the case's ledger, locked for this transaction (entries of one case are
 * stored one push at a time); the first workstation to push an entry of a case becomes its holder.
 */
async function requireHolder(db: Db, session: Session, caseId: string, workstationId: string, now: Date): Promise<void> {
  const held = await db.query('SELECT workstation_id, since FROM mw.ledger_holders WHERE case_id = $1 FOR UPDATE', [caseId]);
  const row = held.rows[0] ? holderRowSchema.parse(held.rows[0]) : null;
  if (row === null) {
    await db.query('INSERT INTO mw.ledger_holders (institution_id, case_id, workstation_id, since, account_id) VALUES ($1, $2, $3, $4, $5)', [session.institutionId, caseId, workstationId, now, session.accountId]);
    return;
  }
  if (row.workstation_id !== workstationId) throw refuse(409, 'server.sync_ledger_not_holder', { caseId });
}

/** The case's last stored entry, or null for an empty ledger. */
async function lastEntry(db: Db, caseId: string): Promise<LedgerEntryRow | null> {
  const result = await db.query("SELECT body FROM mw.records WHERE kind = 'ledgerEntries' AND case_id = $1 ORDER BY id DESC LIMIT 1", [caseId]);
  return result.rows[0] ? ledgerEntryRowSchema.parse((result.rows[0] as { body: unknown }).body) : null;
}

/** Refuses an entry that is not the next of its case's stored chain, from the ledger's holder. */
export async function checkLedgerEntry(db: Db, session: Session, row: LedgerEntryRow, workstationId: string, now: Date): Promise<void> {
  const { caseId, seq, entry } = row;
  await requireHolder(db, session, caseId, workstationId, now);
  if (entry.caseId !== caseId || entry.seq !== seq) throw chainBroken(caseId, seq, 'row_mismatch');
  if (row.id !== ledgerRowId(caseId, seq)) throw chainBroken(caseId, seq, 'id');
  if (sealEntry(entry).hash !== row.entryHash) throw chainBroken(caseId, seq, 'entry_hash');
  const last = await lastEntry(db, caseId);
  const expected = last === null ? 0 : last.seq + 1;
  if (seq !== expected) throw chainBroken(caseId, seq, `expected_seq_${expected}`);
  if (entry.prevEntryHash !== (last?.entryHash ?? null)) throw chainBroken(caseId, seq, 'previous_hash');
}

/** Refuses a checkpoint over entries the server does not have, or whose root they do not give. */
export async function checkCheckpoint(db: Db, row: CheckpointRow): Promise<void> {
  const body = row.signed.checkpoint;
  if (body.caseId !== row.caseId || body.treeSize !== row.treeSize) throw chainBroken(row.caseId, row.treeSize, 'checkpoint_mismatch');
  const result = await db.query("SELECT body FROM mw.records WHERE kind = 'ledgerEntries' AND case_id = $1 ORDER BY id LIMIT $2", [row.caseId, row.treeSize]);
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
