// The backup file (design.md §3): one zip holding every table as JSON Lines, every blob by its
// SHA-256, and backup.json describing them. Pure: bytes in, bytes out, so the app, `mw seed` and
// the tests share one implementation.
//
// Determinism: rows are canonical JSON (RFC 8785, sorted keys) sorted by primary key, the zip
// entries come in a fixed order with a fixed timestamp, so the same data always gives the same
// bytes, whichever writer (app, seed generator) produced the rows.
//
// Reading is hostile-input handling, by the hardened zip reader (../archive) that verifies packages:
// the file's size, its entry count and its declared unpacked size are bounded and its structure
// checked before anything is inflated, and a zip readers could unpack differently (two names for
// one file, local headers that contradict the directory) is refused as ambiguous; every file's
// hash and row count is checked and every row is validated by the zod schema of its table before
// the caller sees any of it.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { openZipBytes, ZipBuilder, ZipRefusedError, type ZipBytes } from '../archive';
import { englishText } from '../confirmation/check-detail';
import { AMBIGUOUS_KEY } from '../integrity/ambiguity';
import { canonicalJson } from './canonical-json';
import {
  BACKUP_TABLES,
  BACKUP_TABLE_NAMES,
  CURRENT_SCHEMA_VERSION,
  migrateRow,
  type BackupTableName,
} from './rows';

export const BACKUP_FORMAT = 'mw-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_MANIFEST = 'backup.json';
/**
 * The institution's signature over backup.json (./signature.ts), when the backup was made by a
 * workstation with an institution identity. backup.json lists every file's SHA-256, so signing
 * it signs the whole backup; without a signature those hashes only catch accidents.
 */
export const BACKUP_SIGNATURE = 'signature.json';
export const BACKUP_MEDIA_TYPE = 'application/zip';
export const BACKUP_EXTENSION = '.mwbackup';

/** A fixed stamp for every entry: a real clock would make the bytes depend on when the backup was written. */
const ENTRY_MTIME = new Date(Date.UTC(2000, 0, 1));
const ROWS_PER_CHUNK = 2000;
/**
 * Deflate level of the table files. Level 1 deflates JSON Lines about twice as fast as level 6 for
 * files about a fifth larger: writing a backup of 100,000 cases is dominated by deflate, and the
 * file's size matters less than the minutes. (Reading costs the same either way.)
 */
