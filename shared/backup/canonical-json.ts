// Canonical JSON in the sense of RFC 8785 for the values rows hold (objects, arrays, strings,
// finite numbers, booleans, null): object keys sorted by UTF-16 code units, no whitespace, ES
// number and string serialisation. Written out here rather than taken from a general library
// because backups serialise millions of rows and this is several times faster; the unit test
// checks it against the `canonicalize` package.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('Non-finite numbers have no JSON form.');
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
      throw new TypeError(`A ${typeof value} has no JSON form.`);
    }
    return JSON.stringify(value) ?? 'null';
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i ? ',' : '') + (item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item));
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}
