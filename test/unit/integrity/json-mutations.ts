// A key twice in one object of a JSON document, spelled so that JSON.parse (which keeps the last)
// still reads the original: the first occurrence carries what another reader would take instead.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `bytes` with `"key": <value>` inserted before the first occurrence of `"key"` (pretty-printed or
 * canonical JSON alike), so that the object holds the key twice, the inserted value first.
 */
export function withKeyTwice(bytes: Uint8Array, key: string, firstValue: unknown, occurrence = 0): Uint8Array {
  const text = decoder.decode(bytes);
  const needle = `"${key}"`;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at === -1) throw new Error(`no key ${key} in the document`);
  return encoder.encode(`${text.slice(0, at)}${needle}:${JSON.stringify(firstValue)},${text.slice(at)}`);
}
