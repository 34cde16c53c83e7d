// A period's statistical report filed through the center server (issue 19 item 2, "Filing it";
// 0006 report_filings): an institution's administrator or director submits its locked, signed
// report (shared/statistics/report/filing.ts) to the justice bureau of its area; the bureau's
// administrator or director reads it, checks the signature with the shared code, and accepts it or
// returns it with a reason. The row is seen by exactly those two institutions (the policy).
import { z } from 'zod';
import { canSeeInstitutionFigures } from '../../shared/domain/permissions';
import { problem } from '../../shared/problem';
import {
  answerReportRequestSchema,
  reportFilingListResponseSchema,
  reportFilingResponseSchema,
  reportFilingViewSchema,
  submitReportRequestSchema,
  uuidSchema,
  REPORT_FILING_STATUSES,
  type ReportFilingView,
} from '../../shared/server/api';
import { ANSWER_FILE_FORMAT, bureauAnswerSchema, periodCode, signedReportSchema, snapshotSha256, type BureauAnswer } from '../../shared/statistics/report';
import { verifySignedReport } from '../../shared/statistics/report/verify';
import type { Db } from '../db/tenant';
import { readInstitution, recordEvent } from '../records';
import { forbidden, invalid, notFound, refuse } from '../refusal';
import { sessionRoute, type RouteDef } from '../http/route';

const filingRowSchema = z.object({
  sender_institution_id: z.string(),
  id: z.string(),
  receiver_institution_id: z.string(),
  receiver_name: z.string().nullable(),
  period_code: z.string(),
  version: z.number(),
  snapshot_sha256: z.string(),
  signed: signedReportSchema,
  submitted_at: z.date(),
  status: z.enum(REPORT_FILING_STATUSES),
  reason: z.string(),
  answer: bureauAnswerSchema.nullable(),
  answered_at: z.date().nullable(),
});
type FilingRow = z.infer<typeof filingRowSchema>;

// The receiver's name: the bureau reads its own row; the sender asks mw.filing_bureau() (the
// bureau it files to), the only other institution it may name.
const SELECT = `SELECT f.sender_institution_id, f.id, f.receiver_institution_id, f.period_code, f.version, f.snapshot_sha256, f.signed,
       f.submitted_at, f.status, f.reason, f.answer, f.answered_at,
       coalesce((SELECT i.name FROM mw.institutions i WHERE i.id = f.receiver_institution_id), (SELECT b.name FROM mw.filing_bureau() b WHERE b.id = f.receiver_institution_id)) AS receiver_name
  FROM mw.report_filings f`;

function view(row: FilingRow, institutionId: string): ReportFilingView {
  return reportFilingViewSchema.parse({
    id: row.id,
    direction: row.sender_institution_id === institutionId ? 'sent' : 'received',
    senderInstitutionId: row.sender_institution_id,
    sender: { name: row.signed.snapshot.institution.name, creditCode: row.signed.snapshot.institution.creditCode },
    receiver: { id: row.receiver_institution_id, name: row.receiver_name ?? '' },
    periodCode: row.period_code,
    version: row.version,
    snapshotSha256: row.snapshot_sha256,
    submittedAt: row.submitted_at.toISOString(),
    status: row.status,
    reason: row.reason,
    answeredAt: row.answered_at?.toISOString() ?? null,
    answer: row.answer,
  });
}

async function readFiling(db: Db, sender: string, id: string, lock = false): Promise<FilingRow | null> {
  const result = await db.query(`${SELECT} WHERE f.sender_institution_id = $1 AND f.id = $2${lock ? ' FOR UPDATE OF f' : ''}`, [sender, id]);
  return result.rows[0] ? filingRowSchema.parse(result.rows[0]) : null;
}

function mayFile(session: { role: string }, action: string): void {
  if (!canSeeInstitutionFigures(session as Parameters<typeof canSeeInstitutionFigures>[0])) throw forbidden(action);
}

