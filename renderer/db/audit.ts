// The audit log (issue 2 item 5): who did what, when, with the record before and after. Callers
// pass the transaction-bound db so the event commits or rolls back together with the change.
import Dexie from 'dexie';
import type { AuditEvent, User } from '../../shared/domain/model';
import type { WorkstationDb } from './db';

export type AuditActor = Pick<User, 'id' | 'displayName'>;

/** The actor recorded for changes made by the system itself (first-run setup, restore). */
export const SYSTEM_ACTOR: AuditActor = { id: 'system', displayName: 'system' };

export interface AuditInput {
  actor: AuditActor;
  at: Date | string;
  entity: AuditEvent['entity'];
  entityId: string;
  caseId?: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** The fields of `after` whose values differ from `before`, as a pair of partial records. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was, after: now };
}

/** Events must survive structured clone and JSON (backup) unchanged: strip undefined and functions. */
function snapshot(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * Appends one audit event. Must be called inside the Dexie transaction that makes the change
 * (Dexie binds `db` calls to the ambient transaction), and that transaction must include
 * `db.events`.
 */
export async function recordEvent(db: WorkstationDb, input: AuditInput): Promise<number> {
  if (!inWritableAuditTransaction(db)) {
    throw new Error('recordEvent must run inside a transaction that includes the events table.');
  }
  const event: Omit<AuditEvent, 'id'> = {
    at: typeof input.at === 'string' ? input.at : input.at.toISOString(),
    actorId: input.actor.id,
    actorName: input.actor.displayName,
    entity: input.entity,
    entityId: input.entityId,
    caseId: input.caseId ?? null,
    action: input.action,
    before: snapshot(input.before),
    after: snapshot(input.after),
  };
  return db.events.add(event as AuditEvent & { id: number });
}

function inWritableAuditTransaction(db: WorkstationDb): boolean {
  const tx = Dexie.currentTransaction;
  return tx !== null && tx !== undefined && tx.db === db && tx.storeNames.includes('events') && tx.mode === 'readwrite';
}
