// The signaling secret file, read the same way by `mw signal` (verifies tokens) and
// `mw session tokens` (mints them).
import { readFileSync, statSync } from 'node:fs';
import { MIN_SECRET_BYTES } from '../../../shared/protocol/session-token';
import { UsageError } from '../io';

/** Larger than any secret; a bigger file was named by mistake (a video, a database). */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

export interface SecretFile {
  secret: Uint8Array;
  /** Said on stderr, not refused: the file works but others on the machine can read it. */
  warning: string | null;
}

const HOW = 'make one with: openssl rand -base64 48 > signal.secret && chmod 600 signal.secret';

/**
 * The file's bytes with trailing whitespace removed, so a newline an editor or `echo` adds does
 * not make the server and the token minter disagree about the secret.
 */
export function readSecretFile(path: string | undefined): SecretFile {
  if (path === undefined) throw new UsageError(`name the secret file: --secret-file F (at least ${MIN_SECRET_BYTES} random bytes; ${HOW}).`);
  let size: number;
  let mode: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path} is not a file.`);
    size = stat.size;
    mode = stat.mode;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`the secret file ${path} does not exist or cannot be read (${HOW}).`);
  }
  if (size > MAX_SECRET_FILE_BYTES) throw new UsageError(`${path} is ${size} bytes: that is not a secret file (expected ${MIN_SECRET_BYTES} bytes to a few hundred).`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new UsageError(`the secret file ${path} cannot be read: ${(error as Error).message}.`);
  }
  let end = bytes.length;
  while (end > 0 && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[end - 1] as number)) end--;
  const secret = bytes.slice(0, end);
  if (secret.length < MIN_SECRET_BYTES) {
    throw new UsageError(`the secret file ${path} holds ${secret.length} bytes; it needs at least ${MIN_SECRET_BYTES} (${HOW}).`);
  }
  const warning = process.platform !== 'win32' && (mode & 0o077) !== 0 ? `warning: ${path} can be read by other users of this machine (chmod 600 ${path}).\n` : null;
  return { secret, warning };
}
