// A streaming writer of stored (uncompressed) zip entries, for packages of any size (APPNOTE.TXT
// 6.3.10). Evidence is photos, videos and PDFs that are already compressed, so nothing is
// deflated. Each entry's data is passed through as it is read; its CRC-32 goes into a data
// descriptor after it and, with everything else, into the central directory at the end.
//
// Why not fflate's Zip + ZipPassThrough: fflate 0.8 writes no ZIP64 records. Its header writer
// stores sizes and offsets as 32-bit values (`v >>>= 8` truncates anything from 4 GiB up without a
// word) and the entry count as 16 bits, so a package with more than 4 GiB of evidence would come
// out silently corrupt. It also stamps times in the machine's local time zone and computes CRC-32
// in JavaScript only. The format below is small enough to write exactly.
export type Crc32 = (data: Uint8Array, previous: number) => number;

const CRC_TABLES = /* @__PURE__ */ (() => {
  // Slicing-by-8: eight tables, so the loop consumes eight bytes per step.
  const tables = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = tables[n] as number;
    for (let t = 1; t < 8; t++) {
      c = (tables[c & 0xff] as number) ^ (c >>> 8);
      tables[t * 256 + n] = c >>> 0;
    }
  }
  return tables;
})();

/** CRC-32 (ISO-HDLC, as zip uses it) of `data`, continuing from `previous`. Portable; hosts with a native one pass it instead. */
export function crc32(data: Uint8Array, previous = 0): number {
  const t = CRC_TABLES;
  let c = ~previous >>> 0;
  let i = 0;
  const fast = data.length - (data.length % 8);
  for (; i < fast; i += 8) {
    const a = (c ^ ((data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24))) >>> 0;
    c =
      (t[7 * 256 + (a & 0xff)] as number) ^
      (t[6 * 256 + ((a >>> 8) & 0xff)] as number) ^
      (t[5 * 256 + ((a >>> 16) & 0xff)] as number) ^
      (t[4 * 256 + (a >>> 24)] as number) ^
      (t[3 * 256 + (data[i + 4] as number)] as number) ^
      (t[2 * 256 + (data[i + 5] as number)] as number) ^
      (t[256 + (data[i + 6] as number)] as number) ^
      (t[data[i + 7] as number] as number);
  }
  for (; i < data.length; i++) c = (t[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

export const ZIP_SIGNATURES = {
  localHeader: 0x04034b50,
  dataDescriptor: 0x08074b50,
  centralHeader: 0x02014b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
  end: 0x06054b50,
} as const;

/** General-purpose flags: bit 3, sizes and CRC in a data descriptor; bit 11, names in UTF-8. */
export const ZIP_FLAGS = { encrypted: 0x0001, dataDescriptor: 0x0008, utf8: 0x0800 } as const;
export const ZIP64_EXTRA_ID = 0x0001;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
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
  size: number;
  crc: number;
  offset: number;
  zip64: boolean;
  /** Version needed to extract: 4.5 where any ZIP64 field describes the entry, here or in the central directory. */
  version: number;
}

export interface ZipWriterOptions {
  modified: Date;
  crc32?: Crc32;
  /** Writes ZIP64 records for every entry and the end, whatever the sizes (tests use it to check readers at small sizes). */
  forceZip64?: boolean;
}

/**
 * Writes one entry at a time: start(name, size) returns the local header, data(chunk) takes the
 * entry's bytes (the caller emits them itself, uncopied), finish() returns the data descriptor;
 * end() returns the central directory and end records. The declared size decides ZIP64 up front,
 * and finish() refuses an entry whose data did not have that size.
 */
export class StoredZipWriter {
  private readonly entries: WrittenEntry[] = [];
  private readonly crcOf: Crc32;
  private readonly stamp: { time: number; date: number };
  private offset = 0;
  private current: (WrittenEntry & { written: number }) | null = null;

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
    const encoded = new TextEncoder().encode(name);
    if (encoded.length > MAX16) throw new RangeError(`The name ${name.slice(0, 40)}… is too long for a zip.`);
    const zip64 = this.options.forceZip64 === true || size >= MAX32;
    // Readers compare the local and central versions; the central one needs 4.5 for an offset past 4 GiB.
    const version = zip64 || this.offset >= MAX32 ? 45 : 20;
    const header = new Bytes(30 + encoded.length + (zip64 ? 20 : 0))
      .u32(ZIP_SIGNATURES.localHeader)
      .u16(version)
      .u16(ZIP_FLAGS.dataDescriptor | ZIP_FLAGS.utf8)
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
    this.current = { name: encoded, size, crc: 0, offset: this.offset, zip64, version, written: 0 };
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
    this.entries.push({ name: entry.name, size: entry.size, crc: entry.crc, offset: entry.offset, zip64: entry.zip64, version: entry.version });
    this.current = null;
    this.offset += descriptor.bytes.length;
    return descriptor.bytes;
  }

  end(): Uint8Array {
    if (this.current) throw new Error('The last entry is not finished.');
    const force = this.options.forceZip64 === true;
    const headers = this.entries.map((e) => {
      const bigSize = force || e.size >= MAX32;
      const bigOffset = force || e.offset >= MAX32;
      const extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
      const header = new Bytes(46 + e.name.length + (extra ? 4 + extra : 0))
        .u32(ZIP_SIGNATURES.centralHeader)
        .u16(VERSION_MADE_BY)
        .u16(e.version)
        .u16(ZIP_FLAGS.dataDescriptor | ZIP_FLAGS.utf8)
        .u16(0)
        .u16(this.stamp.time)
        .u16(this.stamp.date)
        .u32(e.crc)
        .u32(bigSize ? MAX32 : e.size)
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
        if (bigSize) header.u64(e.size).u64(e.size);
        if (bigOffset) header.u64(e.offset);
      }
      return header.bytes;
    });
    const directorySize = headers.reduce((n, h) => n + h.length, 0);
    const directoryOffset = this.offset;
    const count = this.entries.length;
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
    const out = new Uint8Array(directorySize + tail.bytes.length);
    let at = 0;
    for (const h of headers) {
      out.set(h, at);
      at += h.length;
    }
    out.set(tail.bytes, at);
    this.offset += out.length;
    return out;
  }
}
