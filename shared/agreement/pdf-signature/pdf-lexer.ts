// Just enough of the PDF syntax (ISO 32000-1 §7.2–7.3) to read one indirect object the way a
// reader does: whitespace and comments skipped, strings with their escapes and nesting, names with
// #xx escapes decoded, dictionaries and arrays as values. Bounded: a hostile file cannot make it
// loop, recurse without limit or read past the end.

export type PdfValue =
  | { kind: 'number'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'keyword'; value: string }
  | { kind: 'ref'; id: number; gen: number }
  | { kind: 'array'; items: PdfValue[] }
  | { kind: 'dict'; entries: Map<string, PdfValue> };

export class PdfSyntaxError extends Error {}

const MAX_DEPTH = 32;
const MAX_ITEMS = 100_000;
const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITER = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

export class PdfLexer {
  private items = 0;

  constructor(
    private readonly b: Uint8Array,
    public at: number,
  ) {}

  private skip(): void {
    for (;;) {
      while (this.at < this.b.length && WHITE.has(this.b[this.at] as number)) this.at++;
      if (this.b[this.at] !== 0x25) return;
      while (this.at < this.b.length && this.b[this.at] !== 0x0a && this.b[this.at] !== 0x0d) this.at++;
    }
  }

  private regular(): string {
    const start = this.at;
    while (this.at < this.b.length && !WHITE.has(this.b[this.at] as number) && !DELIMITER.has(this.b[this.at] as number)) this.at++;
    return String.fromCharCode(...this.b.subarray(start, this.at));
  }

  private literal(): string {
    let depth = 0;
    let out = '';
    for (this.at++; this.at < this.b.length; this.at++) {
      const c = this.b[this.at] as number;
      if (c === 0x5c) {
        this.at++;
        out += `\\${String.fromCharCode(this.b[this.at] ?? 0)}`;
      } else if (c === 0x28) {
        depth++;
        out += '(';
      } else if (c === 0x29) {
        if (depth === 0) {
          this.at++;
          return out;
        }
        depth--;
        out += ')';
      } else out += String.fromCharCode(c);
    }
    throw new PdfSyntaxError('unterminated string');
  }

  private name(): string {
    this.at++;
    return this.regular().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }

  /** The next value; `<id> <gen> R` is read as a reference. */
  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH || ++this.items > MAX_ITEMS) throw new PdfSyntaxError('too deeply nested or too large');
    this.skip();
    const c = this.b[this.at];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of file');
    if (c === 0x2f) return { kind: 'name', value: this.name() };
    if (c === 0x28) return { kind: 'string', value: this.literal() };
    if (c === 0x5b) {
      this.at++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (this.b[this.at] === 0x5d) {
          this.at++;
          return { kind: 'array', items };
        }
        items.push(this.value(depth + 1));
      }
    }
    if (c === 0x3c && this.b[this.at + 1] === 0x3c) {
      this.at += 2;
      const entries = new Map<string, PdfValue>();
      for (;;) {
        this.skip();
        if (this.b[this.at] === 0x3e && this.b[this.at + 1] === 0x3e) {
          this.at += 2;
          return { kind: 'dict', entries };
        }
        const key = this.value(depth + 1);
        if (key.kind !== 'name') throw new PdfSyntaxError('a dictionary key is not a name');
        if (entries.has(key.value)) throw new PdfSyntaxError(`the key /${key.value} is repeated`);
        entries.set(key.value, this.value(depth + 1));
      }
    }
    if (c === 0x3c) {
      const end = this.b.indexOf(0x3e, this.at);
      if (end === -1) throw new PdfSyntaxError('unterminated hex string');
      const hex = String.fromCharCode(...this.b.subarray(this.at + 1, end)).replace(/\s+/g, '').toLowerCase();
      this.at = end + 1;
      return { kind: 'string', value: `<${hex}>` };
    }
    if (DELIMITER.has(c)) throw new PdfSyntaxError(`unexpected "${String.fromCharCode(c)}"`);
    const word = this.regular();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      // "12 0 R" is one reference; look ahead without consuming anything else.
      const save = this.at;
      if (/^\d+$/.test(word)) {
        this.skip();
        const gen = this.regular();
        this.skip();
        if (/^\d+$/.test(gen) && this.b[this.at] === 0x52 && (this.at + 1 >= this.b.length || WHITE.has(this.b[this.at + 1] as number) || DELIMITER.has(this.b[this.at + 1] as number))) {
          this.at++;
          return { kind: 'ref', id: Number(word), gen: Number(gen) };
        }
      }
      this.at = save;
      return { kind: 'number', value: word.replace(/^\+/, '') };
    }
    if (word === '') throw new PdfSyntaxError('unexpected character');
    return { kind: 'keyword', value: word };
  }

  /** Reads `<id> <gen> obj <value>` at the current position; a stream's data is not read. */
  indirectObject(): { id: number; gen: number; value: PdfValue; stream: boolean } {
    const id = this.value();
    const gen = this.value();
    const obj = this.value();
    if (id.kind !== 'number' || gen.kind !== 'number' || obj.kind !== 'keyword' || obj.value !== 'obj') throw new PdfSyntaxError('no object here');
    const value = this.value();
    this.skip();
    const end = this.regular();
    if (end !== 'endobj' && end !== 'stream') throw new PdfSyntaxError('no endobj');
    return { id: Number(id.value), gen: Number(gen.value), value, stream: end === 'stream' };
  }
}

/** A canonical text of a value, for comparing two definitions whatever their spacing. */
export function canonical(value: PdfValue): string {
  switch (value.kind) {
    case 'number':
      return String(Number(value.value));
    case 'name':
      return `/${encodeURIComponent(value.value)}`;
    case 'string':
      return `(${encodeURIComponent(value.value)})`;
    case 'keyword':
      return value.value;
    case 'ref':
      return `${value.id} ${value.gen} R`;
    case 'array':
      return `[${value.items.map(canonical).join(' ')}]`;
    case 'dict':
      return `<<${[...value.entries.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `/${encodeURIComponent(k)} ${canonical(v)}`)
        .join(' ')}>>`;
  }
}
