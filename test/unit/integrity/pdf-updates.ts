// Hand-made incremental updates for the ambiguity tests: raw objects and a cross-reference section
// written exactly as given (an object listed twice, overlapping subsections, an xref stream, a
// hybrid trailer) — what someone holding the institution's key could append before signing.

const latin1 = new TextDecoder('latin1');
const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** An object of the file, its exact bytes from "N 0 obj" to "endobj" (the last definition). */
export function objectText(pdf: Uint8Array, pattern: RegExp): { id: number; body: string; text: string } {
  const text = latin1.decode(pdf);
  const all = [...text.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)].filter((m) => pattern.test(m[2] as string));
  const last = all.at(-1);
  if (!last) throw new Error(`no object matches ${pattern}`);
  return { id: Number(last[1]), body: (last[2] as string).trim(), text: last[0] };
}

/** Object `id`'s exact text (its last definition). */
export function objectById(pdf: Uint8Array, id: number): string {
  const found = [...latin1.decode(pdf).matchAll(new RegExp(`(?<![0-9])${id} 0 obj\\b[\\s\\S]*?endobj`, 'g'))].at(-1);
  if (!found) throw new Error(`no object ${id}`);
  return found[0];
}

export function trailerOf(pdf: Uint8Array): { prev: number; size: number; root: string } {
  const text = latin1.decode(pdf);
  const trailer = text.slice(text.lastIndexOf('trailer'));
  return {
    prev: Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]),
    size: Number(/\/Size (\d+)/.exec(trailer)?.[1]),
    root: /\/Root (\d+ \d+ R)/.exec(trailer)?.[1] ?? '',
  };
}

export interface RawObject {
  /** The object's text, "N 0 obj … endobj". */
  text: string;
}

/**
 * Appends `objects`, then a cross-reference section made by `xref` from where each object landed
 * (its rows: "first count" lines and entries) with `trailerExtra` in the trailer, or — when `xref`
 * returns a whole object — an xref stream.
 */
export function appendRaw(pdf: Uint8Array, objects: RawObject[], xref: (at: number[]) => string, trailerExtra = ''): Uint8Array {
  const { prev, size, root } = trailerOf(pdf);
  let body = '\n';
  const at: number[] = [];
  for (const object of objects) {
    at.push(pdf.length + body.length);
    body += `${object.text}\n`;
  }
  const xrefAt = pdf.length + body.length;
  const rows = xref(at);
  body += rows.includes(' obj') ? rows : `xref\n${rows}trailer\n<<\n/Size ${size + 10}\n/Root ${root}\n/Prev ${prev}${trailerExtra}\n>>\n`;
  body += `startxref\n${xrefAt}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + body.length);
  out.set(pdf);
  out.set(bytesOf(body), pdf.length);
  return out;
}

/** One cross-reference row. */
export const row = (offset: number, gen = 0, type: 'n' | 'f' = 'n') => `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} ${type} \n`;

/** An uncompressed xref stream object numbered `id` with /W [1 4 2], listing `entries` under `index`. */
export function xrefStream(pdf: Uint8Array, id: number, index: number[], offsets: number[]): string {
  const { prev, size, root } = trailerOf(pdf);
  let data = '';
  for (const offset of offsets) data += String.fromCharCode(1, (offset >>> 24) & 0xff, (offset >>> 16) & 0xff, (offset >>> 8) & 0xff, offset & 0xff, 0, 0);
  return `${id} 0 obj\n<< /Type /XRef /Size ${Math.max(size, id + 1)} /Index [${index.join(' ')}] /W [1 4 2] /Root ${root} /Prev ${prev} /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`;
}
