// Participant tokens of video sessions: `base64url(payload JSON) "." base64url(HMAC-SHA256)`.
// The signaling server verifies them with its secret alone, so neither it nor the workstation
// that minted them needs a shared database. The MAC covers a fixed domain label plus the payload
// segment exactly as sent, so the server never parses JSON whose origin it has not checked, and
// a MAC made with the same secret for some other purpose can never pass as a token.
//
// Pure: HMAC defaults to @noble/hashes (the browser and tests); Node hosts pass node:crypto's.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  MAX_TOKEN_LENGTH,
  MAX_TOKEN_TTL_SECONDS,
  tokenPayloadSchema,
  type Role,
  type SessionHost,
  type TokenPayload,
} from './signaling';

export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;
export type RandomBytes = (length: number) => Uint8Array;

export const nobleHmacSha256: HmacSha256 = (key, message) => hmac(sha256, key, message);

/** HMAC-SHA256 keys shorter than its output weaken it; the CLI refuses shorter secret files. */
export const MIN_SECRET_BYTES = 32;
export const TOKEN_MAC_LABEL = 'mw-session-token/v1.';
const PARTICIPANT_ID_BYTES = 16;

export class TokenError extends Error {}

// ---------------------------------------------------------------------------------------------
// base64url without padding, decoded strictly: every token has exactly one spelling, so a
// "tampered" token can never be a different string that decodes to the same bytes.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63) + ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63);
  }
  return out;
}

/** The bytes, or null for anything that is not canonical unpadded base64url. */
export function base64UrlDecode(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const c of text) {
    const value = VALUES.get(c);
    if (value === undefined) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  // Leftover bits must be zero, else two spellings would decode to the same bytes.
  return buffer === 0 ? out : null;
}

/** Compares in time independent of where the inputs differ (lengths are public: always 32). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

function macOf(secret: Uint8Array, payloadSegment: string, mac: HmacSha256): Uint8Array {
  return mac(secret, utf8ToBytes(TOKEN_MAC_LABEL + payloadSegment));
}

function checkSecret(secret: Uint8Array): void {
  if (secret.length < MIN_SECRET_BYTES) throw new TokenError(`The signaling secret must be at least ${MIN_SECRET_BYTES} bytes.`);
}

export function newParticipantId(random: RandomBytes = randomBytes): string {
  return base64UrlEncode(random(PARTICIPANT_ID_BYTES));
}

export interface MintRequest {
  session: string;
  role: Role;
  name: string;
  ttlSeconds: number;
  /** Milliseconds since the Unix epoch. */
  now: number;
  /** The participant's identity; a new random one when absent. Give it to re-issue a token. */
  id?: string;
  /** The inviting institution and mediator, for the join page. */
  host?: SessionHost;
}

export interface TokenCrypto {
  hmac?: HmacSha256;
  random?: RandomBytes;
}

export interface MintedToken {
  token: string;
  payload: TokenPayload;
}

export function mintSessionToken(secret: Uint8Array, request: MintRequest, crypto: TokenCrypto = {}): MintedToken {
  checkSecret(secret);
  const { ttlSeconds, now } = request;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TOKEN_TTL_SECONDS) {
    throw new TokenError(`A token lives from 1 second to ${MAX_TOKEN_TTL_SECONDS} seconds (7 days), not ${ttlSeconds}.`);
  }
  if (!Number.isSafeInteger(now) || now < 0) throw new TokenError('The time of issue must be whole milliseconds since 1970.');
  const id = request.id ?? newParticipantId(crypto.random);
  const parsed = tokenPayloadSchema.safeParse({
    v: 1,
    session: request.session,
    role: request.role,
    name: request.name,
    id,
    iat: now,
    exp: now + ttlSeconds * 1000,
    ...(request.host ? { host: request.host } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TokenError(`Cannot mint a token: ${issue?.path.join('.') || 'payload'} — ${issue?.message ?? 'invalid'}.`);
  }
  const payloadSegment = base64UrlEncode(utf8ToBytes(JSON.stringify(parsed.data)));
  const signature = base64UrlEncode(macOf(secret, payloadSegment, crypto.hmac ?? nobleHmacSha256));
  return { token: `${payloadSegment}.${signature}`, payload: parsed.data };
}

export type TokenRefusal = 'malformed' | 'bad_signature' | 'expired';
export type VerifiedToken = { ok: true; payload: TokenPayload } | { ok: false; reason: TokenRefusal };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Checks the MAC before reading the payload, and the expiry against `now` (ms since 1970). */
export function verifySessionToken(secret: Uint8Array, token: string, now: number, mac: HmacSha256 = nobleHmacSha256): VerifiedToken {
  checkSecret(secret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payloadSegment, signatureSegment] = parts as [string, string];
  const payloadBytes = base64UrlDecode(payloadSegment);
  const signature = base64UrlDecode(signatureSegment);
  if (payloadBytes === null || payloadBytes.length === 0 || signature === null || signature.length !== 32) return { ok: false, reason: 'malformed' };
  if (!constantTimeEqual(macOf(secret, payloadSegment, mac), signature)) return { ok: false, reason: 'bad_signature' };
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payloadBytes));
  } catch {
    // Only the secret's holder could have signed this, so it is a bug there, not an attack.
    return { ok: false, reason: 'malformed' };
  }
  const payload = tokenPayloadSchema.safeParse(json);
  if (!payload.success) return { ok: false, reason: 'malformed' };
  if (now >= payload.data.exp) return { ok: false, reason: 'expired' };
  return { ok: true, payload: payload.data };
}
