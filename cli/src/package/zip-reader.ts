// A zip reader for hostile input (design.md §6: reading a package is hostile-input handling). It
// trusts no field: the end record, ZIP64 records and central directory are bounds-checked; every
// local header is read and must agree with its central entry; entries must tile the archive
// exactly (no overlaps — the trick of "non-recursive" zip bombs — no gaps, no prefix); names obey
// the package path rules; symbolic links, special files, encryption, multi-disk archives and
// unknown compression are refused; the entry count, the total unpacked size and each entry's
// compression ratio are capped before a byte is inflated, and inflating stops at the declared
// size. Entries are streamed (hashed, or written into a folder this reader creates and never
// leaves); nothing is held whole except what a caller asks to read with a size limit.
import { equalBytes } from '../../../shared/pkix/der';
import { createHash } from 'node:crypto';
import { mkdir, open, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { pathKey, pathProblem } from '../../../shared/confirmation/manifest';
import { ZIP64_EXTRA_ID, ZIP_FLAGS, ZIP_SIGNATURES } from '../../../shared/confirmation/zip-writer';
import { ZipRefusedError, type ZipSource } from './zip-source';

export { bytesSource, fileSource, ZipRefusedError, type ZipSource } from './zip-source';

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared unpacked sizes. */
  maxTotalBytes: number;
  /** Unpacked / packed, for deflated entries larger than RATIO_FLOOR. */
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

/** Small entries may compress well (a page of repeated text) without being a threat. */
const RATIO_FLOOR = 1024 * 1024;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
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
    if (!Number.isSafeInteger(value)) throw new ZipRefusedError('a 64-bit size or offset is impossibly large');
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
    if (at + 4 > extra.length) throw new ZipRefusedError('its extra field is truncated', entry);
    const id = fields.u16(at);
    const length = fields.u16(at + 2);
    if (at + 4 + length > extra.length) throw new ZipRefusedError('its extra field runs past its end', entry);
    if (seen.has(id)) throw new ZipRefusedError(`its extra field 0x${id.toString(16)} appears twice`, entry);
    seen.add(id);
    const body = extra.subarray(at + 4, at + 4 + length);
    if (id === ZIP64_EXTRA_ID) out.zip64 = new Fields(body);
    if (id === UNICODE_PATH_EXTRA_ID) {
      if (length < 5 || body[0] !== 1) throw new ZipRefusedError('its Unicode path field is malformed', entry);
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
  if (!extra.zip64 || extra.zip64.bytes.length < needed * 8) throw new ZipRefusedError('it marks a size or offset as ZIP64 but has no ZIP64 field for it', entry);
  let at = 0;
  const next = () => {
    const v = (extra.zip64 as Fields).u64(at);
    at += 8;
    return v;
  };
  return { size: wanted.size ? next() : null, compressedSize: wanted.compressedSize ? next() : null, offset: wanted.offset ? next() : null };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(bytes: Uint8Array, index: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ZipRefusedError(`entry ${index + 1}'s name is not UTF-8`);
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

interface EndRecord {
  entries: number;
  directorySize: number;
  directoryOffset: number;
  /** Where the central directory must end: the ZIP64 end record, else the end record. */
  directoryEnd: number;
}

async function readEndRecord(source: ZipSource, limits: ZipLimits): Promise<EndRecord> {
  if (source.size < 22) throw new ZipRefusedError('the file is too small to be a zip archive');
  const tailLength = Math.min(source.size, 22 + MAX16);
  const tailStart = source.size - tailLength;
  const tail = new Fields(await source.read(tailStart, tailLength));
  let found = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    // The end record's comment must reach exactly to the end of the file.
    if (tail.u32(i) === ZIP_SIGNATURES.end && i + 22 + tail.u16(i + 20) === tailLength) {
      found = i;
      break;
    }
  }
  if (found === -1) {
    const head = new Fields(await source.read(0, 4));
    throw new ZipRefusedError(head.u32(0) === ZIP_SIGNATURES.localHeader ? 'the zip is truncated: its end-of-central-directory record is missing' : 'this is not a zip archive');
  }
  const end = tailStart + found;
  if (tail.u16(found + 4) !== 0 || tail.u16(found + 6) !== 0) throw new ZipRefusedError('multi-disk (split) archives are not supported');
  let entries = tail.u16(found + 10);
  if (tail.u16(found + 8) !== entries) throw new ZipRefusedError('the end record counts its entries twice, differently');
  let directorySize = tail.u32(found + 12);
  let directoryOffset = tail.u32(found + 16);
  let directoryEnd = end;

  if (end >= 20) {
    const locator = new Fields(await source.read(end - 20, 20));
    if (locator.u32(0) === ZIP_SIGNATURES.zip64Locator) {
      if (locator.u32(4) !== 0 || locator.u32(16) > 1) throw new ZipRefusedError('multi-disk (split) archives are not supported');
      const recordOffset = locator.u64(8);
      if (recordOffset + 56 > end - 20) throw new ZipRefusedError('the ZIP64 end record lies outside the archive: it is truncated or damaged');
      const record = new Fields(await source.read(recordOffset, 56));
      if (record.u32(0) !== ZIP_SIGNATURES.zip64End) throw new ZipRefusedError('the ZIP64 end record is missing where its locator points');
      if (record.u64(4) < 44 || recordOffset + 12 + record.u64(4) !== end - 20) throw new ZipRefusedError('the ZIP64 end record has the wrong size');
      if (record.u32(16) !== 0 || record.u32(20) !== 0) throw new ZipRefusedError('multi-disk (split) archives are not supported');
      const entries64 = record.u64(32);
      if (record.u64(24) !== entries64) throw new ZipRefusedError('the ZIP64 end record counts its entries twice, differently');
      const size64 = record.u64(40);
      const offset64 = record.u64(48);
      // A 32-bit field either holds the value or says "see ZIP64".
      if ((entries !== MAX16 && entries !== entries64) || (directorySize !== MAX32 && directorySize !== size64) || (directoryOffset !== MAX32 && directoryOffset !== offset64)) {
        throw new ZipRefusedError('the end record and the ZIP64 end record disagree');
      }
      entries = entries64;
      directorySize = size64;
      directoryOffset = offset64;
      directoryEnd = recordOffset;
    }
  }
  if (entries > limits.maxEntries) throw new ZipRefusedError(`the archive holds ${entries.toLocaleString('en')} entries; at most ${limits.maxEntries.toLocaleString('en')} are accepted`);
  if (directorySize > limits.maxCentralDirectoryBytes) throw new ZipRefusedError(`the central directory has ${directorySize} bytes; at most ${limits.maxCentralDirectoryBytes} are accepted`);
  if (directoryOffset + directorySize !== directoryEnd) throw new ZipRefusedError('the central directory does not end where the end record begins: the zip is truncated or has bytes inserted');
  return { entries, directorySize, directoryOffset, directoryEnd };
}

function readCentralDirectory(directory: Fields, end: EndRecord, limits: ZipLimits): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = 0;
  for (let index = 0; index < end.entries; index++) {
    if (at + 46 > directory.bytes.length || directory.u32(at) !== ZIP_SIGNATURES.centralHeader) throw new ZipRefusedError(`central directory entry ${index + 1} is missing or damaged`);
    const nameLength = directory.u16(at + 28);
    const extraLength = directory.u16(at + 30);
    const commentLength = directory.u16(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directory.bytes.length) throw new ZipRefusedError(`central directory entry ${index + 1} runs past the directory`);
    const nameBytes = directory.bytes.slice(at + 46, at + 46 + nameLength);
    const rawName = decodeName(nameBytes, index);
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
    if (directory.u16(at + 34) !== 0) throw new ZipRefusedError('it starts on another disk of a split archive', rawName);

    const directory_ = rawName.endsWith('/');
    const name = directory_ ? rawName.slice(0, -1) : rawName;
    const problem = pathProblem(name);
    if (problem) throw new ZipRefusedError(`unsafe name: ${problem}`, rawName);
    if (extra.unicodePath && !equalBytes(extra.unicodePath, nameBytes)) throw new ZipRefusedError('its Unicode path field names another file than its header (tools would disagree on its name)', rawName);
    if (flags & ENCRYPTION_FLAGS) throw new ZipRefusedError('it is encrypted', rawName);
    if (flags & ~KNOWN_FLAGS) throw new ZipRefusedError(`it uses unknown flags 0x${flags.toString(16)}`, rawName);
    if (method !== 0 && method !== 8) throw new ZipRefusedError(`it uses compression method ${method}; only stored and deflated entries are read`, rawName);
    if (versionNeeded > 63) throw new ZipRefusedError(`it needs zip version ${versionNeeded / 10}`, rawName);
    const type = fileType(versionMadeBy, external);
    if (type === 'symlink') throw new ZipRefusedError('it is a symbolic link', rawName);
    if (type === 'special') throw new ZipRefusedError('it is a device, socket or pipe, not a file', rawName);
    // The low byte holds MS-DOS attributes whatever the host (Info-ZIP writes both); 0x10 is "folder".
    const markedFolder = type === 'directory' || (external & 0x10) !== 0;
    if ((directory_ && type === 'file') || (!directory_ && markedFolder)) throw new ZipRefusedError('it is marked as a folder and named as a file, or the other way round', rawName);
    if (directory_ && size !== 0) throw new ZipRefusedError('a folder entry carries data', rawName);
    if (method === 0 && compressedSize !== size) throw new ZipRefusedError(`it is stored uncompressed but claims ${size} bytes from ${compressedSize}`, rawName);
    if (method === 8 && size > RATIO_FLOOR && size > compressedSize * limits.maxCompressionRatio) {
      throw new ZipRefusedError(`it would inflate ${compressedSize.toLocaleString('en')} bytes to ${size.toLocaleString('en')} (more than ${limits.maxCompressionRatio}:1): a zip bomb`, rawName);
    }
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipRefusedError(`the archive would unpack to more than ${limits.maxTotalBytes / 1024 ** 3} GiB`, rawName);
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
  if (at !== directory.bytes.length) throw new ZipRefusedError('the central directory holds more than its end record counts');
  refuseCollisions(entries);
  return entries;
}

/** Names that would land on the same file on some system, or a file that is also a folder. */
function refuseCollisions(entries: readonly ZipEntry[]): void {
  const byKey = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const key = pathKey(entry.name);
    const earlier = byKey.get(key);
    if (earlier) throw new ZipRefusedError(earlier.name === entry.name ? 'the name appears twice in the archive' : `its name differs from "${earlier.name}" only in letter case`, entry.name);
    byKey.set(key, entry);
  }
  for (const [key, entry] of byKey) {
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = byKey.get(segments.slice(0, i).join('/'));
      if (parent && !parent.directory) throw new ZipRefusedError(`"${parent.name}" is a file, so it cannot also be this entry's folder`, entry.name);
    }
  }
}

