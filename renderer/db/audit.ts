// The audit log (issue 2 item 5): who did what, when, with the record before and after. Callers
// pass the transaction-bound db so the event commits or rolls back together with the change.
import Dexie from 'dexie';
import type { AuditAction } from '../../shared/audit/actions';
import type { AuditEvent, User } from '../../shared/domain/model';
import type { EventRow, WorkstationDb } from './db';
import { caseIdsOf, pageOf, unpackEvents } from './packing';

export type AuditActor = Pick<User, 'id' | 'displayName'>;

/** The actor recorded for changes made by the system itself (first-run setup, restore). */
export const SYSTEM_ACTOR: AuditActor = { id: 'system', displayName: 'system' };

export interface AuditInput {
  actor: AuditActor;
  at: Date | string;
  entity: AuditEvent['entity'];
  entityId: string;
  caseId?: string | null;
  /** One of shared/audit/actions.ts, so the timeline has words for it. */
  action: AuditAction;
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
 * Appends one audit event and returns its id. Must be called inside the Dexie transaction that
 * makes the change (Dexie binds `db` calls to the ambient transaction), and that transaction must
 * include `db.eventPages`. Ids continue from the last event, as IndexedDB's auto-increment did.
 */
export async function recordEvent(db: WorkstationDb, input: AuditInput): Promise<number> {
  if (!inWritableAuditTransaction(db)) {
    throw new Error('recordEvent must run inside a transaction that includes the eventPages table.');
  }
  const last = await db.eventPages.orderBy('page').last();
  const id = (last?.events.at(-1)?.id ?? 0) + 1;
  const event: EventRow = {
    id,
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
  const page = pageOf(id);
  const events = last && last.page === page ? [...last.events, event] : [event];
  await db.eventPages.put({ page, events, caseIds: caseIdsOf(events) });
  return id;
}

/** A case's audit timeline, oldest first. */
export async function caseEvents(db: WorkstationDb, caseId: string): Promise<EventRow[]> {
  const pages = await db.eventPages.where('caseIds').equals(caseId).toArray();
  return unpackEvents(pages).filter((e) => e.caseId === caseId);
}

/** Every audit event, oldest first. */
export async function allEvents(db: WorkstationDb): Promise<EventRow[]> {
  return unpackEvents(await db.eventPages.toArray());
}

function inWritableAuditTransaction(db: WorkstationDb): boolean {
  const tx = Dexie.currentTransaction;
  return tx !== null && tx !== undefined && tx.db === db && tx.storeNames.includes('eventPages') && tx.mode === 'readwrite';
}
