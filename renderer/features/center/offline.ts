// Signing in while the center server cannot be reached (issue 17 item 2): with what the server
// last verified. After each successful sign-in through the server the workstation keeps, for that
// account, a verifier of the password — scrypt, memory-hard like the server's own hash (issue 17
// item 1; @noble/hashes, random salt, its parameters stored with it) — with the account as the
// server described it, when, and the institution's grace period. Offline, the same password is
// accepted until the grace period after that verification has passed (a clock set back before the
// verification is refused); then only the server can sign the account in again. An account the
// server refuses as deactivated loses its verifier. Verifiers live under the data layer's
// local-only meta prefix: they stay on this workstation and never go into a backup.
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { accountViewSchema } from '../../../shared/server/api';
import type { DataStore } from '../../data';
import { LOCAL_ONLY_META_PREFIX, SYSTEM_ACTOR } from '../../data';
import { StoreError } from '../../kit/result';

const VERIFIER_PREFIX = `${LOCAL_ONLY_META_PREFIX}center.verified.`;
/** The server's scrypt cost (server/auth/passwords.ts): 128 MiB and about a second, once per sign-in. */
export const SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
/** The least a stored verifier may claim: one made cheaper is not accepted. */
const MIN_LOG_N = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

const scryptCostSchema = z.strictObject({
  N: z.number().int().refine((n) => n >= 2 ** MIN_LOG_N && (n & (n - 1)) === 0, 'a power of two of at least 2^14'),
  r: z.number().int().min(8).max(32),
  p: z.number().int().min(1).max(16),
});
export type ScryptCost = z.infer<typeof scryptCostSchema>;

export const offlineVerifierSchema = z.strictObject({
  account: accountViewSchema,
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  scrypt: scryptCostSchema,
  verifiedAt: z.iso.datetime({ offset: true }),
  graceDays: z.number().int().nonnegative(),
});
export type OfflineVerifier = z.infer<typeof offlineVerifierSchema>;

async function derive(password: string, salt: Uint8Array, cost: ScryptCost): Promise<Uint8Array> {
  return scryptAsync(password.normalize('NFC'), salt, { ...cost, dkLen: 32, maxmem: 2 ** 28 });
}

/** Compares every byte whatever the first difference. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

const keyOf = (username: string): string => `${VERIFIER_PREFIX}${username.trim().toLowerCase()}`;

/** A verifier for what the server just accepted (made before the transaction: crypto is not the store's). */
export async function makeVerifier(account: OfflineVerifier['account'], password: string, graceDays: number, now: Date, cost: ScryptCost = SCRYPT_COST): Promise<OfflineVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { account, salt: bytesToHex(salt), hash: bytesToHex(await derive(password, salt, cost)), scrypt: { ...cost }, verifiedAt: now.toISOString(), graceDays };
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
 * passed; otherwise a StoreError saying why: never verified here (or with an older kind of
 * verifier), period over (with its end), the clock before the verification, or a wrong password
 * (the same words as a wrong username).
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
  if (now.getTime() > until.getTime() || now.getTime() < Date.parse(verifier.verifiedAt)) {
    throw new StoreError('center.offline_expired', 'The center server cannot be reached, and the offline period of this account has ended; connect to the server to sign in.', { until: until.toISOString() });
  }
  if (!sameBytes(await derive(password, hexToBytes(verifier.salt), verifier.scrypt), hexToBytes(verifier.hash))) throw new StoreError('auth.invalid', 'The username or password is wrong.');
  return verifier.account;
}