/** Reads each local header, checks it against the central entry, and checks that the entries tile the archive. */
async function checkLocalHeaders(source: ZipSource, entries: ZipEntry[], end: EndRecord): Promise<void> {
  const ordered = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  let expected = 0;
  for (const entry of ordered) {
    const shown = entry.directory ? `${entry.name}/` : entry.name;
    if (entry.headerOffset !== expected) {
      throw new ZipRefusedError(entry.headerOffset < expected ? 'it overlaps the entry before it (a zip bomb trick or a damaged archive)' : `${entry.headerOffset - expected} unexplained bytes precede it`, shown);
    }
    if (entry.headerOffset + 30 > end.directoryOffset) throw new ZipRefusedError('its local header lies past the file data', shown);
    const header = new Fields(await source.read(entry.headerOffset, 30));
    if (header.u32(0) !== ZIP_SIGNATURES.localHeader) throw new ZipRefusedError('its local header is missing', shown);
    const nameLength = header.u16(26);
    const extraLength = header.u16(28);
    const dataOffset = entry.headerOffset + 30 + nameLength + extraLength;
    if (dataOffset > end.directoryOffset) throw new ZipRefusedError('its local header runs past the file data', shown);
    const rest = await source.read(entry.headerOffset + 30, nameLength + extraLength);
    if (!equalBytes(rest.subarray(0, nameLength), entry.nameBytes)) throw new ZipRefusedError('its local header names another file than the central directory', shown);
    const extra = readExtra(rest.subarray(nameLength), shown);
    if (extra.unicodePath && !equalBytes(extra.unicodePath, entry.nameBytes)) throw new ZipRefusedError('its Unicode path field names another file than its header', shown);
    const localVersion = header.u16(4);
    // Python's zipfile raises the central version alone to 4.5 when only the central entry needs
    // ZIP64 (an offset past 4 GiB); a local header without ZIP64 fields then says 1.0 or 2.0.
    const centralOnlyZip64 = entry.zip64Offset && entry.versionNeeded === 45 && extra.zip64 === null && (localVersion === 10 || localVersion === 20);
    const versionAgrees = localVersion === entry.versionNeeded || centralOnlyZip64;
    if (!versionAgrees || header.u16(6) !== entry.flags || header.u16(8) !== entry.method || header.u16(10) !== entry.time || header.u16(12) !== entry.date) {
      throw new ZipRefusedError('its local header disagrees with the central directory (version, flags, method or time)', shown);
    }
    const crc = header.u32(14);
    const compressed = header.u32(18);
    const size = header.u32(22);
    const local64 = zip64Values(extra, { size: size === MAX32, compressedSize: compressed === MAX32, offset: false }, shown);
    const localSize = local64.size ?? size;
    const localCompressed = local64.compressedSize ?? compressed;
    const agrees = (value: number, actual: number) => value === actual || ((entry.flags & ZIP_FLAGS.dataDescriptor) !== 0 && value === 0);
    if (!agrees(crc, entry.crc32) || !agrees(localSize, entry.size) || !agrees(localCompressed, entry.compressedSize)) {
      throw new ZipRefusedError('its local header states another size or CRC-32 than the central directory', shown);
    }
    const dataEnd = dataOffset + entry.compressedSize;
    if (dataEnd > end.directoryOffset) throw new ZipRefusedError('its data runs past the end of the file data: the zip is truncated', shown);
    entry.dataOffset = dataOffset;
    expected = dataEnd;
    if (entry.flags & ZIP_FLAGS.dataDescriptor) expected += await descriptorLength(source, entry, dataEnd, end.directoryOffset, extra.zip64 !== null, shown);
  }
  if (expected !== end.directoryOffset) throw new ZipRefusedError(`${end.directoryOffset - expected} unexplained bytes lie between the last entry and the central directory`);
}

