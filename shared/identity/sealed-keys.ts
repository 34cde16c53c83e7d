// A private key never travels or rests unencrypted (issue 17 item 6; docs/server.md "Keys"). A
// workstation keeps the institution's key and each mediator's key sealed: by the OS keystore (that
// seal opens only on its own machine, so it never leaves it), or by a passphrase — the platform's
// passphrase seal, PBKDF2-HMAC-SHA256 → AES-256-GCM (electron/platform/keys.ts,
// renderer/platform/browser.ts) — which is the only form a key may be synced in, so only holders
// of the passphrase can use it on another workstation. An encrypted PKCS#8 PEM
// (`-----BEGIN ENCRYPTED PRIVATE KEY-----`) is sealed too.
//
// findUnsealedKey looks through anything about to be sent, stored or read back (a push's bodies,
// an identity record) for a private key in clear, in the forms a key takes:
//   - a PEM private-key block other than an encrypted PKCS#8 one (PRIVATE KEY, RSA/EC/DSA/OPENSSH
//     PRIVATE KEY — also the legacy "Proc-Type: 4,ENCRYPTED" PEM, whose MD5 key derivation seals
//     nothing worth the name);
//   - the base64 of a DER private key: PKCS#8 PrivateKeyInfo / OneAsymmetricKey (SEQUENCE {INTEGER
//     0|1, SEQUENCE algorithm, …}), PKCS#1 RSAPrivateKey (SEQUENCE {INTEGER 0, INTEGER modulus,
//     …}), SEC 1 ECPrivateKey (SEQUENCE {INTEGER 1, OCTET STRING key, …}) — the outer length
//     exactly the string's, so a sealed blob (random bytes after a short header) is never taken
//     for one;
//   - a JSON Web Key with its private part (`d`, or `k` of a symmetric key).
// Pure: no DOM, no Node built-ins.
import forge from 'node-forge';
import { z } from 'zod';
import { DerError, SEQUENCE, tlvAt } from '../pkix/der';

export type UnsealedKeyForm = 'pem' | 'der' | 'jwk';

export interface UnsealedKey {
  /** Where it is: the field path, dot-separated ('' for the value itself). */
  readonly path: string;
  readonly form: UnsealedKeyForm;
}

const PEM_PRIVATE = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----/g;
const BASE64 = /^[A-Za-z0-9+/\-_\s]+={0,2}$/;
const INTEGER = 0x02;
const OCTETS = 0x04;
/** Shorter than any private key's DER (an Ed25519 PKCS#8 is 48 bytes, 64 in base64). */
const MIN_BASE64 = 60;
const MAX_DEPTH = 64;

function pemIsUnsealed(text: string): boolean {
  for (const match of text.matchAll(PEM_PRIVATE)) {
    if (match[1] !== 'ENCRYPTED PRIVATE KEY') return true;
  }
  return false;
}

function bytesOfBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (compact.length < MIN_BASE64 || compact.length % 4 === 1) return null;
  // base64url usually drops the padding, which the decoder needs.
  const padded = compact.padEnd(compact.length + ((4 - (compact.length % 4)) % 4), '=');
  let binary: string;
  try {
    binary = forge.util.decode64(padded);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether `bytes` is, as a whole, the DER of a private key (PKCS#8, PKCS#1 RSA, SEC 1 EC). */
export function isPrivateKeyDer(bytes: Uint8Array): boolean {
  try {
    const outer = tlvAt(bytes, 0, bytes.length);
    if (outer.tag !== SEQUENCE || outer.end !== bytes.length) return false;
    const version = tlvAt(bytes, outer.body, outer.end);
    if (version.tag !== INTEGER || version.end - version.body !== 1) return false;
    const v = bytes[version.body];
    const next = tlvAt(bytes, version.end, outer.end);
    if (v === 0 && next.tag === SEQUENCE) return true; // PKCS#8 PrivateKeyInfo
    if (v === 1 && next.tag === SEQUENCE) return true; // PKCS#8 v2 OneAsymmetricKey
    if (v === 0 && next.tag === INTEGER && next.end - next.body >= 64) return true; // PKCS#1 RSAPrivateKey: the modulus
    if (v === 1 && next.tag === OCTETS) return true; // SEC 1 ECPrivateKey
    return false;
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
}

function stringForm(text: string): UnsealedKeyForm | null {
  if (text.includes('PRIVATE KEY-----') && pemIsUnsealed(text)) return 'pem';
  // A DER SEQUENCE (0x30) always encodes to a leading 'M': anything else is not decoded at all.
  if (text.length >= MIN_BASE64 && text.trimStart().startsWith('M') && BASE64.test(text)) {
    const bytes = bytesOfBase64(text);
    if (bytes && isPrivateKeyDer(bytes)) return 'der';
  }
  return null;
}

function isPrivateJwk(value: Record<string, unknown>): boolean {
  if (typeof value.kty !== 'string') return false;
  return typeof value.d === 'string' || (value.kty === 'oct' && typeof value.k === 'string');
}

/** The first private key in clear found in `value` (any JSON), or null when there is none. */
export function findUnsealedKey(value: unknown, path = '', depth = 0): UnsealedKey | null {
  if (typeof value === 'string') {
    const form = stringForm(value);
    return form ? { path, form } : null;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  const at = (key: string | number): string => (path === '' ? String(key) : `${path}.${key}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsealedKey(value[i], at(i), depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  if (isPrivateJwk(record)) return { path, form: 'jwk' };
  for (const [key, inner] of Object.entries(record)) {
    const found = findUnsealedKey(inner, at(key), depth + 1);
    if (found) return found;
  }
  return null;
}

/** The message of the refusal, for a schema's issue. */
export const UNSEALED_KEY_MESSAGE = 'a private key is kept and synced only sealed (by a passphrase or the OS keystore), never in clear';

/** A zod refinement: `schema.superRefine(refuseUnsealedKeys)` refuses any value carrying a key in clear, at its path. */
export function refuseUnsealedKeys(value: unknown, ctx: z.RefinementCtx): void {
  const found = findUnsealedKey(value);
  if (found) ctx.addIssue({ code: 'custom', message: UNSEALED_KEY_MESSAGE, path: found.path === '' ? [] : found.path.split('.'), params: { form: found.form } });
}

/** A sealed key as the identity records keep it: base64 of the platform's seal, never a key in clear. */
export const sealedKeySchema = z.string().min(1).max(20_000).superRefine(refuseUnsealedKeys);
