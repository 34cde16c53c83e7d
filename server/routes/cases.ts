// Cases: store one (new, or at the version it started from), list and read what the role may
// see (the policies decide: a mediator their own and the unassigned), show a party's full
// identity number (logged in mw.access_log), and a director's hand-over of a leaving mediator's
// open cases in one recorded step.
import { z } from 'zod';
import { CLOSED_STATUSES } from '../../shared/domain/lifecycle';
import { maskIdNumber } from '../../shared/domain/identifiers';
import { todayIn, INSTITUTION_TIME_ZONE } from '../../shared/domain/deadlines';
import { canEditCase, canRegisterCase } from '../../shared/domain/permissions';
import {
  CASE_PAGE_SIZE,
  caseIdSchema,
  caseListResponseSchema,
  caseSummarySchema,
  caseViewResponseSchema,
  handOverRequestSchema,
  handOverResponseSchema,
  idNumberResponseSchema,
  putCaseRequestSchema,
  putCaseResponseSchema,
  type PutCaseRequest,
} from '../../shared/server/api';
import { readAccount } from '../accounts';
import { caseProblems, caseRowSchema, readCase } from '../cases';
import type { Db } from '../db/tenant';
import { recordChange, recordEvent } from '../records';
import { forbidden, invalid, notFound, refuse } from '../refusal';
import { sessionRoute, type RouteDef } from '../http/route';
import type { Session } from '../auth/sessions';

function caseId(value: string | undefined): string {
  const id = caseIdSchema.safeParse(value);
  if (!id.success) throw notFound();
  return id.data;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === constraint;
}