const TABLE_DEFLATE_LEVEL = 1;

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const backupManifestSchema = z.object({
  format: z.string(),
  formatVersion: z.number().int(),
  schemaVersion: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  app: z.object({ name: z.string(), version: z.string() }),
  tables: z.record(
    z.string(),
    z.object({
      file: z.string(),
      rows: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
      sha256: sha256HexSchema,
    }),
  ),
  blobs: z.record(sha256HexSchema, z.object({ size: z.number().int().nonnegative() })),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export interface BackupInput {
  readonly meta: {
    readonly createdAt: string;
    readonly appName?: string;
    readonly appVersion: string;
    /** Defaults to CURRENT_SCHEMA_VERSION; rows must already have that schema's shape. */
    readonly schemaVersion?: number;
  };
  readonly tables: Partial<Record<BackupTableName, readonly unknown[]>>;
  readonly blobs?: Iterable<readonly [string, Uint8Array]>;
}

export interface DecodedBackup {
  readonly manifest: BackupManifest;
  /** backup.json exactly as stored: what a signature covers. */
  readonly manifestBytes: Uint8Array;
  /** signature.json as stored, or null for an unsigned backup (checked by ./signature.ts). */
  readonly signatureBytes: Uint8Array | null;
  /** Every known table, validated and migrated to CURRENT_SCHEMA_VERSION; absent tables are []. */
  readonly tables: Record<BackupTableName, unknown[]>;
  readonly blobs: Map<string, Uint8Array>;
}

export type BackupErrorCode =
  | 'backup.not_zip'
  | 'backup.foreign'
  | 'backup.truncated'
  | 'backup.corrupt'
  | 'backup.version'
  | 'backup.table_invalid'
  | 'backup.blob_invalid'
  | 'backup.too_large';

export type DecodeResult =
  | { ok: true; backup: DecodedBackup }
  | { ok: false; code: BackupErrorCode; detail: string };

export interface DecodeLimits {
  /** Largest backup file accepted, in bytes. */
  readonly maxBytes: number;
  /** Most zip entries accepted (tables + blobs + manifest). */
  readonly maxEntries: number;
  /** Largest total of the entries' unpacked sizes; defaults to 16 × maxBytes (zip-bomb guard). */
  readonly maxUnpackedBytes?: number;
}

export function tableFileName(table: string): string {
  return `tables/${table}.jsonl`;
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  // Code-unit order, the same order IndexedDB gives string keys.
  return x < y ? -1 : x > y ? 1 : 0;
}

function keyOf(row: unknown, key: string): unknown {
  return typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[key] : undefined;
}

function sortedRows(table: BackupTableName, rows: readonly unknown[]): unknown[] {
  const key = BACKUP_TABLES[table].key;
  return [...rows].sort((a, b) => compareKeys(keyOf(a, key), keyOf(b, key)));
}

/** An incremental SHA-256; the default is @noble/hashes, Node callers may pass node:crypto's. */
export interface Sha256Hasher {
  update(data: Uint8Array): unknown;
  /** The digest as lowercase hex. */
  hex(): string;
}

export interface EncodeOptions {
  createSha256?: () => Sha256Hasher;
}

function nobleHasher(): Sha256Hasher {
  const hasher = sha256.create();
  return { update: (data) => hasher.update(data), hex: () => bytesToHex(hasher.digest()) };
}

/** Writes a backup file, unsigned. Synchronous and deterministic; memory grows with the output only. */
export function encodeBackup(input: BackupInput, options: EncodeOptions = {}): Uint8Array {
  return beginBackup(input, options).finish(null);
}

/**
 * A backup written up to its backup.json, which is known but not yet added: signing it may take
 * a while (WebCrypto, a passphrase), and the signature is the entry after it.
 */
export interface PendingBackup {
  readonly manifestBytes: Uint8Array;
  /** Adds backup.json and, if given, signature.json; the file's bytes. */
  finish(signature: Uint8Array | null): Uint8Array;
}

export function beginBackup(input: BackupInput, options: EncodeOptions = {}): PendingBackup {
  const createSha256 = options.createSha256 ?? nobleHasher;
  const zip = new ZipBuilder({ modified: ENTRY_MTIME });

  const tables: BackupManifest['tables'] = {};
  for (const table of BACKUP_TABLE_NAMES) {
    const rows = sortedRows(table, input.tables[table] ?? []);
    const file = tableFileName(table);
    const entry = zip.entry(file, { level: TABLE_DEFLATE_LEVEL });
    const hasher = createSha256();
    let bytes = 0;
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      let text = '';
      for (const row of rows.slice(start, start + ROWS_PER_CHUNK)) {
        text += `${canonicalJson(row)}\n`;
      }
      const chunk = utf8Bytes(text);
      hasher.update(chunk);
      bytes += chunk.byteLength;
      entry.push(chunk);
    }
    entry.end();
    tables[table] = { file, rows: rows.length, bytes, sha256: hasher.hex() };
  }

  const blobs: BackupManifest['blobs'] = {};
  const blobList = [...(input.blobs ?? [])].sort((a, b) => compareKeys(a[0], b[0]));
  for (const [hash, bytes] of blobList) {
    if (!sha256HexSchema.safeParse(hash).success) throw new TypeError(`Blob name ${hash} is not a SHA-256.`);
    if (blobs[hash]) continue;
    // Evidence is mostly already-compressed media; storing it spares minutes of deflate.
    zip.add(`blobs/${hash}`, bytes, { level: 0 });
    blobs[hash] = { size: bytes.byteLength };
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: input.meta.schemaVersion ?? CURRENT_SCHEMA_VERSION,
    createdAt: input.meta.createdAt,
    app: { name: input.meta.appName ?? 'mediation-workstation', version: input.meta.appVersion },
    tables,
    blobs,
  };
  const manifestBytes = utf8Bytes(`${canonicalJson(manifest)}\n`);
  return {
    manifestBytes,
    finish(signature) {
      zip.add(BACKUP_MANIFEST, manifestBytes, { level: 6 });
      if (signature) zip.add(BACKUP_SIGNATURE, signature, { level: 6 });
      return zip.finish();
    },
  };
}

const encoder = new TextEncoder();
const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);
const decoder = new TextDecoder();

