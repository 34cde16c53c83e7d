// Verifying manifest.p7s — a detached CMS SignedData (RFC 5652) as buildDetachedCms writes it and
// `openssl cms -verify` checks it — and the certificate relations the package relies on, without
// trusting the package: the DER is walked with bounds on every length (shared/pkix/der.ts), the
// signed attributes are taken as the exact bytes that were signed, and RSA by shared/pkix/rsa.ts.
import forge from 'node-forge';
import { OIDS } from '../agreement/pdf-signature/oids';
import { bodyOf, certificateParts, childrenOf, CONTEXT_0, CONTEXT_1, DerError, equalBytes, expect, OCTETS, oidOf, SEQUENCE, SET, tlvAt, whole, type CertificateParts, type Tlv } from '../pkix/der';
import { MIN_RSA_BITS, rsaVerifySha256 } from '../pkix/rsa';
import { bytesToHex, equalHashes, sha256Bytes } from '../ledger/hash';

/** Far above a signature with a dozen chain certificates; a bigger file is not a manifest signature. */
export const MAX_CMS_BYTES = 256 * 1024;

/** An X.509 certificate: the exact bytes the checks compare and sign over, and forge's reading of the rest. */
export interface Certificate extends CertificateParts {
  /** SHA-256 of the DER, lower-case hex: also the keyId of signed checkpoints. */
  sha256: string;
  parsed: forge.pki.Certificate;
  key: forge.pki.rsa.PublicKey;
  keyBits: number;
}

/** Reads one certificate; throws for anything that is not an RSA X.509 certificate. */
export function readCertificate(der: Uint8Array): Certificate {
  const outer = tlvAt(der, 0, der.length);
  if (outer.end !== der.length) throw new DerError('data after the certificate');
  const parts = certificateParts(der);
  const parsed = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(der)));
  const key = parsed.publicKey as forge.pki.rsa.PublicKey;
  if (!key.n) throw new DerError('not an RSA key');
  // forge reads an impossible time as an Invalid Date instead of failing.
  if (Number.isNaN(parsed.validity.notBefore.getTime()) || Number.isNaN(parsed.validity.notAfter.getTime())) throw new DerError('invalid validity period');
  return { ...parts, sha256: bytesToHex(sha256Bytes(der)), parsed, key, keyBits: key.n.bitLength() };
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]{1,65536}?)-----END CERTIFICATE-----/g;

/** The DER of every certificate in a PEM text; throws when a block is not base64 of a DER element. */
export function pemCertificates(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const base64 = (match[1] as string).replace(/[\r\n]/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) throw new DerError('a PEM block is not base64');
    out.push(forge.util.binary.raw.decode(forge.util.decode64(base64)));
  }
  return out;
}

/** Why `issuer` did not issue `child` (names, signature, CA rights, validity at `when`), or null when it did. */
export function issuanceProblem(child: Certificate, issuer: Certificate, when: Date): string | null {
  if (!equalBytes(child.issuer, issuer.subject)) return 'it names another issuer';
  if (child.signatureOid !== OIDS.sha256WithRSAEncryption || !rsaVerifySha256(issuer.key, sha256Bytes(child.tbs), child.signature)) return "its signature does not verify with the issuer's key";
  const constraints = issuer.parsed.getExtension('basicConstraints') as { cA?: boolean } | null;
  const usage = issuer.parsed.getExtension('keyUsage') as { keyCertSign?: boolean } | null;
  if (!constraints?.cA || (usage !== null && !usage.keyCertSign)) return 'the issuer is not a CA certificate';
  if (!validAt(issuer, when)) return 'the issuer was not valid at the signing time';
  return null;
}

export function validAt(certificate: Certificate, when: Date): boolean {
  const t = when.getTime();
  return t >= certificate.parsed.validity.notBefore.getTime() && t <= certificate.parsed.validity.notAfter.getTime();
}

export interface DetachedSignature {
  ok: boolean;
  /** Why it is not valid; null when ok. */
  problem: string | null;
  signer: Certificate | null;
  /** Every certificate the CMS carries, the signer's among them. */
  certificates: Certificate[];
  signingTime: Date | null;
}

interface ParsedSignerInfo {
  issuer: Uint8Array;
  serial: Uint8Array;
  algorithmsSupported: boolean;
  signedAttributes: Uint8Array;
  messageDigest: Uint8Array | null;
  contentTypeIsData: boolean;
  signingTime: Date | null;
  signature: Uint8Array;
}

