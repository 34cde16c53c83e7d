// Files served from disk by a Node host: the web app of the signaling host's join page, the
// renderer build behind Electron's app:// scheme, stored blobs. Only regular files are served;
// what a path may name (no traversal) is the caller's check, done before it gets here.
import { createReadStream, type ReadStream } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface RegularFile {
  readonly size: number;
  /** Opens the file for reading, in chunks of `chunkBytes` (Node's 64 KiB by default). */
  open(chunkBytes?: number): ReadStream;
}

/**
 * The regular file at `file`, or null when there is none (missing, a folder, a device). Other
 * errors than a missing file reject only when `strict` is set; otherwise they read as "none".
 */
export async function regularFile(file: string, strict = false): Promise<RegularFile | null> {
  const info = await stat(file).catch((error: unknown) => {
    if (strict && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return null;
  });
  if (!info?.isFile()) return null;
  return { size: info.size, open: (chunkBytes) => createReadStream(file, chunkBytes === undefined ? {} : { highWaterMark: chunkBytes }) };
}

/** A file under `root` by its (already checked) path segments; null when there is none. */
export function fileReader(root: string): (segments: readonly string[]) => Promise<Uint8Array | null> {
  return async (segments) => {
    const file = path.join(root, ...segments);
    return (await regularFile(file)) ? readFile(file) : null;
  };
}

/** Reads up to `length` bytes at `position` into `buffer`; fewer only at the file's end. Answers how many. */
export async function readFull(handle: FileHandle, buffer: Uint8Array, length: number, position: number): Promise<number> {
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

/**
 * Up to `length` bytes of a file from `offset` (fewer at its end, none past it), read by position
 * so nothing else is in memory. `size` is the file's size when the caller knows it. Errors reject
 * as Node raised them (ENOENT…): the host says what they mean.
 */
export async function readRange(file: string, offset: number, length: number, size?: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const total = size ?? (await handle.stat()).size;
    if (offset >= total) return new Uint8Array(0);
    const buffer = new Uint8Array(Math.min(length, total - offset));
    const filled = await readFull(handle, buffer, buffer.byteLength, offset);
    return filled === buffer.byteLength ? buffer : buffer.slice(0, filled);
  } finally {
    await handle.close();
  }
}

/** A new file (refused if the name exists) holding exactly these bytes, synced to disk before it closes. */
export async function writeNewFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
