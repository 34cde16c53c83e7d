// Signing in while the center server cannot be reached (issue 17 item 2): with what the server
// last verified. After each successful sign-in through the server the workstation keeps, for that
// account, a PBKDF2-SHA256 verifier of the password (WebCrypto, random salt) with the account as
// the server described it, when, and the institution's grace period. Offline, the same password
// is accepted until the grace period after that verification has passed; then only the server can
// sign the account in again. An account the server refuses as deactivated loses its verifier.
import { z } from 'zod';
import { accountViewSchema } from '../../../shared/server/api';
import type { DataStore } from '../../data';
import { SYSTEM_ACTOR } from '../../data';
import { StoreError } from '../../kit/result';

const VERIFIER_PREFIX = 'center.verified.';
/** PBKDF2 rounds: about a quarter of a second in a browser, paid once per sign-in. */
export const PBKDF2_ITERATIONS = 300_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const offlineVerifierSchema = z.strictObject({
  account: accountViewSchema,
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  iterations: z.number().int().min(1),
  verifiedAt: z.iso.datetime({ offset: true }),
  graceDays: z.number().int().nonnegative(),
});
export type OfflineVerifier = z.infer<typeof offlineVerifierSchema>;

const hex = (bytes: ArrayBuffer | Uint8Array): string => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array((text.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  return hex(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

/** Compares without stopping at the first differing character. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const keyOf = (username: string): string => `${VERIFIER_PREFIX}${username.trim().toLowerCase()}`;

/** A verifier for what the server just accepted (made before the transaction: crypto is not the store's). */
export async function makeVerifier(account: OfflineVerifier['account'], password: string, graceDays: number, now: Date, iterations = PBKDF2_ITERATIONS): Promise<OfflineVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { account, salt: hex(salt), hash: await derive(password, salt, iterations), iterations, verifiedAt: now.toISOString(), graceDays };
}

export async function storeVerifier(data: DataStore, verifier: OfflineVerifier): Promise<void> {
  await data.transact(SYSTEM_ACTOR, () => data.meta.put(keyOf(verifier.account.username), offlineVerifierSchema.parse(verifier)));
}

export async function forgetVerifier(data: DataStore, username: string): Promise<void> {
  await data.transact(SYSTEM_ACTOR, () => data.meta.delete(keyOf(username)));
}

/** When the offline sign-in of a verification ends. */
export function offlineUntil(verifier: Pick<OfflineVerifier, 'verifiedAt' | 'graceDays'>): Date {
  return new Date(Date.parse(verifier.verifiedAt) + verifier.graceDays * DAY_MS);
}

/**
 * The account as last verified, when `password` is the one verified and the grace period has not
 * passed; otherwise a StoreError saying why: never verified here, period over (with its end), or
 * a wrong password (the same words as a wrong username).
 */
export async function offlineSignIn(data: DataStore, username: string, password: string, now = new Date()): Promise<OfflineVerifier['account']> {
  let verifier: OfflineVerifier | undefined;
  try {
    verifier = await data.meta.get(keyOf(username), offlineVerifierSchema);
  } catch {
    verifier = undefined;
  }
  if (!verifier) throw new StoreError('center.offline_never_verified', 'The center server cannot be reached, and this account has not signed in through it on this workstation yet.');
  const until = offlineUntil(verifier);
  if (now.getTime() > until.getTime()) {
    throw new StoreError('center.offline_expired', 'The center server cannot be reached, and the offline period of this account has ended; connect to the server to sign in.', { until: until.toISOString() });
  }
  if (!sameText(await derive(password, fromHex(verifier.salt), verifier.iterations), verifier.hash)) throw new StoreError('auth.invalid', 'The username or password is wrong.');
  return verifier.account;
}
