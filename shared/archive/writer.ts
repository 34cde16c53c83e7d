// Every zip the workstation writes is written here (APPNOTE.TXT 6.3.10), with sizes, CRC-32 and
// ZIP64 records exact and times from the UTC calendar, so the archive does not depend on where it
// was made. Two writers share the records:
// - StoredZipWriter streams stored (uncompressed) entries of any size: a package's evidence is
//   photos, videos and PDFs that are already compressed, passed through as it is read; each
//   entry's CRC-32 goes into a data descriptor after it and, with everything else, into the
//   central directory at the end.
// - ZipBuilder assembles a zip in memory, each entry deflated (by fflate, as it comes) or stored:
//   backups, ledger exports and the court's signed files. zipBytes builds one from a tree of files.
//
// Why not fflate's Zip or zipSync: fflate 0.8 writes no ZIP64 records. Its header writer stores
// sizes and offsets as 32-bit values (`v >>>= 8` truncates anything from 4 GiB up without a word)
// and the entry count as 16 bits, so an archive with more than 4 GiB would come out silently
// corrupt. It also stamps times in the machine's local time zone and computes CRC-32 in
// JavaScript only. The format is small enough to write exactly; fflate only deflates.
import { Deflate } from 'fflate';
import { crc32, MAX16, MAX32, ZIP64_EXTRA_ID, ZIP_FLAGS, ZIP_SIGNATURES, type Crc32 } from './format';

/** Made by: Unix (3) and APPNOTE 4.5, so readers take the external attributes as a Unix mode. */
const VERSION_MADE_BY = (3 << 8) | 45;
const REGULAR_FILE_MODE = 0o100644;

