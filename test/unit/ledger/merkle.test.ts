// The Merkle tree against RFC 6962's definitions written out naively, the published test tree,
// and every proof of small trees, including that wrong proofs fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useNodeSha256 } from '../../../node/native-sha256';
import {
  bytesToHex,
  equalsHex,
  hashesToHex,
  hexToBytes,
  leafHash,
  leafHashInto,
  lowerHexInto,
  nodeHash,
  nodeHashInto,
  sha256Bytes,
  sha256Into,
  useSha256,
  type Hash,
} from '../../../shared/ledger/hash';
import { MerkleTree, subtreeHashAt, subtreeNodes, verifyConsistency, verifyInclusion } from '../../../shared/ledger/merkle';
import { sha256 } from '@noble/hashes/sha2.js';

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

  it('builds the same tree from complete subtrees computed beforehand as leaf by leaf', () => {
    const leaves = leavesOf(70).map((l) => leafHash(l));
    for (const height of [0, 1, 2, 3, 5]) {
      const width = 2 ** height;
      const byLeaf = new MerkleTree();
      const byBlock = new MerkleTree();
      for (let i = 0; i < leaves.length; ) {
        if (i % width === 0 && i + width <= leaves.length) {
          const nodes = new Uint8Array(32 * width);
          const start = i;
          const leaf = (k: number) => leaves[start + k] as Hash;
          subtreeNodes(leaf, height, nodes, 32);
          byBlock.appendCompleteSubtree(height, (level, k) => subtreeHashAt(leaf, nodes, height, 32, level, k));
          for (let k = 0; k < width; k++) byLeaf.appendLeafHash(leaves[i + k] as Hash);
          i += width;
        } else {
          byLeaf.appendLeafHash(leaves[i] as Hash);
          byBlock.appendLeafHash(leaves[i] as Hash);
          i++;
        }
        for (let n = 1; n <= byLeaf.size; n += 1 + Math.floor(n / 7)) expect(bytesToHex(byBlock.root(n))).toBe(bytesToHex(byLeaf.root(n)));
      }
      expect(bytesToHex(byBlock.root())).toBe(bytesToHex(mth(leavesOf(70))));
      for (const [i, n] of [[0, 70], [33, 70], [69, 70], [5, 40]] as const) expect(byBlock.inclusionProof(i, n).map(bytesToHex)).toEqual(byLeaf.inclusionProof(i, n).map(bytesToHex));
      expect(byBlock.consistencyProof(17, 70).map(bytesToHex)).toEqual(byLeaf.consistencyProof(17, 70).map(bytesToHex));
    }
    const tree = MerkleTree.fromLeafData(leavesOf(3));
    expect(() => tree.appendCompleteSubtree(2, () => leaves[0] as Hash)).toThrow(RangeError);
  });

  it('hashes into arrays and handles hex as the allocating functions do, with the portable and the native SHA-256', () => {
    const data = leavesOf(5);
    const expected = {
      sha: data.map((d) => bytesToHex(sha256(d))),
      leaf: data.map((d) => bytesToHex(leafHash(d))),
      node: bytesToHex(nodeHash(leafHash(data[0] as Uint8Array), leafHash(data[1] as Uint8Array))),
    };
    expect(bytesToHex(leafHash(new Uint8Array(100_000).fill(7)))).toBe(bytesToHex(sha256(new Uint8Array([0, ...new Uint8Array(100_000).fill(7)]))));
    for (const install of [() => useNodeSha256(), () => useSha256((d) => sha256(d))]) {
      install();
      const out = new Uint8Array(40);
      data.forEach((d, i) => {
        sha256Into(d, out, 3);
        expect(bytesToHex(out.subarray(3, 35))).toBe(expected.sha[i]);
        expect(bytesToHex(sha256Bytes(d))).toBe(expected.sha[i]);
        leafHashInto(d, out, 8);
        expect(bytesToHex(out.subarray(8, 40))).toBe(expected.leaf[i]);
        expect(bytesToHex(leafHash(d))).toBe(expected.leaf[i]);
      });
      nodeHashInto(leafHash(data[0] as Uint8Array), leafHash(data[1] as Uint8Array), out, 0);
      expect(bytesToHex(out.subarray(0, 32))).toBe(expected.node);
    }
    const packed = new Uint8Array(3 * 40);
    data.slice(0, 3).forEach((d, k) => packed.set(sha256(d), 40 * k + 5));
    expect(hashesToHex(packed, 3, 40, 5)).toBe(expected.sha.slice(0, 3).join(''));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 40 }), fc.string({ maxLength: 80 }), (bytes, text) => {
        const hex = bytesToHex(bytes);
        expect(equalsHex(bytes, hex)).toBe(true);
        expect(equalsHex(bytes, text)).toBe(text === hex);
        expect(equalsHex(bytes, hex.toUpperCase())).toBe(hex === hex.toUpperCase());
        const into = new Uint8Array(bytes.length + 2);
        expect(lowerHexInto(hex, into, 1)).toBe(true);
        expect(into.subarray(1, 1 + bytes.length)).toEqual(bytes);
        expect(lowerHexInto(text, new Uint8Array(text.length), 0)).toBe(/^([0-9a-f]{2})*$/.test(text));
      }),
      { numRuns: 500 },
    );
  });
});
