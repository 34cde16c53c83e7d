// Zips exactly as described, however wrong: hostile names, symlinks, encryption flags, lying sizes,
// deflated bombs. The writer under test refuses to make such files, so the reader's tests build
// their own, byte by byte.
import { deflateSync } from 'fflate';
import { crc32 } from 'node:zlib';

export interface RawEntry {
  name: string;
  data?: Uint8Array;
  /** 8 deflates `data`; `compressed` replaces the deflated bytes. */
  method?: 0 | 8;
  compressed?: Uint8Array;
  /** The uncompressed size and CRC written into the headers (default: the real ones). */
  declaredSize?: number;
  declaredCrc?: number;
  flags?: number;
  /** false: leave out flag bit 11 (names in UTF-8), as old zip tools do. */
  utf8?: boolean;
  /** Unix mode in the high half of the external attributes (made by Unix). */
  mode?: number;
  /** Where the central directory says the local header is (default: where it is). */
  headerOffset?: number;
  /** The name in the local header (default: the central one). */
  localName?: string;
  /** Only a central header, pointing at `headerOffset` (a local header hidden in another entry's data). */
  centralOnly?: boolean;
}

export interface RawOptions {
  /** The entry count written into the end record. */
  countOverride?: number;
  /** Bytes put before the first entry. */
  prefix?: Uint8Array;
}

function le(size: number, value: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
  return out;
}

export function rawZip(entries: RawEntry[], options: RawOptions = {}): Uint8Array {
  const local: number[] = [...(options.prefix ?? [])];
  const central: number[] = [];
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const data = e.data ?? new Uint8Array(0);
    const method = e.method ?? 0;
    const body = e.compressed ?? (method === 8 ? deflateSync(data) : data);
    const size = e.declaredSize ?? data.length;
    const crc = e.declaredCrc ?? crc32(data);
    const flags = (e.flags ?? 0) | (e.utf8 === false ? 0 : 0x0800);
    const offset = local.length;
    const common = [...le(2, 20), ...le(2, flags), ...le(2, method), ...le(2, 0), ...le(2, 0x5c65), ...le(4, crc), ...le(4, body.length), ...le(4, size), ...le(2, name.length), ...le(2, 0)];
    if (!e.centralOnly) {
      local.push(...le(4, 0x04034b50), ...common, ...(e.localName === undefined ? name : new TextEncoder().encode(e.localName)));
      for (const b of body) local.push(b);
    }
    central.push(...le(4, 0x02014b50), ...le(2, (3 << 8) | 20), ...common, ...le(2, 0), ...le(2, 0), ...le(2, 0), ...le(4, (e.mode ?? 0o100644) * 0x10000), ...le(4, e.headerOffset ?? offset), ...name);
  }
  const count = options.countOverride ?? entries.length;
  const end = [...le(4, 0x06054b50), ...le(2, 0), ...le(2, 0), ...le(2, count), ...le(2, count), ...le(4, central.length), ...le(4, local.length), ...le(2, 0)];
  return Uint8Array.from([...local, ...central, ...end]);
}

/**
 * A zip of `count` empty stored entries, written straight into one array (push would be slow at
 * 100,000); with `zip64` its count is in a ZIP64 end record, as a writer must put more than 65,535.
 */
export function manyEntries(count: number, zip64 = false): Uint8Array {
  const names = Array.from({ length: count }, (_, i) => new TextEncoder().encode(`evidence/f${String(i).padStart(6, '0')}.txt`));
  const nameBytes = names.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(30 * count + 46 * count + 2 * nameBytes + (zip64 ? 76 : 0) + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const name of names) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + 30);
    at += 30 + name.length;
  }
  const directory = at;
  names.forEach((name, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, (3 << 8) | 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 28, name.length, true);
    view.setUint32(at + 38, 0o100644 * 0x10000, true);
    view.setUint32(at + 42, offsets[i] as number, true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  const directorySize = at - directory;
  if (zip64) {
    const record = at;
    view.setUint32(at, 0x06064b50, true);
    view.setUint32(at + 4, 44, true);
    view.setUint16(at + 12, (3 << 8) | 45, true);
    view.setUint16(at + 14, 45, true);
    view.setUint32(at + 24, count, true);
    view.setUint32(at + 32, count, true);
    view.setUint32(at + 40, directorySize, true);
    view.setUint32(at + 48, directory, true);
    at += 56;
    view.setUint32(at, 0x07064b50, true);
    view.setUint32(at + 8, record, true);
    view.setUint32(at + 16, 1, true);
    at += 20;
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, zip64 ? 0xffff : Math.min(count, 0xffff), true);
  view.setUint16(at + 10, zip64 ? 0xffff : Math.min(count, 0xffff), true);
  view.setUint32(at + 12, directorySize, true);
  view.setUint32(at + 16, directory, true);
  return out;
}
