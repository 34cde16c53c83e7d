// The exported form of one case's ledger (issue 3 item 7), as a folder or a zip with these names:
//   ledger.json        what this is: format, case, when, how many entries, whether files are in it
//   entries.json       the entries, in order: a JSON list with one entry per line, each line the
//                      entry's canonical bytes, so a verifier hashes the lines as they are
//   checkpoints.json   the signed checkpoints
//   proofs.json        consistency proofs between successive checkpoints (a full export rebuilds
//                      the tree from the entries; single items travel with an inclusion proof,
//                      ./disclosure.ts)
//   certificates.pem   the signing certificate and its chain
//   files/<sha256>     the evidence files, named by their SHA-256 (optional)
import { z } from 'zod';
import { instantSchema } from '../domain/model';
import { sealEntry, type LedgerEntry } from './entry';
import { utf8ToBytes } from './hash';
import { AmbiguousError, duplicateKeyAmbiguity, duplicateKeyOf } from '../integrity/ambiguity';
import type { CaseLedger } from './ledger';

export const LEDGER_FORMAT = 'mw-ledger/1';
export const EXPORT_FILES = {
  manifest: 'ledger.json',
  entries: 'entries.json',
  checkpoints: 'checkpoints.json',
  proofs: 'proofs.json',
  certificates: 'certificates.pem',
  filesDir: 'files',
} as const;

export const ledgerManifestSchema = z.strictObject({
  format: z.literal(LEDGER_FORMAT),
  caseId: z.string().min(1),
  exportedAt: instantSchema,
  entries: z.number().int().nonnegative(),
  withFiles: z.boolean(),
});
export type LedgerManifest = z.infer<typeof ledgerManifestSchema>;

const pretty = (value: unknown) => utf8ToBytes(`${JSON.stringify(value, null, 2)}\n`);

const NEWLINE = 0x0a;
const OPEN = utf8ToBytes('[\n');
const SEPARATOR = utf8ToBytes(',\n');
const CLOSE = utf8ToBytes('\n]\n');

/** entries.json: `[`, then each entry's canonical JSON on a line of its own, then `]`. */
export function entriesFileBytes(entries: readonly LedgerEntry[]): Uint8Array {
  if (entries.length === 0) return utf8ToBytes('[]\n');
  const lines = entries.map((e) => sealEntry(e).bytes);
  const size = OPEN.length + CLOSE.length + lines.reduce((n, l) => n + l.length, 0) + SEPARATOR.length * (lines.length - 1);
  const out = new Uint8Array(size);
  let at = 0;
  const put = (part: Uint8Array) => {
    out.set(part, at);
    at += part.length;
  };
  put(OPEN);
  lines.forEach((line, i) => {
    if (i > 0) put(SEPARATOR);
    put(line);
  });
  put(CLOSE);
  return out;
}

export class UnreadableExportError extends Error {}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BRACE = 0x7b;
const QUOTE = 0x22;

/** Where the entries are in an entries.json written by entriesFileBytes, found without decoding it. */
export interface EntryLines {
  /** How many entry lines (between the `[` and `]` lines). */
  count: number;
  /** Entry line i is bytes [starts[i], lineEnds[i]) of the file, without its newline. */
  starts: Uint32Array;
  lineEnds: Uint32Array;
}

/** The byte offset where each line starts (a file ending in a newline has no empty last line). */
function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let at = bytes.indexOf(NEWLINE); at !== -1 && at + 1 < bytes.length; at = bytes.indexOf(NEWLINE, at + 1)) starts.push(at + 1);
  return starts;
}

/**
 * Bytes [start, end) are the one character `code` — at the start of the file possibly after a BOM,
 * which TextDecoder drops: the test readEntriesFile made on the decoded text.
 */
