// Evidence files between the workstation's blob store and its center server's file store (issue
// 17 items 4 and 5; the server's protocol is shared/server/files.ts). A ledger entry's file goes up
// before the entry itself (sync.ts pushAll), resumably: the upload is asked for again after a
// dropped connection, the server answers with what it has (its offset, or the file already
// stored) and only the rest is sent; the server hashes what arrived before it keeps anything. A
// file another workstation added is fetched when first needed, range by range, re-hashed here and
// compared with the SHA-256 its ledger entry records: a mismatch is refused and nothing is stored.
import type { BlobStore, StreamingHasher } from '../../../shared/platform';
import { CENTER_LINK_CHUNK_BYTES, CENTER_LINK_RANGE_BYTES, type CenterRequest, type CenterResponse } from '../../../shared/protocol/center-link';
import { API_PREFIX } from '../../../shared/server/api';
import { createUploadResponseSchema, finishUploadResponseSchema, mediaTypeSchema, sha256HexSchema, uploadResponseSchema } from '../../../shared/server/files';
import type { z } from 'zod';
import { base64 as bytesToBase64, fromBase64 as base64ToBytes } from '../identity';
import { StoreError } from '../../kit/result';
import { serverRefusal } from './join';

/** The workstation's side of a file's journey: its blob store and its streaming hasher. */
export type CenterFileAccess = { readonly blobs: Pick<BlobStore, 'open' | 'has' | 'putFile'>; readonly hashing: StreamingHasher };

export interface FilePorts extends CenterFileAccess {
  /** One API request of the session (its token added by the caller). */
  request(request: CenterRequest): Promise<CenterResponse>;
}

/** What a ledger entry says of its file. */
export interface EntryFile {
  sha256: string;
  size: number;
  caseId: string;
  /** As the entry records it (parameters such as a charset are dropped for the server). */
  mediaType: string;
}

/** The server's refusal as a StoreError with its HTTP status (the sync tells retryable from final by it). */
export class FileRefusedError extends StoreError {
  constructor(
    readonly status: number,
    body: unknown,
  ) {
    const refusal = serverRefusal(status, body);
    super(refusal.code, refusal.message, refusal.params, [], refusal.items);
  }
}

/** The entry's media type as the server's schema has it (type/subtype, lower case), else octet-stream. */
export function serverMediaType(mediaType: string): string {
  const plain = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return mediaTypeSchema.safeParse(plain).success ? plain : 'application/octet-stream';
}

async function ask<S extends z.ZodType>(ports: FilePorts, request: CenterRequest, schema: S): Promise<{ status: number; answer: z.output<S> }> {
  const response = await ports.request(request);
  if (response.status < 200 || response.status >= 300) throw new FileRefusedError(response.status, response.body);
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) throw new StoreError('center.bad_answer', 'The center server’s answer could not be read.');
  return { status: response.status, answer: parsed.data };
}

/** The blob's bytes from `offset` on, in pieces of at most CENTER_LINK_CHUNK_BYTES. */
async function* piecesFrom(chunks: AsyncIterable<Uint8Array>, offset: number): AsyncGenerator<Uint8Array> {
  let at = 0;
  for await (const chunk of chunks) {
    const end = at + chunk.length;
    if (end > offset) {
      const part = chunk.subarray(Math.max(0, offset - at));
      for (let from = 0; from < part.length; from += CENTER_LINK_CHUNK_BYTES) yield part.subarray(from, from + CENTER_LINK_CHUNK_BYTES);
    }
    at = end;
  }
}

/** Sends the bytes from `offset` to the end; answers the offset the server last confirmed. */
async function sendFrom(ports: FilePorts, uploadId: string, sha256: string, offset: number): Promise<number> {
  const blob = await ports.blobs.open(sha256);
  if (!blob) throw new StoreError('center.file_absent', 'The file is no longer in this workstation’s store.', { sha256 });
  let confirmed = offset;
  for await (const piece of piecesFrom(blob.chunks(CENTER_LINK_CHUNK_BYTES), offset)) {
    const request: CenterRequest = { method: 'PATCH', path: `${API_PREFIX}/files/uploads/${uploadId}`, chunk: { offset: confirmed, base64: bytesToBase64(piece) } };
    const { answer } = await ask(ports, request, uploadResponseSchema);
    confirmed = answer.upload.offset;
  }
  return confirmed;
}

