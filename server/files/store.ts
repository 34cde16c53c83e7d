// The server's file folder: each stored file at <root>/<first two hex digits>/<sha256>, written
// once and never changed; uploads in progress at <root>/.uploads/<upload id>, on the same disk so
// that moving one into place is a rename. Nothing reaches a stored file's name before all of it is
// on disk, synced and verified: a failed write (a full disk) leaves no stored file, only what an
// upload had before the request that failed.
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, statfs, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256OfFile } from '../../node/crypto';
import { UploadLocks } from './locks';

const UPLOADS = '.uploads';
/** Disk errors that mean "no room": refused as such, never as a failure of the server. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

export function isNoRoom(error: unknown): boolean {
  return NO_ROOM.has((error as NodeJS.ErrnoException | null)?.code ?? '');
}

/** The one place where bytes meet the disk, so that tests can make it fail as a full disk does. */
export interface StoreIo {
  write(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void>;
}

const nodeIo: StoreIo = {
  async write(handle, bytes, position) {
    let done = 0;
    while (done < bytes.byteLength) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done, position + done);
      done += bytesWritten;
    }
  },
};

export interface StoreOptions {
  /** The largest file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Free space an upload must leave on the disk; below it /health reports the folder as low. */
  readonly reserveBytes: number;
  readonly io?: StoreIo;
}

/** What a PATCH did: the upload's length afterwards, and whether its sender went away midway. */
export interface Appended {
  readonly offset: number;
  readonly cutOff: boolean;
}

export class OverflowError extends Error {
  override name = 'OverflowError';
}

export interface OpenedFile {
  readonly handle: FileHandle;
  readonly size: number;
}

