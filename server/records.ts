// What every write leaves behind on the server, in the request's transaction: an audit event (who
// did what when, as the workstation's events table keeps it) and, for records the workstations
// hold, an entry of the institution's change log that the sync will pull (design.md §12).
import { z } from 'zod';
import type { AUDIT_ENTITIES } from '../shared/domain/model';
import { institutionKindSchema } from '../shared/domain/institution-kinds';
import type { InstitutionView } from '../shared/server/api';
import type { Db } from './db/tenant';
import { notFound } from './refusal';

export interface EventInput {
  readonly accountId: string | null;
  readonly entity: (typeof AUDIT_ENTITIES)[number];
  readonly entityId: string;
  readonly caseId?: string | null;
  readonly action: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export async function recordEvent(db: Db, institutionId: string, event: EventInput, at: Date): Promise<number> {
  // No RETURNING: a mediator may write an event that the read policy shows only to the director.
  await db.query(
    'INSERT INTO mw.events (institution_id, at, account_id, entity, entity_id, case_id, action, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [institutionId, at, event.accountId, event.entity, event.entityId, event.caseId ?? null, event.action, event.before === undefined ? null : JSON.stringify(event.before), event.after === undefined ? null : JSON.stringify(event.after)],
  );
  const id = await db.query<{ id: string }>("SELECT currval(pg_get_serial_sequence('mw.events', 'id')) AS id");
  return Number(id.rows[0]?.id);
}

/**
 * The next entry of the institution's change log, numbered without gaps (mw.next_change_seq), with
 * the case it belongs to (a case's own id for a case; null for the institution's own records).
 */
export async function recordChange(db: Db, institutionId: string, change: { kind: string; recordId: string; op: 'put' | 'delete'; accountId: string | null; caseId?: string | null }, at: Date): Promise<number> {
  const caseId = change.caseId !== undefined ? change.caseId : change.kind === 'cases' ? change.recordId : null;
  const result = await db.query<{ seq: string }>(
    'INSERT INTO mw.changes (institution_id, seq, kind, record_id, op, account_id, at, case_id) VALUES ($1, mw.next_change_seq(), $2, $3, $4, $5, $6, $7) RETURNING seq',
    [institutionId, change.kind, change.recordId, change.op, change.accountId, at, caseId],
  );
  return Number(result.rows[0]?.seq);
}

const institutionRowSchema = z.object({
  id: z.string(),
  kind: institutionKindSchema,
  name: z.string(),
  credit_code: z.string(),
  area_code: z.string(),
  address: z.string(),
  offline_grace_days: z.number(),
  version: z.number(),
});

/** The request's own institution (the only one its policies show). */
export async function readInstitution(db: Db): Promise<InstitutionView> {
  const result = await db.query('SELECT * FROM mw.institutions WHERE id = mw.current_institution()');
  if (!result.rows[0]) throw notFound();
  const row = institutionRowSchema.parse(result.rows[0]);
  return { id: row.id, kind: row.kind, name: row.name, creditCode: row.credit_code, areaCode: row.area_code, address: row.address, offlineGraceDays: row.offline_grace_days, version: row.version };
}
