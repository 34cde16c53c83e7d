// Key protection (design.md §5): secrets at rest are wrapped by the OS keystore through
// safeStorage where a real one exists; otherwise by a passphrase the user types. On Linux without
// a secret service, safeStorage falls back to `basic_text`, which encrypts with a password fixed in
// Chromium's source: that protects nothing, so it is treated as "no keystore" (design.md §10).
//
// Sealed format, so unprotect knows how a secret was sealed:
//   "MWK" | version 1 | mode (1 = OS keystore, 2 = passphrase) | body
//   mode 1 body: safeStorage ciphertext of the base64 secret
//   mode 2 body: salt (16) | PBKDF2 iterations (uint32 BE) | IV (12) | AES-256-GCM ciphertext | tag (16)
//   (the 5 header bytes are GCM associated data, so the mode cannot be swapped)
import { createCipheriv, createDecipheriv, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyMechanism } from '../../shared/protocol/channels';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/protocol/ipc';
import { IpcFailure } from '../ipc/failure';

const pbkdf2Async = promisify(pbkdf2);

/** The async safeStorage methods (the sync ones are deprecated in Electron 45). */
export interface SafeStoragePort {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Uint8Array>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only in Electron; absent (or irrelevant) elsewhere. */
  getSelectedStorageBackend?(): string;
}

export interface KeyService {
  mechanism(): Promise<KeyMechanism>;
  protect(secret: Uint8Array, passphrase?: string): Promise<Uint8Array>;
  unprotect(sealed: Uint8Array, passphrase?: string): Promise<Uint8Array>;
}

const MAGIC = [0x4d, 0x57, 0x4b]; // "MWK"
const VERSION = 1;
const MODE_KEYSTORE = 1;
const MODE_PASSPHRASE = 2;
const HEADER_LENGTH = 5;
const SALT_LENGTH = 16;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
const MAX_ITERATIONS = 10_000_000;

/**
 * Which mechanism guards secrets here. The OS keystore only when async encryption is available
 * and, on Linux, the selected backend is a real secret store (not `basic_text`, and not `unknown`,
 * which Electron reports before `ready`).
 */
export async function detectKeyMechanism(safeStorage: SafeStoragePort, platform: string): Promise<KeyMechanism> {
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') return 'passphrase';
  }
  try {
    return (await safeStorage.isAsyncEncryptionAvailable()) ? 'os-keystore' : 'passphrase';
  } catch {
    return 'passphrase';
  }
}

function header(mode: number): Uint8Array {
  return Uint8Array.from([...MAGIC, VERSION, mode]);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<Buffer> {
  return pbkdf2Async(passphrase.normalize('NFC'), salt, iterations, 32, 'sha256');
}

export async function sealWithPassphrase(secret: Uint8Array, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<Uint8Array> {
  const head = header(MODE_PASSPHRASE);
  const salt = randomBytes(SALT_LENGTH);
  const iv = randomBytes(IV_LENGTH);
  const iterationBytes = new Uint8Array(4);
  new DataView(iterationBytes.buffer).setUint32(0, iterations);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, iterations), iv);
  cipher.setAAD(head);
  const body = concat(cipher.update(secret), cipher.final());
  return concat(head, salt, iterationBytes, iv, body, cipher.getAuthTag());
}

async function openWithPassphrase(sealed: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const minimum = HEADER_LENGTH + SALT_LENGTH + 4 + IV_LENGTH + TAG_LENGTH;
  if (sealed.byteLength < minimum) throw corrupt();
  let at = HEADER_LENGTH;
  const salt = sealed.subarray(at, (at += SALT_LENGTH));
  const iterations = new DataView(sealed.buffer, sealed.byteOffset + at, 4).getUint32(0);
  at += 4;
  if (iterations < 1 || iterations > MAX_ITERATIONS) throw corrupt();
  const iv = sealed.subarray(at, (at += IV_LENGTH));
  const body = sealed.subarray(at, sealed.byteLength - TAG_LENGTH);
  const tag = sealed.subarray(sealed.byteLength - TAG_LENGTH);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt, iterations), iv);
  decipher.setAAD(sealed.subarray(0, HEADER_LENGTH));
  decipher.setAuthTag(tag);
  try {
    return concat(decipher.update(body), decipher.final());
  } catch {
    throw new IpcFailure('bad-passphrase', 'The passphrase is wrong. Type it again, exactly as it was set.');
  }
}

function corrupt(): IpcFailure {
  return new IpcFailure('corrupt', 'The protected key is damaged or was not made by this workstation. Restore it from a backup.');
}

function requirePassphrase(passphrase: string | undefined): string {
  if (passphrase === undefined || passphrase === '') {
    throw new IpcFailure('passphrase-required', 'This workstation has no protected key store; enter the passphrase that guards the keys.');
  }
  return passphrase;
}

export function createKeyService(deps: { safeStorage: SafeStoragePort; platform: string }): KeyService {
  let detected: Promise<KeyMechanism> | undefined;
  const mechanism = (): Promise<KeyMechanism> => (detected ??= detectKeyMechanism(deps.safeStorage, deps.platform));

  return {
    mechanism,

    async protect(secret, passphrase) {
      if ((await mechanism()) === 'os-keystore') {
        const encrypted = await deps.safeStorage.encryptStringAsync(Buffer.from(secret).toString('base64'));
        return concat(header(MODE_KEYSTORE), encrypted);
      }
      const phrase = requirePassphrase(passphrase);
      if ([...phrase].length < MIN_PASSPHRASE_LENGTH) {
        throw new IpcFailure('weak-passphrase', `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`);
      }
      return sealWithPassphrase(secret, phrase);
    },

    async unprotect(sealed, passphrase) {
      if (sealed.byteLength < HEADER_LENGTH || MAGIC.some((b, i) => sealed[i] !== b) || sealed[3] !== VERSION) throw corrupt();
      const mode = sealed[4];
      if (mode === MODE_PASSPHRASE) return openWithPassphrase(sealed, requirePassphrase(passphrase));
      if (mode !== MODE_KEYSTORE) throw corrupt();
      if ((await mechanism()) !== 'os-keystore') {
        throw new IpcFailure('keystore-unavailable', "This key was protected by the system's key store, which is not available now. Sign in to your desktop session normally (so its key ring unlocks) and try again.");
      }
      let plain: string;
      try {
        ({ result: plain } = await deps.safeStorage.decryptStringAsync(Buffer.from(sealed.subarray(HEADER_LENGTH))));
      } catch (error) {
        throw new IpcFailure('keystore-unavailable', "The system's key store could not unlock this key (it may belong to another user account or computer). Restore the key from its backup file.", { cause: error });
      }
      return new Uint8Array(Buffer.from(plain, 'base64'));
    },
  };
}
