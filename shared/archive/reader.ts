// The zip reader, for hostile input (design.md §6: reading a package, a ledger export or a backup
// is hostile-input handling). It
// trusts no field: the end record, ZIP64 records and central directory are bounds-checked; every
// local header is read and must agree with its central entry (a disagreement, like two names that
// fold to one, is refused as ambiguous: shared/integrity/ambiguity.ts); entries must tile the archive
// exactly (no overlaps — the trick of "non-recursive" zip bombs — no gaps, no prefix); names obey
// the package path rules and are UTF-8 by flag; symbolic links, special files, encryption,
// multi-disk archives and unknown compression are refused; the entry count, the total unpacked
// size, each large entry's compression ratio and the ratio of all deflated entries together are
// capped before a byte is inflated, and inflating stops at the declared size. Entries are streamed
// (hashed, or handed to an extraction target); nothing is held whole except what a caller asks to
// read with a size limit, or an archive that is in memory already.
//
// Pure and written once for both ways an archive is read: the structure is parsed by generators
// that ask for the bytes they need (ReadRequest), answered from a RandomAccessSource (a browser
// File by Blob.slice, a file in the CLI: openZip) or from bytes already in memory (a backup:
// openZipBytes). Entries are hashed and inflated with what the host injects (ZipHooks): portable
// SHA-256, CRC-32 and inflate (pako) by default, Node's native ones in the CLI.
import { equalBytes } from '../pkix/der';
import { bytesToHex } from '../ledger/hash';
import { detail } from '../confirmation/check-detail';
import { pathProblemDetail } from '../confirmation/manifest';
import { ambiguity, foldedName } from '../integrity/ambiguity';
import { crc32 as portableCrc32, MAX16, MAX32, ZIP64_EXTRA_ID, ZIP_FLAGS, ZIP_SIGNATURES, type Crc32 } from './format';
import { portableSha256, type HashFactory } from './hashing';
import { inflatePieces, portableInflate, type InflateStream } from './inflate';
import { ZipRefusedError, type RandomAccessSource } from './source';

/** What the host hashes and inflates with. */
export interface ZipHooks {
  sha256: HashFactory;
  crc32: Crc32;
  inflate: InflateStream;
}

/** Everything in JavaScript: what a browser uses unless it passes faster hashes. */
export const PORTABLE_ZIP_HOOKS: ZipHooks = { sha256: portableSha256, crc32: portableCrc32, inflate: portableInflate };

/** Bytes per read when an entry is streamed. */
const CHUNK = 1024 * 1024;

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared unpacked sizes. */
  maxTotalBytes: number;
  /** Unpacked / packed, for each deflated entry larger than RATIO_FLOOR and for all deflated entries together. */
  maxCompressionRatio: number;
  maxCentralDirectoryBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 64 * 1024 ** 3,
  // Deflate reaches ~1032:1 at most; evidence (photos, PDFs, video) barely compresses, text ~10:1.
  maxCompressionRatio: 200,
  maxCentralDirectoryBytes: 16 * 1024 * 1024,
};

/** A small entry may compress well (a page of repeated text) without being a threat; many of them together are judged as one. */
const RATIO_FLOOR = 1024 * 1024;
const UNICODE_PATH_EXTRA_ID = 0x7075;
const KNOWN_FLAGS = 0x0001 | 0x0002 | 0x0004 | ZIP_FLAGS.dataDescriptor | 0x0040 | ZIP_FLAGS.utf8 | 0x2000;
const ENCRYPTION_FLAGS = 0x0001 | 0x0040 | 0x2000;

class Fields {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  /** A 64-bit field; beyond 2^53 it cannot describe this archive and is refused. */
  u64(at: number): number {
    const value = this.view.getUint32(at, true) + this.view.getUint32(at + 4, true) * 2 ** 32;
    if (!Number.isSafeInteger(value)) throw new ZipRefusedError(detail('zip.huge_value'));
    return value;
  }
}

export interface ZipEntry {
  name: string;
  directory: boolean;
  method: 0 | 8;
  flags: number;
  versionNeeded: number;
  time: number;
  date: number;
  crc32: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
  /** Where the central entry carried the offset in its ZIP64 field (so it may need version 4.5 where the local header does not). */
  zip64Offset: boolean;
  nameBytes: Uint8Array;
  /** Set once the local header is read. */
  dataOffset: number;
}

