// A push: its mutations applied in order in one transaction as the pushing session, each behind a
// savepoint of its own. One commit (one fsync, one burst of nudges) for the whole push, where a
// transaction per mutation paid one each; a refusal of one mutation still leaves the others as
// they are (rolled back to its savepoint, answered `rejected`), and a process killed midway leaves
// the whole push unapplied, sent again by the client. The database unreachable ends the whole
// push (503) and the client sends it again: what was applied answers as replayed.
import type { Pool } from 'pg';
import type { MutationResult, PushRequest, SyncMutation } from '../../shared/server/sync';
import type { Session } from '../auth/sessions';
import { inTenant, type Db } from '../db/tenant';
import { Refusal, refuse } from '../refusal';
import { applyMutation, isFreshlyApplied, openPushScope, rememberMutations, type Pusher, type PushScope } from './apply';
import { applyEventsTogether, joinsEventSet } from './events-together';

/** A refusal for what the database refused of one mutation; null for anything else (rethrown). */
function mutationRefusal(error: unknown): Refusal | null {
  if (error instanceof Refusal) return error;
  const e = error as { code?: unknown; constraint?: unknown } | null;
  // A row-level policy refused the write: the role may not write this record.
  if (e?.code === '42501') return refuse(403, 'server.forbidden', { action: 'sync.write' });
  // Stored meanwhile by another push (two new records of one id at once).
  if (e?.code === '23505' && e.constraint === 'records_pkey') return refuse(409, 'server.conflict', { version: 1 });
  if (e?.code === '22P02') return refuse(404, 'server.not_found');
  return null;
}

const TRANSIENT_ATTEMPTS = 5;

/** Two pushes each holding a row the other waits for (a deadlock), or a serialization failure. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

function rejected(m: SyncMutation, refusal: Refusal): MutationResult {
  return { status: 'rejected', mutationId: m.mutationId, kind: m.kind, id: m.id, httpStatus: refusal.status, problem: refusal.problem };
}

/** How many mutations from `start` on may go in one set of new events (two at least, or none). */
function eventSetLength(scope: PushScope, mutations: readonly SyncMutation[], start: number): number {
  let end = start;
  while (end < mutations.length && joinsEventSet(scope, mutations[end] as SyncMutation)) end += 1;
  return end - start >= 2 ? end - start : 0;
}

/**
 * The push's mutations in order, each behind the savepoint `mutation` (released and taken again
 * in one round trip; the commit releases the last), a run of new audit events behind one for the
 * set (server/sync/events-together.ts), gone through one by one when the set is refused. A push's
 * statements are most of its cost, so what can be asked once per push is (openPushScope,
 * rememberMutations).
 */
async function applyAll(db: Db, pusher: Pusher, mutations: readonly SyncMutation[], now: Date): Promise<MutationResult[]> {
  const scope = await openPushScope(db, pusher, mutations);
  const results: MutationResult[] = [];
  const applied: Array<{ mutation: SyncMutation; result: MutationResult }> = [];
  let oneByOneUntil = 0;
  let saved = false;
  for (let index = 0; index < mutations.length; ) {
    await db.query(saved ? 'RELEASE SAVEPOINT mutation; SAVEPOINT mutation' : 'SAVEPOINT mutation');
    saved = true;
    const setLength = index >= oneByOneUntil ? eventSetLength(scope, mutations, index) : 0;
    if (setLength > 0) {
      const set = mutations.slice(index, index + setLength);
      // Whatever the database refused of the set, each is then answered as it would be alone.
      const together = await applyEventsTogether(db, pusher, scope, set, now).catch((error: unknown) => {
        if (isTransient(error)) throw error;
        return null;
      });
      if (together) {
        results.push(...together);
        together.forEach((result, k) => applied.push({ mutation: set[k] as SyncMutation, result }));
        index += setLength;
        continue;
      }
      await db.query('ROLLBACK TO SAVEPOINT mutation');
      oneByOneUntil = index + setLength;
      continue;
    }
    const m = mutations[index] as SyncMutation;
    index += 1;
    try {
      const result = await applyMutation(db, pusher, scope, m, now);
      results.push(result);
      if (isFreshlyApplied(result)) applied.push({ mutation: m, result });
    } catch (error) {
      const refusal = isTransient(error) ? null : mutationRefusal(error);
      if (!refusal) throw error;
      await db.query('ROLLBACK TO SAVEPOINT mutation');
      // What the refused mutation saw is forgotten with it.
      scope.visibleCases.clear();
      results.push(rejected(m, refusal));
    }
  }
  await rememberMutations(db, pusher, applied, now);
  return results;
}

/** Runs `work` again when PostgreSQL broke a deadlock by ending it (a few times, a little apart). */
async function retryingTransient<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isTransient(error) || attempt >= TRANSIENT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

export async function applyPush(pool: Pool, session: Session, request: PushRequest, now: Date): Promise<MutationResult[]> {
  const context = { institutionId: session.institutionId, accountId: session.accountId, role: session.role };
  const pusher = { session, workstationId: request.workstationId };
  try {
    return await inTenant(pool, context, (db) => applyAll(db, pusher, request.mutations, now));
  } catch (error) {
    if (!isTransient(error)) throw error;
  }
  // PostgreSQL chose this push to break a deadlock with another (they touched the same records in
  // another order): nothing of it was kept, so it is applied again a mutation per transaction,
  // each of which may still meet another push's locks, and is then tried again.
  const results: MutationResult[] = [];
  for (const m of request.mutations) results.push(...(await retryingTransient(() => inTenant(pool, context, (db) => applyAll(db, pusher, [m], now)))));
  return results;
}
