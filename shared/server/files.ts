// The center server's files (issue 17 item 5), as zod schemas: evidence, recordings, PDFs and
// packages, addressed by their SHA-256 and kept per institution. An upload is resumable, in the
// manner of tus (tus.io) without its headers' ceremony:
//
//   POST  /files/uploads            {sha256, size, kind, caseId, mediaType} → 201 {upload}
//                                   (200 {file} when the institution already has these bytes)
//   HEAD  /files/uploads/:id        Upload-Offset: how many bytes have arrived (GET: {upload})
//   PATCH /files/uploads/:id        Upload-Offset: n, Content-Type: application/offset+octet-stream,
//                                   the next bytes → 200 {upload} with the new Upload-Offset; a
//                                   request cut off midway keeps what arrived
//   POST  /files/uploads/:id/finish → the server hashes what it has: 201 {file} when it matches the
//                                   declared SHA-256 (a replay answers 200 the same), else 422 and
//                                   nothing is stored
//   GET   /files/:sha256            the bytes, streamed, with Range (HEAD: their size); an evidence
//                                   file's download is logged in the access log
//   POST  /files/:sha256/shares     {referralId}: the sender of a referral shares one of its files
//                                   with the referral's receiver, who may then download it
import { z } from 'zod';
import { instantSchema } from '../domain/model';
import { caseIdSchema, uuidSchema } from './api';

/** Lower-case hex SHA-256: a file's address. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
export const FILE_KINDS = ['evidence', 'recording', 'pdf', 'package'] as const;
export const fileKindSchema = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof fileKindSchema>;
/** type/subtype, lower case, no parameters: what the download's Content-Type says. */
export const mediaTypeSchema = z.string().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/);

/** The headers of the upload protocol. */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const UPLOAD_LENGTH_HEADER = 'upload-length';
/** The body of a PATCH: the next bytes of the file, nothing else. */
export const UPLOAD_CHUNK_TYPE = 'application/offset+octet-stream';
/** An upload not finished within this many days is refused afterwards (and may be swept). */
export const UPLOAD_LIFETIME_DAYS = 7;

export const createUploadRequestSchema = z.strictObject({
  sha256: sha256HexSchema,
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  kind: fileKindSchema,
  caseId: caseIdSchema.nullable(),
  mediaType: mediaTypeSchema.default('application/octet-stream'),
})
  // An evidence file belongs to a case: its every download is logged under that case.
  .refine((request) => request.kind !== 'evidence' || request.caseId !== null, { path: ['caseId'], message: 'evidence names its case' });
export type CreateUploadRequest = z.infer<typeof createUploadRequestSchema>;

export const uploadViewSchema = z.strictObject({
  id: uuidSchema,
  sha256: sha256HexSchema,
  size: z.number().int().nonnegative(),
  /** Bytes that have arrived: the offset of the next PATCH. */
  offset: z.number().int().nonnegative(),
  status: z.enum(['open', 'done', 'rejected']),
  expiresAt: instantSchema,
});
export type UploadView = z.infer<typeof uploadViewSchema>;

export const fileViewSchema = z.strictObject({
  sha256: sha256HexSchema,
  size: z.number().int().nonnegative(),
  kind: fileKindSchema,
  caseId: caseIdSchema.nullable(),
  mediaType: mediaTypeSchema,
  createdAt: instantSchema,
});
export type FileView = z.infer<typeof fileViewSchema>;

/** POST /files/uploads: a new (or the account's still open) upload, or the file already stored. */
export const createUploadResponseSchema = z.union([z.strictObject({ upload: uploadViewSchema }), z.strictObject({ file: fileViewSchema })]);
export const uploadResponseSchema = z.strictObject({ upload: uploadViewSchema });
export const finishUploadResponseSchema = z.strictObject({ file: fileViewSchema });
/** A download's answer is the bytes themselves (or nothing, for HEAD). */
export const downloadAnswerSchema = z.undefined();

/** POST /files/:sha256/shares: one of the institution's files, to the receiver of a referral it sent. */
export const shareFileRequestSchema = z.strictObject({ referralId: uuidSchema });
export const fileShareResponseSchema = z.strictObject({
  share: z.strictObject({ referralId: uuidSchema, sha256: sha256HexSchema, receiverInstitutionId: uuidSchema }),
});
