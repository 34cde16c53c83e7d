// Rows of two institutions: a case referred to another institution, a dispute a court entrusts
// to a mediation institution, a confirmation package sent to a court. The policy shows such a row
// to exactly its sender and its receiver; only the receiver answers it. A referral may carry the
// signed referral file itself (issue 18 item 5: a hall's consultation referred with the person's
// consent, no case of the sender's), checked here as the receiving workstation checks it, and its
// answer the receiver's signed answer file; a decline always gives its reason.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { validateCreditCode } from '../../shared/domain/identifiers';
import { INSTITUTION_KIND_PROFILES, institutionKindSchema, type InstitutionKind } from '../../shared/domain/institution-kinds';
import { problem, type Problem } from '../../shared/problem';
import { checkDecline, readAnswerFile, readReferralFile, type Referral } from '../../shared/referral';
import {
  answerReferralRequestSchema,
  createReferralRequestSchema,
  referralDocumentsResponseSchema,
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
  reason: z.string(),
  document: z.instanceof(Buffer).nullable(),
  document_sha256: z.string().nullable(),
  answer_document: z.instanceof(Buffer).nullable(),
  version: z.number(),
});
type ReferralRow = z.infer<typeof referralRowSchema>;

function view(row: ReferralRow, institutionId: string): ReferralView {
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
    reason: row.reason,
    documentSha256: row.document_sha256,
    answerDocument: row.answer_document !== null,
    version: row.version,
  };
}

