// Reading certificates and PKCS#12 files for the institution's identity (design.md §5): what the
// settings screen lists (subject, issuer, validity, fingerprint), whether a certificate may sign
// today, and the key and chain inside a PKCS#12 a CA issued. Pure node-forge, shared by the app
// (in a worker, since forge's PBKDF2 takes seconds) and the CLI.
import forge from 'node-forge';
import { bytesToHex, sha256Bytes } from '../ledger/hash';
import { validityAt } from './validity';

export const MIN_RSA_BITS = 2048;

export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** The organisation identifier (统一社会信用代码) where the certificate carries one. */
  organisationId: string | null;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, upper-case hex in pairs: what people compare by eye. */
  fingerprint256: string;
  /** SHA-256 of the DER, lower-case hex: the keyId of signed checkpoints. */
  keyId: string;
  keyBits: number;
  selfIssued: boolean;
}

export type IdentityProblem =
  | 'identity.p12_unreadable'
  | 'identity.p12_passphrase'
  | 'identity.p12_no_key'
  | 'identity.p12_no_certificate'
  | 'identity.key_mismatch'
  | 'identity.weak_key'
  | 'identity.not_yet_valid'
  | 'identity.expired'
  | 'identity.not_ca';

export class IdentityError extends Error {
  constructor(
    readonly code: IdentityProblem,
    message: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

/**
 * A certificate serial number (hex) from hash output: its first nibble 1–7, so the DER INTEGER is
 * positive and minimal (a leading 00 byte followed by one below 0x80 is invalid DER, and OpenSSL
 * refuses it).
 */
export function serialNumberFrom(hashHex: string, bytes: number): string {
  return '1234567'.charAt(parseInt(hashHex.charAt(0), 16) % 7) + hashHex.slice(1, bytes * 2);
}

/** forge's binary strings (one char per byte) as bytes, and back. */
export function bytesOfBinary(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function binaryOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function attribute(dn: forge.pki.Certificate['subject'], ...names: string[]): string | null {
  for (const name of names) {
    const found = dn.getField(name) as { value?: unknown } | null;
    if (found && typeof found.value === 'string') return forge.util.decodeUtf8(found.value);
  }
  return null;
}

/** forge hands back UTF8String values as UTF-8 bytes in a binary string; others as they are. */
function readable(dn: forge.pki.Certificate['subject']): string {
  const parts = dn.attributes.map((a) => {
    const raw = String(a.value ?? '');
    let text = raw;
    try {
      text = forge.util.decodeUtf8(raw);
    } catch {
      // Not UTF-8 (a PrintableString with Latin-1 bytes): shown as it is.
    }
    return `${a.shortName ?? a.name ?? a.type}=${text}`;
  });
  return parts.join(', ');
}

export function summarizeCertificate(certificatePem: string): CertificateSummary {
  const cert = forge.pki.certificateFromPem(certificatePem);
  const der = bytesOfBinary(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
  const keyId = bytesToHex(sha256Bytes(der));
  const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
  const organisationId = attribute(cert.subject, 'OU');
  return {
    subject: attribute(cert.subject, 'CN') ?? readable(cert.subject),
    issuer: attribute(cert.issuer, 'CN') ?? readable(cert.issuer),
    organisationId,
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    fingerprint256: (keyId.toUpperCase().match(/../g) as string[]).join(':'),
    keyId,
    keyBits: publicKey.n.bitLength(),
    selfIssued: cert.isIssuer(cert),
  };
}

/** Refuses a certificate that may not sign now: expired, not yet valid, or with a weak key. */
export function assertMaySign(summary: CertificateSummary, now: Date): void {
  if (summary.keyBits < MIN_RSA_BITS) throw new IdentityError('identity.weak_key', `The key has ${summary.keyBits} bits; at least ${MIN_RSA_BITS} are needed.`, { bits: summary.keyBits });
  const { state } = validityAt(summary, now);
  if (state === 'expired') throw new IdentityError('identity.expired', `The certificate expired on ${summary.notAfter}.`, { date: summary.notAfter.slice(0, 10) });
  if (state === 'not_yet_valid') throw new IdentityError('identity.not_yet_valid', `The certificate is valid only from ${summary.notBefore}.`, { date: summary.notBefore.slice(0, 10) });
}

export interface Pkcs12Contents {
  /** The private key as PKCS#8 DER (what WebCrypto and Node import). */
  privateKeyPkcs8: Uint8Array;
  /** The certificate of that key, then the rest of the chain. */
  certificatePem: string;
  chainPems: string[];
}

/** Opens a PKCS#12 file and returns its key with the certificate that belongs to it. */
export function readPkcs12(bytes: Uint8Array, passphrase: string): Pkcs12Contents {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(binaryOf(bytes));
  } catch {
    throw new IdentityError('identity.p12_unreadable', 'This is not a PKCS#12 (.p12/.pfx) file.');
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (error) {
    const text = String((error as Error).message ?? '');
    if (/password|mac/i.test(text)) throw new IdentityError('identity.p12_passphrase', 'The passphrase does not open this PKCS#12 file.');
    throw new IdentityError('identity.p12_unreadable', `The PKCS#12 file cannot be read (${text}).`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag as string })[forge.pki.oids.pkcs8ShroudedKeyBag as string] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag as string })[forge.pki.oids.keyBag as string] ?? []),
  ];
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new IdentityError('identity.p12_no_key', 'The PKCS#12 file holds no private key (only certificates).');
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag as string })[forge.pki.oids.certBag as string] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => c !== undefined);
  if (certs.length === 0) throw new IdentityError('identity.p12_no_certificate', 'The PKCS#12 file holds no certificate.');
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n !== undefined && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!own) throw new IdentityError('identity.key_mismatch', 'The private key does not belong to any certificate in the file.');
  const pkcs8 = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
  return {
    privateKeyPkcs8: bytesOfBinary(forge.asn1.toDer(pkcs8).getBytes()),
    certificatePem: forge.pki.certificateToPem(own),
    chainPems: certs.filter((c) => c !== own).map((c) => forge.pki.certificateToPem(c)),
  };
}

/** PEM armour for WebCrypto's exported keys. */
export function pemOf(label: 'PRIVATE KEY' | 'PUBLIC KEY', der: Uint8Array): string {
  const base64 = forge.util.encode64(binaryOf(der));
  return `-----BEGIN ${label}-----\n${base64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** The certificate's public key as SubjectPublicKeyInfo DER, for WebCrypto's importKey('spki'). */
export function publicKeySpki(certificatePem: string): Uint8Array {
  const cert = forge.pki.certificateFromPem(certificatePem);
  return bytesOfBinary(forge.asn1.toDer(forge.pki.publicKeyToAsn1(cert.publicKey)).getBytes());
}