/** The data descriptor after an entry's data: with or without its signature, 32- or 64-bit sizes; it must repeat the central values. */
async function descriptorLength(source: ZipSource, entry: ZipEntry, at: number, limit: number, zip64: boolean, shown: string): Promise<number> {
  const width = zip64 ? 8 : 4;
  const available = Math.min(4 + 4 + 2 * width, limit - at);
  const bytes = new Fields(await source.read(at, Math.max(0, available)));
  const matches = (from: number) => {
    if (from + 4 + 2 * width > bytes.bytes.length) return false;
    const compressed = zip64 ? bytes.u64(from + 4) : bytes.u32(from + 4);
    const size = zip64 ? bytes.u64(from + 4 + width) : bytes.u32(from + 4 + width);
    return bytes.u32(from) === entry.crc32 && compressed === entry.compressedSize && size === entry.size;
  };
  if (bytes.bytes.length >= 4 && bytes.u32(0) === ZIP_SIGNATURES.dataDescriptor && matches(4)) return 4 + 4 + 2 * width;
  if (matches(0)) return 4 + 2 * width;
  throw new ZipRefusedError('its data descriptor is missing or disagrees with the central directory', shown);
}

export interface HashedEntry {
  sha256: string;
  size: number;
  crcOk: boolean;
}

