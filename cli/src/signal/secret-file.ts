// The signaling secret file, read the same way by `mw signal` (verifies tokens), `mw serve`
// (verifies and mints; creates the file on first run) and `mw session tokens` (mints).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { MIN_SECRET_BYTES } from '../../../shared/protocol/session-token';
import { newSecretFileText, secretFromFileBytes } from '../../../shared/signaling/secret';
import { UsageError } from '../io';
import { nodeRandomBytes } from './node-crypto';

/** Larger than any secret; a bigger file was named by mistake (a video, a database). */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

export interface SecretFile {
  secret: Uint8Array;
  /** Said on stderr, not refused: the file works but others on the machine can read it. */
  warning: string | null;
}

const HOW = 'make one with: openssl rand -base64 48 > signal.secret && chmod 600 signal.secret';

/** The file's bytes with trailing whitespace removed (shared/signaling/secret.ts). */
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
  const secret = secretFromFileBytes(bytes);
  if (secret.length < MIN_SECRET_BYTES) {
    throw new UsageError(`the secret file ${path} holds ${secret.length} bytes; it needs at least ${MIN_SECRET_BYTES} (${HOW}).`);
  }
  const warning = process.platform !== 'win32' && (mode & 0o077) !== 0 ? `warning: ${path} can be read by other users of this machine (chmod 600 ${path}).\n` : null;
  return { secret, warning };
}

/** Reads the secret file, first creating it (random, 0600, in a 0700 folder) when it does not exist. */
export function readOrCreateSecretFile(path: string): SecretFile & { created: boolean } {
  let created = false;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // 'wx': never overwrite a secret that appeared meanwhile (tokens already minted with it).
    writeFileSync(path, newSecretFileText(nodeRandomBytes), { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`cannot create the secret file ${path}: ${(error as Error).message}.`);
  }
  return { ...readSecretFile(path), created };
}

/**
 * Where browser mode keeps its data (the signaling secret) unless MW_DATA_DIR says otherwise:
 * the per-user application data folder of the platform, never a path inside the repository.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MW_DATA_DIR) return env.MW_DATA_DIR;
  const name = 'mediation-workstation';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), name);
}
