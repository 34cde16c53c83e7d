// The hashes an archive is written and read with. Hosts pass their native SHA-256 and CRC-32
// (Node's crypto and zlib in the CLI and Electron, hash-wasm in a browser): the portable ones
// (below, and crc32 in ./format) are correct everywhere but several times slower on gigabytes.
import { sha256 } from '@noble/hashes/sha2.js';

export interface IncrementalHash {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
}
export type HashFactory = () => IncrementalHash;

export const portableSha256: HashFactory = () => {
  const state = sha256.create();
  return { update: (data) => void state.update(data), digest: () => state.digest() };
};
