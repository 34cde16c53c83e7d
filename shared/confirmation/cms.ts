// Verifying a detached CMS signature over a JSON file of the package's world — manifest.p7s,
// receipt.p7s, a 补正 request — as buildDetachedCms writes it and `openssl cms -verify` checks it,
// and the certificate relations they rely on, without trusting the input: the CMS is read by
// shared/pkix/cms.ts (the same reader as the PDF signatures), issuance by shared/pkix/issuer.ts,
// RSA by shared/pkix/rsa.ts.
import forge from 'node-forge';
import { certificateParts, DerError, equalBytes, tlvAt, type CertificateParts } from '../pkix/der';
import { parseDetachedSignedData, type SignedDataParts } from '../pkix/cms';
import { forgeCertificate, ISSUANCE_PROBLEM_TEXT, issuanceProblems, type IssuanceProblem } from '../pkix/issuer';
import { MIN_RSA_BITS, rsaVerifySha256 } from '../pkix/rsa';
import { bytesToHex, equalHashes, sha256Bytes } from '../ledger/hash';
import { detail, englishText, type CheckDetail, type CheckKey } from './check-detail';

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

/** The text of each way an issuer can fail to have issued a certificate. */
const ISSUANCE_PROBLEM_KEYS: Readonly<Record<IssuanceProblem, CheckKey>> = {
  other_issuer: 'issuance.other_issuer',
  bad_signature: 'issuance.bad_signature',
  issuer_not_ca: 'issuance.issuer_not_ca',
  issuer_not_valid: 'issuance.issuer_not_valid',
};

/** issuanceProblem, for the reader's language. */
export function issuanceProblemDetail(child: Certificate, issuer: Certificate, when: Date): CheckDetail | null {
  const [first] = issuanceProblems(child, issuer, when);
  return first === undefined ? null : detail(ISSUANCE_PROBLEM_KEYS[first]);
}

export function validAt(certificate: Certificate, when: Date): boolean {
  const t = when.getTime();
  return t >= certificate.parsed.validity.notBefore.getTime() && t <= certificate.parsed.validity.notAfter.getTime();
}

export interface DetachedSignature {
  ok: boolean;
  /** Why it is not valid, in English; null when ok. */
  problem: string | null;
  /** The same, for the reader's language. */
  problemDetail: CheckDetail | null;
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
  const result: DetachedSignature = { ok: false, problem: null, problemDetail: null, signer: null, certificates: [], signingTime: null };
  const fail = (problem: CheckDetail) => ({ ...result, problem: englishText(problem), problemDetail: problem });
  if (cms.length > MAX_CMS_BYTES) return fail(detail('cms.too_large', { kib: MAX_CMS_BYTES / 1024 }));
  let parts: SignedDataParts;
  try {
    parts = parseDetachedSignedData(cms, { zeroPadded: false });
    result.certificates = parts.certificates.map((c) => readCertificate(c.der));
  } catch (error) {
    return fail(detail('cms.unreadable', { reason: error instanceof DerError ? error.message : 'malformed' }));
  }
  result.signingTime = parts.signingTime;
  const signerDer = parts.signerCertificate?.der;
  result.signer = signerDer ? (result.certificates.find((c) => equalBytes(c.der, signerDer)) ?? null) : null;
  if (!parts.algorithmsSupported) return fail(detail('cms.algorithm'));
  if (!parts.contentTypeIsData) return fail(detail('cms.content_type'));
  if (!parts.messageDigest || !equalHashes(parts.messageDigest, sha256Bytes(content))) return fail(detail('cms.digest_mismatch', { file: contentName }));
  if (!result.signer) return fail(detail('cms.no_signer'));
  if (result.signer.keyBits < MIN_RSA_BITS) return fail(detail('cms.weak_key', { bits: MIN_RSA_BITS }));
  if (!rsaVerifySha256(result.signer.key, sha256Bytes(parts.signedAttributes), parts.signature)) return fail(detail('cms.bad_signature'));
  return { ...result, ok: true };
}

export interface IssuerPath {
  /** The certificates above the leaf, each the issuer of the one before it, as far as the candidates reach. */
  path: Certificate[];
  /** Why the candidates do not form the leaf's chain (a stray certificate, a broken link), in English, or null. */
  problem: string | null;
  /** The same, for the reader's language. */
  problemDetail: CheckDetail | null;
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
    if (problem !== undefined) return brokenPath(path, detail('chain.not_issued', { issuer: subjectName(issuer), subject: subjectName(current) }, [detail(ISSUANCE_PROBLEM_KEYS[problem])]));
    path.push(issuer);
    current = issuer;
  }
  if (left.length > 0) return brokenPath(path, detail('chain.stray', { names: left.map(subjectName).join(', '), count: left.length, leaf: subjectName(leaf) }));
  return { path, problem: null, problemDetail: null };
}

function brokenPath(path: Certificate[], problem: CheckDetail): IssuerPath {
  return { path, problem: englishText(problem), problemDetail: problem };
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
