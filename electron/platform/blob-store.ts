// The content-addressed blob store of the platform port, as files on disk:
//   <root>/<first two hex digits>/<sha256>
// A blob is written to <root>/tmp, read back and checked, then renamed into place, so a crash
// never leaves a half-written file under a valid name. Every read is checked against its name.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { IpcFailure } from '../ipc/failure';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;

export interface BlobStoreService {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
  list(): Promise<string[]>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

export function createBlobStore(root: string): BlobStoreService {
  const tmpDir = path.join(root, 'tmp');
  const blobPath = (sha256: string): string => {
    // The IPC schema already checked the shape; checked again because this builds a path.
    if (!SHA256_HEX.test(sha256)) throw new IpcFailure('invalid-args', 'A blob name must be a lowercase hex SHA-256.');
    return path.join(root, sha256.slice(0, 2), sha256);
  };

  async function exists(file: string): Promise<boolean> {
    try {
      return (await stat(file)).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const target = blobPath(sha256);
      if (await exists(target)) return sha256;
      await mkdir(tmpDir, { recursive: true });
      await mkdir(path.dirname(target), { recursive: true });
      const temp = path.join(tmpDir, `${sha256}.${randomUUID()}.part`);
      try {
        await writeDurably(temp, bytes);
        const written = await readFile(temp);
        if (sha256Hex(written) !== sha256) {
          throw new IpcFailure('io', 'The file written to the evidence store did not match its contents; the disk may be failing. Nothing was stored; check the disk and try again.');
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        if (error instanceof IpcFailure) throw error;
        throw new IpcFailure('io', `Could not store the file in the evidence store (${describeFsError(error)}). Check free disk space and try again.`, { cause: error });
      }
      return sha256;
    },

    async get(sha256) {
      const file = blobPath(sha256);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw new IpcFailure('io', `Could not read a stored file (${describeFsError(error)}).`, { cause: error });
      }
      if (sha256Hex(bytes) !== sha256) {
        throw new IpcFailure('corrupt', `The stored file ${sha256} is damaged: its contents no longer match its fingerprint. Restore it from a backup.`);
      }
      return bytes;
    },

    async has(sha256) {
      return exists(blobPath(sha256));
    },

    async list() {
      const shards = await readdir(root, { withFileTypes: true }).catch((error: unknown) => {
        if (isNotFound(error)) return [];
        throw error;
      });
      const hashes: string[] = [];
      for (const shard of shards) {
        if (!shard.isDirectory() || !SHARD.test(shard.name)) continue;
        const entries = await readdir(path.join(root, shard.name), { withFileTypes: true });
        for (const entry of entries) {
          if (entry.isFile() && SHA256_HEX.test(entry.name) && entry.name.startsWith(shard.name)) hashes.push(entry.name);
        }
      }
      return hashes.sort();
    },
  };
}

export function describeFsError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOSPC') return 'the disk is full';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (typeof code === 'string') return code;
  }
  return 'unknown file-system error';
}