/** The insert of a new case; its id or number already taken answers why. */
async function insertCase(db: Db, values: unknown[], number: string): Promise<void> {
  try {
    await db.query('SAVEPOINT new_case');
    await db.query(
      `INSERT INTO mw.cases (institution_id, id, number, status, mediator_id, record, parties, version, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      values,
    );
    await db.query('RELEASE SAVEPOINT new_case');
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT new_case');
    if (isUniqueViolation(error, 'cases_institution_id_number_key')) throw refuse(409, 'server.number_taken', { number });
    if (isUniqueViolation(error, 'cases_pkey')) throw refuse(409, 'server.conflict', { version: 0 });
    throw error;
  }
}

const handOverRowSchema = z.object({ id: z.string(), record: z.unknown(), version: z.number() });

async function requireWorker(db: Db, id: string): Promise<void> {
  const account = await readAccount(db, id);
  if (!account) throw notFound();
  if (!account.active || (account.role !== 'mediator' && account.role !== 'lawyer')) throw invalid([{ key: 'server.field_invalid', params: { field: 'toAccountId', code: 'user.not_a_mediator' } }]);
}

/**
 * Stores a case and its parties, new (baseVersion null) or at the version it started from, after
 * the workstation's checks; records its audit event and its change. PUT /cases/:id and the sync's
 * push (server/sync/) both write cases through it.
 */
export async function putCase(db: Db, session: Session, id: string, body: PutCaseRequest, now: Date): Promise<{ created: boolean; version: number; seq: number }> {
  const stored = body.baseVersion === null ? null : await readCase(db, id, true);
  if (body.baseVersion !== null && !stored) throw notFound();
  if (stored && stored.version !== body.baseVersion) throw refuse(409, 'server.conflict', { version: stored.version });
  if (!stored && !canRegisterCase(session)) throw forbidden('cases.register');
  if (stored && !canEditCase({ id: session.accountId, role: session.role }, stored.record)) throw forbidden('cases.edit');
  const problems = caseProblems(body.case, body.parties, id, stored?.record ?? null, todayIn(INSTITUTION_TIME_ZONE, now));
  if (problems.length) throw invalid(problems);
  const version = (body.baseVersion ?? 0) + 1;
  const record = { ...body.case, version };
  const values = [session.institutionId, id, record.number, record.status, record.mediatorId, JSON.stringify(record), JSON.stringify(body.parties), version, now, session.accountId];
  if (stored) {
    try {
      // The row-level policy refuses a mediator's write to a case that is not theirs (42501 → 403).
      await db.query('UPDATE mw.cases SET number = $3, status = $4, mediator_id = $5, record = $6, parties = $7, version = $8, updated_at = $9, updated_by = $10 WHERE institution_id = $1 AND id = $2', values);
    } catch (error) {
      if (isUniqueViolation(error, 'cases_institution_id_number_key')) throw refuse(409, 'server.number_taken', { number: record.number });
      throw error;
    }
  } else await insertCase(db, values, record.number);
  await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'case', entityId: id, caseId: id, action: stored ? 'case.update' : 'case.create', after: { number: record.number, status: record.status, mediatorId: record.mediatorId, version } }, now);
  const seq = await recordChange(db, session.institutionId, { kind: 'cases', recordId: id, op: 'put', accountId: session.accountId }, now);
  return { created: !stored, version, seq };
}

export const caseRoutes: readonly RouteDef[] = [
  sessionRoute('PUT', '/cases/:id', { body: putCaseRequestSchema, answer: putCaseResponseSchema }, async ({ db, session, body, params, now }) => {
    const id = caseId(params.id);
    const written = await putCase(db, session, id, body, now);
    return { status: written.created ? 201 : 200, body: { id, version: written.version } };
  }),

  sessionRoute('GET', '/cases', { body: null, answer: caseListResponseSchema }, async ({ db, query }) => {
    const after = query.get('after') ?? '';
    // The policies are the filter; the institution is named as well so that the primary key's own
    // range serves the page (the policies lend it to no index).
    const result = await db.query('SELECT institution_id, id, number, status, mediator_id, record, parties, version FROM mw.cases WHERE institution_id = mw.current_institution() AND id > $1 ORDER BY id LIMIT $2', [after, CASE_PAGE_SIZE + 1]);
    const rows = result.rows.slice(0, CASE_PAGE_SIZE).map((row) => caseRowSchema.parse(row));
    const cases = rows.map((row) =>
      caseSummarySchema.parse({ id: row.id, number: row.number, status: row.record.status, mediatorId: row.mediator_id, category: row.record.category, partySummary: row.record.partySummary, registeredAt: row.record.registeredAt, version: row.version }),
    );
    return { body: { cases, next: result.rows.length > CASE_PAGE_SIZE ? (rows.at(-1)?.id ?? null) : null } };
  }),

  sessionRoute('GET', '/cases/:id', { body: null, answer: caseViewResponseSchema }, async ({ db, params }) => {
    const row = await readCase(db, caseId(params.id));
    if (!row) throw notFound();
    const parties = row.parties.map((p) => (p.kind === 'natural' ? { ...p, idNumber: maskIdNumber(p.idNumber) } : p));
    return { body: { case: row.record, parties, version: row.version } };
  }),

  sessionRoute('POST', '/cases/:id/parties/:partyId/id-number', { body: null, answer: idNumberResponseSchema }, async ({ db, session, params, address, now }) => {
    const id = caseId(params.id);
    const row = await readCase(db, id);
    const party = row?.parties.find((p) => p.id === params.partyId);
    if (!row || !party || party.kind !== 'natural') throw notFound();
    // Logged in the same transaction: no number is shown without its record.
    await db.query("INSERT INTO mw.access_log (institution_id, at, account_id, what, case_id, subject, address) VALUES ($1, $2, $3, 'id_number', $4, $5, $6)", [session.institutionId, now, session.accountId, id, party.id, address]);
    return { body: { partyId: party.id, idNumber: party.idNumber } };
  }),

  sessionRoute('POST', '/cases/hand-over', { body: handOverRequestSchema, answer: handOverResponseSchema }, async ({ db, session, body, now }) => {
    if (session.role !== 'director' && session.role !== 'admin') throw forbidden('cases.hand_over');
    if (!(await readAccount(db, body.fromAccountId))) throw notFound();
    const targets = new Set([body.toAccountId, ...body.assignments.map((a) => a.toAccountId)]);
    if (targets.has(body.fromAccountId)) throw invalid([{ key: 'server.field_invalid', params: { field: 'toAccountId', code: 'value.invalid' } }]);
    for (const target of targets) await requireWorker(db, target);
    const open = await db.query('SELECT id, record, version FROM mw.cases WHERE institution_id = mw.current_institution() AND mediator_id = $1 AND NOT (status = ANY($2)) ORDER BY id FOR UPDATE', [body.fromAccountId, CLOSED_STATUSES]);
    const cases = open.rows.map((row) => handOverRowSchema.parse(row));
    const named = new Map(body.assignments.map((a) => [a.caseId, a.toAccountId]));
    // A case named that is not among the leaving mediator's open cases (another institution's
    // included) is nothing this step may touch.
    for (const caseId of named.keys()) if (!cases.some((c) => c.id === caseId)) throw notFound();
    const handedOver = cases.map((c) => ({ caseId: c.id, toAccountId: named.get(c.id) ?? body.toAccountId }));
    for (const [i, c] of cases.entries()) {
      const to = (handedOver[i] as { toAccountId: string }).toAccountId;
      const record = { ...(c.record as object), mediatorId: to, version: c.version + 1, updatedAt: now.toISOString(), updatedBy: session.accountId };
      await db.query('UPDATE mw.cases SET mediator_id = $2, record = $3, version = $4, updated_at = $5, updated_by = $6 WHERE institution_id = mw.current_institution() AND id = $1', [c.id, to, JSON.stringify(record), c.version + 1, now, session.accountId]);
      await recordChange(db, session.institutionId, { kind: 'cases', recordId: c.id, op: 'put', accountId: session.accountId }, now);
    }
    const eventId = await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'user', entityId: body.fromAccountId, action: 'cases.hand_over', before: { mediatorId: body.fromAccountId }, after: { handedOver } }, now);
    return { body: { handedOver, eventId } };
  }),
];