interface Extra {
  zip64: Fields | null;
  unicodePath: Uint8Array | null;
}

function readExtra(extra: Uint8Array, entry: string): Extra {
  const out: Extra = { zip64: null, unicodePath: null };
  const fields = new Fields(extra);
  const seen = new Set<number>();
  for (let at = 0; at < extra.length; ) {
    if (at + 4 > extra.length) throw new ZipRefusedError(detail('zip.extra_truncated'), entry);
    const id = fields.u16(at);
    const length = fields.u16(at + 2);
    if (at + 4 + length > extra.length) throw new ZipRefusedError(detail('zip.extra_overrun'), entry);
    if (seen.has(id)) throw new ZipRefusedError(detail('zip.extra_twice', { field: `0x${id.toString(16)}` }), entry);
    seen.add(id);
    const body = extra.subarray(at + 4, at + 4 + length);
    if (id === ZIP64_EXTRA_ID) out.zip64 = new Fields(body);
    if (id === UNICODE_PATH_EXTRA_ID) {
      if (length < 5 || body[0] !== 1) throw new ZipRefusedError(detail('zip.unicode_malformed'), entry);
      out.unicodePath = body.subarray(5);
    }
    at += 4 + length;
  }
  return out;
}

/** The values a ZIP64 extra field holds for the 32-bit fields set to 0xFFFFFFFF, in APPNOTE order. */
function zip64Values(extra: Extra, wanted: { size: boolean; compressedSize: boolean; offset: boolean }, entry: string) {
  const needed = Number(wanted.size) + Number(wanted.compressedSize) + Number(wanted.offset);
  if (needed === 0) return { size: null, compressedSize: null, offset: null };
  if (!extra.zip64 || extra.zip64.bytes.length < needed * 8) throw new ZipRefusedError(detail('zip.zip64_missing'), entry);
  let at = 0;
  const next = () => {
    const v = (extra.zip64 as Fields).u64(at);
    at += 8;
    return v;
  };
  return { size: wanted.size ? next() : null, compressedSize: wanted.compressedSize ? next() : null, offset: wanted.offset ? next() : null };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The entry's name. Without flag bit 11 the zip format says a name is in code page 437, and tools
 * differ (unzip reads CP437, Windows the system code page, such as GBK): a name of non-ASCII bytes
 * without the flag means different files to different readers, so it is refused rather than guessed.
 */
function decodeName(bytes: Uint8Array, flags: number, index: number): string {
  if (!(flags & ZIP_FLAGS.utf8) && bytes.some((b) => b >= 0x80)) {
    throw new ZipRefusedError(detail('zip.name_not_marked_utf8', { index: index + 1, bytes: bytesToHex(bytes.subarray(0, 24)) }));
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ZipRefusedError(detail('zip.name_not_utf8', { index: index + 1 }));
  }
}

/** Unix file types in the high half of the external attributes, where the entry was made on Unix or macOS. */
function fileType(versionMadeBy: number, external: number): 'file' | 'directory' | 'symlink' | 'special' | 'unknown' {
  const host = versionMadeBy >> 8;
  if (host !== 3 && host !== 19) return 'unknown';
  const type = (external >>> 16) & 0o170000;
  if (type === 0) return 'unknown';
  if (type === 0o100000) return 'file';
  if (type === 0o040000) return 'directory';
  if (type === 0o120000) return 'symlink';
  return 'special';
}

/** `length` bytes at `offset`: what a parser below asks for, and is answered with (or throws). */
interface ReadRequest {
  offset: number;
  length: number;
}

/** A parser of the structure: yields the reads it needs, returns what it found. */
type Parse<T> = Generator<ReadRequest, T, Uint8Array>;

interface EndRecord {
  entries: number;
  directorySize: number;
  directoryOffset: number;
  /** Where the central directory must end: the ZIP64 end record, else the end record. */
  directoryEnd: number;
}

function* readEndRecord(size: number, limits: ZipLimits): Parse<EndRecord> {
  if (size < 22) throw new ZipRefusedError(detail('zip.too_small'));
  const tailLength = Math.min(size, 22 + MAX16);
  const tailStart = size - tailLength;
  const tail = new Fields(yield { offset: tailStart, length: tailLength });
  let found = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    // The end record's comment must reach exactly to the end of the file.
    if (tail.u32(i) === ZIP_SIGNATURES.end && i + 22 + tail.u16(i + 20) === tailLength) {
      found = i;
      break;
    }
  }
  if (found === -1) {
    const head = new Fields(yield { offset: 0, length: 4 });
    throw new ZipRefusedError(detail(head.u32(0) === ZIP_SIGNATURES.localHeader ? 'zip.truncated_end' : 'zip.not_zip'));
  }
  const end = tailStart + found;
  if (tail.u16(found + 4) !== 0 || tail.u16(found + 6) !== 0) throw new ZipRefusedError(detail('zip.multi_disk'));
  let entries = tail.u16(found + 10);
  if (tail.u16(found + 8) !== entries) throw new ZipRefusedError(detail('zip.end_count'));
  let directorySize = tail.u32(found + 12);
  let directoryOffset = tail.u32(found + 16);
  let directoryEnd = end;

  if (end >= 20) {
    const locator = new Fields(yield { offset: end - 20, length: 20 });
    if (locator.u32(0) === ZIP_SIGNATURES.zip64Locator) {
      if (locator.u32(4) !== 0 || locator.u32(16) > 1) throw new ZipRefusedError(detail('zip.multi_disk'));
      const recordOffset = locator.u64(8);
      if (recordOffset + 56 > end - 20) throw new ZipRefusedError(detail('zip.zip64_outside'));
      const record = new Fields(yield { offset: recordOffset, length: 56 });
      if (record.u32(0) !== ZIP_SIGNATURES.zip64End) throw new ZipRefusedError(detail('zip.zip64_record_missing'));
      if (record.u64(4) < 44 || recordOffset + 12 + record.u64(4) !== end - 20) throw new ZipRefusedError(detail('zip.zip64_size'));
      if (record.u32(16) !== 0 || record.u32(20) !== 0) throw new ZipRefusedError(detail('zip.multi_disk'));
      const entries64 = record.u64(32);
      if (record.u64(24) !== entries64) throw new ZipRefusedError(detail('zip.zip64_count'));
      const size64 = record.u64(40);
      const offset64 = record.u64(48);
      // A 32-bit field either holds the value or says "see ZIP64".
      if ((entries !== MAX16 && entries !== entries64) || (directorySize !== MAX32 && directorySize !== size64) || (directoryOffset !== MAX32 && directoryOffset !== offset64)) {
        throw new ZipRefusedError(detail('zip.end_disagree'));
      }
      entries = entries64;
      directorySize = size64;
      directoryOffset = offset64;
      directoryEnd = recordOffset;
    }
  }
  if (entries > limits.maxEntries) throw new ZipRefusedError(detail('zip.too_many_entries', { entries: entries.toLocaleString('en'), max: limits.maxEntries.toLocaleString('en') }));
  if (directorySize > limits.maxCentralDirectoryBytes) throw new ZipRefusedError(detail('zip.directory_too_large', { bytes: directorySize, max: limits.maxCentralDirectoryBytes }));
  if (directoryOffset + directorySize !== directoryEnd) throw new ZipRefusedError(detail('zip.directory_misplaced'));
  return { entries, directorySize, directoryOffset, directoryEnd };
}