class Bytes {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private at = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }
  u64(v: number): this {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${v} is not a size a zip can hold.`);
    this.view.setUint32(this.at, v % 2 ** 32, true);
    this.view.setUint32(this.at + 4, Math.floor(v / 2 ** 32), true);
    this.at += 8;
    return this;
  }
  put(part: Uint8Array): this {
    this.bytes.set(part, this.at);
    this.at += part.length;
    return this;
  }
}

/** MS-DOS date and time fields, from the UTC calendar so the archive does not depend on where it was made. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

interface WrittenEntry {
  name: Uint8Array;
  method: 0 | 8;
  flags: number;
  size: number;
  compressedSize: number;
  crc: number;
  offset: number;
  /** Version needed to extract: 4.5 where any ZIP64 field describes the entry, here or in the central directory. */
  version: number;
}

function encodedName(name: string): Uint8Array {
  const encoded = new TextEncoder().encode(name);
  if (encoded.length > MAX16) throw new RangeError(`The name ${name.slice(0, 40)}… is too long for a zip.`);
  return encoded;
}

/** The central directory and the end records after it; ZIP64 where a value needs it, or everywhere with `force`. */
function centralDirectory(entries: readonly WrittenEntry[], stamp: { time: number; date: number }, directoryOffset: number, force: boolean): Uint8Array {
  const headers = entries.map((e) => {
    const bigSize = force || e.size >= MAX32 || e.compressedSize >= MAX32;
    const bigOffset = force || e.offset >= MAX32;
    const extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
    const header = new Bytes(46 + e.name.length + (extra ? 4 + extra : 0))
      .u32(ZIP_SIGNATURES.centralHeader)
      .u16(VERSION_MADE_BY)
      .u16(e.version)
      .u16(e.flags)
      .u16(e.method)
      .u16(stamp.time)
      .u16(stamp.date)
      .u32(e.crc)
      .u32(bigSize ? MAX32 : e.compressedSize)
      .u32(bigSize ? MAX32 : e.size)
      .u16(e.name.length)
      .u16(extra ? 4 + extra : 0)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(REGULAR_FILE_MODE * 0x10000)
      .u32(bigOffset ? MAX32 : e.offset)
      .put(e.name);
    if (extra) {
      header.u16(ZIP64_EXTRA_ID).u16(extra);
      if (bigSize) header.u64(e.size).u64(e.compressedSize);
      if (bigOffset) header.u64(e.offset);
    }
    return header.bytes;
  });
  const directorySize = headers.reduce((n, h) => n + h.length, 0);
  const count = entries.length;
  const zip64 = force || count >= MAX16 || directorySize >= MAX32 || directoryOffset >= MAX32;
  const tail = new Bytes((zip64 ? 56 + 20 : 0) + 22);
  if (zip64) {
    const recordOffset = directoryOffset + directorySize;
    tail.u32(ZIP_SIGNATURES.zip64End).u64(44).u16(VERSION_MADE_BY).u16(45).u32(0).u32(0).u64(count).u64(count).u64(directorySize).u64(directoryOffset);
    tail.u32(ZIP_SIGNATURES.zip64Locator).u32(0).u64(recordOffset).u32(1);
  }
  const countField = zip64 && (force || count >= MAX16) ? MAX16 : count;
  tail
    .u32(ZIP_SIGNATURES.end)
    .u16(0)
    .u16(0)
    .u16(countField)
    .u16(countField)
    .u32(zip64 && (force || directorySize >= MAX32) ? MAX32 : directorySize)
    .u32(zip64 && (force || directoryOffset >= MAX32) ? MAX32 : directoryOffset)
    .u16(0);
  return concatenate([...headers, tail.bytes]);
}

/** The parts as one array. */
function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export interface ZipWriterOptions {
  modified: Date;
  crc32?: Crc32;
  /** Writes ZIP64 records for every entry and the end, whatever the sizes (tests use it to check readers at small sizes). */
  forceZip64?: boolean;
}

/**
 * Writes one stored entry at a time: start(name, size) returns the local header, data(chunk) takes
 * the entry's bytes (the caller emits them itself, uncopied), finish() returns the data descriptor;
 * end() returns the central directory and end records. The declared size decides ZIP64 up front,
 * and finish() refuses an entry whose data did not have that size.
 */
export class StoredZipWriter {
  private readonly entries: WrittenEntry[] = [];
  private readonly crcOf: Crc32;
  private readonly stamp: { time: number; date: number };
  private offset = 0;
  private current: (WrittenEntry & { zip64: boolean; written: number }) | null = null;

  constructor(private readonly options: ZipWriterOptions) {
    this.crcOf = options.crc32 ?? crc32;
    this.stamp = dosDateTime(options.modified);
  }

  /** Bytes written so far. */
  get position(): number {
    return this.offset;
  }

  start(name: string, size: number): Uint8Array {
    if (this.current) throw new Error(`The entry ${new TextDecoder().decode(this.current.name)} is not finished.`);
    const encoded = encodedName(name);
    const zip64 = this.options.forceZip64 === true || size >= MAX32;
    // Readers compare the local and central versions; the central one needs 4.5 for an offset past 4 GiB.
    const version = zip64 || this.offset >= MAX32 ? 45 : 20;
    const flags = ZIP_FLAGS.dataDescriptor | ZIP_FLAGS.utf8;
    const header = new Bytes(30 + encoded.length + (zip64 ? 20 : 0))
      .u32(ZIP_SIGNATURES.localHeader)
      .u16(version)
      .u16(flags)
      .u16(0)
      .u16(this.stamp.time)
      .u16(this.stamp.date)
      .u32(0)
      .u32(zip64 ? MAX32 : 0)
      .u32(zip64 ? MAX32 : 0)
      .u16(encoded.length)
      .u16(zip64 ? 20 : 0)
      .put(encoded);
    // With bit 3 the sizes follow the data; the ZIP64 field is there to say they take 8 bytes each.
    if (zip64) header.u16(ZIP64_EXTRA_ID).u16(16).u64(0).u64(0);
    this.current = { name: encoded, method: 0, flags, size, compressedSize: size, crc: 0, offset: this.offset, version, zip64, written: 0 };
    this.offset += header.bytes.length;
    return header.bytes;
  }

  data(chunk: Uint8Array): void {
    const entry = this.current;
    if (!entry) throw new Error('No entry is open.');
    entry.written += chunk.length;
    if (entry.written > entry.size) throw new RangeError(`${new TextDecoder().decode(entry.name)} has more than the ${entry.size} bytes declared.`);
    entry.crc = this.crcOf(chunk, entry.crc);
    this.offset += chunk.length;
  }

  finish(): Uint8Array {
    const entry = this.current;
    if (!entry) throw new Error('No entry is open.');
    if (entry.written !== entry.size) throw new RangeError(`${new TextDecoder().decode(entry.name)} has ${entry.written} bytes, not the ${entry.size} declared.`);
    const descriptor = new Bytes(entry.zip64 ? 24 : 16).u32(ZIP_SIGNATURES.dataDescriptor).u32(entry.crc);
    if (entry.zip64) descriptor.u64(entry.size).u64(entry.size);
    else descriptor.u32(entry.size).u32(entry.size);
    const { zip64: _zip64, written: _written, ...written } = entry;
    this.entries.push(written);
    this.current = null;
    this.offset += descriptor.bytes.length;
    return descriptor.bytes;
  }

  end(): Uint8Array {
    if (this.current) throw new Error('The last entry is not finished.');
    const out = centralDirectory(this.entries, this.stamp, this.offset, this.options.forceZip64 === true);
    this.offset += out.length;
    return out;
  }
}

/** An entry of a ZipBuilder written in pieces. */
export interface EntryWriter {
  push(chunk: Uint8Array): void;
  end(): void;
}

/** Deflate level 1–9 (fflate's), or 0 to store the bytes as they are. */
export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface ZipEntryOptions {
  /** 6 unless said. */
  level?: DeflateLevel;
}

/**
 * A zip assembled in memory: each entry deflated as its pieces come (or stored), then written
 * with its sizes and CRC-32 in the local header, no data descriptor. Memory grows with the output.
 */
export class ZipBuilder {
  private readonly parts: Uint8Array[] = [];
  private readonly entries: WrittenEntry[] = [];
  private readonly crcOf: Crc32;
  private readonly stamp: { time: number; date: number };
  private offset = 0;
  private open = false;

  constructor(private readonly options: ZipWriterOptions) {
    this.crcOf = options.crc32 ?? crc32;
    this.stamp = dosDateTime(options.modified);
  }

  /** Adds an entry whose bytes are all here. */
  add(name: string, bytes: Uint8Array, options: ZipEntryOptions = {}): void {
    const entry = this.entry(name, options);
    entry.push(bytes);
    entry.end();
  }

  /** An entry written in pieces (a table's rows, say), deflated as they come; one entry is open at a time. */
  entry(name: string, options: ZipEntryOptions = {}): EntryWriter {
    if (this.open) throw new Error('The entry before is not finished.');
    this.open = true;
    const encoded = encodedName(name);
    const level = options.level ?? 6;
    const data: Uint8Array[] = [];
    let compressedSize = 0;
    let size = 0;
    let crc = 0;
    const keep = (chunk: Uint8Array) => {
      data.push(chunk);
      compressedSize += chunk.length;
    };
    const deflater = level > 0 ? new Deflate({ level }, keep) : null;
    return {
      push: (chunk) => {
        crc = this.crcOf(chunk, crc);
        size += chunk.length;
        if (deflater) deflater.push(chunk, false);
        else keep(chunk);
      },
      end: () => {
        deflater?.push(new Uint8Array(0), true);
        this.write({ name: encoded, method: deflater ? 8 : 0, flags: ZIP_FLAGS.utf8, size, compressedSize, crc, offset: this.offset }, data);
        this.open = false;
      },
    };
  }

  private write(written: Omit<WrittenEntry, 'version'>, data: readonly Uint8Array[]): void {
    const zip64 = this.options.forceZip64 === true || written.size >= MAX32 || written.compressedSize >= MAX32;
    // Readers compare the local and central versions; the central one needs 4.5 for an offset past 4 GiB.
    const entry: WrittenEntry = { ...written, version: zip64 || written.offset >= MAX32 ? 45 : 20 };
    const header = new Bytes(30 + entry.name.length + (zip64 ? 20 : 0))
      .u32(ZIP_SIGNATURES.localHeader)
      .u16(entry.version)
      .u16(entry.flags)
      .u16(entry.method)
      .u16(this.stamp.time)
      .u16(this.stamp.date)
      .u32(entry.crc)
      .u32(zip64 ? MAX32 : entry.compressedSize)
      .u32(zip64 ? MAX32 : entry.size)
      .u16(entry.name.length)
      .u16(zip64 ? 20 : 0)
      .put(entry.name);
    if (zip64) header.u16(ZIP64_EXTRA_ID).u16(16).u64(entry.size).u64(entry.compressedSize);
    this.parts.push(header.bytes, ...data);
    this.offset += header.bytes.length + entry.compressedSize;
    this.entries.push(entry);
  }

  /** The whole archive; the builder is done. */
  finish(): Uint8Array {
    if (this.open) throw new Error('The last entry is not finished.');
    return concatenate([...this.parts, centralDirectory(this.entries, this.stamp, this.offset, this.options.forceZip64 === true)]);
  }
}

/** Files by name, each its bytes or its bytes with their own options. */
export type ZipTree = Record<string, Uint8Array | readonly [Uint8Array, ZipEntryOptions]>;

/** A zip of these files, in this order; `level` for those that name none, `mtime` (now unless given) for all. */
export function zipBytes(files: ZipTree, options: ZipEntryOptions & { mtime?: Date } = {}): Uint8Array {
  const zip = new ZipBuilder({ modified: options.mtime ?? new Date() });
  for (const [name, file] of Object.entries(files)) {
    const [bytes, own] = file instanceof Uint8Array ? [file, {}] : file;
    zip.add(name, bytes, { level: own.level ?? options.level ?? 6 });
  }
  return zip.finish();
}
