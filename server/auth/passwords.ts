// Account passwords on the server: scrypt (node:crypto), memory-hard. The parameters are stored
// with each hash, so raising them later re-hashes nobody and still verifies everyone.
//   N = 2^17, r = 8, p = 1: 128 MiB and about 0.3 s of one core per hash on a 2-core server
//   (OWASP's recommended minimum for scrypt); a 16-byte random salt; a 32-byte key.
// At most MAX_CONCURRENT_HASHES run at once (each takes its 128 MiB), the rest wait their turn,
// so a burst of sign-ins costs time, not memory.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
export const KEY_LENGTH = 32;
export const SALT_LENGTH = 16;
export const MAX_CONCURRENT_HASHES = 2;

export const storedPasswordSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  N: z.number().int().min(2 ** 10).max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.base64(),
  hash: z.base64(),
});
export type StoredPassword = z.infer<typeof storedPasswordSchema>;

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  // scrypt needs 128·N·r·p bytes; Node refuses above maxmem (32 MiB by default).
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p };
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(password.normalize('NFC'), 'utf8'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  // A finishing hash hands its slot straight to the next in line.
  if (running < MAX_CONCURRENT_HASHES) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<StoredPassword> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await limited(() => derive(password, salt, params, KEY_LENGTH));
  return { algorithm: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** False for a wrong password and for a stored value that is not a hash of ours. */
export async function verifyPassword(password: string, stored: unknown): Promise<boolean> {
  const parsed = storedPasswordSchema.safeParse(stored);
  if (!parsed.success) return false;
  const expected = Buffer.from(parsed.data.hash, 'base64');
  if (expected.length < 16) return false;
  const actual = await limited(() => derive(password, Buffer.from(parsed.data.salt, 'base64'), parsed.data, expected.length));
  return timingSafeEqual(actual, expected);
}
