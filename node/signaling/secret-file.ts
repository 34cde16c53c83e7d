// The signaling secret file, read the same way by every Node host: Electron's main process
// (userData/signal.secret, created on first run), `mw serve` (creates it too), `mw signal` and
// `mw session tokens` (read only). Refusals are problems (a key and its values) with the English
// text hosts log or print; how to make a good file is the host's to say (`howToFix`).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { interpolate, problem, type Problem } from '../../shared/problem';
import { MIN_SECRET_BYTES, newSecretFileText, secretFromFileBytes } from '../../shared/signaling/secret';
import { nodeRandomBytes } from '../crypto';

/** Larger than any secret; a bigger file was named by mistake (a video, a database). */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** What the CLI tells its user; Electron, which makes the file itself, says to delete it. */
export const MAKE_SECRET_FILE = 'make one with: openssl rand -base64 48 > signal.secret && chmod 600 signal.secret';

const TEXTS = {
  'secret_file.missing': 'the secret file {{path}} does not exist or cannot be read ({{howToFix}}).',
  'secret_file.not_a_file': '{{path}} is not a file.',
  'secret_file.too_large': '{{path}} is {{size}} bytes: that is not a secret file (expected {{min}} bytes to a few hundred).',
  'secret_file.unreadable': 'the secret file {{path}} cannot be read: {{reason}}.',
  'secret_file.too_short': 'the secret file {{path}} holds {{size}} bytes; it needs at least {{min}} ({{howToFix}}).',
  'secret_file.cannot_create': 'cannot create the secret file {{path}}: {{reason}}.',
  'secret_file.open_to_others': 'warning: {{path}} can be read by other users of this machine (chmod 600 {{path}}).',
} as const;

export type SecretFileProblemKey = keyof typeof TEXTS;

/** The English text of a secret file's problem (the CLI's message, Electron's log line). */
export function secretFileText(found: Problem): string {
  return interpolate(TEXTS[found.key as SecretFileProblemKey] ?? found.key, found.params);
}

/** A secret file that cannot be used; `message` is its English text. */
export class SecretFileError extends Error {
  constructor(readonly problem: Problem) {
    super(secretFileText(problem));
    this.name = 'SecretFileError';
  }
}

export interface SecretFile {
  secret: Uint8Array;
  /** Said, not refused: the file works but others on the machine can read it. */
  warning: Problem | null;
}

export interface SecretFileOptions {
  /** How to make a good file, in the host's words (default MAKE_SECRET_FILE). */
  readonly howToFix?: string;
  /** Whether modes mean anything here (not on Windows). */
  readonly platform?: NodeJS.Platform;
}

function fail(key: SecretFileProblemKey, params: Record<string, string | number>): never {
  throw new SecretFileError(problem(key, params));
}

/** The file's bytes with trailing whitespace removed (shared/signaling/secret.ts), at least MIN_SECRET_BYTES of them. */
export function readSecretFile(path: string, options: SecretFileOptions = {}): SecretFile {
  const howToFix = options.howToFix ?? MAKE_SECRET_FILE;
  let size: number;
  let mode: number;
  try {
    const info = statSync(path);
    if (!info.isFile()) fail('secret_file.not_a_file', { path });
    size = info.size;
    mode = info.mode;
  } catch (error) {
    if (error instanceof SecretFileError) throw error;
    fail('secret_file.missing', { path, howToFix });
  }
  if (size > MAX_SECRET_FILE_BYTES) fail('secret_file.too_large', { path, size, min: MIN_SECRET_BYTES });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    fail('secret_file.unreadable', { path, reason: (error as Error).message });
  }
  const secret = secretFromFileBytes(bytes);
  if (secret.length < MIN_SECRET_BYTES) fail('secret_file.too_short', { path, size: secret.length, min: MIN_SECRET_BYTES, howToFix });
  const openToOthers = (options.platform ?? process.platform) !== 'win32' && (mode & 0o077) !== 0;
  return { secret, warning: openToOthers ? problem('secret_file.open_to_others', { path }) : null };
}

/** Reads the secret file, first creating it (random, 0600, in a 0700 folder) when it does not exist. */
export function readOrCreateSecretFile(path: string, options: SecretFileOptions = {}): SecretFile & { created: boolean } {
  let created = false;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // 'wx': never overwrite a secret that appeared meanwhile (tokens already minted with it).
    writeFileSync(path, newSecretFileText(nodeRandomBytes), { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') fail('secret_file.cannot_create', { path, reason: (error as Error).message });
  }
  return { ...readSecretFile(path, options), created };
}
