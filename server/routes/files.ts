// Files (issue 17 item 5): a resumable upload (create, ask how far, PATCH the next bytes, finish
// with the server's own SHA-256 of what arrived) and a streaming download with Range, each as
// the request's session under row-level security. The protocol: shared/server/files.ts.
import { randomBytes } from 'node:crypto';
import { errorResponseSchema } from '../../shared/server/api';
import { problem } from '../../shared/problem';
import {
  createUploadRequestSchema,
  createUploadResponseSchema,
  downloadAnswerSchema,
  fileShareResponseSchema,
  finishUploadResponseSchema,
  sha256HexSchema,
  shareFileRequestSchema,
  UPLOAD_CHUNK_TYPE,
  UPLOAD_OFFSET_HEADER,
  uploadResponseSchema,
} from '../../shared/server/files';
import type { ServerDeps } from '../deps';
import { parseRange } from '../files/range';
import { createUpload, fileView, logEvidenceView, openUploadOf, readFileRow, readUpload, recordStoredFile, shareFile, uploadView, type FileRow, type UploadRow } from '../files/rows';
import { isNoRoom, OverflowError, type FileStore, type OpenedFile } from '../files/store';
import { sessionRoute, streamRoute, type Answer, type RouteDef, type StreamRequest } from '../http/route';
import { invalid, notFound, refuse } from '../refusal';

function storeOf(deps: ServerDeps): FileStore {
  if (!deps.files) throw refuse(503, 'server.files_unconfigured');
  return deps.files;
}

function offsetHeaders(offset: number, size: number): Record<string, string> {
  return { 'Upload-Offset': String(offset), 'Upload-Length': String(size) };
}

function usable(upload: UploadRow, now: Date): boolean {
  return upload.status === 'open' && upload.expires_at > now;
}

/** The Upload-Offset a PATCH names: a whole number, or a field problem. */
function sentOffset(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? undefined : header;
  if (text === undefined || !/^\d{1,16}$/.test(text)) throw invalid([problem('server.field_invalid', { field: 'Upload-Offset', code: 'invalid_format' })]);
  return Number(text);
}

async function ownUpload(request: StreamRequest): Promise<UploadRow> {
  const upload = await request.inSession((db) => readUpload(db, request.params.id ?? ''));
  if (!upload) throw notFound();
  return upload;
}

async function patch(request: StreamRequest): Promise<Answer> {
  const { deps, incoming, now } = request;
  const store = storeOf(deps);
  const type = (incoming.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== UPLOAD_CHUNK_TYPE) throw refuse(415, 'server.chunk_type');
  const sent = sentOffset(incoming.headers[UPLOAD_OFFSET_HEADER]);
  // Read as the session before anything else: another account's id never reaches the lock.
  const found = await ownUpload(request);
  const release = await store.locks.acquire(found.id, () => incoming.destroy());
  try {
    const upload = await ownUpload(request);
    if (!usable(upload, now)) throw refuse(409, 'server.upload_closed');
    const offset = await store.received(upload.id);
    if (sent !== offset) throw refuse(409, 'server.upload_offset', { offset, sent });
    const declared = Number(incoming.headers['content-length'] ?? NaN);
    if (offset + declared > upload.size) throw refuse(413, 'server.upload_overflow', { size: upload.size });
    let appended;
    try {
      appended = await store.append(upload.id, offset, upload.size, incoming);
    } catch (error) {
      if (isNoRoom(error)) {
        deps.log(`upload ${upload.id}: no room on the file folder's disk (${(error as Error).message}); cut back to ${offset} bytes`);
        throw refuse(507, 'server.disk_full');
      }
      if (error instanceof OverflowError) throw refuse(413, 'server.upload_overflow', { size: upload.size });
      throw error;
    }
    return { body: { upload: uploadView(upload, appended.offset) }, headers: offsetHeaders(appended.offset, upload.size) };
  } finally {
    release();
  }
}

async function finish(request: StreamRequest): Promise<Answer> {
  const { deps, session, now } = request;
  const store = storeOf(deps);
  const found = await ownUpload(request);
  const release = await store.locks.acquire(found.id);
  try {
    const upload = await ownUpload(request);
    if (upload.status === 'done') {
      // A replay (its answer was lost): the same file, nothing done again.
      const row = await request.inSession((db) => readFileRow(db, upload.sha256));
      if (!row) throw notFound();
      return { status: 200, body: { file: fileView(row) } };
    }
    if (!usable(upload, now)) throw refuse(409, 'server.upload_closed');
    const offset = await store.received(upload.id);
    // Kept on disk already by an earlier finish that failed before its row was written.
    const kept = offset === 0 && (await store.storedSize(upload.sha256)) === upload.size;
    if (!kept) {
      if (offset !== upload.size) throw refuse(409, 'server.upload_incomplete', { offset, size: upload.size });
      const actual = await store.digest(upload.id);
      if (actual !== upload.sha256) {
        await store.discard(upload.id);
        await request.inSession((db) => db.query("UPDATE mw.uploads SET status = 'rejected', finished_at = $2 WHERE id = $1", [upload.id, now]));
        throw refuse(422, 'server.file_hash_mismatch', { expected: upload.sha256, actual });
      }
      try {
        await store.keep(upload.id, upload.sha256);
      } catch (error) {
        if (isNoRoom(error)) throw refuse(507, 'server.disk_full');
        throw error;
      }
    }
    const file = await request.inSession((db) => recordStoredFile(db, session, upload, now));
    return { status: 201, body: { file } };
  } finally {
    release();
  }
}

