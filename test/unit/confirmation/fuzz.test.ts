// Thousands of mutated packages through the importer (the hardened zip reader, then the whole
// verification): byte flips, truncations, renamed entries, duplicated entries, and files changed
// inside a well-formed zip (so the JSON, DER and PDF parsers get the damage). None may crash it
// (only a refusal or a report may come out) and none may be accepted — except a flip in the few
// zip fields that carry nothing a package means (the "version made by", the text-file bit and the
// file-mode bits of the external attributes), after which every file's content is unchanged.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { zipPackageReader } from '../../../shared/confirmation/zip-package';
import { bytesSource, openZip, ZipRefusedError } from '../../../shared/archive';
import { memoryPackageReader, PackageUnusableError, verifyPackage } from '../../../shared/confirmation/verify';
import { buildZip, makeFixture, RECEIVED_ON, unzipped } from './package-fixtures';

type Outcome = 'accepted' | 'refused';

async function importPackage(bytes: Uint8Array): Promise<Outcome> {
  try {
    const archive = await openZip(bytesSource(bytes));
    const report = await verifyPackage(zipPackageReader(archive), { receivedOn: RECEIVED_ON });
    return report.ok ? 'accepted' : 'refused';
  } catch (error) {
    if (error instanceof ZipRefusedError || error instanceof PackageUnusableError) return 'refused';
    throw error;
  }
}

interface Layout {
  bytes: Uint8Array;
  /** Per entry: where its local header and its central header are, and its name's length. */
  entries: { local: number; central: number; nameLength: number }[];
  directoryOffset: number;
  directorySize: number;
  end: number;
  /** Offsets whose bytes carry no meaning for a package (see the header comment). */
  inert: Set<number>;
}

function layoutOf(bytes: Uint8Array): Layout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error('no end record at the end');
  let count = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff) {
    const record = Number(view.getBigUint64(end - 20 + 8, true));
    count = Number(view.getBigUint64(record + 32, true));
    directorySize = Number(view.getBigUint64(record + 40, true));
    directoryOffset = Number(view.getBigUint64(record + 48, true));
  }
  const entries: Layout['entries'] = [];
  const inert = new Set<number>();
  for (let i = 0, at = directoryOffset; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    let local = view.getUint32(at + 42, true);
    if (local === 0xffffffff) local = Number(view.getBigUint64(at + 46 + nameLength + 4, true));
    entries.push({ local, central: at, nameLength });
    for (const k of [4, 5, 36, 37, 38, 39, 40, 41]) inert.add(at + k);
    at += 46 + nameLength + extraLength + view.getUint16(at + 32, true);
  }
  return { bytes, entries, directoryOffset, directorySize, end, inert };
}

function flipped(layout: Layout, flips: { at: number; xor: number }[]): Uint8Array {
  const out = layout.bytes.slice();
  for (const { at, xor } of flips) out[at % out.length] = (out[at % out.length] as number) ^ xor;
  return out;
}

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-_';

/** One character of an entry's name changed in its local and central headers alike: a consistent zip. */
function renamed(layout: Layout, entry: number, position: number, char: number): Uint8Array {
  const out = layout.bytes.slice();
  const e = layout.entries[entry % layout.entries.length]!;
  const at = position % e.nameLength;
  const current = out[e.central + 46 + at] as number;
  let replacement = NAME_CHARS.charCodeAt(char % NAME_CHARS.length);
  if (replacement === current) replacement = NAME_CHARS.charCodeAt((char + 1) % NAME_CHARS.length);
  out[e.local + 30 + at] = replacement;
  out[e.central + 46 + at] = replacement;
  return out;
}

