// What a later incremental update changed in a signed revision. Both PDF signatures can be valid
// while the institution's update redefines a page of what the mediator (and the parties) signed:
// a signature covers bytes, and an update may replace objects by number (pdfsig does not look).
// The check reads the update as a reader does — through its cross-reference table, each object at
// its offset with a real lexer — and allows only what a signature adds: a signature dictionary and
// its invisible widget, the form, the page's new /Annots entry, the catalog's /AcroForm and the
// form's /Fields and /SigFlags. Anything else — a redefined object, a freed one, a new /Root, a
// new object of another shape — is reported. Cross-reference streams are refused (our signer
// writes classic tables, so nothing legitimate is lost).
import type { CheckDetail } from '../../confirmation/check-detail';
import { AmbiguousError } from '../../integrity/ambiguity';
import { canonical, PdfLexer, PdfSyntaxError, type PdfValue } from './pdf-lexer';
import { lastStartXref, latest, Opaque, sections, type XrefEntry } from './xref';

function objectAt(b: Uint8Array, entry: XrefEntry, id: number, end: number): { value: PdfValue; stream: boolean } {
  if (entry.offset >= end) throw new PdfSyntaxError(`object ${id} points past its revision`);
  const read = new PdfLexer(b.subarray(0, end), entry.offset).indirectObject();
  if (read.id !== id || read.gen !== entry.gen) throw new PdfSyntaxError(`object ${id}'s entry points at another object`);
  return read;
}

const dictOf = (v: PdfValue | undefined) => (v?.kind === 'dict' ? v.entries : null);
const nameOf = (v: PdfValue | undefined) => (v?.kind === 'name' ? v.value : null);
const refKey = (v: PdfValue) => (v.kind === 'ref' ? `${v.id} ${v.gen}` : canonical(v));

function without(entries: Map<string, PdfValue>, keys: string[]): string {
  return canonical({ kind: 'dict', entries: new Map([...entries].filter(([k]) => !keys.includes(k))) });
}

const SIG_KEYS = new Set(['Type', 'Filter', 'SubFilter', 'ByteRange', 'Contents', 'Reason', 'M', 'Name', 'Location', 'ContactInfo', 'Prop_Build']);
const WIDGET_KEYS = new Set(['Type', 'Subtype', 'FT', 'Rect', 'V', 'T', 'F', 'P']);
const FORM_KEYS = new Set(['Type', 'Fields', 'SigFlags']);

type NewKind = 'sig' | 'widget' | 'form' | null;

/** What a new object of the update is, if it is one of the three a signature adds. */
function newObjectKind(value: PdfValue): NewKind {
  const d = dictOf(value);
  if (!d) return null;
  const keys = [...d.keys()];
  if (nameOf(d.get('Type')) === 'Sig' && keys.every((k) => SIG_KEYS.has(k))) return 'sig';
  const rect = d.get('Rect');
  const invisible = rect?.kind === 'array' && rect.items.length === 4 && rect.items.every((i) => i.kind === 'number' && Number(i.value) === 0);
  if (nameOf(d.get('Subtype')) === 'Widget' && nameOf(d.get('FT')) === 'Sig' && invisible && keys.every((k) => WIDGET_KEYS.has(k))) return 'widget';
  if ((d.get('Type') === undefined || nameOf(d.get('Type')) === 'AcroForm') && keys.every((k) => FORM_KEYS.has(k))) return 'form';
  return null;
}

export interface RevisionChange {
  /** What the update changed beyond adding a signature, e.g. "object 6 (a page) redefined". */
  changed: string[];
  /** The update uses cross-reference or object streams, which this check does not open. */
  opaque: boolean;
  /** A cross-reference section readers could resolve differently (then nothing else is compared). */
  ambiguity: CheckDetail | null;
}

/** Compares the update after `signedEnd` with the revision before it. */
export function changesAfterRevision(pdf: Uint8Array, signedEnd: number): RevisionChange {
  try {
    return compare(pdf, signedEnd);
  } catch (error) {
    if (error instanceof AmbiguousError) return { changed: [], opaque: false, ambiguity: error.detail };
    if (error instanceof Opaque) return { changed: [], opaque: true, ambiguity: null };
    if (error instanceof PdfSyntaxError) return { changed: [`the update cannot be read (${error.message})`], opaque: false, ambiguity: null };
    throw error;
  }
}

