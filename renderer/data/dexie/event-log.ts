// The audit log (issue 2 item 5) in pages of consecutive events (./packing.ts). An event is
// appended inside the transaction that makes the change, so both commit or neither does.
import Dexie from 'dexie';
import type { EventRow } from '../../../shared/backup/rows';
import type { AuditInput } from '../audit-input';
import { caseIdsOf, pageOf, unpackEvents } from './packing';
import type { WorkstationTables } from './tables';

type EventTables = Pick<WorkstationTables, 'eventPages'> & Dexie;

/** Events must survive structured clone and JSON (backup) unchanged: strip undefined and functions. */
function snapshot(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** Appends one event and returns its id; ids continue from the last event. */
export async function recordEvent(db: EventTables, input: AuditInput): Promise<number> {
  if (!inWritableAuditTransaction(db)) {
    throw new Error('An audit event is recorded inside data.transact(), never on its own.');
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
export async function caseEvents(db: EventTables, caseId: string): Promise<EventRow[]> {
  const pages = await db.eventPages.where('caseIds').equals(caseId).toArray();
  return unpackEvents(pages).filter((e) => e.caseId === caseId);
}

/** Every audit event, oldest first. */
export async function allEvents(db: EventTables): Promise<EventRow[]> {
  return unpackEvents(await db.eventPages.toArray());
}

function inWritableAuditTransaction(db: Dexie): boolean {
  const tx = Dexie.currentTransaction;
  return tx !== null && tx !== undefined && tx.db === db && tx.storeNames.includes('eventPages') && tx.mode === 'readwrite';
}