class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

const BLOB_ENTRY = /^blobs\/([0-9a-f]{64})$/;

/** What the zip reader refused, as the backup's error: limits passed are "too large", the rest "corrupt". */
const REFUSAL_CODES: Readonly<Record<string, BackupErrorCode>> = {
  'zip.too_small': 'backup.truncated',
  'zip.truncated_end': 'backup.truncated',
  'zip.not_zip': 'backup.not_zip',
  'zip.too_many_entries': 'backup.too_large',
  'zip.directory_too_large': 'backup.too_large',
  'zip.total': 'backup.too_large',
};

/** The refusal's key, under the "in entry" wrapper that names the entry. */
function refusalKey(error: ZipRefusedError): string {
  return error.detail.key === 'zip.in_entry' ? (error.detail.items?.[0]?.key ?? error.detail.key) : error.detail.key;
}

function refused(error: ZipRefusedError): BackupError {
  if (error.detail.key === AMBIGUOUS_KEY) return new BackupError('backup.corrupt', `The zip is ${englishText(error.detail)}.`);
  return new BackupError(REFUSAL_CODES[refusalKey(error)] ?? 'backup.corrupt', `The zip cannot be used: ${error.message}.`);
}

/**
 * The archive with its structure checked by the hardened reader, within the backup's limits: the
 * declared entries and unpacked sizes are bounded before anything is inflated. Compression ratios
 * are not capped (a table of similar rows may legitimately deflate far): with the whole file in
 * memory, the total bounds what reading can cost, and no entry inflates past its declared size.
 */
function checkedArchive(bytes: Uint8Array, limits: DecodeLimits): ZipBytes {
  try {
    return openZipBytes(bytes, {
      maxEntries: limits.maxEntries,
      maxTotalBytes: limits.maxUnpackedBytes ?? limits.maxBytes * 16,
      maxCompressionRatio: Number.POSITIVE_INFINITY,
      maxCentralDirectoryBytes: bytes.byteLength,
    });
  } catch (error) {
    throw error instanceof ZipRefusedError ? refused(error) : error;
  }
}

/** Text decoded per piece of about this many bytes: one decoder call per piece instead of one per
 * row (half a million calls for 100,000 cases), while no string nears V8's length limit. */
const TEXT_PIECE_BYTES = 8 * 1024 * 1024;

/**
 * The file's lines, one piece of text at a time so that only one piece's strings are alive while
 * their rows are parsed. Pieces end just after a newline byte, which never occurs inside a UTF-8
 * multi-byte sequence, so decoding piecewise gives exactly the text of decoding at once.
 */
function* linesOf(bytes: Uint8Array): Generator<string> {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.length;
    if (start + TEXT_PIECE_BYTES < bytes.length) {
      const before = bytes.lastIndexOf(0x0a, start + TEXT_PIECE_BYTES - 1);
      // A line longer than a piece: the piece runs to that line's end.
      const after = before >= start ? before : bytes.indexOf(0x0a, start + TEXT_PIECE_BYTES);
      end = after >= 0 ? after + 1 : bytes.length;
    }
    const pieceLines = decoder.decode(bytes.subarray(start, end)).split('\n');
    // A piece ends with a newline (empty last element) except at the end of a file without one.
    if (pieceLines[pieceLines.length - 1] === '') pieceLines.pop();
    yield* pieceLines;
    start = end;
  }
}

