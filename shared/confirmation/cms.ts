// Verifying a detached CMS signature over a JSON file of the package's world — manifest.p7s,
// receipt.p7s, a 补正 request — as buildDetachedCms writes it and `openssl cms -verify` checks it,
// and the certificate relations they rely on, without trusting the input: the CMS is read by
// shared/pkix/cms.ts (the same reader as the PDF signatures), issuance by shared/pkix/issuer.ts,
// RSA by shared/pkix/rsa.ts.
import forge from 'node-forge';
import { certificateParts, DerError, equalBytes, tlvAt, type CertificateParts } from '../pkix/der';
import { parseDetachedSignedData, type SignedDataParts } from '../pkix/cms';
import { forgeCertificate, ISSUANCE_PROBLEM_TEXT, issuanceProblems } from '../pkix/issuer';
import { MIN_RSA_BITS, rsaVerifySha256 } from '../pkix/rsa';
import { bytesToHex, equalHashes, sha256Bytes } from '../ledger/hash';

/** Far above a signature with a dozen chain certificates; a bigger file is not a signature of ours. */
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
  const parsed = forgeCertificate(der);
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
  const [first] = issuanceProblems(child, issuer, when);
  return first === undefined ? null : ISSUANCE_PROBLEM_TEXT[first];
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

/**
 * Checks a detached CMS SignedData over `content`: its one signer's digest and RSA signature.
 * `contentName` names the signed file in the messages (manifest.json, receipt.json).
 */
export function verifyDetachedCms(cms: Uint8Array, content: Uint8Array, contentName = 'manifest.json'): DetachedSignature {
  const result: DetachedSignature = { ok: false, problem: null, signer: null, certificates: [], signingTime: null };
  const fail = (problem: string) => ({ ...result, problem });
  if (cms.length > MAX_CMS_BYTES) return fail(`the signature file is larger than ${MAX_CMS_BYTES / 1024} KiB`);
  let parts: SignedDataParts;
  try {
    parts = parseDetachedSignedData(cms, { zeroPadded: false });
    result.certificates = parts.certificates.map((c) => readCertificate(c.der));
  } catch (error) {
    return fail(`it cannot be read as a CMS signature (${error instanceof DerError ? error.message : 'malformed'})`);
  }
  result.signingTime = parts.signingTime;
  const signerDer = parts.signerCertificate?.der;
  result.signer = signerDer ? (result.certificates.find((c) => equalBytes(c.der, signerDer)) ?? null) : null;
  if (!parts.algorithmsSupported) return fail('it uses an algorithm other than SHA-256 with RSA');
  if (!parts.contentTypeIsData) return fail('its content-type attribute is missing or not data');
  if (!parts.messageDigest || !equalHashes(parts.messageDigest, sha256Bytes(content))) return fail(`${contentName} was changed after it was signed (message digest mismatch)`);
  if (!result.signer) return fail("the signer's certificate is not in the signature");
  if (result.signer.keyBits < MIN_RSA_BITS) return fail(`the signer's key has fewer than ${MIN_RSA_BITS} bits`);
  if (!rsaVerifySha256(result.signer.key, sha256Bytes(parts.signedAttributes), parts.signature)) return fail("the signature does not verify with the signer certificate's key");
  return { ...result, ok: true };
}

export interface IssuerPath {
  /** The certificates above the leaf, each the issuer of the one before it, as far as the candidates reach. */
  path: Certificate[];
  /** Why the candidates do not form the leaf's chain (a stray certificate, a broken link), or null. */
  problem: string | null;
}

/**
 * The leaf's issuers among `candidates` (certs/chain.pem, or the certificates a CMS carries), each
 * checked by shared/pkix/issuer.ts for a use at `when`. Every candidate must be on the path: a
 * certificate that issued nothing here is named as a problem rather than ignored.
 */
export function issuerPath(leaf: Certificate, candidates: readonly Certificate[], when: Date): IssuerPath {
  const path: Certificate[] = [];
  const left = candidates.filter((c) => c.sha256 !== leaf.sha256);
  let current = leaf;
  while (left.length > 0 && !equalBytes(current.issuer, current.subject)) {
    const at = left.findIndex((c) => equalBytes(c.subject, current.issuer));
    if (at === -1) break;
    const issuer = left.splice(at, 1)[0] as Certificate;
    const [problem] = issuanceProblems(current, issuer, when);
    if (problem !== undefined) return { path, problem: `${subjectName(issuer)} did not validly issue ${subjectName(current)}: ${ISSUANCE_PROBLEM_TEXT[problem]}` };
    path.push(issuer);
    current = issuer;
  }
  if (left.length > 0) return { path, problem: `${left.map(subjectName).join(', ')} ${left.length === 1 ? 'is' : 'are'} not in the chain of ${subjectName(leaf)}` };
  return { path, problem: null };
}

/** The certificate's common name for messages, or its fingerprint when it has none. */
export function subjectName(certificate: Certificate): string {
  const cn = certificate.parsed.subject.getField('CN') as { value?: unknown } | null;
  if (typeof cn?.value === 'string') {
    try {
      return forge.util.decodeUtf8(cn.value);
    } catch {
      return cn.value;
    }
  }
  return `the certificate ${certificate.sha256.slice(0, 16)}…`;
}