/** An entry's local record appended again, with a second central header pointing at it: a well-formed zip with a duplicate. */
function duplicated(layout: Layout, entry: number): Uint8Array {
  const { bytes, entries, directoryOffset, directorySize } = layout;
  const index = entry % entries.length;
  const e = entries[index]!;
  const ordered = [...entries].sort((a, b) => a.local - b.local);
  const next = ordered[ordered.indexOf(e) + 1]?.local ?? directoryOffset;
  const record = bytes.subarray(e.local, next);
  const centralEnd = index + 1 < entries.length ? entries[index + 1]!.central : directoryOffset + directorySize;
  const header = bytes.slice(e.central, centralEnd);
  const headerView = new DataView(header.buffer);
  const copyAt = directoryOffset;
  if (headerView.getUint32(42, true) === 0xffffffff) return bytes.slice(); // forced ZIP64 offsets: left to the flips
  headerView.setUint32(42, copyAt, true);
  const directory = bytes.subarray(directoryOffset, directoryOffset + directorySize);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, entries.length + 1, true);
  endView.setUint16(10, entries.length + 1, true);
  endView.setUint32(12, directorySize + header.length, true);
  endView.setUint32(16, directoryOffset + record.length, true);
  const out = new Uint8Array(directoryOffset + record.length + directorySize + header.length + 22);
  out.set(bytes.subarray(0, directoryOffset), 0);
  out.set(record, directoryOffset);
  out.set(directory, directoryOffset + record.length);
  out.set(header, directoryOffset + record.length + directorySize);
  out.set(end, out.length - 22);
  return out;
}

let plain: Layout;
let zip64: Layout;
let files: Map<string, Uint8Array>;

beforeAll(async () => {
  const fixture = await makeFixture();
  plain = layoutOf((await buildZip(fixture)).zip);
  zip64 = layoutOf((await buildZip(fixture, { forceZip64: true })).zip);
  expect(await importPackage(plain.bytes)).toBe('accepted');
  expect(await importPackage(zip64.bytes)).toBe('accepted');
  files = await unzipped(plain.bytes);
});

const seed = 20260305;
// Drawn by name, so a counterexample prints a word rather than the whole package.
const layouts = () => fc.constantFrom<'plain' | 'zip64'>('plain', 'zip64');
const layout = (name: 'plain' | 'zip64') => (name === 'plain' ? plain : zip64);

describe('the importer under fuzzing', () => {
  it('refuses byte flips anywhere but in inert zip fields (1,200 packages)', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(layouts(), fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }), async (name, flips) => {
        const zip = layout(name);
        const outcome = await importPackage(flipped(zip, flips));
        if (outcome === 'accepted') {
          accepted++;
          expect(flips.map(({ at }) => at % zip.bytes.length).filter((at) => !zip.inert.has(at))).toEqual([]);
        }
      }),
      { numRuns: 1200, seed },
    );
    // The inert bytes are few: most runs never touch them.
    expect(accepted).toBeLessThan(60);
  }, 240_000);

  it('refuses every truncation (300 packages)', async () => {
    await fc.assert(
      fc.asyncProperty(layouts(), fc.nat(), async (name, cut) => {
        expect(await importPackage(layout(name).bytes.subarray(0, cut % layout(name).bytes.length))).toBe('refused');
      }),
      { numRuns: 300, seed },
    );
  }, 120_000);

  it('refuses renamed entries (300 packages)', async () => {
    await fc.assert(
      fc.asyncProperty(layouts(), fc.nat(), fc.nat(), fc.nat(), async (name, entry, position, char) => {
        expect(await importPackage(renamed(layout(name), entry, position, char))).toBe('refused');
      }),
      { numRuns: 300, seed },
    );
  }, 120_000);

  it('refuses files changed inside a well-formed package (600 packages)', async () => {
    const paths = [...files.keys()];
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 3 }), async (pick, flips) => {
        const path = paths[pick % paths.length] as string;
        const bytes = (files.get(path) as Uint8Array).slice();
        for (const { at, xor } of flips) bytes[at % bytes.length] = (bytes[at % bytes.length] as number) ^ xor;
        const changed = new Map(files).set(path, bytes);
        try {
          const report = await verifyPackage(memoryPackageReader(changed), { receivedOn: RECEIVED_ON });
          expect(report.ok).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(PackageUnusableError);
        }
      }),
      { numRuns: 600, seed },
    );
  }, 120_000);

  it('refuses duplicated entries (300 packages)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (entry) => {
        expect(await importPackage(duplicated(plain, entry))).toBe('refused');
      }),
      { numRuns: 300, seed },
    );
  }, 120_000);
});