export interface HashOptions {
  /** A folder to write the files into while hashing: created here, and nothing is written outside it. */
  extractTo?: string;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

export class ZipArchive {
  private readonly byName: Map<string, ZipEntry>;

  constructor(
    private readonly source: ZipSource,
    readonly entries: readonly ZipEntry[],
  ) {
    this.byName = new Map(entries.map((e) => [e.name, e]));
  }

  /** File entries (not folders), in central-directory order. */
  get files(): ZipEntry[] {
    return this.entries.filter((e) => !e.directory);
  }

  find(name: string): ZipEntry | undefined {
    return this.byName.get(name);
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

  /** An entry's unpacked bytes as they are read; stops at the declared size. */
  async *chunks(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const raw = this.source.chunks(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    if (entry.method === 0) {
      yield* raw;
      return;
    }
    const input = Readable.from(raw, { objectMode: false });
    const inflater = createInflateRaw();
    input.on('error', (error) => inflater.destroy(error));
    input.pipe(inflater);
    let produced = 0;
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > entry.size) throw new ZipRefusedError(`it inflates to more than the ${entry.size} bytes it declares (a zip bomb)`, entry.name);
        yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      }
    } catch (error) {
      if (error instanceof ZipRefusedError) throw error;
      throw new ZipRefusedError(`its compressed data is damaged (${(error as Error).message})`, entry.name);
    } finally {
      input.destroy();
      inflater.destroy();
    }
    if (produced !== entry.size) throw new ZipRefusedError(`it inflates to ${produced} bytes, not the ${entry.size} it declares`, entry.name);
  }

