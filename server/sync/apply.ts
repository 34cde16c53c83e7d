// One pushed mutation, applied in the transaction it is given (server/sync/push.ts: the push's
// own, behind a savepoint per mutation): the mutation id checked against those already applied (the same id answers its
// earlier result, never applies twice), the body parsed with its kind's schema from shared/, the
// version compared (a mismatch is a conflict answered with the server's record: nothing silently
// overwritten), the kind's rules (cases through the case route's own writer, the ledger's chain),
// the write under the row-level policies, its change in the log, and the mutation remembered.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CheckpointRow, LedgerEntryRow } from '../../shared/ledger/rows';
import { problem } from '../../shared/problem';
import { APPEND_ONLY_KINDS, mutationResultSchema, PENDING_LEDGER_KIND, SYNC_BODY_SCHEMAS, type MutationResult, type ServerRecord, type SyncKind, type SyncMutation } from '../../shared/server/sync';
import type { Session } from '../auth/sessions';
import { readCase } from '../cases';
import type { Db } from '../db/tenant';
import { schemaProblems } from '../http/host';
import { recordChange } from '../records';
import { forbidden, invalid, refuse } from '../refusal';
import { putCase } from '../routes/cases';
import { acceptPending, checkCheckpoint, checkEntrySeal, checkLedgerEntry, holdsLedger, pendingId } from './ledger';

export interface Pusher {
  readonly session: Session;
  readonly workstationId: string;
}

/**
 * What one push's transaction learns once and reuses for its mutations: their earlier results
 * (read in one query, after their locks), and the cases this account was seen to see (forgotten
 * whenever a case of the push is written, since a case write may change who sees it).
 */
export interface PushScope {
  readonly priors: ReadonlyMap<string, z.infer<typeof priorSchema>>;
  readonly visibleCases: Set<string>;
}

/** The outcome of a kind's write: applied at a version with its change (kept pending: under that id), or a conflict. */
type Outcome = { readonly applied: true; readonly version: number; readonly seq: number; readonly pendingId?: string } | { readonly applied: false; readonly current: ServerRecord | null };

/** What the mutation says, as one digest: the same id must always carry the same. */
export function mutationDigest(m: SyncMutation): string {
  return createHash('sha256')
    .update(JSON.stringify([m.kind, m.id, m.op, m.baseVersion, m.body ?? null]))
    .digest('hex');
}

function parseBody<K extends SyncKind>(kind: K, body: unknown): z.infer<(typeof SYNC_BODY_SCHEMAS)[K]> {
  const parsed = (SYNC_BODY_SCHEMAS[kind] as z.ZodType).safeParse(body);
  if (!parsed.success) throw invalid(schemaProblems(parsed.error).map((p) => ({ ...p, params: { ...p.params, field: `body.${String(p.params.field)}` } })));
  return parsed.data as z.infer<(typeof SYNC_BODY_SCHEMAS)[K]>;
}

function fieldInvalid(field: string) {
  return invalid([problem('server.field_invalid', { field, code: 'value.invalid' })]);
}

async function applyCase(db: Db, pusher: Pusher, m: SyncMutation, now: Date): Promise<Outcome> {
  if (m.op === 'delete') throw refuse(409, 'server.sync_not_deletable', { kind: m.kind });
  const body = parseBody('cases', m.body);
  const stored = await readCase(db, m.id, true);
  const current = stored ? { version: stored.version, body: { case: stored.record, parties: stored.parties } } : null;
  if ((stored?.version ?? null) !== m.baseVersion) return { applied: false, current };
  const written = await putCase(db, pusher.session, m.id, { baseVersion: m.baseVersion, case: body.case, parties: body.parties }, now);
  return { applied: true, version: written.version, seq: written.seq };
}

/** The case a record of `kind` belongs to (null: the institution's own), after its own id is checked. */
function recordCaseId(kind: Exclude<SyncKind, 'cases'>, id: string, body: unknown): string | null {
  if (kind === 'events') return (body as { caseId: string | null }).caseId;
  if ((body as { id: string }).id !== id) throw fieldInvalid('body.id');
  if (kind === 'settings') return null;
  return (body as { caseId: string }).caseId;
}

const storedRecordSchema = z.object({ version: z.number(), body: z.unknown(), case_id: z.string().nullable() });

/** Whether the case is on the server and this account sees it. */
async function caseVisible(db: Db, scope: PushScope, caseId: string): Promise<boolean> {
  if (scope.visibleCases.has(caseId)) return true;
  const result = await db.query('SELECT 1 FROM mw.cases WHERE institution_id = mw.current_institution() AND id = $1', [caseId]);
  if (result.rows.length > 0) scope.visibleCases.add(caseId);
  return result.rows.length > 0;
}

