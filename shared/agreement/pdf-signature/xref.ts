// A PDF's cross-reference sections, read the way a reader resolves objects — and refused where
// readers could resolve them differently from this checker (shared/integrity/ambiguity.ts): an
// object number listed twice in one section (poppler and pdf.js keep the first entry, a map keeps
// the last), subsections that overlap, an xref stream whose /Index ranges overlap, and a hybrid
// file whose trailer also names an xref stream (/XRefStm: readers of PDF 1.4 ignore it, later
// ones do not). Classic tables only are read entry by entry: a cross-reference stream is "opaque"
// (our signer writes classic tables, so nothing legitimate is lost).
import { ambiguity, AmbiguousError } from '../../integrity/ambiguity';
import { PdfLexer, PdfSyntaxError, type PdfValue } from './pdf-lexer';

export interface XrefEntry {
  offset: number;
  gen: number;
  free: boolean;
}

export interface Section {
  at: number;
  entries: Map<number, XrefEntry>;
  trailer: Map<string, PdfValue>;
}

const MAX_SECTIONS = 64;
const MAX_ENTRIES = 100_000;
const decoder = new TextDecoder('latin1');

/** A cross-reference stream: not read entry by entry. */
export class Opaque extends Error {
  constructor(
    message: string,
    /** Its /Prev, so the sections before it can still be checked. */
    readonly prev: number | null = null,
  ) {
    super(message);
  }
}

export function lastStartXref(b: Uint8Array, end: number): number {
  const text = decoder.decode(b.subarray(Math.max(0, end - 1024), end));
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!m) throw new PdfSyntaxError('no startxref at the end of the revision');
  return Number(m[1]);
}

/** [first, first + count) ranges of a section, refused where two of them share an object number. */
function refuseOverlaps(ranges: readonly [number, number][], at: number, reason: 'pdf_xref_overlap' | 'pdf_xref_stream_overlap'): void {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < sorted.length; i++) {
    const [first, count] = sorted[i - 1] as [number, number];
    const [next, nextCount] = sorted[i] as [number, number];
    if (count === 0 || nextCount === 0 || next >= first + count) continue;
    // The same single object twice is the plain duplicate; anything else is ranges overlapping.
    const duplicate = reason === 'pdf_xref_overlap' && count === 1 && nextCount === 1;
    throw new AmbiguousError(ambiguity(duplicate ? 'pdf_xref_duplicate' : reason, { object: next, at }));
  }
}

/** An xref stream at `at`: its /Index must not list an object twice; its entries are not read. */
function readXrefStream(b: Uint8Array, at: number): never {
  let read: ReturnType<PdfLexer['indirectObject']>;
  try {
    read = new PdfLexer(b, at).indirectObject();
  } catch {
    throw new Opaque('not a cross-reference table');
  }
  const dict = read.value.kind === 'dict' ? read.value.entries : null;
  const type = dict?.get('Type');
  if (!read.stream || !dict || type?.kind !== 'name' || type.value !== 'XRef') throw new Opaque('not a cross-reference table');
  const index = dict.get('Index');
  const size = dict.get('Size');
  if (index?.kind === 'array') {
    const numbers = index.items.map((item) => (item.kind === 'number' ? Number(item.value) : NaN));
    const ranges: [number, number][] = [];
    for (let i = 0; i + 1 < numbers.length; i += 2) ranges.push([numbers[i] as number, numbers[i + 1] as number]);
    if (ranges.every(([first, count]) => Number.isSafeInteger(first) && Number.isSafeInteger(count))) refuseOverlaps(ranges, at, 'pdf_xref_stream_overlap');
  } else if (index !== undefined || size?.kind !== 'number') throw new Opaque('a cross-reference stream without /Size');
  const prev = dict.get('Prev');
  throw new Opaque('a cross-reference stream', prev?.kind === 'number' ? Number(prev.value) : null);
}

export function readSection(b: Uint8Array, at: number): Section {
  const lexer = new PdfLexer(b, at);
  const keyword = lexer.value();
  if (keyword.kind !== 'keyword' || keyword.value !== 'xref') readXrefStream(b, at);
  const entries = new Map<number, XrefEntry>();
  const ranges: [number, number][] = [];
  for (;;) {
    const first = lexer.value();
    if (first.kind === 'keyword' && first.value === 'trailer') break;
    const count = lexer.value();
    if (first.kind !== 'number' || count.kind !== 'number') throw new PdfSyntaxError('bad cross-reference subsection');
    ranges.push([Number(first.value), Number(count.value)]);
    for (let i = 0; i < Number(count.value); i++) {
      if (entries.size >= MAX_ENTRIES) throw new PdfSyntaxError('too many cross-reference entries');
      const offset = lexer.value();
      const gen = lexer.value();
      const type = lexer.value();
      if (offset.kind !== 'number' || gen.kind !== 'number' || type.kind !== 'keyword' || (type.value !== 'n' && type.value !== 'f')) throw new PdfSyntaxError('bad cross-reference entry');
      const id = Number(first.value) + i;
      // Never decide between two entries for one object: readers keep the first, a map the last.
      if (entries.has(id)) {
        refuseOverlaps(ranges, at, 'pdf_xref_overlap');
        throw new AmbiguousError(ambiguity('pdf_xref_duplicate', { object: id, at }));
      }
      entries.set(id, { offset: Number(offset.value), gen: Number(gen.value), free: type.value === 'f' });
    }
  }
  const trailer = lexer.value();
  if (trailer.kind !== 'dict') throw new PdfSyntaxError('no trailer dictionary');
  if (trailer.entries.has('XRefStm')) throw new AmbiguousError(ambiguity('pdf_hybrid', { at }));
  return { at, entries, trailer: trailer.entries };
}

/** The sections from `startxref` back through /Prev until `stopAt` (excluded) or the first one. */
export function sections(b: Uint8Array, startxref: number, stopAt: number | null): Section[] {
  const out: Section[] = [];
  for (let at: number | null = startxref; at !== null && at !== stopAt; ) {
    if (out.length === MAX_SECTIONS || at < 0 || at >= b.length || out.some((s) => s.at === at)) throw new PdfSyntaxError('bad /Prev chain');
    const section = readSection(b, at);
    out.push(section);
    const prev = section.trailer.get('Prev');
    at = prev?.kind === 'number' ? Number(prev.value) : null;
  }
  return out;
}

/** Every section of the file, newest first; an xref stream is skipped but its /Prev followed. */
export function allSections(b: Uint8Array): Section[] {
  const out: Section[] = [];
  const visited: number[] = [];
  for (let at: number | null = lastStartXref(b, b.length); at !== null; ) {
    if (visited.length === MAX_SECTIONS || at < 0 || at >= b.length || visited.includes(at)) throw new PdfSyntaxError('bad /Prev chain');
    visited.push(at);
    try {
      const section = readSection(b, at);
      out.push(section);
      const prev = section.trailer.get('Prev');
      at = prev?.kind === 'number' ? Number(prev.value) : null;
    } catch (error) {
      if (!(error instanceof Opaque)) throw error;
      at = error.prev;
    }
  }
  return out;
}

/** Every object number's latest entry across the sections (the first section wins). */
export function latest(list: Section[]): Map<number, XrefEntry> {
  const map = new Map<number, XrefEntry>();
  for (const section of list) for (const [id, entry] of section.entries) if (!map.has(id)) map.set(id, entry);
  return map;
}
