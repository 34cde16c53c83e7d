// The browser adapter of the platform port (shared/platform.ts, design.md §1): what plain
// Chromium offers in place of the Electron shell. Blobs live in the data layer's blobs (IndexedDB),
// files travel through a download link and an <input type=file>, secrets are sealed with a
// passphrase (PBKDF2 → AES-GCM).
import { bytesToHex } from '@noble/hashes/utils.js';
import type {
  BlobStore,
  FileAccess,
  KeyProtection,
  OpenedFile,
  PlatformPort,
  Sha256Hex,
  SignalingHost,
  StreamingHasher,
} from '../../shared/platform';
import {
  HOST_INFO_PATH,
  hostErrorSchema,
  hostInfoSchema,
  MINT_PATH,
  mintTokensResponseSchema,
} from '../../shared/protocol/signaling-host';
import type { BlobRepository, DataStore } from '../data';
import { browserCenterServer } from './browser-center';
import { browserCourtIntake } from './browser-intake';
import { sha256OfChunks } from './streaming-sha256';

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

/** The File (or Blob) behind an OpenedFile made here, so a stored import keeps the browser's Blob. */
const browserSources = new WeakMap<OpenedFile, Blob>();

/** A Blob's (or a byte row's) bytes in chunks: Blob.slice reads only the chunk asked for. */
function blobChunks(stored: Blob | Uint8Array, chunkSize: number | undefined): AsyncIterable<Uint8Array> {
  const size = Math.max(1, Math.floor(chunkSize ?? DEFAULT_CHUNK_BYTES));
  return {
    async *[Symbol.asyncIterator]() {
      const total = stored instanceof Uint8Array ? stored.byteLength : stored.size;
      for (let offset = 0; offset < total; offset += size) {
        yield stored instanceof Uint8Array
          ? stored.subarray(offset, offset + size)
          : new Uint8Array(await stored.slice(offset, offset + size).arrayBuffer());
      }
    },
  };
}

function changedWhileRead(name: string): Error {
  return new Error(`${name} changed while it was being read; nothing was stored. Open it again.`);
}

export function browserBlobStore(blobs: BlobRepository, hasher: StreamingHasher = chunkedHasher()): BlobStore {
  /** Stored unless bytes with that hash already are (the repository checks in its own transaction). */
  async function storeOnce(hash: Sha256Hex, bytes: Blob | Uint8Array, size: number): Promise<void> {
    await blobs.store({ sha256: hash, bytes, size });
  }

  return {
    async put(bytes) {
      const hash = await webCryptoSha256(bytes);
      // Copy: the caller may reuse its buffer, and a view into a larger buffer would store it all.
      const copy = bytes.slice();
      await storeOnce(hash, copy, copy.byteLength);
      return hash;
    },
    async putFile(file, options = {}) {
      const { onProgress, signal } = options;
      if (signal?.aborted) throw abortError();
      const source = browserSources.get(file);
      // A File is hashed through its own slices and then stored as the Blob it is: Chromium copies
      // a Blob value into IndexedDB's blob storage on commit, never into JavaScript memory. An
      // OpenedFile with no Blob behind it is collected as one Blob per chunk while it is hashed.
      const parts: Blob[] = [];
      let bytesRead = 0;
      const chunks: AsyncIterable<Uint8Array> = source
        ? file.chunks()
        : {
            async *[Symbol.asyncIterator]() {
              for await (const chunk of file.chunks()) {
                parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
                bytesRead += chunk.byteLength;
                yield chunk;
              }
            },
          };
      let counted = 0;
      const hash = await hasher.sha256(chunks, {
        total: file.size,
        onProgress: (p) => {
          counted = p.bytesDone;
          onProgress?.(p);
        },
        ...(signal ? { signal } : {}),
      });
      if (signal?.aborted) throw abortError();
      const blob = source ?? new Blob(parts);
      if (counted !== file.size || blob.size !== file.size || (!source && bytesRead !== file.size)) throw changedWhileRead(file.name);
      await storeOnce(hash, blob, blob.size);
      return hash;
    },
    async open(hash) {
      if (!SHA256_HEX.test(hash)) return null;
      const row = await blobs.get(hash);
      if (!row) return null;
      const stored = row.bytes;
      return { size: stored instanceof Uint8Array ? stored.byteLength : stored.size, chunks: (chunkSize) => blobChunks(stored, chunkSize) };
    },
    async get(hash) {
      if (!SHA256_HEX.test(hash)) return null;
      const row = await blobs.get(hash);
      return row ? blobBytes(row.bytes) : null;
    },
    async has(hash) {
      if (!SHA256_HEX.test(hash)) return false;
      return blobs.has(hash);
    },
    async list() {
      return blobs.hashes();
    },
  };
}

