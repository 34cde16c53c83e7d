// A push: its mutations applied in order, each in a transaction of its own as the pushing session
// (a failure of one leaves the others as they are, and a process killed midway leaves every
// mutation either applied with its id remembered or not applied at all). A refusal of one mutation
// is its `rejected` result; the database unreachable ends the whole push (503) and the client
// sends it again: what was applied answers as replayed.
import type { Pool } from 'pg';
import type { MutationResult, PushRequest } from '../../shared/server/sync';
import type { Session } from '../auth/sessions';
import { inTenant } from '../db/tenant';
import { Refusal, refuse } from '../refusal';
import { applyMutation } from './apply';

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

export async function applyPush(pool: Pool, session: Session, request: PushRequest, now: Date): Promise<MutationResult[]> {
  const context = { institutionId: session.institutionId, accountId: session.accountId, role: session.role };
  const pusher = { session, workstationId: request.workstationId };
  const results: MutationResult[] = [];
  for (const m of request.mutations) {
    try {
      results.push(await inTenant(pool, context, (db) => applyMutation(db, pusher, m, now)));
    } catch (error) {
      const refusal = mutationRefusal(error);
      if (!refusal) throw error;
      results.push({ status: 'rejected', mutationId: m.mutationId, kind: m.kind, id: m.id, httpStatus: refusal.status, problem: refusal.problem });
    }
  }
  return results;
}
