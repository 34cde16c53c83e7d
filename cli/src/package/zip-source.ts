// The package file on disk as a RandomAccessSource for the shared zip reader: positioned reads, so
// nothing but the parts asked for is in memory, and Node's SHA-256 and zlib for speed.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import { detail } from '../../../shared/confirmation/check-detail';
import { ZipRefusedError, type HashFactory, type InflateStream, type RandomAccessSource, type ZipHooks } from '../../../shared/archive';

export interface FileSource extends RandomAccessSource {
  close(): Promise<void>;
}

export async function fileSource(path: string): Promise<FileSource> {
  const handle: FileHandle = await open(path, 'r');
  const size = (await handle.stat()).size;
  return {
    size,
    read: async (offset, length) => {
      if (offset < 0 || length < 0 || offset + length > size) throw new ZipRefusedError(detail('zip.read_past_end'));
      const buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) throw new ZipRefusedError(detail('zip.truncated_while_read'));
        done += bytesRead;
      }
      return buffer;
    },
    close: () => handle.close(),
  };
}

const nodeSha256: HashFactory = () => {
  const hash = createHash('sha256');
  return { update: (data) => void hash.update(data), digest: () => new Uint8Array(hash.digest()) };
};

/** zlib's raw inflate, fed and drained as a stream (the shared reader checks the sizes it yields). */
const nodeInflate: InflateStream = async function* (compressed) {
  const input = Readable.from(compressed, { objectMode: false });
  const inflater = createInflateRaw();
  input.on('error', (error) => inflater.destroy(error));
  input.pipe(inflater);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
  } finally {
    input.destroy();
    inflater.destroy();
  }
};

/** Node's native SHA-256 (OpenSSL), CRC-32 and inflate (zlib) for the shared reader. */
export const NODE_ZIP_HOOKS: ZipHooks = { sha256: nodeSha256, crc32: (data, previous) => crc32(data, previous), inflate: nodeInflate };
