// PBKDF2-SHA256 password hashes with node:crypto, in exactly the format of
// renderer/features/auth/password.ts (the app verifies what `mw seed` writes, and vice versa —
// test/unit/cli/password.test.ts checks both directions).
import { pbkdf2, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { PasswordHash } from '../../shared/domain/model';

const derive = promisify(pbkdf2);

export const PBKDF2_ITERATIONS = 310_000;

export async function hashPasswordNode(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  if (iterations < PBKDF2_ITERATIONS) throw new RangeError(`PBKDF2 needs at least ${PBKDF2_ITERATIONS} iterations.`);
  const salt = randomBytes(16);
  const hash = await derive(Buffer.from(password.normalize('NFC'), 'utf8'), salt, iterations, 32, 'sha256');
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function verifyPasswordNode(password: string, stored: PasswordHash): Promise<boolean> {
  if (stored.algorithm !== 'PBKDF2-SHA256' || stored.iterations < PBKDF2_ITERATIONS) return false;
  const expected = Buffer.from(stored.hash, 'base64');
  if (expected.length === 0) return false;
  const actual = await derive(Buffer.from(password.normalize('NFC'), 'utf8'), Buffer.from(stored.salt, 'base64'), stored.iterations, expected.length, 'sha256');
  return timingSafeEqual(actual, expected);
}

/** A readable random password that meets the app's policy (letters and digits, 12 characters). */
export function randomPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = Array.from({ length: 12 }, () => all[randomInt(all.length)] as string);
  chars[0] = letters[randomInt(letters.length)] as string;
  chars[11] = digits[randomInt(digits.length)] as string;
  return chars.join('');
}