function readCentralDirectory(directory: Fields, end: EndRecord, limits: ZipLimits): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let total = 0;
  // All deflated entries together, so that thousands of small bombs, each under RATIO_FLOOR, are one big one.
  const deflated = { size: 0, compressed: 0 };
  let at = 0;
  for (let index = 0; index < end.entries; index++) {
    if (at + 46 > directory.bytes.length || directory.u32(at) !== ZIP_SIGNATURES.centralHeader) throw new ZipRefusedError(detail('zip.central_damaged', { index: index + 1 }));
    const nameLength = directory.u16(at + 28);
    const extraLength = directory.u16(at + 30);
    const commentLength = directory.u16(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directory.bytes.length) throw new ZipRefusedError(detail('zip.central_overrun', { index: index + 1 }));
    const nameBytes = directory.bytes.slice(at + 46, at + 46 + nameLength);
    const rawName = decodeName(nameBytes, directory.u16(at + 8), index);
    const extra = readExtra(directory.bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), rawName);
    const versionMadeBy = directory.u16(at + 4);
    const versionNeeded = directory.u16(at + 6);
    const flags = directory.u16(at + 8);
    const method = directory.u16(at + 10);
    const external = directory.u32(at + 38);
    let compressedSize = directory.u32(at + 20);
    let size = directory.u32(at + 24);
    let headerOffset = directory.u32(at + 42);
    const wanted = { size: size === MAX32, compressedSize: compressedSize === MAX32, offset: headerOffset === MAX32 };
    const z64 = zip64Values(extra, wanted, rawName);
    size = z64.size ?? size;
    compressedSize = z64.compressedSize ?? compressedSize;
    headerOffset = z64.offset ?? headerOffset;
    if (directory.u16(at + 34) !== 0) throw new ZipRefusedError(detail('zip.other_disk'), rawName);

    const directory_ = rawName.endsWith('/');
    const name = directory_ ? rawName.slice(0, -1) : rawName;
    const problem = pathProblemDetail(name);
    if (problem) throw new ZipRefusedError(detail('zip.unsafe_name', {}, [problem]), rawName);
    if (extra.unicodePath && !equalBytes(extra.unicodePath, nameBytes)) throw new ZipRefusedError(ambiguity('zip_unicode_path', { name: rawName }));
    if (flags & ENCRYPTION_FLAGS) throw new ZipRefusedError(detail('zip.encrypted'), rawName);
    if (flags & ~KNOWN_FLAGS) throw new ZipRefusedError(detail('zip.unknown_flags', { flags: `0x${flags.toString(16)}` }), rawName);
    if (method !== 0 && method !== 8) throw new ZipRefusedError(detail('zip.method', { method }), rawName);
    if (versionNeeded > 63) throw new ZipRefusedError(detail('zip.version', { version: versionNeeded / 10 }), rawName);
    const type = fileType(versionMadeBy, external);
    if (type === 'symlink') throw new ZipRefusedError(detail('zip.symlink'), rawName);
    if (type === 'special') throw new ZipRefusedError(detail('zip.special'), rawName);
    // The low byte holds MS-DOS attributes whatever the host (Info-ZIP writes both); 0x10 is "folder".
    const markedFolder = type === 'directory' || (external & 0x10) !== 0;
    if ((directory_ && type === 'file') || (!directory_ && markedFolder)) throw new ZipRefusedError(detail('zip.folder_mismatch'), rawName);
    if (directory_ && size !== 0) throw new ZipRefusedError(detail('zip.folder_data'), rawName);
    if (method === 0 && compressedSize !== size) throw new ZipRefusedError(detail('zip.stored_size', { size, compressed: compressedSize }), rawName);
    if (method === 8 && size > RATIO_FLOOR && size > compressedSize * limits.maxCompressionRatio) {
      throw new ZipRefusedError(detail('zip.bomb', { compressed: compressedSize.toLocaleString('en'), size: size.toLocaleString('en'), ratio: limits.maxCompressionRatio }), rawName);
    }
    if (method === 8) {
      deflated.size += size;
      deflated.compressed += compressedSize;
    }
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipRefusedError(detail('zip.total', { gib: limits.maxTotalBytes / 1024 ** 3 }), rawName);
    entries.push({
      name,
      directory: directory_,
      method,
      flags,
      versionNeeded,
      time: directory.u16(at + 12),
      date: directory.u16(at + 14),
      crc32: directory.u32(at + 16),
      compressedSize,
      size,
      headerOffset,
      zip64Offset: wanted.offset,
      nameBytes,
      dataOffset: -1,
    });
    at = next;
  }
  if (at !== directory.bytes.length) throw new ZipRefusedError(detail('zip.directory_extra'));
  if (deflated.size > RATIO_FLOOR && deflated.size > deflated.compressed * limits.maxCompressionRatio) {
    throw new ZipRefusedError(detail('zip.bomb_many', { compressed: deflated.compressed.toLocaleString('en'), size: deflated.size.toLocaleString('en'), ratio: limits.maxCompressionRatio }));
  }
  refuseCollisions(entries);
  return entries;
}