  /**
   * Hashes every file in one pass in archive order (SHA-256 and CRC-32, natively), writing each
   * into `extractTo` as well when asked. A CRC-32 mismatch is reported, not thrown: the caller
   * names the file whose bytes differ.
   */
  async hashAll(options: HashOptions = {}): Promise<Map<string, HashedEntry>> {
    const root = options.extractTo === undefined ? null : await createFolder(options.extractTo);
    const ordered = [...this.entries].sort((a, b) => a.dataOffset - b.dataOffset);
    const total = ordered.reduce((n, e) => n + e.size, 0);
    let done = 0;
    const out = new Map<string, HashedEntry>();
    for (const entry of ordered) {
      const target = root === null ? null : targetIn(root, entry);
      if (entry.directory) {
        if (target) await mkdir(target, { recursive: true });
        continue;
      }
      if (target) await mkdir(resolve(target, '..'), { recursive: true });
      // 'wx': never follow or overwrite anything already there.
      const file = target ? await open(target, 'wx', 0o644) : null;
      const hash = createHash('sha256');
      let crc = 0;
      let size = 0;
      try {
        for await (const chunk of this.chunks(entry)) {
          hash.update(chunk);
          crc = crc32(chunk, crc);
          size += chunk.length;
          if (file) await writeAll(file, chunk);
          done += chunk.length;
          options.onProgress?.(done, total);
        }
      } finally {
        await file?.close();
      }
      out.set(entry.name, { sha256: hash.digest('hex'), size, crcOk: crc === entry.crc32 });
    }
    return out;
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

/** write() may write less than it was given; the rest is written until none is left. */
async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let at = 0; at < chunk.length; ) at += (await file.write(chunk, at, chunk.length - at)).bytesWritten;
}

/** A new, empty folder (refused if anything is there already), as its real path. */
async function createFolder(path: string): Promise<string> {
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZipRefusedError(code === 'EEXIST' ? `${path} already exists; name a new folder to extract into` : `${path} cannot be created (${code ?? (error as Error).message})`);
  }
  return realpath(path);
}

/** The entry's path inside root; the names were checked already, and this checks again where it lands. */
function targetIn(root: string, entry: ZipEntry): string {
  const target = resolve(root, join(...entry.name.split('/')));
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) throw new ZipRefusedError('it would be written outside the extraction folder', entry.name);
  return target;
}

/** Opens an archive and checks all of its structure; no entry data is read yet. */
export async function openZip(source: ZipSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> {
  const end = await readEndRecord(source, limits);
  const directory = new Fields(await source.read(end.directoryOffset, end.directorySize));
  const entries = readCentralDirectory(directory, end, limits);
  await checkLocalHeaders(source, entries, end);
  return new ZipArchive(source, entries);
}
