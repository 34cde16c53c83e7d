// Rows of two institutions: a case referred to another institution, a dispute a court entrusts
// to a mediation institution, a confirmation package sent to a court. The policy shows such a row
// to exactly its sender and its receiver; only the receiver answers it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { validateCreditCode } from '../../shared/domain/identifiers';
import { INSTITUTION_KIND_PROFILES, institutionKindSchema, type InstitutionKind } from '../../shared/domain/institution-kinds';
import {
  answerReferralRequestSchema,
  createReferralRequestSchema,
  referralKindSchema,
  referralListResponseSchema,
  referralViewSchema,
  REFERRAL_STATUSES,
  uuidSchema,
  type ReferralView,
} from '../../shared/server/api';
import { institutionByCreditCode } from '../auth/sign-in';
import { readCase } from '../cases';
import type { Db } from '../db/tenant';
import { readInstitution, recordEvent } from '../records';
import { forbidden, invalid, notFound, refuse } from '../refusal';
import { sessionRoute, type RouteDef } from '../http/route';

const referralRowSchema = z.object({
  id: z.string(),
  sender_institution_id: z.string(),
  receiver_institution_id: z.string(),
  case_id: z.string().nullable(),
  kind: referralKindSchema,
  status: z.enum(REFERRAL_STATUSES),
  payload: referralViewSchema.shape.payload,
  created_at: z.date(),
  answered_at: z.date().nullable(),
  version: z.number(),
});

function view(row: z.infer<typeof referralRowSchema>, institutionId: string): ReferralView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    direction: row.sender_institution_id === institutionId ? 'sent' : 'received',
    senderInstitutionId: row.sender_institution_id,
    receiverInstitutionId: row.receiver_institution_id,
    caseId: row.case_id,
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
    version: row.version,
  };
}

async function readReferral(db: Db, id: string): Promise<z.infer<typeof referralRowSchema> | null> {
  const result = await db.query('SELECT * FROM mw.referrals WHERE id = $1', [id]);
  return result.rows[0] ? referralRowSchema.parse(result.rows[0]) : null;
}

/** Which kinds of institution may send and receive each kind of row. */
function kindsAllowed(kind: z.infer<typeof referralKindSchema>, sender: InstitutionKind, receiver: InstitutionKind): boolean {
  const mediates = (k: InstitutionKind): boolean => INSTITUTION_KIND_PROFILES[k].mediatesCases && k !== 'justice_bureau';
  switch (kind) {
    case 'referral':
      return mediates(sender) && mediates(receiver);
    case 'court_entrusted':
      return sender === 'court' && mediates(receiver);
    case 'confirmation_package':
      return mediates(sender) && receiver === 'court';
  }
}

export const referralRoutes: readonly RouteDef[] = [
  sessionRoute('POST', '/referrals', { body: createReferralRequestSchema, answer: referralViewSchema }, async ({ db, session, body, now, deps }) => {
    if (session.role === 'director') throw forbidden('referrals.send');
    const sender = await readInstitution(db);
    const code = validateCreditCode(body.receiverCreditCode);
    if (!code.ok) throw invalid([{ key: 'server.field_invalid', params: { field: 'receiverCreditCode', code: code.code, ...code.params } }]);
    const receiver = await institutionByCreditCode(deps, code.normalized);
    if (!receiver || receiver.id === sender.id) throw refuse(422, 'server.unknown_institution');
    if (!kindsAllowed(body.kind, sender.kind, institutionKindSchema.parse(receiver.kind))) throw invalid([{ key: 'server.field_invalid', params: { field: 'kind', code: 'referral.kinds', kind: body.kind } }]);
    const needsCase = body.kind !== 'court_entrusted';
    if (needsCase !== (body.caseId !== null)) throw invalid([{ key: 'server.field_invalid', params: { field: 'caseId', code: needsCase ? 'required' : 'value.invalid' } }]);
    // The sender's own case, as the sender's role sees it: another institution's id finds nothing.
    const source = body.caseId === null ? null : await readCase(db, body.caseId);
    if (body.caseId !== null && !source) throw notFound();
    const payload = { caseNumber: source?.number ?? null, category: source?.record.category ?? null, partySummary: source?.record.partySummary ?? null, note: body.note };
    const id = randomUUID();
    await db.query('INSERT INTO mw.referrals (id, sender_institution_id, receiver_institution_id, case_id, kind, payload, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      id,
      sender.id,
      receiver.id,
      body.caseId,
      body.kind,
      JSON.stringify(payload),
      now,
      session.accountId,
    ]);
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'case', entityId: id, caseId: body.caseId, action: `referral.send.${body.kind}`, after: { receiverInstitutionId: receiver.id } }, now);
    const row = await readReferral(db, id);
    if (!row) throw notFound();
    return { status: 201, body: view(row, session.institutionId) };
  }),

  sessionRoute('GET', '/referrals', { body: null, answer: referralListResponseSchema }, async ({ db, session }) => {
    const result = await db.query('SELECT * FROM mw.referrals ORDER BY created_at DESC, id LIMIT 1000');
    return { body: { referrals: result.rows.map((row) => view(referralRowSchema.parse(row), session.institutionId)) } };
  }),

  sessionRoute('GET', '/referrals/:id', { body: null, answer: referralViewSchema }, async ({ db, session, params }) => {
    const id = uuidSchema.safeParse(params.id);
    const row = id.success ? await readReferral(db, id.data) : null;
    if (!row) throw notFound();
    return { body: view(row, session.institutionId) };
  }),

  sessionRoute('POST', '/referrals/:id/answer', { body: answerReferralRequestSchema, answer: referralViewSchema }, async ({ db, session, body, params, now }) => {
    const id = uuidSchema.safeParse(params.id);
    const row = id.success ? await readReferral(db, id.data) : null;
    if (!row) throw notFound();
    if (row.receiver_institution_id !== session.institutionId || session.role === 'director') throw forbidden('referrals.answer');
    if (row.status !== 'sent' || row.version !== body.baseVersion) throw refuse(409, 'server.conflict', { version: row.version });
    const status = body.accept ? 'accepted' : 'declined';
    await db.query('UPDATE mw.referrals SET status = $2, answered_at = $3, answered_by = $4, version = version + 1 WHERE id = $1', [row.id, status, now, session.accountId]);
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'case', entityId: row.id, action: `referral.${status}` }, now);
    const after = await readReferral(db, row.id);
    if (!after) throw notFound();
    return { body: view(after, session.institutionId) };
  }),
];