/** The platform's OpenedFile for a browser File (from `<input type=file>` or a drop). */
export function openedFileFromBrowserFile(file: File): OpenedFile {
  const opened: OpenedFile = {
    name: file.name,
    size: file.size,
    chunks: (chunkSize) => blobChunks(file, chunkSize),
    readBytes: async () => new Uint8Array(await file.arrayBuffer()),
  };
  browserSources.set(opened, file);
  return opened;
}

/**
 * Offers a Blob as a download. A browser gives no answer about where (or whether) the download
 * was stored; the name it was offered under is all there is to show the user.
 */
function download(doc: Document, blob: Blob, suggestedName: string): void {
  const url = URL.createObjectURL(blob);
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
}

/** A stored blob as a Blob (small ones are kept as bytes), or null. */
async function storedBlob(blobs: BlobRepository, sha256: string, type = 'application/octet-stream'): Promise<Blob | null> {
  if (!SHA256_HEX.test(sha256)) return null;
  const row = await blobs.get(sha256);
  if (!row) return null;
  return row.bytes instanceof Uint8Array ? new Blob([row.bytes as Uint8Array<ArrayBuffer>], { type }) : row.bytes;
}

export function browserFileAccess(blobs: BlobRepository, getDocument: () => Document = () => document): FileAccess {
  return {
    async saveFile(suggestedName, bytes, mimeType) {
      download(getDocument(), new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }), suggestedName);
      return { name: suggestedName };
    },
    async saveBlob(suggestedName, sha256, mimeType) {
      // The stored Blob itself: Chromium streams it from IndexedDB's blob storage to the download.
      const stored = await storedBlob(blobs, sha256, mimeType);
      if (!stored) throw new Error(`The file ${sha256} is not stored on this workstation.`);
      download(getDocument(), stored, suggestedName);
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
          resolve(file ? openedFileFromBrowserFile(file) : null);
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

/** Files are hashed chunk by chunk as they stream (./streaming-sha256.ts). */
export function chunkedHasher(): StreamingHasher {
  return { sha256: (source, options = {}) => sha256OfChunks(source, options) };
}

/** The `{ error: { message } }` of a refusal by the host, or a plain description. */
async function refusalOf(response: Response): Promise<string> {
  const body = hostErrorSchema.safeParse(await response.json().catch(() => null));
  return body.success ? body.data.error.message : `HTTP ${response.status}`;
}

/**
 * The signaling server of `npm start` (mw serve) on the page's own origin: GET /signal/host says
 * where it is, POST /signal/tokens mints (both answer only this machine's own page). A plain
 * static server has neither: 404, or its index.html in place of JSON, both mean "none".
 */
export function browserSignaling(origin: string = globalThis.location?.origin ?? 'http://127.0.0.1', fetchImpl: typeof fetch = (...args) => fetch(...args)): SignalingHost {
  return {
    async hosted() {
      let response: Response;
      try {
        response = await fetchImpl(new URL(HOST_INFO_PATH, origin), { headers: { accept: 'application/json' }, cache: 'no-store' });
      } catch {
        return null;
      }
      if (response.status === 403) throw new Error(`The signaling server refused this page: ${await refusalOf(response)}`);
      if (!response.ok) return null;
      const info = hostInfoSchema.safeParse(await response.json().catch(() => null));
      if (!info.success) return null;
      return {
        signalUrl: info.data.signalUrl,
        joinBases: info.data.joinBases,
        async mint(request) {
          const minted = await fetchImpl(new URL(MINT_PATH, origin), {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(request),
            cache: 'no-store',
          });
          if (!minted.ok) throw new Error(`Minting session tokens failed: ${await refusalOf(minted)}`);
          return mintTokensResponseSchema.parse(await minted.json());
        },
      };
    },
  };
}

export function createBrowserPlatform(data: DataStore): PlatformPort {
  return {
    kind: 'browser',
    blobs: browserBlobStore(data.blobs),
    files: browserFileAccess(data.blobs),
    keys: passphraseKeyProtection(),
    hashing: chunkedHasher(),
    signaling: browserSignaling(),
    intake: browserCourtIntake({ storedBlob: (sha256) => storedBlob(data.blobs, sha256) }),
    centerServer: browserCenterServer(),
  };
}
