// Mediators' certificates, issued by the institution (design.md §5): the mediator's signature on an
// agreement chains to the institution's certificate. Pure node-forge for the certificate, but the
// institution's key stays where it is kept (WebCrypto, non-extractable): `issuer.sign` signs the
// TBSCertificate and forge never sees a private key.
import forge from 'node-forge';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../ledger/hash';
import { IdentityError, serialNumberFrom } from './certificate';
import { certificateKeyId } from './institution';

export interface MediatorSubject {
  name: string;
  userId: string;
  /** the institution's name */
  organization: string;
}

export interface CertificateIssuer {
  certificatePem: string;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data` with the issuer certificate's key. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

const { asn1 } = forge;
// @types/node-forge types valueTagClass as an ASN.1 class; forge reads it as the universal tag.
const UTF8_STRING = asn1.Type.UTF8 as unknown as forge.asn1.Class;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/**
 * RFC 9336 id-kp-documentSigning. With emailProtection beside it: PDF readers check the extended
 * key usage when present — NSS (poppler's pdfsig, Firefox) and `openssl cms -verify` validate the
 * signer for e-mail signing, Acrobat accepts emailProtection — while documentSigning states the
 * purpose in current terms. Listing both keeps every reader content and still rules the
 * certificate out for TLS or code signing, which an absent extension would allow.
 */
const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

function derOf(node: forge.asn1.Asn1): Uint8Array {
  return forge.util.binary.raw.decode(asn1.toDer(node).getBytes());
}

/** The key identifier an issued certificate names as its authority's: the issuer's own, else RFC 5280 method 1. */
function issuerKeyIdentifier(issuer: forge.pki.Certificate): string {
  const ski = issuer.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
  if (ski?.subjectKeyIdentifier) return forge.util.hexToBytes(ski.subjectKeyIdentifier);
  return issuer.generateSubjectKeyIdentifier().getBytes();
}

/**
 * Refuses an institution certificate that cannot issue a mediator certificate now: expired, not
 * yet valid, or not a CA (a CA usually issues an institution an end-entity certificate, and what
 * that issues fails every reader's chain check).
 */
export function assertMayIssue(issuerCertificatePem: string, now: Date): forge.pki.Certificate {
  const issuerCert = forge.pki.certificateFromPem(issuerCertificatePem);
  if (now.getTime() > issuerCert.validity.notAfter.getTime()) {
    throw new IdentityError('identity.expired', `The institution's certificate expired on ${issuerCert.validity.notAfter.toISOString()}.`, { date: issuerCert.validity.notAfter.toISOString().slice(0, 10) });
  }
  if (now.getTime() < issuerCert.validity.notBefore.getTime()) {
    throw new IdentityError('identity.not_yet_valid', `The institution's certificate is valid only from ${issuerCert.validity.notBefore.toISOString()}.`, { date: issuerCert.validity.notBefore.toISOString().slice(0, 10) });
  }
  const constraints = issuerCert.getExtension('basicConstraints') as { cA?: boolean } | null;
  const usage = issuerCert.getExtension('keyUsage') as { keyCertSign?: boolean } | null;
  if (!constraints?.cA || (usage && !usage.keyCertSign)) {
    throw new IdentityError('identity.not_ca', 'The institution’s certificate is not a CA certificate and cannot issue mediator certificates; ask the CA for mediator certificates, or use a self-issued institution certificate for a pilot.');
  }
  return issuerCert;
}

/** A mediator certificate issued (signed) by the institution's certificate. The institution signs via WebCrypto-like callback, never exposing its key to forge. */
export async function issueMediatorCertificate(subject: MediatorSubject, mediatorPublicKeySpki: Uint8Array, issuer: CertificateIssuer, now: Date, years = 3): Promise<{ certificatePem: string; keyId: string }> {
  const issuerCert = assertMayIssue(issuer.certificatePem, now);

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromAsn1(asn1.fromDer(forge.util.binary.raw.encode(mediatorPublicKeySpki)));
  const seed = `${issuerCert.serialNumber}|${subject.userId}|${bytesToHex(sha256Bytes(mediatorPublicKeySpki))}|${now.toISOString()}`;
  cert.serialNumber = serialNumberFrom(bytesToHex(sha256Bytes(utf8ToBytes(seed))), 16);
  cert.validity.notBefore = now;
  // A certificate outliving its issuer's would fail path validation for its last stretch.
  cert.validity.notAfter = new Date(Math.min(now.getTime() + years * YEAR_MS, issuerCert.validity.notAfter.getTime()));
  cert.setSubject([
    // UTF8String (forge encodes the text itself), or readers show Chinese names as mojibake.
    { name: 'commonName', value: subject.name, valueTagClass: UTF8_STRING },
    { name: 'organizationName', value: subject.organization, valueTagClass: UTF8_STRING },
    { shortName: 'OU', value: subject.userId, valueTagClass: UTF8_STRING },
    { name: 'countryName', value: 'CN' },
  ]);
  // Placeholder issuer: replaced below by the issuer's subject exactly as encoded in its certificate.
  cert.setIssuer(issuerCert.subject.attributes.map((a) => ({ type: a.type, value: '' })));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true, [DOCUMENT_SIGNING]: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuerKeyIdentifier(issuerCert) },
  ]);
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption as string;
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption as string;

  // getTBSCertificate is public in forge but missing from @types/node-forge.
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  // forge re-encodes parsed UTF8String names a second time, so copying the issuer's attributes
  // would produce a different name (and a chain no verifier follows): take its subject verbatim.
  const issuerTbs = (asn1.fromDer(forge.pem.decode(issuer.certificatePem)[0]?.body ?? '').value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
  const issuerFields = issuerTbs.value as forge.asn1.Asn1[];
  const issuerOffset = issuerFields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  (tbs.value as forge.asn1.Asn1[])[3] = issuerFields[issuerOffset + 4] as forge.asn1.Asn1;
  cert.tbsCertificate = tbs;
  cert.signature = forge.util.binary.raw.encode(await issuer.sign(derOf(tbs)));

  const certificatePem = forge.pki.certificateToPem(cert);
  return { certificatePem, keyId: certificateKeyId(certificatePem) };
}
