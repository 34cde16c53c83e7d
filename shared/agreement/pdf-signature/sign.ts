// A real PDF digital signature (adbe.pkcs7.detached, SHA-256; design.md §5) added to the signed
// mediation agreement as an incremental update, so a second signature keeps the first one valid
// (design.md §10). Pure TypeScript: it runs in the renderer and in the CLI. The private key never
// reaches this code: `key.sign` is a WebCrypto signature with a non-extractable key.
//
// The CMS is assembled with node-forge's ASN.1 layer rather than forge.pkcs7: forge's signer wants
// a private key object, insists on hashing the content itself (slowly, twice per signature with the
// usual two-pass trick) and calls key.sign synchronously. Built directly, the signed attributes are
// encoded once, handed to the asynchronous signer, and the content digest comes from sha256Bytes.
import { OIDS } from './oids';
import forge from 'node-forge';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import { sha256Bytes } from '../../ledger/hash';

export interface PdfSigningKey {
  certificatePem: string;
  /** Issuer certificates to embed in the CMS (mediator: [institution cert]; institution: its CA chain, often []). */
  chainPems: string[];
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data` (the caller uses WebCrypto: crypto.subtle.sign with a non-extractable key). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface PdfSignatureInfo {
  name: string;
  reason: string;
  location?: string;
  contactInfo?: string;
  signingTime: Date;
}

interface BufferClass {
  from(data: Uint8Array): Uint8Array;
}

/**
 * @signpdf works on Node's Buffer through the global. The renderer installs the `buffer` package's
 * Buffer on globalThis before signing; a missing one would otherwise surface as an obscure
 * "Buffer is not defined" deep inside the library.
 */
export function requireBuffer(): BufferClass {
  const candidate = (globalThis as { Buffer?: unknown }).Buffer;
  if (typeof candidate !== 'function' || typeof (candidate as { from?: unknown }).from !== 'function') {
    throw new Error('PDF signing needs a Buffer implementation on globalThis (install the "buffer" package\'s Buffer as globalThis.Buffer before signing).');
  }
  return candidate as unknown as BufferClass;
}

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

const oid = (id: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const sequence = (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const setOf = (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const integer = (n: number): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const octets = (bytes: Uint8Array): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, forge.util.binary.raw.encode(bytes));
const algorithm = (id: string): Asn1 => sequence([oid(id), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
const der = (node: Asn1): string => asn1.toDer(node).getBytes();

function certificateAsn1(pem: string): Asn1 {
  const block = forge.pem.decode(pem).find((b) => b.type === 'CERTIFICATE');
  if (!block) throw new Error('The signing certificate is not a PEM certificate.');
  return asn1.fromDer(block.body);
}

/** issuer and serialNumber of a certificate, as the exact ASN.1 it carries (IssuerAndSerialNumber). */
function issuerAndSerial(certificate: Asn1): Asn1 {
  const tbs = (certificate.value as Asn1[])[0] as Asn1;
  const fields = tbs.value as Asn1[];
  // TBSCertificate opens with an optional [0] EXPLICIT version.
  const at = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = fields[at];
  const issuer = fields[at + 2];
  if (!serial || !issuer) throw new Error('The signing certificate is malformed.');
  return sequence([issuer, serial]);
}

/** The RSA modulus size in bytes: the length of every PKCS#1 v1.5 signature the key makes. */
function signatureBytes(certificatePem: string): number {
  const publicKey = forge.pki.certificateFromPem(certificatePem).publicKey as forge.pki.rsa.PublicKey;
  return Math.ceil(publicKey.n.bitLength() / 8);
}

function timeAsn1(date: Date): Asn1 {
  // RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise.
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

function compareBinary(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The signed attributes, in DER order (a SET OF is sorted by its members' encodings). */
function signedAttributes(contentDigest: Uint8Array, signingTime: Date): Asn1[] {
  const attribute = (type: string, value: Asn1) => sequence([oid(type), setOf([value])]);
  const attributes = [
    attribute(OIDS.contentType, oid(OIDS.data)),
    attribute(OIDS.signingTime, timeAsn1(signingTime)),
    attribute(OIDS.messageDigest, octets(contentDigest)),
  ];
  return attributes.map((a) => ({ a, bytes: der(a) })).sort((x, y) => compareBinary(x.bytes, y.bytes)).map((x) => x.a);
}

/**
 * The DER of a detached CMS SignedData over `content`. The signature is over the DER of the signed
 * attributes as a universal SET (RFC 5652 §5.4), the same bytes that appear, re-tagged [0], in the
 * SignerInfo.
 */
export async function buildDetachedCms(content: Uint8Array, key: Pick<PdfSigningKey, 'certificatePem' | 'chainPems' | 'sign'>, signingTime: Date): Promise<Uint8Array> {
  const signerCertificate = certificateAsn1(key.certificatePem);
  const attributes = signedAttributes(sha256Bytes(content), signingTime);
  const signature = await key.sign(forge.util.binary.raw.decode(der(setOf(attributes))));
  const expected = signatureBytes(key.certificatePem);
  if (signature.length !== expected) {
    // PKCS#1 v1.5 signatures are exactly as long as the modulus; another length means another key.
    throw new Error(`The signing key returned a ${signature.length}-byte signature where the certificate's RSA key makes ${expected}-byte ones: the key does not belong to the certificate.`);
  }
  const signerInfo = sequence([
    integer(1),
    issuerAndSerial(signerCertificate),
    algorithm(OIDS.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(OIDS.rsaEncryption),
    octets(signature),
  ]);
  const signedData = sequence([
    integer(1),
    setOf([algorithm(OIDS.sha256)]),
    sequence([oid(OIDS.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signerCertificate, ...key.chainPems.map(certificateAsn1)]),
    setOf([signerInfo]),
  ]);
  const contentInfo = sequence([oid(OIDS.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]);
  return forge.util.binary.raw.decode(der(contentInfo));
}

/**
 * Bytes to reserve for the CMS: its exact size, found by building it with a stand-in signature of
 * the key's modulus length. Nothing else varies: the digest and the time have fixed lengths, and
 * buildDetachedCms refuses a signature of any other length. A fixed 16 KB would add up to 64 KB
 * of hex zeros to a two-signature agreement.
 */
async function placeholderLength(key: PdfSigningKey, signingTime: Date): Promise<number> {
  const length = signatureBytes(key.certificatePem);
  const dryRun = await buildDetachedCms(new Uint8Array(0), { ...key, sign: async () => new Uint8Array(length) }, signingTime);
  return dryRun.length;
}

class CmsSigner extends Signer {
  constructor(
    private readonly key: PdfSigningKey,
    private readonly signingTime: Date,
  ) {
    super();
  }

  override async sign(pdfBuffer: Parameters<Signer['sign']>[0]): ReturnType<Signer['sign']> {
    const cms = await buildDetachedCms(pdfBuffer as Uint8Array, this.key, this.signingTime);
    return requireBuffer().from(cms) as Awaited<ReturnType<Signer['sign']>>;
  }
}

/** A text string as a PDF hex string in UTF-16BE with its byte-order mark (PDF 32000 §7.9.2.2). */
function pdfHexText(text: string): string {
  if (text === '') return '<>';
  let hex = 'feff';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

const TEXT_KEYS = ['Name', 'Reason', 'Location', 'ContactInfo'] as const;

/**
 * @signpdf writes non-ASCII dictionary strings through Buffer.from(text) — UTF-8 of a UTF-16
 * binary string — so a Chinese name would come out garbled. The placeholder is therefore made with
 * ASCII fillers exactly as long as the final hex strings, which then replace them byte for byte:
 * no offset in the new xref section moves.
 */
function withFillers(values: Record<(typeof TEXT_KEYS)[number], string>): { fillers: Record<(typeof TEXT_KEYS)[number], string>; finals: Record<(typeof TEXT_KEYS)[number], string> } {
  const fillers = {} as Record<(typeof TEXT_KEYS)[number], string>;
  const finals = {} as Record<(typeof TEXT_KEYS)[number], string>;
  TEXT_KEYS.forEach((key, k) => {
    finals[key] = pdfHexText(values[key]);
    // Each field its own filler letter, so no filler can be mistaken for another field's.
    fillers[key] = String.fromCharCode(0x61 + k).repeat(finals[key].length - 2);
  });
  return { fillers, finals };
}

function replaceOnce(pdf: Uint8Array, from: number, search: string, replacement: string): void {
  const needle = new TextEncoder().encode(search);
  outer: for (let i = from; i + needle.length <= pdf.length; i++) {
    for (let j = 0; j < needle.length; j++) if (pdf[i + j] !== needle[j]) continue outer;
    pdf.set(new TextEncoder().encode(replacement), i);
    return;
  }
  throw new Error(`The signature placeholder has no ${search.slice(0, 16)}… where it was written.`);
}

type PlaceholderInput = Parameters<typeof plainAddPlaceholder>[0];

/** Adds one signature as an incremental update to `pdf` (which was saved by pdf-lib with useObjectStreams: false, possibly already signed). */
export async function addPdfSignature(pdf: Uint8Array, key: PdfSigningKey, info: PdfSignatureInfo): Promise<Uint8Array> {
  const buffer = requireBuffer();
  const { fillers, finals } = withFillers({ Name: info.name, Reason: info.reason, Location: info.location ?? '', ContactInfo: info.contactInfo ?? '' });
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: buffer.from(pdf) as PlaceholderInput['pdfBuffer'],
    name: fillers.Name,
    reason: fillers.Reason,
    location: fillers.Location,
    contactInfo: fillers.ContactInfo,
    signingTime: info.signingTime,
    signatureLength: await placeholderLength(key, info.signingTime),
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
  }) as Uint8Array;
  // Only the appended update may be touched (everything before it may already be signed); the
  // placeholder may have dropped the input's final end-of-line before appending.
  const updateStart = Math.max(0, pdf.length - 2);
  for (const field of TEXT_KEYS) replaceOnce(withPlaceholder, updateStart, `/${field} (${fillers[field]})`, `/${field} ${finals[field]}`);
  const signed = await new SignPdf().sign(withPlaceholder as PlaceholderInput['pdfBuffer'], new CmsSigner(key, info.signingTime), info.signingTime);
  return new Uint8Array(signed.buffer, signed.byteOffset, signed.length);
}
