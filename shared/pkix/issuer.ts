// Whether one certificate issued another — the one check behind the agreement's mediator →
// institution chain, the package's signer and chain, and anything a court's certificate issues:
// the issuer's name, its signature over the exact TBS bytes (SHA-256 with RSA, by forge), its right
// to issue (CA basic constraint, keyCertSign where key usage is given) and its validity when the
// issued certificate was used.
import forge from 'node-forge';
import { OIDS } from '../agreement/pdf-signature/oids';
import { sha256Bytes } from '../ledger/hash';
import { equalBytes, type CertificateParts } from './der';
import { rsaVerifySha256 } from './rsa';

export type IssuanceProblem = 'other_issuer' | 'bad_signature' | 'issuer_not_ca' | 'issuer_not_valid';

export const ISSUANCE_PROBLEM_TEXT: Record<IssuanceProblem, string> = {
  other_issuer: 'it names another issuer',
  bad_signature: "its signature does not verify with the issuer's key",
  issuer_not_ca: 'the issuer is not a CA certificate (no CA basic constraint or keyCertSign usage)',
  issuer_not_valid: 'the issuer was not valid at the signing time',
};

/** forge's reading of a certificate the bounded walker accepted: for its key, extensions and validity. */
export function forgeCertificate(der: Uint8Array): forge.pki.Certificate {
  return forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(der)));
}

/** Whether a certificate may issue others: a CA, with keyCertSign where it states its key usage. */
export function mayIssueCertificates(certificate: forge.pki.Certificate): boolean {
  const constraints = certificate.getExtension('basicConstraints') as { cA?: boolean } | null;
  const usage = certificate.getExtension('keyUsage') as { keyCertSign?: boolean } | null;
  return constraints?.cA === true && (usage === null || usage.keyCertSign === true);
}

/**
 * What is wrong with `issuer` having issued `child` for a use at `when` (null: unknown, which is
 * itself a problem), in this order: a wrong name or signature makes the rest moot and is returned
 * alone; the issuer's rights and validity are both reported. Empty when it did.
 */
export function issuanceProblems(child: CertificateParts, issuer: CertificateParts & { parsed?: forge.pki.Certificate }, when: Date | null): IssuanceProblem[] {
  if (!equalBytes(child.issuer, issuer.subject)) return ['other_issuer'];
  const parsed = issuer.parsed ?? forgeCertificate(issuer.der);
  const key = parsed.publicKey as forge.pki.rsa.PublicKey;
  if (child.signatureOid !== OIDS.sha256WithRSAEncryption || !key.n || !rsaVerifySha256(key, sha256Bytes(child.tbs), child.signature)) return ['bad_signature'];
  const problems: IssuanceProblem[] = [];
  if (!mayIssueCertificates(parsed)) problems.push('issuer_not_ca');
  const t = when?.getTime() ?? NaN;
  if (Number.isNaN(t) || t < parsed.validity.notBefore.getTime() || t > parsed.validity.notAfter.getTime()) problems.push('issuer_not_valid');
  return problems;
}
