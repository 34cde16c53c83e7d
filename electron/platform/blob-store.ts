// The content-addressed blob store of the platform port, as files on disk:
//   <root>/<first two hex digits>/<sha256>
// A blob is written to <root>/tmp, then renamed into place, so a crash never leaves a
// half-written file under a valid name (a stale <root>/tmp/*.part is removed at start-up).
//
// Whole blobs (`put`) are written, read back and checked before the rename; `get` checks every
// read against the name. Files of any size arrive through *sessions* instead, so that a
// multi-GiB file never sits in memory:
//   import  — a file the user picked in the open dialog: the main process reads it itself, one
//             step (STEP_BYTES) per call, hashing each buffer as it writes it to the temp file;
//   upload  — bytes the renderer has (a dropped file): it appends bounded chunks.
// Both end in `finish` (fsync, rename into place or discard as a duplicate, answer the SHA-256)
// or `abort` (temp file deleted). A session belongs to the window (webContents id) that began
// it, is aborted after IDLE_MS without a call and when its window goes away, and any failure
// inside it deletes its temp file: a failed or cancelled import stores nothing under any name.
// The temp file holds exactly the buffers that were hashed, so a session does not re-read it.
//
// `size` and `readChunk` read stored blobs piecewise; a chunk cannot be checked against the
// whole file's hash, so those reads are NOT verified — callers that need to know re-hash.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sha256Hex } from '../../node/crypto';
import { readFull, readRange, regularFile, writeNewFileDurably } from '../../node/files';
import { IpcFailure } from '../ipc/failure';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;
const MiB = 1024 * 1024;

/** Bytes one import step copies (one IPC round trip, one progress report). */
export const IMPORT_STEP_BYTES = 64 * MiB;
/** Read/write buffer of a session; two per import, so reading overlaps hashing and writing. */
export const SESSION_BUFFER_BYTES = 4 * MiB;
/** A session with no call for this long is aborted and its temp file deleted. */
export const SESSION_IDLE_MS = 10 * 60 * 1000;
/** Sessions one window may have open at once. */
export const MAX_SESSIONS_PER_OWNER = 16;

/** The file an import reads: resolved in the main process from an open-dialog token. */
export interface ImportSource {
  readonly filePath: string;
  readonly name: string;
  readonly size: number;
}

export interface BlobStoreOptions {
  readonly stepBytes?: number;
  readonly bufferBytes?: number;
  readonly idleMs?: number;
  readonly maxSessionsPerOwner?: number;
}