/**
 * Names that would land on the same file on some system (ambiguous: which of the two a reader
 * extracts, or keeps, is its own choice), or a file that is also a folder.
 */
function refuseCollisions(entries: readonly ZipEntry[]): void {
  const byKey = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const key = foldedName(entry.name);
    const earlier = byKey.get(key);
    if (earlier) throw new ZipRefusedError(earlier.name === entry.name ? ambiguity('zip_name_twice', { name: entry.name }) : ambiguity('zip_name_folded', { name: entry.name, earlier: earlier.name }));
    byKey.set(key, entry);
  }
  for (const [key, entry] of byKey) {
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = byKey.get(segments.slice(0, i).join('/'));
      if (parent && !parent.directory) throw new ZipRefusedError(detail('zip.file_is_folder', { parent: parent.name }), entry.name);
    }
  }
}

/** Reads each local header, checks it against the central entry, and checks that the entries tile the archive. */
function* checkLocalHeaders(entries: ZipEntry[], end: EndRecord): Parse<void> {
  const ordered = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  let expected = 0;
  for (const entry of ordered) {
    const shown = entry.directory ? `${entry.name}/` : entry.name;
    if (entry.headerOffset !== expected) {
      throw new ZipRefusedError(entry.headerOffset < expected ? detail('zip.overlap') : detail('zip.gap', { bytes: entry.headerOffset - expected }), shown);
    }
    if (entry.headerOffset + 30 > end.directoryOffset) throw new ZipRefusedError(detail('zip.local_past'), shown);
    const header = new Fields(yield { offset: entry.headerOffset, length: 30 });
    if (header.u32(0) !== ZIP_SIGNATURES.localHeader) throw new ZipRefusedError(detail('zip.local_missing'), shown);
    const nameLength = header.u16(26);
    const extraLength = header.u16(28);
    const dataOffset = entry.headerOffset + 30 + nameLength + extraLength;
    if (dataOffset > end.directoryOffset) throw new ZipRefusedError(detail('zip.local_overrun'), shown);
    const rest = yield { offset: entry.headerOffset + 30, length: nameLength + extraLength };
    // A streaming reader goes by the local header, the others by the central directory: where the
    // two disagree, which file this is depends on the reader.
    if (!equalBytes(rest.subarray(0, nameLength), entry.nameBytes)) throw new ZipRefusedError(ambiguity('zip_local_name', { name: shown }));
    const extra = readExtra(rest.subarray(nameLength), shown);
    if (extra.unicodePath && !equalBytes(extra.unicodePath, entry.nameBytes)) throw new ZipRefusedError(ambiguity('zip_unicode_path', { name: shown }));
    const localVersion = header.u16(4);
    // Python's zipfile raises the central version alone to 4.5 when only the central entry needs
    // ZIP64 (an offset past 4 GiB); a local header without ZIP64 fields then says 1.0 or 2.0.
    const centralOnlyZip64 = entry.zip64Offset && entry.versionNeeded === 45 && extra.zip64 === null && (localVersion === 10 || localVersion === 20);
    const versionAgrees = localVersion === entry.versionNeeded || centralOnlyZip64;
    if (!versionAgrees || header.u16(6) !== entry.flags || header.u16(8) !== entry.method || header.u16(10) !== entry.time || header.u16(12) !== entry.date) {
      throw new ZipRefusedError(ambiguity('zip_local_fields', { name: shown }));
    }
    const crc = header.u32(14);
    const compressed = header.u32(18);
    const size = header.u32(22);
    const local64 = zip64Values(extra, { size: size === MAX32, compressedSize: compressed === MAX32, offset: false }, shown);
    const localSize = local64.size ?? size;
    const localCompressed = local64.compressedSize ?? compressed;
    const agrees = (value: number, actual: number) => value === actual || ((entry.flags & ZIP_FLAGS.dataDescriptor) !== 0 && value === 0);
    if (!agrees(crc, entry.crc32) || !agrees(localSize, entry.size) || !agrees(localCompressed, entry.compressedSize)) {
      throw new ZipRefusedError(ambiguity('zip_local_size', { name: shown }));
    }
    const dataEnd = dataOffset + entry.compressedSize;
    if (dataEnd > end.directoryOffset) throw new ZipRefusedError(detail('zip.data_overrun'), shown);
    entry.dataOffset = dataOffset;
    expected = dataEnd;
    if (entry.flags & ZIP_FLAGS.dataDescriptor) expected += yield* descriptorLength(entry, dataEnd, end.directoryOffset, extra.zip64 !== null, shown);
  }
  if (expected !== end.directoryOffset) throw new ZipRefusedError(detail('zip.trailing_gap', { bytes: end.directoryOffset - expected }));
}

