// Where a zip's bytes come from, as random access: a browser File through Blob.slice, an array, or
// (in the CLI) a file read with positioned reads. Only the parts asked for are ever in memory.
// Reads past the end are refused, never padded.

import { detail, englishText, type CheckDetail } from '../confirmation/check-detail';

/** The archive cannot be used: the message names the entry and what is wrong with it. */
export class ZipRefusedError extends Error {
  /** What is wrong, with the entry when there is one, for the reader's language. */
  readonly detail: CheckDetail;

  constructor(
    problem: CheckDetail,
    readonly entry: string | null = null,
  ) {
    const named = entry === null ? problem : detail('zip.in_entry', { entry }, [problem]);
    super(englishText(named));
    this.name = 'ZipRefusedError';
    this.detail = named;
  }
}

/** Random access to the archive's bytes. */
export interface RandomAccessSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset` (throws ZipRefusedError when the source has fewer). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): RandomAccessSource {
  return {
    size: bytes.length,
    read: async (offset, length) => {
      if (offset < 0 || length < 0 || offset + length > bytes.length) throw new ZipRefusedError(detail('zip.read_past_end'));
      return bytes.slice(offset, offset + length);
    },
  };
}

/** What a DOM Blob or File offers; shared/ names only what it calls. */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A browser File (or any Blob): each read is one Blob.slice, so a gigabyte package is never loaded whole. */
export function blobSource(blob: BlobLike): RandomAccessSource {
  const size = blob.size;
  return {
    size,
    read: async (offset, length) => {
      if (offset < 0 || length < 0 || offset + length > size) throw new ZipRefusedError(detail('zip.read_past_end'));
      const bytes = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
      // A file changed on disk since it was picked reads short.
      if (bytes.length !== length) throw new ZipRefusedError(detail('zip.ended_early'));
      return bytes;
    },
  };
}