export const reportFilingRoutes: readonly RouteDef[] = [
  sessionRoute('POST', '/report-filings', { body: submitReportRequestSchema, answer: reportFilingResponseSchema }, async ({ db, session, body, now }) => {
    mayFile(session, 'report_filings.submit');
    const institution = await readInstitution(db);
    if (institution.kind !== 'mediation' && institution.kind !== 'legal_service') throw forbidden('report_filings.submit');
    const { signed } = body;
    if (signed.snapshot.institution.creditCode !== institution.creditCode) throw invalid([problem('server.field_invalid', { field: 'signed.snapshot.institution.creditCode', code: 'report.signature_other_institution' })]);
    const check = verifySignedReport(signed);
    if (!check.ok) throw refuse(422, 'server.report_signature', { problem: check.problem ?? 'report.signature_invalid' });
    const bureau = await db.query<{ id: string }>('SELECT id FROM mw.filing_bureau()');
    const receiver = bureau.rows[0]?.id;
    if (!receiver) throw refuse(409, 'server.report_no_bureau');
    const code = periodCode(signed.snapshot.period);
    const taken = await db.query('SELECT 1 FROM mw.report_filings WHERE sender_institution_id = mw.current_institution() AND period_code = $1 AND version = $2', [code, signed.snapshot.version]);
    const existing = await readFiling(db, session.institutionId, signed.snapshot.id);
    const sha = snapshotSha256(signed.snapshot);
    // The same filing sent again (its answer lost) is the row already there.
    if (existing && existing.snapshot_sha256 === sha) return { body: { filing: view(existing, session.institutionId), signed: existing.signed } };
    if (existing || taken.rows.length > 0) throw refuse(409, 'server.report_filed', { version: signed.snapshot.version });
    await db.query(
      'INSERT INTO mw.report_filings (sender_institution_id, id, receiver_institution_id, period_code, version, snapshot_sha256, signed, submitted_at, submitted_by) VALUES (mw.current_institution(), $1, $2, $3, $4, $5, $6, $7, $8)',
      [signed.snapshot.id, receiver, code, signed.snapshot.version, sha, JSON.stringify(signed), now, session.accountId],
    );
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'statistics_report', entityId: signed.snapshot.id, action: 'statistics_report.submit', after: { period: code, version: signed.snapshot.version, sha256: sha, receiverInstitutionId: receiver } }, now);
    const row = await readFiling(db, session.institutionId, signed.snapshot.id);
    if (!row) throw notFound();
    return { status: 201, body: { filing: view(row, session.institutionId), signed: row.signed } };
  }),

  sessionRoute('GET', '/report-filings', { body: null, answer: reportFilingListResponseSchema }, async ({ db, session, query }) => {
    mayFile(session, 'report_filings.read');
    const period = query.get('period');
    const result = period ? await db.query(`${SELECT} WHERE f.period_code = $1 ORDER BY f.submitted_at, f.version`, [period]) : await db.query(`${SELECT} ORDER BY f.submitted_at DESC LIMIT 500`);
    return { body: { filings: result.rows.map((r) => view(filingRowSchema.parse(r), session.institutionId)) } };
  }),

  sessionRoute('GET', '/report-filings/:sender/:id', { body: null, answer: reportFilingResponseSchema }, async ({ db, session, params }) => {
    mayFile(session, 'report_filings.read');
    const sender = uuidSchema.safeParse(params.sender);
    if (!sender.success) throw notFound();
    const row = await readFiling(db, sender.data, params.id ?? '');
    if (!row) throw notFound();
    return { body: { filing: view(row, session.institutionId), signed: row.signed } };
  }),

  sessionRoute('POST', '/report-filings/:sender/:id/answer', { body: answerReportRequestSchema, answer: reportFilingResponseSchema }, async ({ db, session, params, body, now }) => {
    mayFile(session, 'report_filings.answer');
    const sender = uuidSchema.safeParse(params.sender);
    if (!sender.success) throw notFound();
    const seen = await readFiling(db, sender.data, params.id ?? '');
    if (!seen) throw notFound();
    if (seen.receiver_institution_id !== session.institutionId) throw forbidden('report_filings.answer');
    // Locked (the answer policy admits only the receiver) so that two answers cannot both land.
    const row = await readFiling(db, sender.data, seen.id, true);
    if (!row) throw notFound();
    const reason = (body.reason ?? '').trim();
    if (body.outcome === 'returned' && reason === '') throw invalid([problem('server.field_invalid', { field: 'reason', code: 'report.reason_required' })]);
    if (row.status !== 'submitted') throw refuse(409, 'server.report_answered', { status: row.status });
    const bureau = await readInstitution(db);
    const answer: BureauAnswer = bureauAnswerSchema.parse({
      format: ANSWER_FILE_FORMAT,
      reportId: row.id,
      snapshotSha256: row.snapshot_sha256,
      outcome: body.outcome,
      ...(body.outcome === 'returned' ? { reason } : {}),
      answeredAt: now.toISOString(),
      bureau: bureau.name,
    });
    await db.query(
      'UPDATE mw.report_filings SET status = $3, reason = $4, answer = $5, answered_at = $6, answered_by = $7 WHERE sender_institution_id = $1 AND id = $2',
      [row.sender_institution_id, row.id, body.outcome, body.outcome === 'returned' ? reason : '', JSON.stringify(answer), now, session.accountId],
    );
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: 'statistics_report', entityId: row.id, action: `statistics_report.${body.outcome === 'accepted' ? 'accept' : 'return'}`, after: { period: row.period_code, version: row.version, ...(reason && body.outcome === 'returned' ? { reason } : {}) } }, now);
    const after = await readFiling(db, row.sender_institution_id, row.id);
    if (!after) throw notFound();
    return { body: { filing: view(after, session.institutionId), signed: after.signed } };
  }),
];
