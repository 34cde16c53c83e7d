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
  /** Keys of an object so far; null for an array. */
  keys: Set<string> | null;
  /** The next string of this object is a key. */
  expectKey: boolean;
  /** The current key (object) or index (array), for the path. */
  at: string | number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The decoded text of the JSON string whose opening quote is at `start`, and where it ends. */
function readString(text: string, start: number): { value: string; end: number } {
  let escaped = false;
  let i = start + 1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      escaped = true;
      i++;
    } else if (c === QUOTE) break;
  }
  const raw = text.slice(start + 1, i);
  // "\u0061" and "a" are the same key to every parser: escapes are compared decoded.
  return { value: escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : raw, end: i + 1 };
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
      const { value, end } = readString(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        if (top.keys.has(value)) return { key: value, path: pathOf(stack) };
        top.keys.add(value);
        top.at = value;
        top.expectKey = false;
      }
      i = end - 1;
    } else if (c === 0x7b) stack.push({ keys: new Set(), expectKey: true, at: '' });
    else if (c === 0x5b) stack.push({ keys: null, expectKey: false, at: 0 });
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return null;
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
  const duplicate = duplicateJsonKey(text);
  if (duplicate) throw new AmbiguousError(duplicateKeyAmbiguity(file, duplicate));
  return value;
}
