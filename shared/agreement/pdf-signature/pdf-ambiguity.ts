// Whether a PDF could mean different documents to different readers (shared/integrity/ambiguity.ts):
// its cross-reference sections (./xref.ts refuses duplicates, overlaps and hybrid files), and each
// revision's body read object by object from its start to its cross-reference section. An object
// defined twice in one revision, bytes that are not objects, or an entry pointing anywhere but at
// the start of an object of its revision are what a reader rebuilding a damaged file (or one that
// scans for "N 0 obj") resolves otherwise than the table does. Streams are skipped by their
// /Length, so their data is never mistaken for objects.
import type { CheckDetail } from '../../confirmation/check-detail';
import { ambiguity, AmbiguousError } from '../../integrity/ambiguity';
import { PdfLexer, PdfSyntaxError } from './pdf-lexer';
import { allSections, latest, type Section, type XrefEntry } from './xref';

const MAX_OBJECTS = 200_000;
const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const EOF_MARK = ascii('%%EOF');
const ENDSTREAM = ascii('endstream');
const ENDOBJ = ascii('endobj');

function startsWith(b: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at + word.length > b.length) return false;
  for (let i = 0; i < word.length; i++) if (b[at + i] !== word[i]) return false;
  return true;
}

/** Past whitespace and comments. */
function skipBlank(b: Uint8Array, at: number, end: number): number {
  for (;;) {
    while (at < end && WHITE.has(b[at] as number)) at++;
    if (at >= end || b[at] !== 0x25) return at;
    while (at < end && b[at] !== 0x0a && b[at] !== 0x0d) at++;
  }
}

function indexOf(b: Uint8Array, word: Uint8Array, from: number): number {
  for (let i = b.indexOf(word[0] as number, from); i !== -1; i = b.indexOf(word[0] as number, i + 1)) if (startsWith(b, i, word)) return i;
  return -1;
}

/** A stream's /Length: a number, or a reference resolved through the entries known so far. */
function streamLength(b: Uint8Array, value: ReturnType<PdfLexer['indirectObject']>['value'], known: Map<number, XrefEntry>): number | null {
  const length = value.kind === 'dict' ? value.entries.get('Length') : undefined;
  if (length?.kind === 'number') return Number(length.value);
  if (length?.kind !== 'ref') return null;
  const entry = known.get(length.id);
  if (!entry || entry.free) return null;
  try {
    const read = new PdfLexer(b, entry.offset).indirectObject();
    return read.id === length.id && read.value.kind === 'number' ? Number(read.value.value) : null;
  } catch {
    return null;
  }
}

/** Reads the body [start, end) object by object: where each object starts, refusing one defined twice. */
function objectStarts(b: Uint8Array, start: number, end: number, known: Map<number, XrefEntry>): Set<number> {
  const unreadable = (position: number) => new AmbiguousError(ambiguity('pdf_body_unreadable', { at: end, position }));
  const starts = new Set<number>();
  const first = new Map<number, number>();
  const body = b.subarray(0, end);
  for (let at = skipBlank(b, start, end); at < end; at = skipBlank(b, at, end)) {
    if (starts.size >= MAX_OBJECTS) throw new PdfSyntaxError('too many objects');
    let read: ReturnType<PdfLexer['indirectObject']>;
    const lexer = new PdfLexer(body, at);
    try {
      read = lexer.indirectObject();
    } catch {
      throw unreadable(at);
    }
    const earlier = first.get(read.id);
    if (earlier !== undefined) throw new AmbiguousError(ambiguity('pdf_object_twice', { object: read.id, first: earlier, second: at }));
    first.set(read.id, at);
    starts.add(at);
    let next = lexer.at;
    if (read.stream) {
      // The data starts after the end-of-line that follows "stream" (CR LF or LF).
      let data = next;
      if (b[data] === 0x0d) data++;
      if (b[data] === 0x0a) data++;
      const length = streamLength(b, read.value, known);
      if (length === null || !Number.isSafeInteger(length) || length < 0 || data + length > end) throw unreadable(at);
      next = skipBlank(b, data + length, end);
      if (!startsWith(body, next, ENDSTREAM)) throw unreadable(at);
      next = skipBlank(b, next + ENDSTREAM.length, end);
      if (!startsWith(body, next, ENDOBJ)) throw unreadable(at);
      next += ENDOBJ.length;
    }
    at = next;
  }
  return starts;
}

/** The revisions' bodies, oldest first: from the end of the revision before (its %%EOF) to the section. */
function bodies(b: Uint8Array, list: readonly Section[]): { section: Section; start: number }[] {
  const ordered = [...list].sort((x, y) => x.at - y.at);
  let start = 0;
  return ordered.map((section) => {
    const body = { section, start };
    const eof = indexOf(b, EOF_MARK, section.at);
    start = eof === -1 ? b.length : eof + EOF_MARK.length;
    return body;
  });
}

/**
 * The first structure of `pdf` that readers could resolve differently from this verifier, or null.
 * Only signed PDFs are asked: a signed file whose structure cannot be read in full (a broken /Prev
 * chain, more objects than are checked) cannot be vouched for, so it fails closed rather than open.
 */
export function pdfAmbiguity(pdf: Uint8Array): CheckDetail | null {
  try {
    const list = allSections(pdf);
    const ordered = bodies(pdf, list);
    for (let i = 0; i < ordered.length; i++) {
      const { section, start } = ordered[i] as { section: Section; start: number };
      // What a /Length reference resolves to: this revision's entries, then the older ones'.
      const known = latest(ordered.slice(0, i + 1).map((o) => o.section).reverse());
      const starts = objectStarts(pdf, start, section.at, known);
      for (const [id, entry] of section.entries) {
        if (entry.free || entry.offset < start || entry.offset >= section.at) continue;
        if (!starts.has(entry.offset)) throw new AmbiguousError(ambiguity('pdf_body_unreadable', { at: section.at, position: entry.offset, object: id }));
      }
    }
    return null;
  } catch (error) {
    if (error instanceof AmbiguousError) return error.detail;
    if (error instanceof PdfSyntaxError) return ambiguity('pdf_structure_unreadable', { reason: error.message.slice(0, 200) });
    throw error;
  }
}
