// The hashes a package is built and read with. Hosts pass their native SHA-256 and CRC-32 (Node's
// crypto and zlib in the CLI and Electron, hash-wasm in a browser): the portable ones below are
// correct everywhere but several times slower on gigabytes of evidence.
import { sha256 } from '@noble/hashes/sha2.js';
import { crc32 as portableCrc32, type Crc32 } from './zip-writer';

export interface IncrementalHash {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
}
export type HashFactory = () => IncrementalHash;

export const portableSha256: HashFactory = () => {
  const state = sha256.create();
  return { update: (data) => void state.update(data), digest: () => state.digest() };
};

export { portableCrc32, type Crc32 };
