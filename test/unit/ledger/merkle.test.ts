// The Merkle tree against RFC 6962's definitions written out naively, the published test tree,
// and every proof of small trees, including that wrong proofs fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, leafHash, nodeHash, sha256Bytes, type Hash } from '../../../shared/ledger/hash';
import { MerkleTree, verifyConsistency, verifyInclusion } from '../../../shared/ledger/merkle';

// The eight leaves of the certificate-transparency reference tests.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => hexToBytes(h));

function mth(leaves: Uint8Array[]): Hash {
  if (leaves.length === 0) return sha256Bytes(new Uint8Array(0));
  if (leaves.length === 1) return leafHash(leaves[0] as Uint8Array);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => new TextEncoder().encode(`entry ${i}`));

describe('Merkle tree (RFC 6962)', () => {
  it('gives the reference root of the eight test leaves and of every prefix', () => {
    const tree = MerkleTree.fromLeafData(LEAVES);
    expect(bytesToHex(tree.root())).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    expect(bytesToHex(tree.root(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 0; n <= 8; n++) expect(bytesToHex(tree.root(n))).toBe(bytesToHex(mth(LEAVES.slice(0, n))));
  });

  it('proves every leaf of every tree up to 40 leaves and refuses altered proofs', () => {
    const leaves = leavesOf(40);
    const tree = MerkleTree.fromLeafData(leaves);
    for (let n = 1; n <= 40; n++) {
      const root = tree.root(n);
      expect(bytesToHex(root)).toBe(bytesToHex(mth(leaves.slice(0, n))));
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i, n);
        expect(verifyInclusion(tree.leafHashAt(i), i, n, proof, root)).toBe(true);
        expect(verifyInclusion(tree.leafHashAt((i + 1) % n), i, n, proof, root)).toBe(n === 1);
        if (proof.length > 0) {
          const bent = proof.map((p, j) => (j === 0 ? nodeHash(p, p) : p));
          expect(verifyInclusion(tree.leafHashAt(i), i, n, bent, root)).toBe(false);
          expect(verifyInclusion(tree.leafHashAt(i), i, n, proof.slice(1), root)).toBe(false);
        }
        expect(verifyInclusion(tree.leafHashAt(i), i + n, n, proof, root)).toBe(false);
      }
    }
  });

  it('proves every smaller tree consistent with every larger one up to 40 leaves', () => {
    const leaves = leavesOf(40);
    const tree = MerkleTree.fromLeafData(leaves);
    for (let n = 1; n <= 40; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, tree.root(m), tree.root(n), proof)).toBe(true);
        if (m < n) {
          expect(verifyConsistency(m, n, tree.root(m), tree.root(n - 1 || 1), proof)).toBe(n - 1 === m && proof.length === 0);
          const forged = MerkleTree.fromLeafData([...leaves.slice(0, m - 1), new Uint8Array([9]), ...leaves.slice(m, n)]);
          expect(verifyConsistency(m, n, forged.root(m), tree.root(n), proof)).toBe(false);
        }
      }
    }
  });

  it('keeps proofs short: ⌈log2 n⌉ hashes (17 for one entry of 100,000)', () => {
    const tree = new MerkleTree();
    const leaf = sha256Bytes(new Uint8Array([1]));
    for (let i = 0; i < 100_000; i++) tree.appendLeafHash(leaf);
    const proof = tree.inclusionProof(12_345);
    expect(proof.length).toBe(17);
    expect(verifyInclusion(leaf, 12_345, tree.size, proof, tree.root())).toBe(true);
  });

  it('refuses any random change to a proof (property)', () => {
    const tree = MerkleTree.fromLeafData(leavesOf(100));
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (n, i0, j0, flip) => {
        const i = i0 % n;
        const proof = tree.inclusionProof(i, n).map((p) => p.slice());
        const j = j0 % proof.length;
        const byte = flip % 32;
        (proof[j] as Uint8Array)[byte] = ((proof[j] as Uint8Array)[byte] as number) ^ (1 + (flip % 255));
        return !verifyInclusion(tree.leafHashAt(i), i, n, proof, tree.root(n));
      }),
      { numRuns: 2000 },
    );
  });
});
