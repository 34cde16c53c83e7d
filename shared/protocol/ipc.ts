// The IPC contract between the sandboxed renderer (through electron/preload.ts) and the main
// process (electron/ipc/). Every argument list and every answer has a zod schema here; the main
// process parses arguments with them before doing anything, because a compromised renderer can
// send anything. Answers are wrapped, never thrown across the bridge: Electron flattens thrown
// errors into an opaque string, while a wrapped `{ code, message }` survives intact.
import { z } from 'zod';
import { IpcChannel, type IpcChannelName, type KeyMechanism } from './channels';
import { centerLinkAnswerSchema, centerLinkOpSchema } from './center-link';
import { intakeRequestIdSchema, intakeSubmitResultSchema } from './intake';
import { hostInfoSchema, mintTokensRequestSchema, mintTokensResponseSchema } from './signaling-host';

export { IpcChannel, ipcChannelNames, type IpcChannelName, type KeyMechanism } from './channels';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Largest byte payload one call may carry (structured clone copies it; keep it bounded). */
export const MAX_TRANSFER_BYTES = 256 * MiB;
/** Largest chunk `files.readChunk` returns; large files are read piecewise. */
export const MAX_CHUNK_BYTES = 16 * MiB;
/** Secrets are passphrases and raw keys, never documents. */
export const MAX_SECRET_BYTES = 64 * KiB;
/** A sealed secret: the secret plus the envelope (header, salt, IV, tag, OS keystore overhead). */
export const MAX_SEALED_BYTES = MAX_SECRET_BYTES * 2 + 4 * KiB;
export const MAX_FILE_NAME_LENGTH = 255;
export const MAX_PASSPHRASE_LENGTH = 1024;
export const MIN_PASSPHRASE_LENGTH = 8;

// The same check as z.instanceof(Uint8Array), typed as Uint8Array<ArrayBufferLike> so that Node
// Buffers and views of shared buffers fit the inferred types.
const boundedBytes = (max: number) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected a Uint8Array' })
    .refine((b) => b.byteLength <= max, { message: `more than ${max} bytes` });

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');
/** Opaque handle to a file the user picked in an open dialog (a random UUID). */
export const fileTokenSchema = z.uuid();
/** Opaque handle to a blob-store import or upload session of the main process (a random UUID). */
export const blobSessionSchema = z.uuid();
const byteOffsetSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const chunkLengthSchema = z.number().int().positive().max(MAX_CHUNK_BYTES);
export const keyMechanismSchema = z.enum(['os-keystore', 'passphrase']) satisfies z.ZodType<KeyMechanism>;
const fileNameSchema = z.string().min(1).max(MAX_FILE_NAME_LENGTH);
const passphraseSchema = z.string().min(1).max(MAX_PASSPHRASE_LENGTH);

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  electron: z.string(),
  chrome: z.string(),
  platform: z.string(),
  arch: z.string(),
});
export const savedFileSchema = z.object({ name: z.string() });
export const openedFileSchema = z.object({
  token: fileTokenSchema,
  name: z.string(),
  size: z.number().int().nonnegative(),
});
export const openOptionsSchema = z.object({
  accept: z.array(z.string().min(1).max(100)).max(64),
  title: z.string().max(200),
});

/** The longest folder path a scheduled backup may name (Windows' long paths stay below it). */
export const MAX_FOLDER_PATH_LENGTH = 4096;
/**
 * The name of a backup the workstation writes into a chosen folder: a plain ASCII file name
 * ending in .mwbackup (shared/backup/codec.ts), no separators, no leading dot. The main process
 * checks it again before touching the disk.
 */
export const backupFolderFileNameSchema = z
  .string()
  .max(MAX_FILE_NAME_LENGTH)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.mwbackup$/, 'expected a plain file name ending in .mwbackup');
export const backupFolderSchema = z.string().min(1).max(MAX_FOLDER_PATH_LENGTH);