function issueText(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const path = first.path.length ? first.path.join('.') : '(row)';
  return `${path}: ${first.message}`;
}

function decodeTable(
  table: BackupTableName,
  bytes: Uint8Array,
  declaredRows: number,
  fromVersion: number,
): unknown[] {
  const spec = BACKUP_TABLES[table];
  const rows: unknown[] = [];
  let previousKey: unknown = undefined;
  let i = 0;
  for (const line of linesOf(bytes)) {
    // Past the declared count only the lines are counted, for the message below.
    if (i >= declaredRows) {
      i++;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BackupError('backup.table_invalid', `${table}, row ${i + 1}: not valid JSON.`);
    }
    const checked = spec.schema.safeParse(migrateRow(table, parsed, fromVersion));
    if (!checked.success) {
      throw new BackupError('backup.table_invalid', `${table}, row ${i + 1}: ${issueText(checked.error)}.`);
    }
    const key = keyOf(checked.data, spec.key);
    if (i > 0 && compareKeys(previousKey, key) >= 0) {
      throw new BackupError('backup.table_invalid', `${table}, row ${i + 1}: key ${String(key)} is duplicated or out of order.`);
    }
    previousKey = key;
    rows.push(checked.data);
    i++;
  }
  if (i !== declaredRows) {
    throw new BackupError('backup.corrupt', `${table}: backup.json declares ${declaredRows} rows, the file holds ${i}.`);
  }
  return rows;
}

interface OpenedZip {
  files: Record<string, Uint8Array>;
  names: Set<string>;
  manifest: BackupManifest;
}

/** Checks the container and the manifest; every entry is inflated (within the limits). */
function openBackup(bytes: Uint8Array, limits: DecodeLimits): OpenedZip {
  if (bytes.byteLength > limits.maxBytes) {
    throw new BackupError('backup.too_large', `The file is ${bytes.byteLength} bytes; at most ${limits.maxBytes} are accepted.`);
  }
  if (bytes.byteLength < 4 || readU32(bytes, 0) !== LOCAL_HEADER_SIGNATURE) {
    throw new BackupError('backup.not_zip', 'The file is not a zip archive, so it is not a workstation backup.');
  }
  const archive = checkedArchive(bytes, limits);
  // Folders too, so that one the backup does not list is refused like any other entry.
  const names = new Set(archive.entries.map((e) => (e.directory ? `${e.name}/` : e.name)));
  if (!names.has(BACKUP_MANIFEST)) {
    throw new BackupError('backup.foreign', 'The zip has no backup.json, so it was not written by the workstation.');
  }

  const files: Record<string, Uint8Array> = {};
  try {
    for (const entry of archive.files) files[entry.name] = archive.read(entry);
  } catch (error) {
    throw error instanceof ZipRefusedError ? refused(error) : error;
  }

  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(decoder.decode(manifestBytesOf(files)));
  } catch {
    throw new BackupError('backup.corrupt', 'backup.json is not valid JSON.');
  }
  const parsedManifest = backupManifestSchema.safeParse(manifestJson);
  if (!parsedManifest.success || parsedManifest.data.format !== BACKUP_FORMAT) {
    throw new BackupError('backup.foreign', 'backup.json does not describe a workstation backup.');
  }
  const manifest = parsedManifest.data;
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError('backup.version', `Backup format ${manifest.formatVersion} is not readable by this version (reads ${BACKUP_FORMAT_VERSION}).`);
  }
  if (manifest.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupError(
      'backup.version',
      `The backup comes from a newer workstation (data schema ${manifest.schemaVersion}, this one knows ${CURRENT_SCHEMA_VERSION}); update the app first.`,
    );
  }
  return { files, names, manifest };
}

function manifestBytesOf(files: Record<string, Uint8Array>): Uint8Array {
  return files[BACKUP_MANIFEST] as Uint8Array;
}

/** SHA-256 of a file as lowercase hex; the async decoder passes precomputed WebCrypto digests. */
type HashOf = (name: string, data: Uint8Array) => string;

