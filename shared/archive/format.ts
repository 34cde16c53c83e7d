// The zip format's constants (APPNOTE.TXT) and CRC-32, shared by the reader and the writers.
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

/** A 32-bit field holding this says "see the ZIP64 field"; so does a 16-bit one holding MAX16. */
export const MAX32 = 0xffffffff;
export const MAX16 = 0xffff;