/** The data descriptor after an entry's data: with or without its signature, 32- or 64-bit sizes; it must repeat the central values. */
function* descriptorLength(entry: ZipEntry, at: number, limit: number, zip64: boolean, shown: string): Parse<number> {
  const width = zip64 ? 8 : 4;
  const available = Math.min(4 + 4 + 2 * width, limit - at);
  const bytes = new Fields(yield { offset: at, length: Math.max(0, available) });
  const matches = (from: number) => {
    if (from + 4 + 2 * width > bytes.bytes.length) return false;
    const compressed = zip64 ? bytes.u64(from + 4) : bytes.u32(from + 4);
    const size = zip64 ? bytes.u64(from + 4 + width) : bytes.u32(from + 4 + width);
    return bytes.u32(from) === entry.crc32 && compressed === entry.compressedSize && size === entry.size;
  };
  if (bytes.bytes.length >= 4 && bytes.u32(0) === ZIP_SIGNATURES.dataDescriptor && matches(4)) return 4 + 4 + 2 * width;
  if (matches(0)) return 4 + 2 * width;
  throw new ZipRefusedError(detail('zip.descriptor'), shown);
}

/** The whole structure, checked; no entry data is read. */
function* structure(size: number, limits: ZipLimits): Parse<ZipEntry[]> {
  const end = yield* readEndRecord(size, limits);
  const directory = new Fields(yield { offset: end.directoryOffset, length: end.directorySize });
  const entries = readCentralDirectory(directory, end, limits);
  yield* checkLocalHeaders(entries, end);
  return entries;
}

