// Where a zip's bytes come from: a file (read with positioned reads, so nothing but the parts asked
// for is in memory) or an array (tests, small packages). Reads past the end are refused.
import { open, type FileHandle } from 'node:fs/promises';

/** Bytes per chunk when an entry is streamed. */
const CHUNK = 1024 * 1024;

/** The archive cannot be used: the message names the entry and what is wrong with it. */
export class ZipRefusedError extends Error {
  constructor(
    message: string,
    readonly entry: string | null = null,
  ) {
    super(entry === null ? message : `entry "${entry}": ${message}`);
    this.name = 'ZipRefusedError';
  }
}

/** Random access to the archive's bytes. */
export interface ZipSource {
  readonly size: number;
  /** Exactly `length` bytes at `position`. */
  read(position: number, length: number): Promise<Uint8Array>;
  /** Bytes [start, end) in chunks of at most CHUNK, each a fresh array. */
  chunks(start: number, end: number): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

export async function fileSource(path: string): Promise<ZipSource> {
  const handle: FileHandle = await open(path, 'r');
  const size = (await handle.stat()).size;
  const read = async (position: number, length: number) => {
    const buffer = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
      if (bytesRead === 0) throw new ZipRefusedError('the file ended early: it was truncated while being read');
      done += bytesRead;
    }
    return buffer;
  };
  return {
    size,
    read,
    chunks: async function* (start, end) {
      for (let at = start; at < end; at += CHUNK) yield await read(at, Math.min(CHUNK, end - at));
    },
    close: () => handle.close(),
  };
}

export function bytesSource(bytes: Uint8Array): ZipSource {
  return {
    size: bytes.length,
    read: async (position, length) => {
      if (position < 0 || position + length > bytes.length) throw new ZipRefusedError('a read runs past the end of the archive');
      return bytes.slice(position, position + length);
    },
    chunks: async function* (start, end) {
      for (let at = start; at < end; at += CHUNK) yield bytes.slice(at, Math.min(end, at + CHUNK));
    },
    close: async () => undefined,
  };
}

