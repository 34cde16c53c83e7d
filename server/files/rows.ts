// The rows of files and uploads (migrations/0003_files.sql), read and written as the request's
// session: the policies decide what it sees (its institution's files, its own account's uploads).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { uuidSchema } from '../../shared/server/api';
import { fileKindSchema, UPLOAD_LIFETIME_DAYS, type CreateUploadRequest, type FileKind, type FileView, type UploadView } from '../../shared/server/files';
import type { Session } from '../auth/sessions';
import type { Db } from '../db/tenant';
import { recordChange, recordEvent } from '../records';

// bigint columns arrive as text from pg.
const uploadRowSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.coerce.number(),
  kind: fileKindSchema,
  case_id: z.string().nullable(),
  media_type: z.string(),
  status: z.enum(['open', 'done', 'rejected']),
  expires_at: z.date(),
});
export type UploadRow = z.infer<typeof uploadRowSchema>;

const fileRowSchema = z.object({
  sha256: z.string(),
  size: z.coerce.number(),
  kind: fileKindSchema,
  case_id: z.string().nullable(),
  media_type: z.string(),
  created_at: z.date(),
});
export type FileRow = z.infer<typeof fileRowSchema>;

/** The audit log's entity of a file: evidence for evidence and recordings, else its case or the institution. */
function auditEntity(kind: FileKind, caseId: string | null): 'evidence' | 'case' | 'institution' {
  return kind === 'evidence' || kind === 'recording' ? 'evidence' : caseId ? 'case' : 'institution';
}

export function uploadView(row: UploadRow, offset: number): UploadView {
  return { id: row.id, sha256: row.sha256, size: row.size, offset: row.status === 'done' ? row.size : offset, status: row.status, expiresAt: row.expires_at.toISOString() };
}

export function fileView(row: FileRow): FileView {
  return { sha256: row.sha256, size: row.size, kind: row.kind, caseId: row.case_id, mediaType: row.media_type, createdAt: row.created_at.toISOString() };
}

/** The session's own upload, or null (another account's, another institution's, or no such id). */
export async function readUpload(db: Db, id: string): Promise<UploadRow | null> {
  if (!uuidSchema.safeParse(id).success) return null;
  const result = await db.query('SELECT id, sha256, size, kind, case_id, media_type, status, expires_at FROM mw.uploads WHERE id = $1', [id]);
  return result.rows[0] ? uploadRowSchema.parse(result.rows[0]) : null;
}

/**
 * A file the policies show the session: its institution's own first, else one a referral's sender
 * shared with it (0004); with `ownOnly`, its own or null.
 */
export async function readFileRow(db: Db, sha256: string, ownOnly = false): Promise<FileRow | null> {
  const result = await db.query(
    `SELECT sha256, size, kind, case_id, media_type, created_at FROM mw.files WHERE sha256 = $1 ${ownOnly ? 'AND institution_id = mw.current_institution()' : ''}
      ORDER BY institution_id = mw.current_institution() DESC LIMIT 1`,
    [sha256],
  );
  return result.rows[0] ? fileRowSchema.parse(result.rows[0]) : null;
}

const sentReferralSchema = z.object({ receiver_institution_id: z.string(), status: z.string() });

/**
 * Shares an own file with the receiver of a referral the session's institution sent, with its
 * audit event; null when there is no such file or referral. A share made before answers false.
 */
export async function shareFile(db: Db, session: Session, file: FileRow, referralId: string, now: Date): Promise<{ receiverInstitutionId: string; created: boolean } | 'declined' | null> {
  const found = await db.query('SELECT receiver_institution_id, status FROM mw.referrals WHERE id = $1 AND sender_institution_id = mw.current_institution()', [referralId]);
  if (!found.rows[0]) return null;
  const referral = sentReferralSchema.parse(found.rows[0]);
  if (referral.status === 'declined') return 'declined';
  const inserted = await db.query(
    'INSERT INTO mw.file_shares (referral_id, sha256, sender_institution_id, receiver_institution_id, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
    [referralId, file.sha256, session.institutionId, referral.receiver_institution_id, now, session.accountId],
  );
  const created = inserted.rowCount === 1;
  if (created) {
    await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: auditEntity(file.kind, file.case_id), entityId: file.sha256, caseId: file.case_id, action: 'file.share', after: { referralId, receiverInstitutionId: referral.receiver_institution_id } }, now);
  }
  return { receiverInstitutionId: referral.receiver_institution_id, created };
}

