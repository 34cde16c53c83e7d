// The browser adapter of the platform port (shared/platform.ts, design.md §1): what plain
// Chromium offers in place of the Electron shell. Blobs live in the IndexedDB `blobs` table,
// files travel through a download link and an <input type=file>, secrets are sealed with a
// passphrase (PBKDF2 → AES-GCM).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type {
  BlobStore,
  CancelSignal,
  FileAccess,
  KeyProtection,
  OpenedFile,
  PlatformPort,
  Sha256Hex,
  SignalingLocator,
  StreamingHasher,
} from '../../shared/platform';
import type { WorkstationDb } from '../db/db';

const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

function abortError(): Error {
  return new DOMException('Hashing was cancelled.', 'AbortError');
}

async function webCryptoSha256(bytes: Uint8Array): Promise<Sha256Hex> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return bytesToHex(new Uint8Array(digest));
}

async function blobBytes(stored: Blob | Uint8Array): Promise<Uint8Array> {
  return stored instanceof Uint8Array ? stored : new Uint8Array(await stored.arrayBuffer());
}

export function browserBlobStore(db: WorkstationDb): BlobStore {
  return {
    async put(bytes) {
      const hash = await webCryptoSha256(bytes);
      // Copy: the caller may reuse its buffer, and a view into a larger buffer would store it all.
      const copy = bytes.slice();
      await db.transaction('rw', db.blobs, async () => {
        if (!(await db.blobs.get(hash))) await db.blobs.add({ sha256: hash, bytes: copy, size: copy.byteLength });
      });
      return hash;
    },
    async get(hash) {
      if (!SHA256_HEX.test(hash)) return null;
      const row = await db.blobs.get(hash);
      return row ? blobBytes(row.bytes) : null;
    },
    async has(hash) {
      if (!SHA256_HEX.test(hash)) return false;
      return (await db.blobs.where('sha256').equals(hash).count()) > 0;
    },
    async list() {
      return (await db.blobs.toCollection().primaryKeys()).sort();
    },
  };
}

function fileFromBrowser(file: File): OpenedFile {
  const chunks = (chunkSize = DEFAULT_CHUNK_BYTES): AsyncIterable<Uint8Array> => ({
    async *[Symbol.asyncIterator]() {
      const size = Math.max(1, Math.floor(chunkSize));
      for (let offset = 0; offset < file.size; offset += size) {
        yield new Uint8Array(await file.slice(offset, offset + size).arrayBuffer());
      }
    },
  });
  return {
    name: file.name,
    size: file.size,
    chunks,
    readBytes: async () => new Uint8Array(await file.arrayBuffer()),
  };
}

export function browserFileAccess(getDocument: () => Document = () => document): FileAccess {
  return {
    async saveFile(suggestedName, bytes, mimeType) {
      // A browser gives no answer about where (or whether) the download was stored; the name it
      // was offered under is all there is to show the user.
      const doc = getDocument();
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
      try {
        const link = doc.createElement('a');
        link.href = url;
        link.download = suggestedName;
        link.rel = 'noopener';
        link.style.display = 'none';
        doc.body.appendChild(link);
        link.click();
        link.remove();
      } finally {
        // Revoke after the click has been handled, or Chromium may cancel the download.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      return { name: suggestedName };
    },
    openFile(options) {
      const doc = getDocument();
      return new Promise<OpenedFile | null>((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = options.accept.join(',');
        input.title = options.title;
        input.setAttribute('aria-label', options.title);
        input.style.display = 'none';
        let settled = false;
        const finish = (file: File | null) => {
          if (settled) return;
          settled = true;
          input.remove();
          resolve(file ? fileFromBrowser(file) : null);
        };
        input.addEventListener('change', () => finish(input.files?.[0] ?? null));
        // Chromium fires `cancel` when the picker is dismissed (since 113).
        input.addEventListener('cancel', () => finish(null));
        doc.body.appendChild(input);
        input.click();
      });
    },
  };
}

/** Sealed layout: version byte 1 | 16-byte salt | 12-byte IV | AES-256-GCM ciphertext+tag. */
const SEAL_VERSION = 1;
const SEAL_ITERATIONS = 310_000;

async function passphraseKey(passphrase: string, salt: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations: SEAL_ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function requirePassphrase(passphrase: string | undefined): string {
  if (!passphrase || passphrase.length < 8) {
    throw new Error('A passphrase of at least 8 characters is needed to protect keys in the browser.');
  }
  return passphrase;
}

export function passphraseKeyProtection(): KeyProtection {
  return {
    mechanism: 'passphrase',
    async protect(secret, passphrase) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const key = await passphraseKey(requirePassphrase(passphrase), salt);
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, secret as Uint8Array<ArrayBuffer>));
      const out = new Uint8Array(1 + salt.length + iv.length + sealed.length);
      out[0] = SEAL_VERSION;
      out.set(salt, 1);
      out.set(iv, 17);
      out.set(sealed, 29);
      return out;
    },
    async unprotect(sealed, passphrase) {
      if (sealed.length < 29 + 16 || sealed[0] !== SEAL_VERSION) throw new Error('The protected key is damaged or in an unknown format.');
      const key = await passphraseKey(requirePassphrase(passphrase), sealed.subarray(1, 17));
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: sealed.subarray(17, 29) as Uint8Array<ArrayBuffer> },
          key,
          sealed.subarray(29) as Uint8Array<ArrayBuffer>,
        );
        return new Uint8Array(plain);
      } catch {
        throw new Error('The passphrase is wrong, or the protected key was altered.');
      }
    },
  };
}

/** WebCrypto cannot hash incrementally, so large files are hashed chunk by chunk with @noble/hashes. */
export function chunkedHasher(): StreamingHasher {
  return {
    async sha256(source, options = {}) {
      const { onProgress, signal } = options;
      const total = options.total ?? null;
      const check = (s: CancelSignal | undefined) => {
        if (s?.aborted) throw abortError();
      };
      check(signal);
      const hasher = sha256.create();
      let bytesDone = 0;
      for await (const chunk of source) {
        check(signal);
        hasher.update(chunk);
        bytesDone += chunk.byteLength;
        onProgress?.({ bytesDone, bytesTotal: total });
      }
      check(signal);
      return bytesToHex(hasher.digest());
    },
  };
}

/** The meta-table row where an administrator may store a signaling server URL. */
export const SIGNALING_URL_META_KEY = 'signalingUrl';

/**
 * In the browser no signaling server is hosted: the URL comes from the `meta` row
 * SIGNALING_URL_META_KEY, else from a `signaling` query parameter of the page; with neither,
 * null (video sessions are then unavailable, which the port's contract allows).
 */
export function browserSignaling(db: WorkstationDb, location: Pick<Location, 'search'> | null = globalThis.location ?? null): SignalingLocator {
  return {
    async url() {
      const configured = (await db.meta.get(SIGNALING_URL_META_KEY))?.value;
      const candidate = typeof configured === 'string' ? configured : location ? new URLSearchParams(location.search).get('signaling') : null;
      if (!candidate) return null;
      try {
        const url = new URL(candidate);
        return url.protocol === 'ws:' || url.protocol === 'wss:' ? url.toString() : null;
      } catch {
        return null;
      }
    },
  };
}

export function createBrowserPlatform(db: WorkstationDb): PlatformPort {
  return {
    kind: 'browser',
    blobs: browserBlobStore(db),
    files: browserFileAccess(),
    keys: passphraseKeyProtection(),
    hashing: chunkedHasher(),
    signaling: browserSignaling(db),
  };
}