function readTime(b: Uint8Array, t: Tlv | undefined): Date | null {
  if (!t) return null;
  const text = forge.util.binary.raw.encode(bodyOf(b, t));
  const date = t.tag === 0x17 ? forge.asn1.utcTimeToDate(text) : t.tag === 0x18 ? forge.asn1.generalizedTimeToDate(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function readSignerInfo(b: Uint8Array, node: Tlv): ParsedSignerInfo {
  const info = childrenOf(b, expect(node, SEQUENCE));
  if (info[1]?.tag !== SEQUENCE) throw new DerError('the signer is not named by issuer and serial number');
  const [issuer, serial] = childrenOf(b, info[1]);
  const digestOid = oidOf(b, childrenOf(b, expect(info[2], SEQUENCE))[0]);
  const attrs = expect(info[3], CONTEXT_0);
  const signatureOid = oidOf(b, childrenOf(b, expect(info[4], SEQUENCE))[0]);
  const signature = bodyOf(b, expect(info[5], OCTETS));
  let messageDigest: Uint8Array | null = null;
  let contentType: string | null = null;
  let signingTime: Date | null = null;
  const seen = new Set<string>();
  for (const attr of childrenOf(b, attrs)) {
    const [type, values] = childrenOf(b, expect(attr, SEQUENCE));
    const id = oidOf(b, type);
    // RFC 5652 §11: these attributes occur once, with one value.
    if (seen.has(id)) throw new DerError(`attribute ${id} repeated`);
    seen.add(id);
    const value = childrenOf(b, expect(values, SET));
    if (id === OIDS.messageDigest) messageDigest = bodyOf(b, expect(value[0], OCTETS)).slice();
    else if (id === OIDS.contentType) contentType = oidOf(b, value[0]);
    else if (id === OIDS.signingTime) signingTime = readTime(b, value[0]);
  }
  // The signature is over the attributes re-tagged as a universal SET (RFC 5652 §5.4).
  const signedAttributes = whole(b, attrs).slice();
  signedAttributes[0] = SET;
  return {
    issuer: whole(b, expect(issuer, SEQUENCE)),
    serial: whole(b, expect(serial, 0x02)),
    algorithmsSupported: digestOid === OIDS.sha256 && (signatureOid === OIDS.rsaEncryption || signatureOid === OIDS.sha256WithRSAEncryption),
    signedAttributes,
    messageDigest,
    contentTypeIsData: contentType === OIDS.data,
    signingTime,
    signature,
  };
}

/** Checks a detached CMS SignedData over `content`: its one signer's digest and RSA signature. */
export function verifyDetachedCms(cms: Uint8Array, content: Uint8Array): DetachedSignature {
  const result: DetachedSignature = { ok: false, problem: null, signer: null, certificates: [], signingTime: null };
  const fail = (problem: string) => ({ ...result, problem });
  if (cms.length > MAX_CMS_BYTES) return fail(`the signature file is larger than ${MAX_CMS_BYTES / 1024} KiB`);
  let signer: ParsedSignerInfo;
  try {
    const outer = tlvAt(cms, 0, cms.length);
    if (outer.end !== cms.length) return fail('bytes follow the signature');
    const contentInfo = childrenOf(cms, expect(outer, SEQUENCE));
    if (oidOf(cms, contentInfo[0]) !== OIDS.signedData) return fail('it is not a CMS SignedData');
    const signedData = childrenOf(cms, expect(childrenOf(cms, expect(contentInfo[1], CONTEXT_0))[0], SEQUENCE));
    const encapsulated = childrenOf(cms, expect(signedData[2], SEQUENCE));
    if (oidOf(cms, encapsulated[0]) !== OIDS.data || encapsulated.length !== 1) return fail('it is not a detached signature over data');
    let at = 3;
    if (signedData[at]?.tag === CONTEXT_0) {
      for (const c of childrenOf(cms, signedData[at] as Tlv)) if (c.tag === SEQUENCE) result.certificates.push(readCertificate(whole(cms, c).slice()));
      at++;
    }
    if (signedData[at]?.tag === CONTEXT_1) at++;
    const signerInfos = childrenOf(cms, expect(signedData[at], SET));
    if (signerInfos.length !== 1) return fail(`it has ${signerInfos.length} signers, not one`);
    signer = readSignerInfo(cms, signerInfos[0] as Tlv);
  } catch (error) {
    return fail(`it cannot be read as a CMS signature (${error instanceof DerError ? error.message : 'malformed'})`);
  }
  result.signingTime = signer.signingTime;
  result.signer = result.certificates.find((c) => equalBytes(c.issuer, signer.issuer) && equalBytes(c.serial, signer.serial)) ?? null;
  if (!signer.algorithmsSupported) return fail('it uses an algorithm other than SHA-256 with RSA');
  if (!signer.contentTypeIsData) return fail('its content-type attribute is missing or not data');
  if (!signer.messageDigest || !equalHashes(signer.messageDigest, sha256Bytes(content))) return fail('manifest.json was changed after it was signed (message digest mismatch)');
  if (!result.signer) return fail("the signer's certificate is not in the signature");
  if (result.signer.keyBits < MIN_RSA_BITS) return fail(`the signer's key has fewer than ${MIN_RSA_BITS} bits`);
  if (!rsaVerifySha256(result.signer.key, sha256Bytes(signer.signedAttributes), signer.signature)) return fail("the signature does not verify with the signer certificate's key");
  return { ...result, ok: true };
}