/** The session's open upload of the same bytes, to resume instead of starting again. */
export async function openUploadOf(db: Db, request: CreateUploadRequest, now: Date): Promise<UploadRow | null> {
  const result = await db.query("SELECT id, sha256, size, kind, case_id, media_type, status, expires_at FROM mw.uploads WHERE sha256 = $1 AND size = $2 AND status = 'open' AND expires_at > $3 ORDER BY expires_at DESC LIMIT 1", [
    request.sha256,
    request.size,
    now,
  ]);
  return result.rows[0] ? uploadRowSchema.parse(result.rows[0]) : null;
}

export async function createUpload(db: Db, session: Session, request: CreateUploadRequest, now: Date): Promise<UploadRow> {
  const expiresAt = new Date(now.getTime() + UPLOAD_LIFETIME_DAYS * 86_400_000);
  const result = await db.query(
    'INSERT INTO mw.uploads (id, institution_id, account_id, sha256, size, kind, case_id, media_type, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, sha256, size, kind, case_id, media_type, status, expires_at',
    [randomUUID(), session.institutionId, session.accountId, request.sha256, request.size, request.kind, request.caseId, request.mediaType, now, expiresAt],
  );
  return uploadRowSchema.parse(result.rows[0]);
}

export async function markUpload(db: Db, id: string, status: 'done' | 'rejected', now: Date): Promise<void> {
  await db.query('UPDATE mw.uploads SET status = $2, finished_at = $3 WHERE id = $1', [id, status, now]);
}

/**
 * The file row of a verified upload, its audit event and its entry in the change log, and the
 * upload marked done, in one transaction. Bytes the institution already had (the same content
 * uploaded twice at once) keep their first row.
 */
export async function recordStoredFile(db: Db, session: Session, upload: UploadRow, now: Date): Promise<FileView> {
  const inserted = await db.query('INSERT INTO mw.files (institution_id, sha256, size, kind, case_id, media_type, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING', [
    session.institutionId,
    upload.sha256,
    upload.size,
    upload.kind,
    upload.case_id,
    upload.media_type,
    now,
    session.accountId,
  ]);
  await markUpload(db, upload.id, 'done', now);
  const view: FileView = { sha256: upload.sha256, size: upload.size, kind: upload.kind, caseId: upload.case_id, mediaType: upload.media_type, createdAt: now.toISOString() };
  if (inserted.rowCount === 0) return (await readFileRow(db, upload.sha256).then((row) => row && fileView(row))) ?? view;
  await recordEvent(db, session.institutionId, { accountId: session.accountId, entity: auditEntity(upload.kind, upload.case_id), entityId: upload.sha256, caseId: upload.case_id, action: 'file.upload', after: { kind: upload.kind, size: upload.size, mediaType: upload.media_type } }, now);
  await recordChange(db, session.institutionId, { kind: 'files', recordId: upload.sha256, op: 'put', accountId: session.accountId }, now);
  return view;
}

/** A download of an evidence file, logged in the transaction that grants it. */
export async function logEvidenceView(db: Db, session: Session, file: FileRow, address: string, now: Date): Promise<void> {
  await db.query("INSERT INTO mw.access_log (institution_id, at, account_id, what, case_id, subject, address) VALUES ($1, $2, $3, 'evidence_file', $4, $5, $6)", [
    session.institutionId,
    now,
    session.accountId,
    file.case_id ?? '',
    file.sha256,
    address,
  ]);
}
