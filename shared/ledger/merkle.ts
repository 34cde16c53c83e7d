// An RFC 6962 / RFC 9162 Merkle tree over the ledger's entries, with inclusion proofs (one entry
// belongs to a tree of a given size) and consistency proofs (a larger tree extends a smaller one).
// Every complete subtree's hash is kept level by level as entries are appended, so the root of any
// prefix and every proof need only O(log² n) hashing, even at a million entries.
import { equalHashes, leafHash, nodeHash, sha256Bytes, type Hash } from './hash';

const EMPTY_ROOT = sha256Bytes(new Uint8Array(0));

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

export class MerkleTree {
  /** levels[h][i]: hash of the complete subtree of 2^h leaves starting at leaf i·2^h. */
  private readonly levels: Hash[][] = [[]];
  /** Hashes of incomplete subtrees (the right edge of a prefix), until the next append. */
  private readonly edges = new Map<number, Hash>();

  static fromLeafData(leaves: Iterable<Uint8Array>): MerkleTree {
    const tree = new MerkleTree();
    for (const leaf of leaves) tree.appendLeafHash(leafHash(leaf));
    return tree;
  }

  get size(): number {
    return (this.levels[0] as Hash[]).length;
  }

  appendLeafHash(hash: Hash): void {
    this.edges.clear();
    let level = 0;
    let node = hash;
    for (;;) {
      const row = (this.levels[level] ??= []);
      row.push(node);
      if (row.length % 2 === 1) return;
      node = nodeHash(row[row.length - 2] as Hash, node);
      level++;
    }
  }

  leafHashAt(index: number): Hash {
    const hash = (this.levels[0] as Hash[])[index];
    if (!hash) throw new RangeError(`No leaf ${index} in a tree of ${this.size}.`);
    return hash;
  }

  /** MTH(D[lo:hi]) for the ranges the RFC's recursion visits (lo aligned to the split sizes). */
  private subtree(lo: number, hi: number): Hash {
    const size = hi - lo;
    if (isPowerOfTwo(size) && lo % size === 0) {
      const level = Math.log2(size);
      const hash = this.levels[level]?.[lo / size];
      if (hash) return hash;
    }
    const key = lo * 2 ** 26 + hi;
    let hash = this.edges.get(key);
    if (!hash) {
      const k = largestPowerOfTwoBelow(size);
      hash = nodeHash(this.subtree(lo, lo + k), this.subtree(lo + k, hi));
      this.edges.set(key, hash);
    }
    return hash;
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new RangeError(`The tree has ${this.size} leaves, not ${size}.`);
  }

  /** The root of the tree of the first `size` leaves. */
  root(size: number = this.size): Hash {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : this.subtree(0, size);
  }

  /** RFC 6962 §2.1.1 PATH(index, D[0:size]). */
  inclusionProof(index: number, size: number = this.size): Hash[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`Leaf ${index} is not in a tree of ${size}.`);
    const path: Hash[] = [];
    let lo = 0;
    let hi = size;
    const siblings: Hash[] = [];
    while (hi - lo > 1) {
      const k = largestPowerOfTwoBelow(hi - lo);
      if (index < lo + k) {
        siblings.push(this.subtree(lo + k, hi));
        hi = lo + k;
      } else {
        siblings.push(this.subtree(lo, lo + k));
        lo = lo + k;
      }
    }
    // The recursion lists siblings from the leaf upwards.
    for (let i = siblings.length - 1; i >= 0; i--) path.push(siblings[i] as Hash);
    return path;
  }

  /** RFC 6962 §2.1.2 PROOF(from, D[0:to]). */
  consistencyProof(from: number, to: number = this.size): Hash[] {
    this.checkSize(to);
    if (!Number.isInteger(from) || from < 1 || from > to) throw new RangeError(`No consistency proof from ${from} to ${to}.`);
    const proof: Hash[] = [];
    const sub = (m: number, lo: number, hi: number, complete: boolean): void => {
      const size = hi - lo;
      if (m === size) {
        if (!complete) proof.push(this.subtree(lo, hi));
        return;
      }
      const k = largestPowerOfTwoBelow(size);
      if (m <= k) {
        sub(m, lo, lo + k, complete);
        proof.push(this.subtree(lo + k, hi));
      } else {
        sub(m - k, lo + k, hi, false);
        proof.push(this.subtree(lo, lo + k));
      }
    };
    sub(from, 0, to, true);
    return proof;
  }
}

/** RFC 9162: "if LSB(fn) is not set, right-shift fn and sn equally until LSB(fn) is set or fn is 0". */
function climbLeftEdge(fn: number, sn: number): [number, number] {
  while (fn % 2 === 0 && fn !== 0) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return [fn, sn];
}

/** RFC 9162 §2.1.3.2: does `proof` show the leaf with this hash at `index` in the tree with `root`? */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      [fn, sn] = climbLeftEdge(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHashes(r, root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of `to` leaves (`toRoot`) extends the one of `from`? */
export function verifyConsistency(from: number, to: number, fromRoot: Hash, toRoot: Hash, proof: readonly Hash[]): boolean {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || from > to) return false;
  if (from === to) return proof.length === 0 && equalHashes(fromRoot, toRoot);
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      [fn, sn] = climbLeftEdge(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHashes(fr, fromRoot) && equalHashes(sr, toRoot);
}