export interface BlobStoreService {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
  list(): Promise<string[]>;
  /** A stored blob's size, or null when it is not there. */
  size(sha256: string): Promise<number | null>;
  /** A stored blob as a stream (a package sent on or saved as a file), or null; NOT verified. */
  readStream(sha256: string): Promise<{ size: number; stream: Readable } | null>;
  /** Up to `length` bytes of a stored blob from `offset` (fewer at its end); NOT verified. */
  readChunk(sha256: string, offset: number, length: number): Promise<Uint8Array>;
  importBegin(ownerId: number, source: ImportSource): Promise<string>;
  /** Copies the next step of the file; answers the bytes copied so far. */
  importStep(ownerId: number, importId: string): Promise<number>;
  importFinish(ownerId: number, importId: string): Promise<string>;
  importAbort(ownerId: number, importId: string): Promise<void>;
  uploadBegin(ownerId: number): Promise<string>;
  /** Appends a chunk; answers the bytes received so far. */
  uploadAppend(ownerId: number, uploadId: string, chunk: Uint8Array): Promise<number>;
  uploadFinish(ownerId: number, uploadId: string): Promise<string>;
  uploadAbort(ownerId: number, uploadId: string): Promise<void>;
  /** Aborts every session of a window (called when its webContents is destroyed). */
  releaseOwner(ownerId: number): Promise<void>;
  /** Deletes temp files left by a crash; called at start-up, before any session exists. */
  removeStaleTemp(): Promise<number>;
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

type SessionKind = 'import' | 'upload';

interface Session {
  readonly id: string;
  readonly ownerId: number;
  readonly kind: SessionKind;
  readonly temp: string;
  readonly out: FileHandle;
  readonly hash: Hash;
  bytesDone: number;
  /** Import only: the picked file, held open, with what it looked like when the import began. */
  readonly source?: { readonly name: string; readonly size: number; readonly mtimeMs: number; readonly handle: FileHandle; readonly buffers: [Buffer, Buffer] };
  /** Calls on one session run one after another. */
  queue: Promise<unknown>;
  closed: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

async function writeFull(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let written = 0;
  while (written < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written, position + written);
    written += bytesWritten;
  }
}

function sessionGone(kind: SessionKind): IpcFailure {
  return new IpcFailure('not-found', `This ${kind} is no longer in progress (it finished, was cancelled or timed out). Add the file again.`);
}

export function createBlobStore(root: string, options: BlobStoreOptions = {}): BlobStoreService {
  const tmpDir = path.join(root, 'tmp');
  const stepBytes = options.stepBytes ?? IMPORT_STEP_BYTES;
  const bufferBytes = options.bufferBytes ?? SESSION_BUFFER_BYTES;
  const idleMs = options.idleMs ?? SESSION_IDLE_MS;
  const maxSessions = options.maxSessionsPerOwner ?? MAX_SESSIONS_PER_OWNER;
  const sessions = new Map<string, Session>();

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

  /** Moves a finished temp file into place (or drops it as a duplicate); answers the target. */
  async function commitTemp(temp: string, sha256: string): Promise<void> {
    const target = blobPath(sha256);
    if (await exists(target)) {
      await rm(temp, { force: true });
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(temp, target);
    } catch (error) {
      // Another session stored the same bytes first (a rename over an open file fails on Windows).
      if (await exists(target)) {
        await rm(temp, { force: true });
        return;
      }
      throw error;
    }
  }

  function touch(session: Session): void {
    if (session.timer !== undefined) clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      void closeSession(session).catch(() => {});
    }, idleMs);
    session.timer.unref?.();
  }

  /** Forgets a session, waits for its running call, closes its files and deletes its temp file. */
  async function closeSession(session: Session): Promise<void> {
    if (sessions.get(session.id) === session) sessions.delete(session.id);
    if (session.timer !== undefined) clearTimeout(session.timer);
    session.closed = true;
    await session.queue;
    await discard(session);
  }

  async function discard(session: Session): Promise<void> {
    await session.out.close().catch(() => {});
    await session.source?.handle.close().catch(() => {});
    await rm(session.temp, { force: true });
  }

  function sessionOf(ownerId: number, id: string, kind: SessionKind): Session {
    const session = sessions.get(id);
    // A session of another window is treated as unknown: it must not even be confirmed to exist.
    if (session === undefined || session.ownerId !== ownerId || session.kind !== kind || session.closed) throw sessionGone(kind);
    return session;
  }

  /**
   * Runs one call of a session after the calls before it. A failure ends the session and deletes
   * its temp file; `ends` marks the call that ends it on success (finish).
   */
  function run<T>(ownerId: number, id: string, kind: SessionKind, work: (session: Session) => Promise<T>, ends = false): Promise<T> {
    let session: Session;
    try {
      session = sessionOf(ownerId, id, kind);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (ends) {
      sessions.delete(id);
      if (session.timer !== undefined) clearTimeout(session.timer);
    } else {
      touch(session);
    }
    const result = session.queue.then(async () => {
      if (session.closed && !ends) throw sessionGone(kind);
      try {
        return await work(session);
      } catch (error) {
        sessions.delete(id);
        session.closed = true;
        if (session.timer !== undefined) clearTimeout(session.timer);
        await discard(session);
        if (error instanceof IpcFailure) throw error;
        throw new IpcFailure('io', `Could not store the file in the evidence store (${describeFsError(error)}). Nothing was stored; check free disk space and try again.`, { cause: error });
      }
    });
    session.queue = result.catch(() => {});
    return result;
  }

  async function begin(ownerId: number, kind: SessionKind, source?: ImportSource): Promise<string> {
    const owned = [...sessions.values()].filter((s) => s.ownerId === ownerId).length;
    if (owned >= maxSessions) {
      throw new IpcFailure('invalid-args', `Too many files are being stored at once (${maxSessions}); wait for one to finish.`);
    }
    const id = randomUUID();
    const temp = path.join(tmpDir, `${kind}-${id}.part`);
    let input: FileHandle | undefined;
    let out: FileHandle | undefined;
    try {
      let opened: Session['source'];
      if (source) {
        input = await open(source.filePath, 'r').catch((error: unknown) => {
          throw new IpcFailure('io', `Could not read ${source.name} (${describeFsError(error)}). Was it moved or deleted?`, { cause: error });
        });
        const info = await input.stat();
        if (!info.isFile() || info.size !== source.size) {
          throw new IpcFailure('io', `${source.name} changed after it was opened; nothing was stored. Open it again.`);
        }
        const buffers: [Buffer, Buffer] = [Buffer.allocUnsafe(bufferBytes), Buffer.allocUnsafe(bufferBytes)];
        opened = { name: source.name, size: source.size, mtimeMs: info.mtimeMs, handle: input, buffers };
      }
      await mkdir(tmpDir, { recursive: true });
      out = await open(temp, 'wx', 0o600);
      const session: Session = {
        id,
        ownerId,
        kind,
        temp,
        out,
        hash: createHash('sha256'),
        bytesDone: 0,
        ...(opened ? { source: opened } : {}),
        queue: Promise.resolve(),
        closed: false,
        timer: undefined,
      };
      sessions.set(id, session);
      touch(session);
      return id;
    } catch (error) {
      await input?.close().catch(() => {});
      await out?.close().catch(() => {});
      if (out) await rm(temp, { force: true });
      if (error instanceof IpcFailure) throw error;
      throw new IpcFailure('io', `Could not prepare the evidence store (${describeFsError(error)}). Check free disk space and try again.`, { cause: error });
    }
  }

  /** Copies the next step of an import: reading the next buffer overlaps hashing and writing this one. */
  async function copyStep(session: Session): Promise<number> {
    const source = session.source;
    if (!source) throw sessionGone('import');
    const end = Math.min(source.size, session.bytesDone + stepBytes);
    const shorter = () => new IpcFailure('io', `${source.name} became shorter while it was being read; nothing was stored. Open it again.`);
    const [first, second] = source.buffers;
    let which = 0;
    let want = Math.min(bufferBytes, end - session.bytesDone);
    let pending: Promise<number> = want > 0 ? readFull(source.handle, first, want, session.bytesDone) : Promise.resolve(0);
    try {
      while (want > 0) {
        const got = await pending;
        if (got !== want) throw shorter();
        const current = (which === 0 ? first : second).subarray(0, got);
        const position = session.bytesDone;
        const nextWant = Math.min(bufferBytes, end - (position + got));
        which ^= 1;
        pending = nextWant > 0 ? readFull(source.handle, which === 0 ? first : second, nextWant, position + got) : Promise.resolve(0);
        const writing = writeFull(session.out, current, position);
        session.hash.update(current);
        await writing;
        session.bytesDone = position + got;
        want = nextWant;
      }
    } finally {
      // A read still in flight after a failure must not become an unhandled rejection.
      pending.catch(() => {});
    }
    return session.bytesDone;
  }

  async function finish(session: Session): Promise<string> {
    const source = session.source;
    if (source) {
      if (session.bytesDone !== source.size) {
        throw new IpcFailure('invalid-args', `Only ${session.bytesDone} of ${source.size} bytes of ${source.name} were copied; finish the import first.`);
      }
      const info = await source.handle.stat();
      if (info.size !== source.size || info.mtimeMs !== source.mtimeMs) {
        throw new IpcFailure('io', `${source.name} changed while it was being read; nothing was stored. Open it again.`);
      }
      await source.handle.close();
    }
    await session.out.sync();
    await session.out.close();
    const sha256 = session.hash.digest('hex');
    await commitTemp(session.temp, sha256);
    session.closed = true;
    if (session.timer !== undefined) clearTimeout(session.timer);
    return sha256;
  }

  async function abort(ownerId: number, id: string, kind: SessionKind): Promise<void> {
    const session = sessions.get(id);
    // Aborting what is already gone (finished, failed, timed out) is not an error.
    if (session === undefined || session.ownerId !== ownerId || session.kind !== kind) return;
    await closeSession(session);
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
        await writeNewFileDurably(temp, bytes);
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

    async size(sha256) {
      const file = blobPath(sha256);
      try {
        const info = await stat(file);
        return info.isFile() ? info.size : null;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw new IpcFailure('io', `Could not read a stored file (${describeFsError(error)}).`, { cause: error });
      }
    },

    async readStream(sha256) {
      const file = await regularFile(blobPath(sha256), true).catch((error: unknown) => {
        throw new IpcFailure('io', `Could not read a stored file (${describeFsError(error)}).`, { cause: error });
      });
      return file ? { size: file.size, stream: file.open(MiB) } : null;
    },

    async readChunk(sha256, offset, length) {
      const file = blobPath(sha256);
      try {
        return await readRange(file, offset, length);
      } catch (error) {
        if (isNotFound(error)) throw new IpcFailure('not-found', `The stored file ${sha256} is not in the evidence store.`);
        throw new IpcFailure('io', `Could not read a stored file (${describeFsError(error)}).`, { cause: error });
      }
    },

    importBegin: (ownerId, source) => begin(ownerId, 'import', source),
    importStep: (ownerId, id) => run(ownerId, id, 'import', copyStep),
    importFinish: (ownerId, id) => run(ownerId, id, 'import', finish, true),
    importAbort: (ownerId, id) => abort(ownerId, id, 'import'),
    uploadBegin: (ownerId) => begin(ownerId, 'upload'),
    uploadAppend: (ownerId, id, chunk) =>
      run(ownerId, id, 'upload', async (session) => {
        await writeFull(session.out, chunk, session.bytesDone);
        session.hash.update(chunk);
        session.bytesDone += chunk.byteLength;
        return session.bytesDone;
      }),
    uploadFinish: (ownerId, id) => run(ownerId, id, 'upload', finish, true),
    uploadAbort: (ownerId, id) => abort(ownerId, id, 'upload'),

    async releaseOwner(ownerId) {
      await Promise.all([...sessions.values()].filter((s) => s.ownerId === ownerId).map((s) => closeSession(s)));
    },

    async removeStaleTemp() {
      const names = await readdir(tmpDir).catch((error: unknown) => {
        if (isNotFound(error)) return [] as string[];
        throw error;
      });
      const live = new Set([...sessions.values()].map((s) => path.basename(s.temp)));
      let removed = 0;
      for (const name of names) {
        if (!name.endsWith('.part') || live.has(name)) continue;
        await rm(path.join(tmpDir, name), { force: true });
        removed += 1;
      }
      return removed;
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