function compare(pdf: Uint8Array, signedEnd: number): RevisionChange {
  const signedStart = lastStartXref(pdf, signedEnd);
  const before = latest(sections(pdf, signedStart, null));
  const updateSections = sections(pdf, lastStartXref(pdf, pdf.length), signedStart);
  const changed: string[] = [];
  if (updateSections.some((s) => s.at < signedEnd)) changed.push('the update reuses a cross-reference table of the signed revision');
  const beforeTrailer = sections(pdf, signedStart, null)[0]?.trailer;
  const afterTrailer = updateSections[0]?.trailer;
  if (!beforeTrailer || !afterTrailer) return { changed: ['the update has no cross-reference table'], opaque: false, ambiguity: null };
  const root = beforeTrailer.get('Root');
  if (!root || !afterTrailer.get('Root') || refKey(root) !== refKey(afterTrailer.get('Root') as PdfValue)) changed.push('the document catalog (/Root) was replaced');
  if (afterTrailer.has('Encrypt')) changed.push('the update encrypts the document');

  const updated = latest(updateSections);
  const read = (id: number, entry: XrefEntry, end: number) => objectAt(pdf, entry, id, end);
  const oldValue = (id: number) => {
    const entry = before.get(id);
    return entry && !entry.free ? read(id, entry, signedEnd) : null;
  };
  const newKinds = new Map<string, NewKind>();
  const additions: { id: number; key: string; before: PdfValue | undefined; after: PdfValue | undefined }[] = [];
  for (const [id, entry] of updated) {
    if (entry.free) {
      if (id !== 0) changed.push(`object ${id} was freed`);
      continue;
    }
    if (entry.offset < signedEnd) {
      changed.push(`object ${id} now points into the signed revision`);
      continue;
    }
    const { value, stream } = read(id, entry, pdf.length);
    const previousObject = oldValue(id);
    if (previousObject === null) {
      const kind = stream ? null : newObjectKind(value);
      if (!kind) changed.push(`object ${id} is new and not part of a signature`);
      newKinds.set(`${id} ${entry.gen}`, kind);
      continue;
    }
    if (before.get(id)?.gen !== entry.gen) changed.push(`object ${id} changed generation`);
    if (stream || previousObject.stream) {
      changed.push(`object ${id} redefined`);
      continue;
    }
    const previous = previousObject.value;
    const oldDict = dictOf(previous);
    const newDict = dictOf(value);
    const isRoot = root?.kind === 'ref' && root.id === id;
    const type = nameOf(oldDict?.get('Type'));
    const allowed = isRoot ? ['AcroForm'] : type === 'Page' ? ['Annots'] : type === 'AcroForm' || isFormOfRoot(id) ? ['Fields', 'SigFlags'] : [];
    if (!oldDict || !newDict) {
      if (canonical(previous) !== canonical(value)) changed.push(`object ${id} redefined`);
      continue;
    }
    if (without(oldDict, allowed) !== without(newDict, allowed)) changed.push(`object ${id}${type ? ` (/${type})` : ''} redefined`);
    for (const key of allowed) additions.push({ id, key, before: oldDict.get(key), after: newDict.get(key) });
  }
  for (const { id, key, before: was, after: now } of additions) {
    if (key === 'SigFlags') continue;
    if (key === 'AcroForm') {
      // The form is referenced, as our signer writes it: an inline one could carry anything.
      if (now && canonical(now) !== (was ? canonical(was) : '') && (now.kind !== 'ref' || (before.has(now.id) && !newKinds.has(refKey(now))))) changed.push(`object ${id}: /AcroForm replaced`);
      continue;
    }
    const old = new Set(was?.kind === 'array' ? was.items.map(refKey) : []);
    const added = now?.kind === 'array' ? now.items.filter((item) => !old.has(refKey(item))) : now ? [now] : [];
    if (now?.kind === 'array' && [...old].some((k) => !now.items.some((i) => refKey(i) === k))) changed.push(`object ${id}: /${key} lost an entry`);
    for (const item of added) if (newKinds.get(refKey(item)) !== 'widget') changed.push(`object ${id}: /${key} gains ${refKey(item)}, which is not a signature field`);
  }
  return { changed, opaque: false, ambiguity: null };

  function isFormOfRoot(id: number): boolean {
    const catalog = root?.kind === 'ref' ? oldValue(root.id) : null;
    const form = dictOf(catalog?.value)?.get('AcroForm');
    return form?.kind === 'ref' && form.id === id;
  }
}
