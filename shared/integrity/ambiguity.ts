// "Ambiguous is invalid": one rule for every verifier (the agreement's PDF, the package zip and its
// JSON, the evidence ledger). A verifier that resolves a structure one way while a reader resolves
// it another way certifies what nobody sees: a PDF whose cross-reference section lists an object
// twice (this checker kept the last entry, poppler and pdf.js the first), a zip with two names for
// one file, a JSON document with a key twice (JSON.parse keeps the last, other parsers the first or
// refuse). The checker never decides for the readers: such input is refused, whichever way it would
// have been read, under the one detail key `ambiguous` — its item names the structure and where it
// is — so the CLI (exit 1), the clerk's screen and the tests recognise it the same way.
//
// Pure: the PDF and zip readers find their structures themselves and report them through here; the
// JSON check and the name folding are here because every format needs them.
import { detail, englishText, type CheckDetail, type CheckKey, type DetailParams } from '../confirmation/check-detail';

/** The detail key every ambiguity is reported under; its one item says which structure and where. */
export const AMBIGUOUS_KEY = 'ambiguous';

/** The structures refused as ambiguous; each has the text `ambiguity.<reason>`. */
export type AmbiguityReason =
  | 'pdf_xref_duplicate'
  | 'pdf_xref_overlap'
  | 'pdf_xref_stream_overlap'
  | 'pdf_hybrid'
  | 'pdf_object_twice'
  | 'pdf_body_unreadable'
  | 'pdf_structure_unreadable'
  | 'zip_name_twice'
  | 'zip_name_folded'
  | 'zip_local_name'
  | 'zip_unicode_path'
  | 'zip_local_fields'
  | 'zip_local_size'
  | 'json_duplicate_key';

/** The ambiguity detail: `ambiguous` with the reason as a value and the reason's text as its item. */
export function ambiguity(reason: AmbiguityReason, params: DetailParams = {}): CheckDetail {
  return detail(AMBIGUOUS_KEY, { reason }, [detail(`ambiguity.${reason}` as CheckKey, params)]);
}

/** The ambiguity a detail reports, wherever it is nested (a zip entry's, a package check's). */
export function findAmbiguity(d: CheckDetail | null | undefined): CheckDetail | null {
  if (!d) return null;
  if (d.key === AMBIGUOUS_KEY) return d;
  for (const item of d.items ?? []) {
    const found = findAmbiguity(item);
    if (found) return found;
  }
  return null;
}

/** Thrown by a reader that met an ambiguous structure; `detail` is the ambiguity. */
export class AmbiguousError extends Error {
  override name = 'AmbiguousError';

  constructor(readonly detail: CheckDetail) {
    super(englishText(detail));
  }
}

// ---------------------------------------------------------------- names

/**
 * What a name is on a system that folds case or normalises Unicode (Windows and macOS folders,
 * zip tools that map names to the host): NFKC (compatibility forms: ｆｉｌｅ, ﬁ, the Kelvin sign),
 * then full case folding approximated by upper- then lower-casing (ß and SS, ſ and s, ς and σ).
 * Two names with the same fold are one file to some reader and two to another.
 */
export function foldedName(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

// ---------------------------------------------------------------- JSON

export interface DuplicateKey {
  key: string;
  /** Where the object is, e.g. `$[3].checkpoint`. */
  path: string;
}

interface Frame {
  /** An object (else an array). */
  object: boolean;
  /** The object's keys so far, kept only once they are out of order (canonical JSON sorts them, so none can repeat). */
  keys: Set<string> | null;
  /** The keys, while they are in strictly ascending order. */
  sorted: string[];
  /** The next string of this object is a key. */
  expectKey: boolean;
  /** The current key (object) or index (array), for the path. */
  at: string | number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Where the JSON string opening at `start` ends (its closing quote): found natively, then unescaped. */
function stringEnd(text: string, start: number): number {
  for (let at = start; ; ) {
    at = text.indexOf('"', at + 1);
    if (at === -1) return text.length;
    let backslashes = 0;
    for (let k = at - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/** A key as every parser compares it: "\u0061" and "a" are the same key, so escapes are decoded. */
function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end + 1)) as string) : raw;
}

function pathOf(stack: readonly Frame[]): string {
  let out = '$';
  for (const frame of stack.slice(0, -1)) out += typeof frame.at === 'number' ? `[${frame.at}]` : `.${frame.at}`;
  return out;
}

/**
 * The first key that appears twice in one object of `text`, which must be valid JSON (parse it
 * first: this is a scan of its tokens, not a parser). JSON.parse keeps the last of two equal keys
 * without a word (RFC 8259 §4 leaves it to each parser), so a signed document with one could
 * mean one thing to the verifier and another to whoever reads it next.
 */
export function duplicateJsonKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Values are skipped unread (most of a document is in its strings); keys are compared.
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = keyText(text, i, end);
        const last = top.sorted[top.sorted.length - 1];
        if (top.keys === null && (last === undefined || key > last)) top.sorted.push(key);
        else {
          top.keys ??= new Set(top.sorted);
          if (top.keys.has(key)) return { key, path: pathOf(stack) };
          top.keys.add(key);
        }
        top.at = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b) stack.push({ object: true, keys: null, sorted: [], expectKey: true, at: '' });
    else if (c === 0x5b) stack.push({ object: false, keys: null, sorted: [], expectKey: false, at: 0 });
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return null;
}

/** How many keys the objects of a parsed value hold, nested ones included. */
function keyCount(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const item of value) n += keyCount(item);
    return n;
  }
  if (value === null || typeof value !== 'object') return 0;
  const keys = Object.keys(value);
  let n = keys.length;
  for (const key of keys) n += keyCount((value as Record<string, unknown>)[key]);
  return n;
}

const SPACED_KEY = /"[ \t\n\r]+:/;

/**
 * duplicateJsonKey for `text` already parsed into `value`, cheaply when the text has no key twice.
 * Every key is written `"…":` (unless spaced from its colon), and `":` can occur otherwise only
 * where a string starts with a colon or holds an escaped quote before one: so when the text has
 * no spaced key and exactly as many `":` as the value has keys, no key can be there twice (each
 * repeated key would be one more `":`). Otherwise the tokens are scanned.
 */
export function duplicateKeyOf(text: string, value: unknown): DuplicateKey | null {
  if (!SPACED_KEY.test(text)) {
    let colons = 0;
    for (let at = text.indexOf('":'); at !== -1; at = text.indexOf('":', at + 2)) colons++;
    if (colons === keyCount(value)) return null;
  }
  return duplicateJsonKey(text);
}

/** The ambiguity of a JSON document with a key twice. */
export function duplicateKeyAmbiguity(file: string, duplicate: DuplicateKey): CheckDetail {
  return ambiguity('json_duplicate_key', { file, key: duplicate.key, path: duplicate.path });
}

/**
 * JSON.parse, refusing a document with a key twice in one object (AmbiguousError naming `file`).
 * A text that is not JSON throws JSON.parse's SyntaxError, as before.
 */
export function parseUnambiguousJson(text: string, file: string): unknown {
  const value = JSON.parse(text) as unknown;
  const duplicate = duplicateKeyOf(text, value);
  if (duplicate) throw new AmbiguousError(duplicateKeyAmbiguity(file, duplicate));
  return value;
}