/** The record now, as this account may see it; locked for this transaction when asked. */
async function storedRecord(db: Db, kind: string, id: string, lock: boolean): Promise<z.infer<typeof storedRecordSchema> | null> {
  const result = await db.query(`SELECT version, body, case_id FROM mw.records WHERE institution_id = mw.current_institution() AND kind = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [kind, id]);
  return result.rows[0] ? storedRecordSchema.parse(result.rows[0]) : null;
}

/**
 * A put's body checked: its kind's schema, its id, its case (on the server and seen), the
 * settings' writer, the ledger's chain and holder. `pending`: a ledger entry of a workstation that
 * does not hold the case's ledger, to be kept aside.
 */
async function checkedBody(db: Db, pusher: Pusher, scope: PushScope, m: SyncMutation & { kind: Exclude<SyncKind, 'cases'> }, now: Date): Promise<{ body: unknown; caseId: string | null; pending: boolean }> {
  const body = parseBody(m.kind, m.body);
  const caseId = recordCaseId(m.kind, m.id, body);
  if (m.kind === 'settings' && pusher.session.role !== 'admin') throw forbidden('settings.update');
  // A court's filings name the sending institution's case; every other case-bound record needs
  // its case on the server, visible to this account (another institution's case id is unknown).
  if (caseId !== null && m.kind !== 'courtFilings' && !(await caseVisible(db, scope, caseId))) throw refuse(404, 'server.sync_case_unknown', { caseId });
  if (m.kind === 'ledgerEntries' && caseId !== null) {
    if (!(await holdsLedger(db, pusher.session, caseId, pusher.workstationId, now))) {
      checkEntrySeal(body as LedgerEntryRow);
      return { body, caseId, pending: true };
    }
    await checkLedgerEntry(db, body as LedgerEntryRow);
  }
  if (m.kind === 'checkpoints' && caseId !== null) {
    // A checkpoint signs a chain: only the holder's, and only over what the server has.
    if (!(await holdsLedger(db, pusher.session, caseId, pusher.workstationId, now, false))) throw refuse(409, 'server.sync_ledger_not_holder', { caseId });
    await checkCheckpoint(db, body as CheckpointRow);
  }
  return { body, caseId, pending: false };
}

/**
 * A new record and its change-log entry, in one statement (one round trip: the push's cost is
 * mostly its statements); the change's number null when the id is taken (nothing written).
 */
async function insertRecord(db: Db, session: Session, record: { kind: string; id: string; caseId: string | null; body: unknown }, now: Date): Promise<number | null> {
  const result = await db.query<{ seq: string }>(
    `WITH stored AS (
       INSERT INTO mw.records (institution_id, kind, id, case_id, version, body, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, 1, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING 1)
     INSERT INTO mw.changes (institution_id, seq, kind, record_id, op, account_id, at, case_id)
     SELECT $1, mw.next_change_seq(), $2, $3, 'put', $7, $6, $4 FROM stored RETURNING seq`,
    [session.institutionId, record.kind, record.id, record.caseId, JSON.stringify(record.body), now, session.accountId],
  );
  return result.rows[0] ? Number(result.rows[0].seq) : null;
}

async function applyRecord(db: Db, pusher: Pusher, scope: PushScope, m: SyncMutation & { kind: Exclude<SyncKind, 'cases'> }, now: Date): Promise<Outcome> {
  const appendOnly = APPEND_ONLY_KINDS.includes(m.kind);
  if (appendOnly && (m.op === 'delete' || m.baseVersion !== null)) throw refuse(409, 'server.sync_append_only', { kind: m.kind });
  const { session } = pusher;
  const change = (op: 'put' | 'delete', caseId: string | null) => recordChange(db, session.institutionId, { kind: m.kind, recordId: m.id, op, accountId: session.accountId, caseId }, now);
  if (m.baseVersion === null) {
    // New on the server: stored unless the id is taken (then a conflict with what has it).
    const { body, caseId, pending } = await checkedBody(db, pusher, scope, m, now);
    const kind = pending ? PENDING_LEDGER_KIND : m.kind;
    const id = pending ? pendingId(pusher.workstationId, m.id) : m.id;
    const seq = await insertRecord(db, session, { kind, id, caseId, body }, now);
    if (seq === null) {
      const stored = await storedRecord(db, kind, id, false);
      return { applied: false, current: stored ? { version: stored.version, body: stored.body } : null };
    }
    if (pending) return { applied: true, version: 1, seq, pendingId: id };
    if (m.kind === 'ledgerEntries') await acceptPending(db, session, body as LedgerEntryRow, now);
    return { applied: true, version: 1, seq };
  }
  // Seen but not writable (the director's view of a mediator's minutes): refused, not a conflict.
  // A row FOR UPDATE must pass the write policy too, so it is asked first without the lock.
  const seen = await db.query('SELECT mw.may_write_record(institution_id, kind, case_id) AS writable FROM mw.records WHERE institution_id = mw.current_institution() AND kind = $1 AND id = $2', [m.kind, m.id]);
  if ((seen.rows[0] as { writable: boolean } | undefined)?.writable === false) throw forbidden(`${m.kind}.write`);
  const stored = await storedRecord(db, m.kind, m.id, true);
  if (!stored || stored.version !== m.baseVersion) return { applied: false, current: stored ? { version: stored.version, body: stored.body } : null };
  if (m.op === 'delete') {
    await db.query('DELETE FROM mw.records WHERE institution_id = mw.current_institution() AND kind = $1 AND id = $2', [m.kind, m.id]);
    return { applied: true, version: stored.version, seq: await change('delete', stored.case_id) };
  }
  const { body, caseId } = await checkedBody(db, pusher, scope, m, now);
  if (stored.case_id !== caseId) throw fieldInvalid('body.caseId');
  const version = stored.version + 1;
  await db.query('UPDATE mw.records SET body = $3, version = $4, updated_at = $5, updated_by = $6 WHERE institution_id = mw.current_institution() AND kind = $1 AND id = $2', [m.kind, m.id, JSON.stringify(body), version, now, session.accountId]);
  return { applied: true, version, seq: await change('put', caseId) };
}

const priorSchema = z.object({ digest: z.string(), result: mutationResultSchema });

/**
 * A push's first two statements: its mutations' locks, then their earlier results. Two pushes
 * carrying the same mutation at once (a retry while the first still runs) wait here for each
 * other, so the second sees the first's row; the locks are taken in one order, so two pushes never
 * each hold one the other waits for.
 */
export async function openPushScope(db: Db, pusher: Pusher, mutations: readonly SyncMutation[]): Promise<PushScope> {
  const ids = mutations.map((m) => m.mutationId);
  const keys = [...new Set(ids.map((id) => `mw-sync:${pusher.session.institutionId}:${id}`))].sort();
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k', [keys]);
  const prior = await db.query('SELECT id, digest, result FROM mw.sync_mutations WHERE institution_id = mw.current_institution() AND id = ANY($1::uuid[])', [ids]);
  const priors = new Map(prior.rows.map((row) => [String((row as { id: unknown }).id), priorSchema.parse(row)]));
  return { priors, visibleCases: new Set() };
}

/** Whether a mutation's result is to be remembered (answered again to its replay): what it applied or kept pending now. */
export const isFreshlyApplied = (result: MutationResult): boolean => (result.status === 'applied' || result.status === 'pending') && !result.replayed;

/** The push's applied mutations remembered, in one statement at its end (in its transaction). */
export async function rememberMutations(db: Db, pusher: Pusher, applied: ReadonlyArray<{ readonly mutation: SyncMutation; readonly result: MutationResult }>, now: Date): Promise<void> {
  if (applied.length === 0) return;
  const rows = applied.map(({ mutation, result }) => ({ id: mutation.mutationId, digest: mutationDigest(mutation), result }));
  await db.query(
    `INSERT INTO mw.sync_mutations (institution_id, id, workstation_id, account_id, digest, result, at)
     SELECT $1, r.id, $2, $3, r.digest, r.result, $4 FROM jsonb_to_recordset($5::jsonb) AS r(id uuid, digest text, result jsonb)`,
    [pusher.session.institutionId, pusher.workstationId, pusher.session.accountId, now, JSON.stringify(rows)],
  );
}

/**
 * Applies one mutation in `db`'s transaction, within its push's scope (openPushScope), and answers
 * its result; what it applied is remembered by the caller (rememberMutations). A refusal is thrown
 * (the caller rolls back to the mutation's savepoint and answers `rejected`); a conflict writes nothing.
 */
export async function applyMutation(db: Db, pusher: Pusher, scope: PushScope, m: SyncMutation, now: Date): Promise<MutationResult> {
  const prior = scope.priors.get(m.mutationId);
  if (prior) {
    if (prior.digest !== mutationDigest(m)) throw refuse(409, 'server.sync_mutation_reused', { mutationId: m.mutationId });
    return prior.result.status === 'applied' || prior.result.status === 'pending' ? { ...prior.result, replayed: true } : prior.result;
  }
  if (m.kind === 'cases') scope.visibleCases.clear();
  const outcome = m.kind === 'cases' ? await applyCase(db, pusher, m, now) : await applyRecord(db, pusher, scope, m as SyncMutation & { kind: Exclude<SyncKind, 'cases'> }, now);
  const base = { mutationId: m.mutationId, kind: m.kind, id: m.id };
  if (!outcome.applied) return { status: 'conflict', ...base, baseVersion: m.baseVersion, current: outcome.current };
  return outcome.pendingId !== undefined
    ? { status: 'pending', ...base, kind: 'ledgerEntries', pendingId: outcome.pendingId, seq: outcome.seq, replayed: false }
    : { status: 'applied', ...base, version: outcome.version, seq: outcome.seq, replayed: false };
}
