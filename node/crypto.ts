// Node's native crypto (OpenSSL) for the code of shared/, which defaults to pure JavaScript so that
// it runs in the browser too: the HMAC and randomness of session tokens and signaling secrets, and
// SHA-256 of bytes and of files, for every Node host (electron/, cli/, a server).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { HmacSha256, RandomBytes } from '../shared/protocol/session-token';

export const nodeHmacSha256: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
export const nodeRandomBytes: RandomBytes = (length) => new Uint8Array(randomBytes(length));

/** SHA-256 of bytes, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * SHA-256 of a file, lowercase hex, read in 1 MiB chunks (never whole in memory). A read error
 * rejects as Node raised it (ENOENT, EISDIR…): the host says what it means for its user.
 */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
