// New audit events of a push applied together: the records and their change-log entries in one
// statement, however many there are. An event is new, append-only and bound to no chain, so the
// checks a mutation makes one by one (its version, its kind's rules) reduce to its body's schema,
// its id not yet taken and its case seen by the account; a push's cost is mostly its statements
// (a workstation's sync sends mostly events), and one set costs about what one mutation did.
// Anything unusual — a case not seen, an id taken, the database refusing the set — leaves the
// mutations to the one-by-one path (server/sync/apply.ts), which answers each as it always has.
import { SYNC_BODY_SCHEMAS, type MutationResult, type SyncMutation } from '../../shared/server/sync';
import type { Db } from '../db/tenant';
import type { Pusher, PushScope } from './apply';

/** Whether the mutation may go in a set: a new audit event, not sent before, its body well formed. */
export function joinsEventSet(scope: PushScope, m: SyncMutation): boolean {
  return m.kind === 'events' && m.op === 'put' && m.baseVersion === null && !scope.priors.has(m.mutationId) && SYNC_BODY_SCHEMAS.events.safeParse(m.body).success;
}

/** The cases of `caseIds` this account sees, remembered in the push's scope. */
async function seenCases(db: Db, scope: PushScope, caseIds: ReadonlySet<string>): Promise<boolean> {
  const asked = [...caseIds].filter((id) => !scope.visibleCases.has(id));
  if (asked.length === 0) return true;
  const result = await db.query<{ id: string }>('SELECT id FROM mw.cases WHERE institution_id = mw.current_institution() AND id = ANY($1::text[])', [asked]);
  result.rows.forEach((row) => scope.visibleCases.add(row.id));
  return result.rows.length === asked.length;
}

/**
 * Applies the events (each passed joinsEventSet) in one statement and answers each applied one,
 * in the order given, its change numbered in that order. Null when the set is not for this path
 * (one id twice, a case unseen, an id already taken): the caller rolls back to its savepoint and
 * applies them one by one, as it does after a database error, which is thrown as it is.
 */
export async function applyEventsTogether(db: Db, pusher: Pusher, scope: PushScope, mutations: readonly SyncMutation[], now: Date): Promise<MutationResult[] | null> {
  if (new Set(mutations.map((m) => m.id)).size !== mutations.length) return null;
  const rows = mutations.map((m, ord) => {
    const body = SYNC_BODY_SCHEMAS.events.parse(m.body);
    return { ord, id: m.id, case_id: body.caseId, body };
  });
  const caseIds = new Set(rows.flatMap((r) => (r.case_id === null ? [] : [r.case_id])));
  if (!(await seenCases(db, scope, caseIds))) return null;
  const { session } = pusher;
  // The change numbers are taken as one block of the institution's counter (the row mw.next_change_seq
  // moves) and given in the events' order; an id already taken stores nothing, and the set goes one by one.
  const result = await db.query<{ record_id: string; seq: string }>(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(ord int, id text, case_id text, body jsonb)),
     stored AS (
       INSERT INTO mw.records (institution_id, kind, id, case_id, version, body, updated_at, updated_by)
       SELECT $2, 'events', id, case_id, 1, body, $3, $4 FROM input ORDER BY ord
       ON CONFLICT DO NOTHING RETURNING id),
     numbered AS (
       SELECT i.id, i.case_id, row_number() OVER (ORDER BY i.ord) AS k FROM input i JOIN stored s ON s.id = i.id),
     block AS (
       UPDATE mw.institutions SET change_seq = change_seq + (SELECT count(*) FROM numbered)
        WHERE id = mw.current_institution() AND (SELECT count(*) FROM numbered) = (SELECT count(*) FROM input)
       RETURNING change_seq)
     INSERT INTO mw.changes (institution_id, seq, kind, record_id, op, account_id, at, case_id)
     SELECT $2, b.change_seq - (SELECT count(*) FROM numbered) + n.k, 'events', n.id, 'put', $4, $3, n.case_id
       FROM numbered n CROSS JOIN block b RETURNING record_id, seq`,
    [JSON.stringify(rows), session.institutionId, now, session.accountId],
  );
  // Some id was taken: the records stored beside it are undone with the caller's savepoint.
  if (result.rows.length !== rows.length) return null;
  const seqs = new Map(result.rows.map((row) => [row.record_id, Number(row.seq)]));
  return mutations.map((m) => ({ status: 'applied', mutationId: m.mutationId, kind: m.kind, id: m.id, version: 1, seq: seqs.get(m.id) as number, replayed: false }));
}
