// The ledger's SHA-256 on Node's crypto (OpenSSL, using the CPU's SHA instructions) instead of its
// portable JavaScript: verifying a 100,000-entry ledger takes hundreds of thousands of hashes, so
// the cost of each call counts as much as the hashing. Installed once by a Node host at start
// (the CLI and its ledger worker).
import { hash } from 'node:crypto';
import { useSha256 } from '../shared/ledger/hash';

/**
 * The digest as a 'binary' (latin1) string (one character per byte) costs half of a digest returned as a
 * Buffer, whose memory Node allocates for each call; its 32 bytes are copied out of the string.
 */
function digestInto(data: Uint8Array, target: Uint8Array, at: number): void {
  const digest = hash('sha256', data, 'binary');
  for (let j = 0; j < 32; j++) target[at + j] = digest.charCodeAt(j);
}

export function useNodeSha256(): void {
  useSha256(
    (data) => {
      const out = new Uint8Array(32);
      digestInto(data, out, 0);
      return out;
    },
    digestInto,
  );
}