/** GET or HEAD of a stored file: its row as the session sees it, then its bytes (one range of them). */
async function download(request: StreamRequest, head: boolean): Promise<Answer> {
  const { deps, session, incoming, address, now } = request;
  const store = storeOf(deps);
  const sha256 = sha256HexSchema.safeParse(request.params.sha256);
  if (!sha256.success) throw notFound();
  const held: { file: OpenedFile | null } = { file: null };
  let row: FileRow;
  try {
    row = await request.inSession(async (db) => {
      const file = await readFileRow(db, sha256.data);
      if (!file) throw notFound();
      held.file = await store.openFile(file.sha256);
      if (!held.file) {
        const reference = randomBytes(4).toString('hex');
        deps.log(`error ${reference}: file ${file.sha256} is recorded but not in the file folder`);
        throw refuse(500, 'server.file_missing', { reference });
      }
      // Granted and logged in one transaction: no evidence leaves without its record.
      if (!head && file.kind === 'evidence') await logEvidenceView(db, session, file, address, now);
      return file;
    });
  } catch (error) {
    await held.file?.handle.close();
    throw error;
  }
  if (!held.file) throw notFound();
  const { handle, size } = held.file;
  const headers: Record<string, string> = {
    'Content-Type': row.media_type,
    'Content-Disposition': 'attachment',
    'Accept-Ranges': 'bytes',
    ETag: `"${row.sha256}"`,
    'Cache-Control': 'private, no-store',
  };
  const range = parseRange(typeof incoming.headers.range === 'string' ? incoming.headers.range : undefined, size);
  if (range === 'unsatisfiable') {
    await handle.close();
    return { status: 416, body: { problem: problem('server.range_not_satisfiable', { size }) }, headers: { 'Content-Range': `bytes */${size}` } };
  }
  const [start, end] = range ? [range.start, range.end] : [0, size - 1];
  headers['Content-Length'] = String(Math.max(0, end - start + 1));
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const status = range ? 206 : 200;
  if (head || size === 0) {
    await handle.close();
    return { status, body: undefined, headers };
  }
  return { status, body: undefined, headers, stream: handle.createReadStream({ start, end }) };
}

const uploadAnswer = { body: null, answer: uploadResponseSchema };
const downloadAnswer = { body: null, answer: downloadAnswerSchema.or(errorResponseSchema) };

export const fileRoutes: readonly RouteDef[] = [
  sessionRoute('POST', '/files/uploads', { body: createUploadRequestSchema, answer: createUploadResponseSchema }, async ({ deps, db, session, body, now }) => {
    const store = storeOf(deps);
    // The institution has these bytes already (content-addressed): nothing to send.
    const stored = await readFileRow(db, body.sha256, true);
    if (stored) return { status: 200, body: { file: fileView(stored) } };
    if (body.size > store.maxFileBytes) throw refuse(413, 'server.file_too_large', { size: body.size, max: store.maxFileBytes });
    const open = await openUploadOf(db, body, now);
    if (open) {
      const offset = await store.received(open.id);
      return { status: 200, body: { upload: uploadView(open, offset) }, headers: offsetHeaders(offset, open.size) };
    }
    // A disk without room is refused before a byte is sent.
    if (!(await store.hasRoomFor(body.size))) throw refuse(507, 'server.disk_full');
    const upload = await createUpload(db, session, body, now);
    return { status: 201, body: { upload: uploadView(upload, 0) }, headers: { ...offsetHeaders(0, upload.size), Location: `/api/v1/files/uploads/${upload.id}` } };
  }),

  ...(['GET', 'HEAD'] as const).map((method) =>
    sessionRoute(method, '/files/uploads/:id', uploadAnswer, async ({ deps, db, params }) => {
      const store = storeOf(deps);
      const upload = await readUpload(db, params.id ?? '');
      if (!upload) throw notFound();
      const offset = await store.received(upload.id);
      return { body: { upload: uploadView(upload, offset) }, headers: offsetHeaders(upload.status === 'done' ? upload.size : offset, upload.size) };
    }),
  ),

  sessionRoute('POST', '/files/:sha256/shares', { body: shareFileRequestSchema, answer: fileShareResponseSchema }, async ({ db, session, params, body, now }) => {
    const sha256 = sha256HexSchema.safeParse(params.sha256);
    // Only the institution's own file: one shared with it is not its to pass on.
    const file = sha256.success ? await readFileRow(db, sha256.data, true) : null;
    if (!file) throw notFound();
    const shared = await shareFile(db, session, file, body.referralId, now);
    if (shared === null) throw notFound();
    if (shared === 'declined') throw refuse(409, 'server.referral_declined');
    return { status: shared.created ? 201 : 200, body: { share: { referralId: body.referralId, sha256: file.sha256, receiverInstitutionId: shared.receiverInstitutionId } } };
  }),

  streamRoute('PATCH', '/files/uploads/:id', uploadAnswer, patch),
  streamRoute('POST', '/files/uploads/:id/finish', { body: null, answer: finishUploadResponseSchema }, finish),
  streamRoute('GET', '/files/:sha256', downloadAnswer, (request) => download(request, false)),
  streamRoute('HEAD', '/files/:sha256', downloadAnswer, (request) => download(request, true)),
];
