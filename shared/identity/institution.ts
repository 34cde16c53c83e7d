// The institution's identity for a pilot without a CA (design.md §5): a self-issued RSA
// certificate that acts as the institution's own CA, and its PKCS#12 file, encrypted with AES-256
// and a PBKDF2-SHA256 key (node-forge's defaults are SHA-1 and 2,048 rounds; never used here).
// Pure node-forge, so the app and the CLI issue identical certificates; the key pair comes from
// the caller (Node's or WebCrypto's generator is far faster than forge's JavaScript one).
import forge from 'node-forge';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../ledger/hash';
import { bytesOfBinary, serialNumberFrom } from './certificate';

export const PKCS12_ITERATIONS = 600_000;

export interface InstitutionSubject {
  name: string;
  /** 统一社会信用代码, recorded as the organisation identifier. */
  creditCode: string;
}

export interface IssuedCertificate {
  certificatePem: string;
  /** SHA-256 of the certificate's DER: the keyId of signed checkpoints. */
  keyId: string;
}

function derOf(cert: forge.pki.Certificate): Uint8Array {
  return bytesOfBinary(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
}

export function certificateKeyId(certificatePem: string): string {
  return bytesToHex(sha256Bytes(derOf(forge.pki.certificateFromPem(certificatePem))));
}

// @types/node-forge types valueTagClass as an ASN.1 class; forge reads it as the universal tag.
const UTF8_STRING = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

/** A self-issued CA certificate for the institution, valid from `now` for `years`. */
export function issueInstitutionCertificate(subject: InstitutionSubject, keys: { publicKeyPem: string; privateKeyPem: string }, now: Date, years = 10): IssuedCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.serialNumber = serialNumberFrom(bytesToHex(sha256Bytes(utf8ToBytes(`${subject.creditCode}|${now.toISOString()}`))), 8);
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + years * 365.25 * 24 * 3600 * 1000);
  const attrs = [
    // UTF8String (forge encodes the text itself), or readers show the Chinese name as mojibake.
    { name: 'commonName', value: subject.name, valueTagClass: UTF8_STRING },
    { name: 'organizationName', value: subject.name, valueTagClass: UTF8_STRING },
    { shortName: 'OU', value: subject.creditCode },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), keyId: bytesToHex(sha256Bytes(derOf(cert))) };
}

/** The key and certificate as a PKCS#12 file protected by `passphrase`. */
export function toPkcs12(privateKeyPem: string, certificatePem: string, passphrase: string, friendlyName: string): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(privateKeyPem), [forge.pki.certificateFromPem(certificatePem)], passphrase, {
    algorithm: 'aes256',
    count: PKCS12_ITERATIONS,
    prfAlgorithm: 'sha256',
    friendlyName,
  } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]);
  return bytesOfBinary(forge.asn1.toDer(asn1).getBytes());
}