/** Counts what an entry inflates to: more than it declares is refused at once, another size at the end. */
class DeclaredSize {
  private produced = 0;

  constructor(private readonly entry: ZipEntry) {}

  /** Where the chunk starts in the entry. */
  add(chunk: Uint8Array): number {
    const at = this.produced;
    this.produced += chunk.length;
    if (this.produced > this.entry.size) throw new ZipRefusedError(detail('zip.inflates_more', { size: this.entry.size }), this.entry.name);
    return at;
  }

  end(): void {
    if (this.produced !== this.entry.size) throw new ZipRefusedError(detail('zip.inflates_other', { produced: this.produced, size: this.entry.size }), this.entry.name);
  }
}

/** An inflater's failure as a refusal of the entry. */
function damaged(error: unknown, entry: ZipEntry): ZipRefusedError {
  return error instanceof ZipRefusedError ? error : new ZipRefusedError(detail('zip.damaged', { reason: (error as Error).message }), entry.name);
}

/** The entries by name; what every archive offers before its data is read. */
class ZipDirectory {
  private readonly byName: Map<string, ZipEntry>;

  constructor(readonly entries: readonly ZipEntry[]) {
    this.byName = new Map(entries.map((e) => [e.name, e]));
  }

  /** File entries (not folders), in central-directory order. */
  get files(): ZipEntry[] {
    return this.entries.filter((e) => !e.directory);
  }

  find(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }
}

export interface HashedEntry {
  sha256: string;
  size: number;
  crcOk: boolean;
}

/** Where an extracted file's bytes go (the CLI writes a file inside a folder it created). */
export interface EntrySink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Receives the entries while they are hashed; names are checked already. */
export interface ExtractTarget {
  folder(name: string): Promise<void>;
  file(name: string): Promise<EntrySink>;
}

