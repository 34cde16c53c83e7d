// How verification reads a package: through PackageReader — the CLI's hardened zip reader, an
// extracted folder, or memory — with a size limit on everything it reads whole.
import { bytesToHex, sha256Bytes } from '../ledger/hash';
import { detail, englishText, type CheckDetail } from './check-detail';
import { duplicateKeyAmbiguity, duplicateKeyOf } from '../integrity/ambiguity';

export interface FileDigest {
  sha256: string;
  size: number;
  /** What the container itself found wrong with the bytes (a CRC-32 mismatch), or null. */
  damage: CheckDetail | null;
}

/** A package's files, however they are stored. Paths are the files' (no folders). */
export interface PackageReader {
  readonly paths: readonly string[];
  /** A file's bytes, or null when it is absent; throws FileTooLargeError when it has more than maxBytes. */
  read(path: string, maxBytes: number): Promise<Uint8Array | null>;
  /** Every file hashed, in one pass where the storage allows it. */
  digests(onProgress?: (bytesDone: number, bytesTotal: number) => void): Promise<ReadonlyMap<string, FileDigest>>;
}

export class FileTooLargeError extends Error {
  readonly detail: CheckDetail;

  constructor(
    readonly path: string,
    readonly limit: number,
  ) {
    const said = detail('unusable.file_too_large', { path, limit });
    super(englishText(said));
    this.name = 'FileTooLargeError';
    this.detail = said;
  }
}

/** What verification reads whole, at most (everything else is streamed by the reader). */
export const READ_LIMITS = {
  manifest: 16 * 1024 * 1024,
  sums: 16 * 1024 * 1024,
  certificates: 1024 * 1024,
  pdf: 64 * 1024 * 1024,
  ledgerSmall: 4 * 1024 * 1024,
  ledgerEntries: 64 * 1024 * 1024,
  ledgerProofs: 32 * 1024 * 1024,
} as const;

export async function readCapped(reader: PackageReader, path: string, limit: number): Promise<{ bytes: Uint8Array | null; tooLarge: boolean }> {
  try {
    return { bytes: await reader.read(path, limit), tooLarge: false };
  } catch (error) {
    if (error instanceof FileTooLargeError) return { bytes: null, tooLarge: true };
    throw error;
  }
}

/**
 * UTF-8 JSON; not ok when it is not, or — with `ambiguity` set — when an object in it has a key
 * twice (`file` names it in the detail): JSON.parse would keep the last, other readers the first.
 */
export function parseJson(bytes: Uint8Array, file = 'the JSON document'): { ok: true; value: unknown } | { ok: false; ambiguity?: CheckDetail } {
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false };
  }
  const duplicate = duplicateKeyOf(text, value);
  return duplicate ? { ok: false, ambiguity: duplicateKeyAmbiguity(file, duplicate) } : { ok: true, value };
}

/** A package held in memory (tests, small packages in the browser): digests by the ledger's SHA-256. */
export function memoryPackageReader(files: ReadonlyMap<string, Uint8Array>): PackageReader {
  return {
    paths: [...files.keys()],
    read: async (path, maxBytes) => {
      const bytes = files.get(path);
      if (bytes === undefined) return null;
      if (bytes.length > maxBytes) throw new FileTooLargeError(path, maxBytes);
      return bytes;
    },
    digests: async (onProgress) => {
      const total = [...files.values()].reduce((n, b) => n + b.length, 0);
      let done = 0;
      const out = new Map<string, FileDigest>();
      for (const [path, bytes] of files) {
        out.set(path, { sha256: bytesToHex(sha256Bytes(bytes)), size: bytes.length, damage: null });
        done += bytes.length;
        onProgress?.(done, total);
      }
      return out;
    },
  };
}
