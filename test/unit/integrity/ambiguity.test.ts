// The one rule's building blocks (shared/integrity/ambiguity.ts): finding a key twice in JSON text
// — decoded, nested, beside strings that look like keys, and through the cheap path that counts
// keys — the fold that makes two zip names one, and the zip reader refusing local headers that
// contradict the central directory as ambiguous.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyDocument } from '../../../shared/confirmation/court/signed-json';
import { duplicateJsonKey, duplicateKeyOf, findAmbiguity, foldedName, parseUnambiguousJson, AmbiguousError } from '../../../shared/integrity/ambiguity';
import { parseJson } from '../../../shared/confirmation/package-reader';
import { bytesSource, openZip, ZipRefusedError } from '../../../shared/archive';
import { rawZip } from '../confirmation/raw-zip';

const both = (text: string) => {
  const scanned = duplicateJsonKey(text);
  expect(duplicateKeyOf(text, JSON.parse(text)), text).toEqual(scanned);
  return scanned;
};

describe('a key twice in JSON', () => {
  it.each<[string, string, { key: string; path: string } | null]>([
    ['none', '{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}', null],
    ['twice at the top', '{"a":1,"a":2}', { key: 'a', path: '$' }],
    ['twice, the second escaped', '{"a":1,"\\u0061":2}', { key: 'a', path: '$' }],
    ['twice in a nested list', '{"x":[{"b":1},{"b":2,"c":0,"b":3}]}', { key: 'b', path: '$.x[1]' }],
    ['out of order, then twice', '{"b":1,"a":2,"b":3}', { key: 'b', path: '$' }],
    ['spaced from its colon', '{"a" : 1, "a" : 2}', { key: 'a', path: '$' }],
    ['twice, hidden by a spaced key', '{"a":1,"a":2,"b" :3}', { key: 'a', path: '$' }],
    ['twice, beside a value starting with a colon', '{"a":":x","a":1}', { key: 'a', path: '$' }],
    ['__proto__ twice', '{"__proto__":1,"__proto__":2}', { key: '__proto__', path: '$' }],
    ['strings that look like keys', '{"s":"{\\"a\\":1,\\"a\\":2}","t":"\\\\","u":"\\":"}', null],
    ['an escaped backslash before a closing quote', '{"k\\\\":1,"k\\\\":2}', { key: 'k\\', path: '$' }],
    ['the same key in sibling objects', '[{"a":1},{"a":2}]', null],
  ])('%s', (_, text, expected) => {
    expect(both(text)).toEqual(expected);
  });

  it('finds every key inserted twice into random documents, and nothing in the documents themselves', () => {
    let seed = 0x2545f491;
    const random = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const words = ['a', 'b', 'é', '调解', ':', '"', '\\', '}', 'a"b', ' '];
    const make = (depth: number): unknown => {
      const kind = depth > 3 ? random(3) : random(5);
      if (kind === 0) return words[random(words.length)];
      if (kind === 1) return random(1000) - 500;
      if (kind === 2) return null;
      if (kind === 3) return Array.from({ length: random(4) }, () => make(depth + 1));
      return Object.fromEntries(Array.from({ length: random(5) }, (__, i) => [`${words[random(words.length)]}${i}`, make(depth + 1)]));
    };
    for (let i = 0; i < 500; i++) {
      const value = { root: make(0), last: 1 };
      const text = JSON.stringify(value, null, random(2) === 0 ? 0 : 1);
      expect(duplicateKeyOf(text, value)).toBeNull();
      expect(duplicateJsonKey(text)).toBeNull();
      const twice = text.replace('"last":', '"last":0,"last":');
      expect(duplicateKeyOf(twice, JSON.parse(twice)), twice).toEqual({ key: 'last', path: '$' });
    }
  });

  it('is refused by the parsers the verifiers use, naming the file', () => {
    expect(() => parseUnambiguousJson('{"a":1,"a":2}', 'checkpoints.json')).toThrow(AmbiguousError);
    expect(() => parseUnambiguousJson('{"a":', 'checkpoints.json')).toThrow(SyntaxError);
    const parsed = parseJson(new TextEncoder().encode('{"keyId":"0","keyId":"1"}'), 'ledger/checkpoints.json');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? null : parsed.ambiguity).toMatchObject({ key: 'ambiguous', params: { reason: 'json_duplicate_key' }, items: [{ params: { file: 'ledger/checkpoints.json', key: 'keyId', path: '$' } }] });
    expect(parseJson(new TextEncoder().encode('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('names that are one file to some reader', () => {
  it.each([
    ['evidence/Photo.JPG', 'evidence/photo.jpg'],
    ['ａｇｒｅｅｍｅｎｔ.pdf', 'agreement.pdf'],
    ['ﬁle.pdf', 'file.pdf'],
    ['STRASSE.txt', 'straße.txt'],
    ['\u212A.txt', 'k.txt'],
    ['e\u0301.txt', 'é.txt'],
  ])('%s and %s', (a, b) => {
    expect(foldedName(a)).toBe(foldedName(b));
  });

  it('keeps names apart that are different files everywhere', () => {
    expect(foldedName('evidence/a.pdf')).not.toBe(foldedName('evidence/b.pdf'));
    expect(foldedName('证据/合同.pdf')).not.toBe(foldedName('证据/合同2.pdf'));
  });
});

describe('local headers that contradict the central directory', () => {
  const zip = () => rawZip([{ name: 'evidence/a.txt', data: new TextEncoder().encode('agreed') }, { name: 'evidence/b.txt', data: new TextEncoder().encode('other') }]);
  const refusal = async (bytes: Uint8Array) => {
    try {
      await openZip(bytesSource(bytes));
    } catch (error) {
      if (error instanceof ZipRefusedError) return findAmbiguity(error.detail);
      throw error;
    }
    return null;
  };

  it.each<[string, number, string]>([
    ['another CRC-32', 14, 'zip_local_size'],
    ['another size', 22, 'zip_local_size'],
    ['another modification time', 10, 'zip_local_fields'],
    ['another method', 8, 'zip_local_fields'],
  ])('refuses a local header with %s as ambiguous', async (_, offset, reason) => {
    expect(await refusal(zip())).toBeNull();
    const bytes = zip();
    bytes[offset] = (bytes[offset] as number) ^ 0x01;
    expect(await refusal(bytes)).toMatchObject({ key: 'ambiguous', params: { reason }, items: [{ params: { name: 'evidence/a.txt' } }] });
  });
});

describe('documents the court signs', () => {
  it('refuses a receipt with a key twice as ambiguous, before anything else about it', () => {
    const json = new TextEncoder().encode('{"outcome":"rejected","outcome":"confirmed"}');
    const verified = verifyDocument(z.object({ outcome: z.string() }), json, new Uint8Array(0), { prefix: 'receipt', fileName: 'receipt.json' });
    expect(verified.value).toBeNull();
    expect(verified.problems[0]).toMatchObject({ code: 'receipt.ambiguous', message: expect.stringContaining('receipt.json has the key "outcome" twice') });
  });
});