async function readReferral(db: Db, id: string): Promise<ReferralRow | null> {
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

function documentRefused(items: readonly Problem[]): never {
  throw invalid(items.length > 0 ? items.map((p) => problem('server.field_invalid', { field: 'document', code: p.key })) : [problem('server.field_invalid', { field: 'document', code: 'value.invalid' })]);
}

/**
 * The signed referral file a row carries, read as the receiving workstation reads it (the schema
 * with the person's consent, the signature by the institution it names); it must name this
 * sender and this receiver and be of the row's kind. Whose certificate signed it is the
 * receiver's to register, not the server's.
 */
function checkDocument(base64: string, row: { kind: string; sender: string; receiver: string }): { referral: Referral; bytes: Buffer; jsonSha256: string } {
  const bytes = Buffer.from(base64, 'base64');
  const read = readReferralFile(new Uint8Array(bytes), new Set());
  if (!read.ok || !read.value || !read.jsonSha256) documentRefused(read.problems);
  const referral = read.value;
  const wrong: Problem[] = [];
  if (referral.kind !== row.kind) wrong.push(problem('server.field_invalid', { field: 'document.kind', code: 'value.invalid' }));
  if (referral.sender.creditCode.toUpperCase() !== row.sender) wrong.push(problem('server.field_invalid', { field: 'document.sender.creditCode', code: 'referral.not_sender' }));
  if (referral.receiver.creditCode.toUpperCase() !== row.receiver) wrong.push(problem('server.field_invalid', { field: 'document.receiver.creditCode', code: 'referral.not_receiver' }));
  if (wrong.length > 0) throw invalid(wrong);
  return { referral, bytes, jsonSha256: read.jsonSha256 };
}

/** The receiver's signed answer file: about this very referral file, saying what the request says. */
function checkAnswerDocument(base64: string, row: ReferralRow, accept: boolean, reason: string): Buffer {
  if (!row.document_sha256) throw invalid([problem('server.field_invalid', { field: 'answerDocument', code: 'value.invalid' })]);
  const bytes = Buffer.from(base64, 'base64');
  const peek = readAnswerFile(new Uint8Array(bytes), { id: row.id, jsonSha256: row.document_sha256, receiverName: '' }, new Set()).value;
  const read = readAnswerFile(new Uint8Array(bytes), { id: row.id, jsonSha256: row.document_sha256, receiverName: peek?.answerer.name ?? '' }, new Set());
  const problems = [...read.problems];
  if (read.value && read.value.answer !== (accept ? 'accepted' : 'declined')) problems.push(problem('referral_file.answer_mismatch', { id: row.id }));
  if (read.value && !accept && read.value.reason !== reason) problems.push(problem('referral_file.answer_mismatch', { id: row.id }));
  if (!read.ok || problems.length > 0) throw invalid(problems.map((p) => problem('server.field_invalid', { field: 'answerDocument', code: p.key })));
  return bytes;
}

function partySummaryOf(referral: Referral): string {
  return referral.parties.map((p) => p.name).join(' / ').slice(0, 500);
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
    if (body.document !== undefined && body.kind === 'confirmation_package') throw invalid([problem('server.field_invalid', { field: 'document', code: 'value.invalid' })]);
    // A case of the sender's for a referral without its file, and for a package; a court has none, nor a hall's consultation.
    const needsCase = body.kind === 'confirmation_package' || (body.kind === 'referral' && body.document === undefined);
    const mayHaveCase = body.kind !== 'court_entrusted';
    if ((needsCase && body.caseId === null) || (!mayHaveCase && body.caseId !== null)) throw invalid([{ key: 'server.field_invalid', params: { field: 'caseId', code: needsCase ? 'required' : 'value.invalid' } }]);
    const document = body.document === undefined ? null : checkDocument(body.document, { kind: body.kind, sender: sender.creditCode.toUpperCase(), receiver: code.normalized.toUpperCase() });
    // The sender's own case, as the sender's role sees it: another institution's id finds nothing.
    const source = body.caseId === null ? null : await readCase(db, body.caseId);
    if (body.caseId !== null && !source) throw notFound();
    const payload = {
      caseNumber: source?.number ?? null,
      category: source?.record.category ?? document?.referral.category ?? null,
      partySummary: source?.record.partySummary ?? (document ? partySummaryOf(document.referral) : null),
      note: body.note,
    };
    // A row with its file takes the file's id: sent again (an answer lost), it is the same row.
    const id = document?.referral.id ?? randomUUID();
    if (document) {
      const existing = await readReferral(db, id);
      if (existing && existing.sender_institution_id === sender.id && existing.document_sha256 === document.jsonSha256) return { status: 200, body: view(existing, session.institutionId) };
      if (existing) throw refuse(409, 'server.conflict', { version: existing.version });
    }
    await db.query(
      'INSERT INTO mw.referrals (id, sender_institution_id, receiver_institution_id, case_id, kind, payload, created_at, created_by, document, document_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [id, sender.id, receiver.id, body.caseId, body.kind, JSON.stringify(payload), now, session.accountId, document?.bytes ?? null, document?.jsonSha256 ?? null],
    );
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

  sessionRoute('GET', '/referrals/:id/documents', { body: null, answer: referralDocumentsResponseSchema }, async ({ db, params }) => {
    const id = uuidSchema.safeParse(params.id);
    const row = id.success ? await readReferral(db, id.data) : null;
    if (!row) throw notFound();
    return { body: { referral: row.document?.toString('base64') ?? null, answer: row.answer_document?.toString('base64') ?? null } };
  }),

  sessionRoute('POST', '/referrals/:id/answer', { body: answerReferralRequestSchema, answer: referralViewSchema }, async ({ db, session, body, params, now }) => {
    const id = uuidSchema.safeParse(params.id);
    const row = id.success ? await readReferral(db, id.data) : null;
    if (!row) throw notFound();
    if (row.receiver_institution_id !== session.institutionId || session.role === 'director') throw forbidden('referrals.answer');
    if (row.status !== 'sent' || row.version !== body.baseVersion) throw refuse(409, 'server.conflict', { version: row.version });
    const reason = body.accept ? '' : body.reason.trim();
    if (!body.accept) {
      const errors = checkDecline(body.reason);
      if (errors.length > 0) throw invalid(errors.map((e) => problem('server.field_invalid', { field: 'reason', code: e.code })));
    }
    const answerDocument = body.answerDocument === undefined ? null : checkAnswerDocument(body.answerDocument, row, body.accept, reason);
    const status = body.accept ? 'accepted' : 'declined';
    await db.query('UPDATE mw.referrals SET status = $2, answered_at = $3, answered_by = $4, reason = $5, answer_document = $6, version = version + 1 WHERE id = $1', [row.id, status, now, session.accountId, reason, answerDocument]);
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'case', entityId: row.id, action: `referral.${status}`, ...(reason ? { after: { reason } } : {}) }, now);
    const after = await readReferral(db, row.id);
    if (!after) throw notFound();
    return { body: view(after, session.institutionId) };
  }),
];
