// Raw DEFLATE in JavaScript (pako, a port of zlib), in bounded pieces: pako hands over what it
// inflates 64 KiB at a time, and inflating stops within one piece of passing the entry's declared
// size, from a stream of chunks (an archive read from a source) as from bytes in memory. Hosts may
// pass their own stream instead (Node's zlib in the CLI, whose stream is read as it inflates).
//
// Why not fflate's inflate: its one-shot inflateSync cannot stop (given a buffer of the declared
// size it keeps decoding a lying entry to the end, only dropping what does not fit), and its
// streaming Inflate runs two to three times slower than pako's, which stops wherever it is asked.
import { Inflate } from 'pako';

/**
 * Compressed chunks in, inflated chunks out. `size` is what the entry declares: the reader refuses
 * the entry once the chunks pass it, so an inflater may stop there.
 */
export type InflateStream = (compressed: AsyncIterable<Uint8Array>, size: number) => AsyncIterable<Uint8Array>;

/** Inflated bytes per piece handed over. */
const PIECE = 64 * 1024;

/**
 * Compressed bytes pushed at a time when streaming: one push inflates all it is given before its
 * pieces are yielded, and deflate's ~1032:1 maximum makes 16 KiB at most ~17 MB.
 */
const FEED = 16 * 1024;

/** Thrown out of pako's inflate to stop it once the output has passed the declared size. */
const PASSED = Symbol('past the declared size');

function rawInflater(onPiece: (piece: Uint8Array) => void): Inflate {
  const inflater = new Inflate({ raw: true, chunkSize: PIECE });
  inflater.onData = onPiece;
  return inflater;
}

/** Throws what pako found wrong with the data, or that it ended before the stream did. */
function checkEnd(inflater: Inflate, final: boolean): void {
  if (inflater.err) throw new Error(inflater.msg || `inflate error ${inflater.err}`);
  if (final && !inflater.ended) throw new Error('the compressed data ends early');
}

export const portableInflate: InflateStream = async function* (compressed, size) {
  const ready: Uint8Array[] = [];
  let produced = 0;
  const inflater = rawInflater((piece) => {
    ready.push(piece);
    produced += piece.length;
    if (produced > size) throw PASSED;
  });
  /** Pushes, and says whether the output stayed within the size (past it, the pieces so far are all there is). */
  const push = (data: Uint8Array, final: boolean): boolean => {
    try {
      inflater.push(data, final);
    } catch (error) {
      if (error === PASSED) return false;
      throw error;
    }
    checkEnd(inflater, final);
    return true;
  };
  for await (const chunk of compressed) {
    for (let at = 0; at < chunk.length && !inflater.ended; at += FEED) {
      const within = push(chunk.subarray(at, at + FEED), false);
      while (ready.length > 0) yield ready.shift() as Uint8Array;
      if (!within) return;
    }
  }
  if (!inflater.ended) push(new Uint8Array(0), true);
  else checkEnd(inflater, true);
  while (ready.length > 0) yield ready.shift() as Uint8Array;
};

/**
 * Inflates bytes in memory, handing each piece to `take` as it comes; `take` stops the inflation
 * by throwing (the reader does, once an entry passes its declared size).
 */
export function inflatePieces(compressed: Uint8Array, take: (piece: Uint8Array) => void): void {
  const inflater = rawInflater(take);
  inflater.push(compressed, true);
  checkEnd(inflater, true);
}