export interface Space {
  readonly freeBytes: number;
  readonly totalBytes: number;
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class FileStore {
  /** One request at a time on an upload's bytes. */
  readonly locks = new UploadLocks();
  readonly maxFileBytes: number;
  readonly reserveBytes: number;
  private readonly io: StoreIo;

  constructor(
    readonly root: string,
    options: StoreOptions,
  ) {
    this.maxFileBytes = options.maxFileBytes;
    this.reserveBytes = options.reserveBytes;
    this.io = options.io ?? nodeIo;
  }

  /** Makes the folder and its uploads' folder (owner only) if they are not there. */
  async prepare(): Promise<void> {
    await mkdir(join(this.root, UPLOADS), { recursive: true, mode: 0o700 });
  }

  /** Where a stored file lives; `sha256` is checked lower-case hex by the caller. */
  filePath(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  private partPath(uploadId: string): string {
    return join(this.root, UPLOADS, uploadId);
  }

  /** How many bytes of an upload have arrived (the next PATCH's offset). */
  async received(uploadId: string): Promise<number> {
    const info = await stat(this.partPath(uploadId)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return info?.size ?? 0;
  }

  async space(): Promise<Space> {
    const info = await statfs(this.root);
    return { freeBytes: info.bavail * info.bsize, totalBytes: info.blocks * info.bsize };
  }

  /** True when `bytes` more would still leave the reserve free. */
  async hasRoomFor(bytes: number): Promise<boolean> {
    return (await this.space()).freeBytes - bytes >= this.reserveBytes;
  }

  /**
   * Appends `source` to an upload that has `offset` bytes, at most up to `size` in all. Bytes
   * that arrived before the sender went away are kept (synced): they are where it resumes. A
   * failed write (a full disk) or more bytes than declared cuts the upload back to `offset`
   * (synced) and rejects — isNoRoom(error) or an OverflowError.
   */
  async append(uploadId: string, offset: number, size: number, source: AsyncIterable<Uint8Array>): Promise<Appended> {
    const part = this.partPath(uploadId);
    const handle = await open(part, offset === 0 ? constants.O_WRONLY | constants.O_CREAT : constants.O_WRONLY, 0o600);
    let position = offset;
    let cutOff = false;
    try {
      try {
        for await (const chunk of source) {
          if (position + chunk.byteLength > size) throw new OverflowError(`upload ${uploadId}: more than ${size} bytes`);
          await this.io.write(handle, chunk, position);
          position += chunk.byteLength;
        }
      } catch (error) {
        if (isNoRoom(error) || error instanceof OverflowError) throw error;
        // The sender went away (the connection dropped): what arrived stays.
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error as Error).message === 'aborted') cutOff = true;
        else throw error;
      }
      await handle.sync();
      return { offset: position, cutOff };
    } catch (error) {
      // Nothing of this request stays: back to what the upload had before it.
      await handle.truncate(offset).catch(() => undefined);
      await handle.sync().catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
  }

  /** The SHA-256 (hex) of what an upload has, read as a stream. */
  digest(uploadId: string): Promise<string> {
    return sha256OfFile(this.partPath(uploadId));
  }

  /**
   * Moves a verified upload into place under its SHA-256, atomically (rename, then the folder
   * synced). Bytes already stored under that name (another institution's, or an earlier try) are
   * the same bytes: the upload is dropped instead.
   */
  async keep(uploadId: string, sha256: string): Promise<void> {
    const target = this.filePath(sha256);
    const folder = join(this.root, sha256.slice(0, 2));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    if ((await this.storedSize(sha256)) !== null) {
      await this.discard(uploadId);
      return;
    }
    await rename(this.partPath(uploadId), target);
    await syncFolder(folder);
  }

  /** Deletes what an upload has (refused, expired). */
  async discard(uploadId: string): Promise<void> {
    await rm(this.partPath(uploadId), { force: true });
  }

  /** The size of a stored file, or null when it is not on the disk. */
  async storedSize(sha256: string): Promise<number | null> {
    const info = await stat(this.filePath(sha256)).catch(() => null);
    return info?.isFile() ? info.size : null;
  }

  /** A stored file opened for reading with its size, or null when it is not on the disk. */
  async openFile(sha256: string): Promise<OpenedFile | null> {
    let handle: FileHandle;
    try {
      handle = await open(this.filePath(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const info = await handle.stat();
    return { handle, size: info.size };
  }

  /**
   * Deletes what uploads left behind longer ago than `maxAgeMs` (abandoned; their rows refuse them
   * once expired, so nothing can resume them). Answers how many went.
   */
  async sweep(now: Date, maxAgeMs: number): Promise<number> {
    const folder = join(this.root, UPLOADS);
    let swept = 0;
    for (const name of await readdir(folder)) {
      const part = join(folder, name);
      const info = await stat(part).catch(() => null);
      if (info?.isFile() && now.getTime() - info.mtimeMs > maxAgeMs) {
        await rm(part, { force: true });
        swept += 1;
      }
    }
    return swept;
  }

  /** The folder takes a new file now: one is written, synced and deleted. */
  async writable(): Promise<boolean> {
    const probe = join(this.root, UPLOADS, `.health-${process.pid}-${Date.now()}`);
    try {
      const handle = await open(probe, 'wx', 0o600);
      try {
        await this.io.write(handle, new Uint8Array([1]), 0);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await unlink(probe);
      return true;
    } catch {
      await rm(probe, { force: true }).catch(() => undefined);
      return false;
    }
  }
}

/** Every six hours (and once now), uploads abandoned past their lifetime are swept; `stop` ends it. */
export function sweepAbandonedUploads(store: FileStore, log: (line: string) => void, lifetimeMs: number, everyMs = 6 * 3600_000): { stop(): void } {
  const turn = (): void => {
    store
      .sweep(new Date(), lifetimeMs)
      .then((swept) => (swept ? log(`swept ${swept} abandoned upload(s) from the file folder`) : undefined))
      .catch((error: unknown) => log(`sweeping abandoned uploads failed: ${(error as Error).message}`));
  };
  turn();
  const timer = setInterval(turn, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