export interface HashOptions {
  extractTo?: ExtractTarget;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

/** An archive read from a source: entries streamed, never held whole unless read() is asked. */
export class ZipArchive extends ZipDirectory {
  constructor(
    private readonly source: RandomAccessSource,
    entries: readonly ZipEntry[],
    private readonly hooks: ZipHooks = PORTABLE_ZIP_HOOKS,
  ) {
    super(entries);
  }

  /** An entry's bytes, unpacked; checked against its declared size (a liar is refused). */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    const out = new Uint8Array(entry.size);
    let at = 0;
    for await (const chunk of this.chunks(entry)) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  private async *raw(start: number, end: number): AsyncGenerator<Uint8Array> {
    for (let at = start; at < end; at += CHUNK) yield await this.source.read(at, Math.min(CHUNK, end - at));
  }

  /** An entry's unpacked bytes as they are read; stops as soon as it passes the declared size. */
  async *chunks(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const raw = this.raw(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    if (entry.method === 0) {
      yield* raw;
      return;
    }
    const size = new DeclaredSize(entry);
    try {
      for await (const chunk of this.hooks.inflate(raw, entry.size)) {
        size.add(chunk);
        yield chunk;
      }
    } catch (error) {
      throw damaged(error, entry);
    }
    size.end();
  }

  /**
   * Hashes every file in one pass in archive order (SHA-256 and CRC-32 by the host's hooks),
   * handing each to `extractTo` as well when asked. A CRC-32 mismatch is reported, not thrown: the
   * caller names the file whose bytes differ.
   */
  async hashAll(options: HashOptions = {}): Promise<Map<string, HashedEntry>> {
    const target = options.extractTo ?? null;
    const ordered = [...this.entries].sort((a, b) => a.dataOffset - b.dataOffset);
    const total = ordered.reduce((n, e) => n + e.size, 0);
    let done = 0;
    const out = new Map<string, HashedEntry>();
    for (const entry of ordered) {
      if (entry.directory) {
        await target?.folder(entry.name);
        continue;
      }
      const sink = target ? await target.file(entry.name) : null;
      const hash = this.hooks.sha256();
      let crc = 0;
      let size = 0;
      try {
        for await (const chunk of this.chunks(entry)) {
          hash.update(chunk);
          crc = this.hooks.crc32(chunk, crc);
          size += chunk.length;
          if (sink) await sink.write(chunk);
          done += chunk.length;
          options.onProgress?.(done, total);
        }
      } finally {
        await sink?.close();
      }
      out.set(entry.name, { sha256: bytesToHex(hash.digest()), size, crcOk: crc === entry.crc32 });
    }
    return out;
  }
}

/**
 * An archive held in memory (a backup the app or the CLI has read whole): the same checks, entries
 * read at once, each inflated into its declared size and no further.
 */
export class ZipBytes extends ZipDirectory {
  constructor(
    private readonly bytes: Uint8Array,
    entries: readonly ZipEntry[],
  ) {
    super(entries);
  }

  /** An entry's bytes, a copy of their own (unpacked, and checked against the declared size). */
  read(entry: ZipEntry): Uint8Array {
    const data = this.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    if (entry.method === 0) return data.slice();
    const out = new Uint8Array(entry.size);
    const size = new DeclaredSize(entry);
    try {
      inflatePieces(data, (piece) => out.set(piece, size.add(piece)));
    } catch (error) {
      throw damaged(error, entry);
    }
    size.end();
    return out;
  }
}

/** Opens an archive and checks all of its structure; no entry data is read yet. */
export async function openZip(source: RandomAccessSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS, hooks: ZipHooks = PORTABLE_ZIP_HOOKS): Promise<ZipArchive> {
  const parse = structure(source.size, limits);
  let step = parse.next();
  while (!step.done) step = parse.next(await source.read(step.value.offset, step.value.length));
  return new ZipArchive(source, step.value, hooks);
}

/** openZip for bytes in memory, synchronously. */
export function openZipBytes(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipBytes {
  const parse = structure(bytes.length, limits);
  let step = parse.next();
  while (!step.done) {
    const { offset, length } = step.value;
    if (offset < 0 || length < 0 || offset + length > bytes.length) throw new ZipRefusedError(detail('zip.read_past_end'));
    step = parse.next(bytes.subarray(offset, offset + length));
  }
  return new ZipBytes(bytes, step.value);
}