/**
 * Puts the file into the server's store unless it has it: 'stored' when the server had it
 * already, 'sent' once the server has verified the bytes sent, 'absent' when this workstation has
 * no such file to send. A connection dropped midway throws; the next call resumes from the
 * server's offset. A refusal of the server throws FileRefusedError.
 */
export async function uploadFile(ports: FilePorts, file: EntryFile): Promise<'stored' | 'sent' | 'absent'> {
  if (!(await ports.blobs.has(file.sha256))) return 'absent';
  const body = { sha256: file.sha256, size: file.size, kind: 'evidence', caseId: file.caseId, mediaType: serverMediaType(file.mediaType) };
  const { answer } = await ask(ports, { method: 'POST', path: `${API_PREFIX}/files/uploads`, body }, createUploadResponseSchema);
  if ('file' in answer) return 'stored';
  const { id } = answer.upload;
  let offset = answer.upload.offset;
  // The server's offset is the truth: another attempt's PATCH may have landed after its answer was lost.
  for (let attempt = 0; offset < file.size; attempt += 1) {
    try {
      offset = await sendFrom(ports, id, file.sha256, offset);
    } catch (error) {
      if (!(error instanceof FileRefusedError && error.code === 'server.upload_offset') || attempt >= 2) throw error;
      offset = (await ask(ports, { method: 'GET', path: `${API_PREFIX}/files/uploads/${id}` }, uploadResponseSchema)).answer.upload.offset;
    }
  }
  await ask(ports, { method: 'POST', path: `${API_PREFIX}/files/uploads/${id}/finish` }, finishUploadResponseSchema);
  return 'sent';
}

async function* each(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

/** The file's bytes from the server, range by range, each of the length asked for. */
async function downloadParts(ports: FilePorts, file: { sha256: string; size: number }): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for (let start = 0; start < file.size; start += CENTER_LINK_RANGE_BYTES) {
    const end = Math.min(file.size, start + CENTER_LINK_RANGE_BYTES) - 1;
    const response = await ports.request({ method: 'GET', path: `${API_PREFIX}/files/${file.sha256}`, range: { start, end } });
    if (response.status !== 200 && response.status !== 206) throw new FileRefusedError(response.status, response.body);
    const bytes = base64ToBytes(response.octets ?? '');
    // A 200 is the whole file whatever was asked: what this range needs is cut from it.
    const part = response.status === 200 ? bytes.subarray(start, end + 1) : bytes;
    if (part.length !== end - start + 1) {
      throw new StoreError('center.file_mismatch', 'The file from the center server does not have the size its ledger entry records; nothing was stored.', { sha256: file.sha256, actual: '' });
    }
    parts.push(part);
  }
  return parts;
}

/**
 * Fetches a file this workstation lacks from the server into its blob store: 'here' when it had
 * it already, 'fetched' once the bytes have been re-hashed and match `sha256` (the ledger entry's
 * record). Bytes that do not match are refused (`center.file_mismatch`) and nothing is stored.
 */
export async function fetchFile(ports: FilePorts, file: { sha256: string; size: number; title?: string }): Promise<'here' | 'fetched'> {
  if (!sha256HexSchema.safeParse(file.sha256).success) throw new StoreError('center.file_mismatch', 'The ledger entry does not name a file by its SHA-256.', { sha256: file.sha256, actual: '' });
  if (await ports.blobs.has(file.sha256)) return 'here';
  const parts = await downloadParts(ports, file);
  const actual = await ports.hashing.sha256(each(parts), { total: file.size });
  if (actual !== file.sha256) {
    throw new StoreError('center.file_mismatch', 'The file from the center server does not match the SHA-256 its ledger entry records; nothing was stored.', { sha256: file.sha256, actual });
  }
  const stored = await ports.blobs.putFile({
    name: file.title ?? file.sha256,
    size: file.size,
    readBytes: async () => new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer()),
    chunks: () => each(parts),
  });
  if (stored !== file.sha256) throw new StoreError('center.file_mismatch', 'The stored file does not match its ledger entry.', { sha256: file.sha256, actual: stored });
  return 'fetched';
}
