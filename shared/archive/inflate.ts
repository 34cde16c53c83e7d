// Raw DEFLATE, inflated by fflate a bounded piece at a time, from a stream of chunks (an archive
// read from a source) or from bytes in memory; the reader stops as soon as an entry passes its
// declared size. Hosts may pass their own stream instead (Node's zlib in the CLI).
import { Inflate } from 'fflate';

/** Compressed chunks in, inflated chunks out (the reader bounds what comes out). */
export type InflateStream = (compressed: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/**
 * Compressed bytes handed to fflate at a time. fflate inflates all it is given in one call, so a
 * smaller feed bounds what one call can produce (deflate's ~1032:1 maximum makes 16 KiB at most
 * ~17 MB) before the reader sees the size and stops.
 */
const FFLATE_FEED = 16 * 1024;

/** An inflater fed a piece at a time, its output taken after each piece. */
class FeedInflater {
  private readonly ready: Uint8Array[] = [];
  private readonly inflater = new Inflate((data) => void this.ready.push(data));

  *push(chunk: Uint8Array): Generator<Uint8Array> {
    for (let at = 0; at < chunk.length; at += FFLATE_FEED) {
      this.inflater.push(chunk.subarray(at, at + FFLATE_FEED), false);
      yield* this.take();
    }
  }

  *end(): Generator<Uint8Array> {
    this.inflater.push(new Uint8Array(0), true);
    yield* this.take();
  }

  private *take(): Generator<Uint8Array> {
    while (this.ready.length > 0) yield this.ready.shift() as Uint8Array;
  }
}

export const fflateInflate: InflateStream = async function* (compressed) {
  const inflater = new FeedInflater();
  for await (const chunk of compressed) yield* inflater.push(chunk);
  yield* inflater.end();
};

/** `compressed` inflated a piece at a time, for an archive in memory (the reader bounds what comes out). */
export function* inflateChunks(compressed: Uint8Array): Generator<Uint8Array> {
  const inflater = new FeedInflater();
  yield* inflater.push(compressed);
  yield* inflater.end();
}