export const ipcContract = {
  [IpcChannel.appInfo]: { args: z.tuple([]), result: appInfoSchema },
  [IpcChannel.filesSave]: {
    args: z.tuple([fileNameSchema, boundedBytes(MAX_TRANSFER_BYTES), z.string().max(255)]),
    result: savedFileSchema.nullable(),
  },
  // A stored blob saved as a file by main, streamed from disk (a package of any size).
  [IpcChannel.filesSaveBlob]: { args: z.tuple([fileNameSchema, sha256HexSchema]), result: savedFileSchema.nullable() },
  [IpcChannel.filesOpen]: { args: z.tuple([openOptionsSchema]), result: openedFileSchema.nullable() },
  [IpcChannel.filesReadChunk]: {
    args: z.tuple([fileTokenSchema, byteOffsetSchema, chunkLengthSchema]),
    result: boundedBytes(MAX_CHUNK_BYTES),
  },
  [IpcChannel.filesRelease]: { args: z.tuple([fileTokenSchema]), result: z.null() },
  [IpcChannel.blobsPut]: { args: z.tuple([boundedBytes(MAX_TRANSFER_BYTES)]), result: sha256HexSchema },
  [IpcChannel.blobsGet]: { args: z.tuple([sha256HexSchema]), result: boundedBytes(MAX_TRANSFER_BYTES).nullable() },
  [IpcChannel.blobsHas]: { args: z.tuple([sha256HexSchema]), result: z.boolean() },
  [IpcChannel.blobsList]: { args: z.tuple([]), result: z.array(sha256HexSchema) },
  // Reading a stored blob piecewise; NOT checked against its name (a caller re-hashes).
  [IpcChannel.blobsSize]: { args: z.tuple([sha256HexSchema]), result: byteOffsetSchema.nullable() },
  [IpcChannel.blobsReadChunk]: {
    args: z.tuple([sha256HexSchema, byteOffsetSchema, chunkLengthSchema]),
    result: boundedBytes(MAX_CHUNK_BYTES),
  },
  // Storing a picked file: the main process reads it itself, one step per call.
  [IpcChannel.blobsImportBegin]: { args: z.tuple([fileTokenSchema]), result: blobSessionSchema },
  [IpcChannel.blobsImportStep]: { args: z.tuple([blobSessionSchema]), result: byteOffsetSchema },
  [IpcChannel.blobsImportFinish]: { args: z.tuple([blobSessionSchema]), result: sha256HexSchema },
  [IpcChannel.blobsImportAbort]: { args: z.tuple([blobSessionSchema]), result: z.null() },
  // Storing bytes the renderer has (a dropped file), in bounded chunks.
  [IpcChannel.blobsUploadBegin]: { args: z.tuple([]), result: blobSessionSchema },
  [IpcChannel.blobsUploadAppend]: { args: z.tuple([blobSessionSchema, boundedBytes(MAX_CHUNK_BYTES)]), result: byteOffsetSchema },
  [IpcChannel.blobsUploadFinish]: { args: z.tuple([blobSessionSchema]), result: sha256HexSchema },
  [IpcChannel.blobsUploadAbort]: { args: z.tuple([blobSessionSchema]), result: z.null() },
  [IpcChannel.keysProtect]: {
    args: z.tuple([boundedBytes(MAX_SECRET_BYTES), passphraseSchema.optional()]),
    result: boundedBytes(MAX_SEALED_BYTES),
  },
  [IpcChannel.keysUnprotect]: {
    args: z.tuple([boundedBytes(MAX_SEALED_BYTES), passphraseSchema.optional()]),
    result: boundedBytes(MAX_SECRET_BYTES),
  },
  [IpcChannel.keysMechanism]: { args: z.tuple([]), result: keyMechanismSchema },
  [IpcChannel.hashFile]: { args: z.tuple([fileTokenSchema]), result: sha256HexSchema },
  // The signaling server the main process hosts on a LAN port: where it is (null when it could
  // not start), and tokens for a session — minting stays in main, the secret never leaves it.
  [IpcChannel.signalingHost]: { args: z.tuple([]), result: hostInfoSchema.nullable() },
  [IpcChannel.signalingMint]: { args: z.tuple([mintTokensRequestSchema]), result: mintTokensResponseSchema },
  // A stored package sent to a court's intake URL by main (shared/protocol/intake.ts); the
  // renderer names the submission so that it can ask how far it got, or cancel it.
  [IpcChannel.intakeSubmit]: { args: z.tuple([intakeRequestIdSchema, z.string().max(2000), sha256HexSchema]), result: intakeSubmitResultSchema },
  [IpcChannel.intakeProgress]: { args: z.tuple([intakeRequestIdSchema]), result: z.strictObject({ bytesSent: byteOffsetSchema, bytesTotal: byteOffsetSchema }).nullable() },
  [IpcChannel.intakeCancel]: { args: z.tuple([intakeRequestIdSchema]), result: z.null() },
  // Scheduled backups: the folder is chosen in main's dialog and remembered by main; a write
  // names one of those folders and a plain file name, never a path of the renderer's choosing.
  [IpcChannel.backupsChooseFolder]: { args: z.tuple([]), result: backupFolderSchema.nullable() },
  [IpcChannel.backupsWrite]: {
    args: z.tuple([backupFolderSchema, backupFolderFileNameSchema, boundedBytes(MAX_TRANSFER_BYTES)]),
    result: z.strictObject({ path: z.string() }),
  },
  // The link to the center server (shared/protocol/center-link.ts): main connects, compares the
  // server certificate's fingerprint with the pinned one, and forwards; the page never connects.
  [IpcChannel.centerLink]: { args: z.tuple([centerLinkOpSchema]), result: centerLinkAnswerSchema },
} as const satisfies Record<IpcChannelName, { args: z.ZodType<unknown[]>; result: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type IpcArgs<C extends IpcChannelName> = z.infer<IpcContract[C]['args']>;
export type IpcValue<C extends IpcChannelName> = z.infer<IpcContract[C]['result']>;

export const ipcErrorCodes = [
  'invalid-args',
  'untrusted-sender',
  'not-found',
  'corrupt',
  'io',
  'keystore-unavailable',
  'passphrase-required',
  'weak-passphrase',
  'bad-passphrase',
  'unavailable',
  'internal',
  // A scheduled backup: the folder was not chosen through the dialog (or is gone); the disk is full.
  'folder-not-chosen',
  'disk-full',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];
export const ipcErrorSchema = z.object({ code: z.enum(ipcErrorCodes), message: z.string() });
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ipcResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ipcErrorSchema }),
  ]);
}

