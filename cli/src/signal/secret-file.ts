// The signaling secret file for `mw signal` (verifies tokens), `mw serve` (verifies and mints;
// creates the file on first run) and `mw session tokens` (mints): node/signaling/secret-file.ts,
// its refusals turned into usage errors (exit 2) and its warning into a line for stderr.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MIN_SECRET_BYTES } from '../../../shared/signaling/secret';
import {
  MAKE_SECRET_FILE,
  readOrCreateSecretFile as readOrCreate,
  readSecretFile as read,
  SecretFileError,
  secretFileText,
  type SecretFile as NodeSecretFile,
} from '../../../node/signaling/secret-file';
import { UsageError } from '../io';

export interface SecretFile {
  secret: Uint8Array;
  /** Said on stderr, not refused: the file works but others on the machine can read it. */
  warning: string | null;
}

function forTheShell<T extends NodeSecretFile>(reading: () => T): Omit<T, 'warning'> & SecretFile {
  try {
    const file = reading();
    return { ...file, warning: file.warning ? `${secretFileText(file.warning)}\n` : null };
  } catch (error) {
    if (error instanceof SecretFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** The file's bytes with trailing whitespace removed (shared/signaling/secret.ts). */
export function readSecretFile(path: string | undefined): SecretFile {
  if (path === undefined) throw new UsageError(`name the secret file: --secret-file F (at least ${MIN_SECRET_BYTES} random bytes; ${MAKE_SECRET_FILE}).`);
  return forTheShell(() => read(path));
}

/** Reads the secret file, first creating it (random, 0600, in a 0700 folder) when it does not exist. */
export function readOrCreateSecretFile(path: string): SecretFile & { created: boolean } {
  return forTheShell(() => readOrCreate(path));
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