function isLine(bytes: Uint8Array, start: number, end: number, code: number): boolean {
  if (start === 0 && end - start === 4 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes[3] === code;
  return end - start === 1 && bytes[start] === code;
}

/**
 * The entry lines of entries.json when it has the layout entriesFileBytes writes — `[`, at least
 * one line starting `{"`, `]` — else null. The same test readEntriesFile makes on the decoded text.
 */
export function entryLines(bytes: Uint8Array): EntryLines | null {
  if (bytes.length >= 2 ** 32) return null;
  const starts = lineStarts(bytes);
  const lines = starts.length;
  const endOf = (line: number) => (line + 1 < lines ? (starts[line + 1] as number) - 1 : bytes.length > 0 && bytes[bytes.length - 1] === NEWLINE ? bytes.length - 1 : bytes.length);
  if (lines < 3 || !isLine(bytes, 0, endOf(0), OPEN_BRACKET) || !isLine(bytes, starts[lines - 1] as number, endOf(lines - 1), CLOSE_BRACKET)) return null;
  const first = starts[1] as number;
  if (endOf(1) - first < 2 || bytes[first] !== BRACE || bytes[first + 1] !== QUOTE) return null;
  const count = lines - 2;
  const out: EntryLines = { count, starts: new Uint32Array(count), lineEnds: new Uint32Array(count) };
  for (let i = 0; i < count; i++) {
    out.starts[i] = starts[i + 1] as number;
    out.lineEnds[i] = endOf(i + 1);
  }
  return out;
}

/** The bytes of entry line i that are the entry: the line without the comma that ends every line but the last. */
export function entryLineBytes(bytes: Uint8Array, lines: EntryLines, i: number): Uint8Array {
  const end = lines.lineEnds[i] as number;
  return bytes.subarray(lines.starts[i] as number, i === lines.count - 1 ? end : Math.max(lines.starts[i] as number, end - 1));
}

function parseOrUndefined(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** The JSON of entry line `line` (the last one has no comma): null when it has none. */
function lineJson(line: string, last: boolean): string | null {
  return last ? line : line.endsWith(',') ? line.slice(0, -1) : null;
}

/** Lines are decoded as parts of the whole file, where a BOM is only dropped at the very start. */
const lineDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Parses entry lines [from, to), each on its own, handing each value to `visit` as soon as it is
 * parsed (so no more than one is kept alive) — and returns false at the first that is not JSON on
 * its own (values already visited are then to be discarded). When every line of the file parses
 * on its own, the values are those of parsing the file whole (the lines, joined by newlines within
 * `[` and `]`, are that list and nothing else), which is what readEntriesFile hands the verifier;
 * so parts of the file can be read by different threads.
 */
export function visitEntryLines(bytes: Uint8Array, lines: EntryLines, from: number, to: number, visit: (i: number, value: unknown) => void): boolean {
  if (from >= to) return true;
  const text = lineDecoder.decode(bytes.subarray(lines.starts[from] as number, lines.lineEnds[to - 1] as number));
  let at = 0;
  for (let i = from; i < to; i++) {
    const end = i === to - 1 ? text.length : text.indexOf('\n', at);
    if (end === -1) return false;
    const json = lineJson(text.slice(at, end), i === lines.count - 1);
    at = end + 1;
    if (json === null) return false;
    let value: unknown;
    try {
      value = JSON.parse(json) as unknown;
    } catch {
      return false;
    }
    // A key twice is left to readEntriesFile, which names it (ambiguous).
    if (duplicateKeyOf(json, value)) return false;
    visit(i, value);
  }
  return true;
}

/**
 * Reads entries.json. In the layout entriesFileBytes writes, the verifier is handed each entry's
 * line as bytes, and hashes exactly those. Parsing the file whole yields the same values as
 * parsing each line when the list has as many elements as there are lines and each is a valid
 * entry (an entry has no array, so none can span a line break: `},\n{` outside a string occurs
 * only inside a list) — the verifier checks the second condition and fails otherwise. A damaged
 * file is parsed line by line instead, so the damage is reported at its entry. Any other layout —
 * a file reformatted by hand — is parsed whole and its entries re-canonicalised (slower, same
 * verdict).
 */
export function readEntriesFile(bytes: Uint8Array): { entries: unknown; lineBytes: Uint8Array[] | null } {
  const text = new TextDecoder().decode(bytes);
  const layout = entryLines(bytes);
  let whole: unknown;
  let wholeParsed = true;
  try {
    whole = JSON.parse(text) as unknown;
  } catch {
    wholeParsed = false;
  }
  // JSON.parse keeps the last of two equal keys, another reader the first: never decide for them.
  const duplicate = wholeParsed ? duplicateKeyOf(text, whole) : null;
  if (duplicate) throw new AmbiguousError(duplicateKeyAmbiguity(EXPORT_FILES.entries, duplicate));
  if (!layout) {
    if (!wholeParsed) throw new UnreadableExportError(`${EXPORT_FILES.entries} is not valid JSON: the export is damaged.`);
    return { entries: whole, lineBytes: null };
  }
  const body: Uint8Array[] = new Array(layout.count);
  for (let i = 0; i < layout.count; i++) body[i] = entryLineBytes(bytes, layout, i);
  if (wholeParsed && Array.isArray(whole) && whole.length === body.length) return { entries: whole, lineBytes: body };
  const lines = text.split('\n').slice(1, layout.count + 1);
  const values = lines.map((line, i) => {
    const json = lineJson(line, i === layout.count - 1);
    const value = parseOrUndefined(json);
    const twice = value !== undefined && json !== null ? duplicateKeyOf(json, value) : null;
    if (twice) throw new AmbiguousError(duplicateKeyAmbiguity(EXPORT_FILES.entries, { key: twice.key, path: `$[${i}]${twice.path.slice(1)}` }));
    return value;
  });
  return { entries: values, lineBytes: body };
}

/** Every file of the export by its path; `files` maps content SHA-256 to bytes when they are included. */
export function ledgerExportFiles(
  ledger: CaseLedger,
  certificatesPem: string,
  exportedAt: Date,
  files?: ReadonlyMap<string, Uint8Array>,
): Map<string, Uint8Array> {
  const manifest: LedgerManifest = {
    format: LEDGER_FORMAT,
    caseId: ledger.caseId,
    exportedAt: exportedAt.toISOString(),
    entries: ledger.entries.length,
    withFiles: files !== undefined,
  };
  const out = new Map<string, Uint8Array>([
    [EXPORT_FILES.manifest, pretty(manifest)],
    [EXPORT_FILES.entries, entriesFileBytes(ledger.entries)],
    [EXPORT_FILES.checkpoints, pretty(ledger.checkpoints)],
    [EXPORT_FILES.proofs, pretty(ledger.proofs())],
    [EXPORT_FILES.certificates, utf8ToBytes(certificatesPem)],
  ]);
  if (files) {
    for (const entry of ledger.entries) {
      if (entry.contentSha256 === null) continue;
      const bytes = files.get(entry.contentSha256);
      if (bytes) out.set(`${EXPORT_FILES.filesDir}/${entry.contentSha256}`, bytes);
    }
  }
  return out;
}