export type AppInfo = z.infer<typeof appInfoSchema>;
export type OpenedFileHandle = z.infer<typeof openedFileSchema>;
export type OpenOptions = z.infer<typeof openOptionsSchema>;

type Call<C extends IpcChannelName> = (...args: IpcArgs<C>) => Promise<IpcResult<IpcValue<C>>>;

/**
 * `window.workstation`: the one API the preload exposes. Each function invokes exactly one
 * channel; `host` carries the values the renderer needs synchronously at start-up.
 */
export interface WorkstationApi {
  readonly host: { readonly keyMechanism: KeyMechanism };
  readonly app: { readonly info: Call<typeof IpcChannel.appInfo> };
  readonly files: {
    readonly save: Call<typeof IpcChannel.filesSave>;
    readonly saveBlob: Call<typeof IpcChannel.filesSaveBlob>;
    readonly open: Call<typeof IpcChannel.filesOpen>;
    readonly readChunk: Call<typeof IpcChannel.filesReadChunk>;
    readonly release: Call<typeof IpcChannel.filesRelease>;
  };
  readonly blobs: {
    readonly put: Call<typeof IpcChannel.blobsPut>;
    readonly get: Call<typeof IpcChannel.blobsGet>;
    readonly has: Call<typeof IpcChannel.blobsHas>;
    readonly list: Call<typeof IpcChannel.blobsList>;
    readonly size: Call<typeof IpcChannel.blobsSize>;
    readonly readChunk: Call<typeof IpcChannel.blobsReadChunk>;
    readonly importBegin: Call<typeof IpcChannel.blobsImportBegin>;
    readonly importStep: Call<typeof IpcChannel.blobsImportStep>;
    readonly importFinish: Call<typeof IpcChannel.blobsImportFinish>;
    readonly importAbort: Call<typeof IpcChannel.blobsImportAbort>;
    readonly uploadBegin: Call<typeof IpcChannel.blobsUploadBegin>;
    readonly uploadAppend: Call<typeof IpcChannel.blobsUploadAppend>;
    readonly uploadFinish: Call<typeof IpcChannel.blobsUploadFinish>;
    readonly uploadAbort: Call<typeof IpcChannel.blobsUploadAbort>;
  };
  readonly keys: {
    readonly protect: Call<typeof IpcChannel.keysProtect>;
    readonly unprotect: Call<typeof IpcChannel.keysUnprotect>;
    readonly mechanism: Call<typeof IpcChannel.keysMechanism>;
  };
  readonly hash: { readonly file: Call<typeof IpcChannel.hashFile> };
  readonly signaling: {
    readonly host: Call<typeof IpcChannel.signalingHost>;
    readonly mint: Call<typeof IpcChannel.signalingMint>;
  };
  readonly intake: {
    readonly submit: Call<typeof IpcChannel.intakeSubmit>;
    readonly progress: Call<typeof IpcChannel.intakeProgress>;
    readonly cancel: Call<typeof IpcChannel.intakeCancel>;
  };
  readonly backups: {
    readonly chooseFolder: Call<typeof IpcChannel.backupsChooseFolder>;
    readonly write: Call<typeof IpcChannel.backupsWrite>;
  };
  readonly center: { readonly link: Call<typeof IpcChannel.centerLink> };
}
