// Password hashing for local accounts: PBKDF2-SHA256 by WebCrypto (issue 2 item 5). The stored
// record names the algorithm and iteration count, so the count can be raised later and old
// hashes still verify. `mw seed` writes the same format with node:crypto; a unit test checks
// that each implementation verifies the other's hashes.
import type { PasswordHash } from '../../../shared/domain/model';

export type { PasswordHash };

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 310_000;
export const SALT_BYTES = 16;
export const HASH_BYTES = 32;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function derive(password: string, salt: Uint8Array, iterations: number, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  if (iterations < PBKDF2_ITERATIONS) throw new RangeError(`PBKDF2 needs at least ${PBKDF2_ITERATIONS} iterations.`);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations, HASH_BYTES);
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Compares every byte whatever the first difference, so timing does not reveal a prefix match. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (stored.algorithm !== 'PBKDF2-SHA256' || stored.iterations < PBKDF2_ITERATIONS) return false;
  const salt = fromBase64(stored.salt);
  const expected = fromBase64(stored.hash);
  if (!salt || !expected || expected.length === 0) return false;
  const actual = await derive(password, salt, stored.iterations, expected.length);
  return constantTimeEqual(actual, expected);
}
