// A bounded DER walker for hostile input (signatures in PDFs and packages): every length is checked
// against its container, BER's indefinite lengths and multi-byte tags are refused, and a
// constructed element may hold at most MAX_CHILDREN children, so no input makes it loop or allocate
// without bound. It returns positions, so checks can compare and hash the exact signed bytes.
import forge from 'node-forge';

export class DerError extends Error {}

const MAX_CHILDREN = 1000;

export const SEQUENCE = 0x30;
export const SET = 0x31;
export const OCTETS = 0x04;
export const CONTEXT_0 = 0xa0;
export const CONTEXT_1 = 0xa1;

/** One DER element: its tag byte and where its header, body and end are in the buffer. */
export interface Tlv {
  tag: number;
  start: number;
  body: number;
  end: number;
}

export function tlvAt(b: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new DerError('truncated element');
  const tag = b[at] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tag');
  let length = b[at + 1] as number;
  let body = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // 0 is BER's indefinite length, which DER forbids; four octets describe more than any input here.
    if (count === 0 || count > 4 || body + count > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (b[body + i] as number);
    body += count;
  }
  if (body + length > limit) throw new DerError('element runs past its container');
  return { tag, start: at, body, end: body + length };
}

export function childrenOf(b: Uint8Array, parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new DerError('primitive element where a constructed one was expected');
  const out: Tlv[] = [];
  for (let at = parent.body; at < parent.end; ) {
    if (out.length === MAX_CHILDREN) throw new DerError('too many elements');
    const child = tlvAt(b, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

export function expect(t: Tlv | undefined, tag: number): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}`);
  return t;
}

export const bodyOf = (b: Uint8Array, t: Tlv): Uint8Array => b.subarray(t.body, t.end);
export const whole = (b: Uint8Array, t: Tlv): Uint8Array => b.subarray(t.start, t.end);
export const oidOf = (b: Uint8Array, t: Tlv | undefined): string => forge.asn1.derToOid(forge.util.binary.raw.encode(bodyOf(b, expect(t, 0x06))));
export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The parts of an X.509 certificate the checks need, as the exact bytes it carries. */
export interface CertificateParts {
  der: Uint8Array;
  tbs: Uint8Array;
  serial: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  signatureOid: string;
  signature: Uint8Array;
}

export function certificateParts(der: Uint8Array): CertificateParts {
  const outer = tlvAt(der, 0, der.length);
  const [tbs, algorithm, bits] = childrenOf(der, expect(outer, SEQUENCE));
  const fields = childrenOf(der, expect(tbs, SEQUENCE));
  const at = fields[0]?.tag === CONTEXT_0 ? 1 : 0;
  const signature = bodyOf(der, expect(bits, 0x03));
  if (signature[0] !== 0) throw new DerError('signature with unused bits');
  return {
    der,
    tbs: whole(der, tbs as Tlv),
    serial: whole(der, expect(fields[at], 0x02)),
    issuer: whole(der, expect(fields[at + 2], SEQUENCE)),
    subject: whole(der, expect(fields[at + 4], SEQUENCE)),
    signatureOid: oidOf(der, childrenOf(der, expect(algorithm, SEQUENCE))[0]),
    signature: signature.subarray(1),
  };
}
