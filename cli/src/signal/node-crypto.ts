// Node's native HMAC and randomness for the token code of shared/protocol/session-token.ts
// (which defaults to pure-JS @noble/hashes so that it runs in the browser too).
import { createHmac, randomBytes } from 'node:crypto';
import type { HmacSha256, RandomBytes } from '../../../shared/protocol/session-token';

export const nodeHmacSha256: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
export const nodeRandomBytes: RandomBytes = (length) => new Uint8Array(randomBytes(length));