const nobleHashOf: HashOf = (_name, data) => bytesToHex(sha256(data));

function decodeContents({ files, names, manifest }: OpenedZip, hashOf: HashOf): DecodedBackup {
  const expected = new Set<string>([BACKUP_MANIFEST, BACKUP_SIGNATURE]);
  const manifestBytes = manifestBytesOf(files);
  const signatureBytes = files[BACKUP_SIGNATURE] ?? null;
  const tables = Object.fromEntries(BACKUP_TABLE_NAMES.map((t) => [t, [] as unknown[]])) as Record<BackupTableName, unknown[]>;
  for (const [table, info] of Object.entries(manifest.tables)) {
    if (!(table in BACKUP_TABLES)) {
      throw new BackupError('backup.table_invalid', `The backup holds a table "${table}" this version does not know.`);
    }
    if (info.file !== tableFileName(table)) {
      throw new BackupError('backup.corrupt', `Table ${table} names the file ${info.file}.`);
    }
    const data = files[info.file];
    if (!data) throw new BackupError('backup.corrupt', `${info.file} is missing.`);
    if (data.byteLength !== info.bytes || hashOf(info.file, data) !== info.sha256) {
      throw new BackupError('backup.corrupt', `${info.file} does not match its SHA-256 in backup.json; the file was damaged or altered.`);
    }
    expected.add(info.file);
    tables[table as BackupTableName] = decodeTable(table as BackupTableName, data, info.rows, manifest.schemaVersion);
    // The rows are parsed; let the unpacked text go before the next (possibly large) table.
    delete files[info.file];
  }

  const blobs = new Map<string, Uint8Array>();
  for (const [hash, info] of Object.entries(manifest.blobs)) {
    const name = `blobs/${hash}`;
    const data = files[name];
    if (!data) throw new BackupError('backup.blob_invalid', `${name} is missing.`);
    if (data.byteLength !== info.size || hashOf(name, data) !== hash) {
      throw new BackupError('backup.blob_invalid', `${name} does not match its SHA-256; the file was damaged or altered.`);
    }
    expected.add(name);
    blobs.set(hash, data);
  }

  for (const name of names) {
    if (!expected.has(name)) {
      const kind = BLOB_ENTRY.test(name) ? 'blob' : 'entry';
      throw new BackupError('backup.corrupt', `The zip holds a ${kind} backup.json does not list: ${name}.`);
    }
  }
  return { manifest, manifestBytes, signatureBytes, tables, blobs };
}

function failure(error: unknown): DecodeResult {
  if (error instanceof BackupError) return { ok: false, code: error.code, detail: error.detail };
  return { ok: false, code: 'backup.corrupt', detail: `The file cannot be read (${(error as Error).message}).` };
}

/** Reads and fully verifies a backup file. Never throws for bad input: it says what is wrong. */
export function decodeBackup(bytes: Uint8Array, limits: DecodeLimits): DecodeResult {
  try {
    return { ok: true, backup: decodeContents(openBackup(bytes, limits), nobleHashOf) };
  } catch (error) {
    return failure(error);
  }
}

/**
 * The same checks as decodeBackup, with the file hashes computed by `digest` — in a browser
 * WebCrypto's SHA-256, an order of magnitude faster than hashing in JavaScript, which matters for
 * a backup of 100,000 cases (hundreds of MB of table text).
 */
export async function decodeBackupAsync(
  bytes: Uint8Array,
  limits: DecodeLimits,
  digest: (data: Uint8Array) => Promise<string>,
): Promise<DecodeResult> {
  try {
    const zip = openBackup(bytes, limits);
    const hashes = new Map<string, string>();
    for (const [name, data] of Object.entries(zip.files)) {
      if (name !== BACKUP_MANIFEST && name !== BACKUP_SIGNATURE) hashes.set(name, await digest(data));
    }
    return { ok: true, backup: decodeContents(zip, (name, data) => hashes.get(name) ?? nobleHashOf(name, data)) };
  } catch (error) {
    return failure(error);
  }
}
