// An RFC 6962 / RFC 9162 Merkle tree over the ledger's entries, with inclusion proofs (one entry
// belongs to a tree of a given size) and consistency proofs (a larger tree extends a smaller one).
// Every complete subtree's hash is kept level by level as entries are appended, so the root of any
// prefix and every proof need only O(log² n) hashing, even at a million entries.
import { equalHashes, leafHash, nodeHash, nodeHashInto, sha256Bytes, type Hash } from './hash';

const EMPTY_ROOT = sha256Bytes(new Uint8Array(0));

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** Where the hashes of complete subtrees appended at once are (appendCompleteSubtree). */
interface Block {
  /** Its first leaf. */
  start: number;
  height: number;
  hashAt: (level: number, index: number) => Hash;
}

export class MerkleTree {
  /**
   * levels[h][i]: hash of the complete subtree of 2^h leaves starting at leaf i·2^h — undefined
   * for one within a block appended at once, until it is first needed (hashAt).
   */
  private readonly levels: (Hash | undefined)[][] = [[]];
  /** The blocks appended at once, by their first leaf. */
  private readonly blocks: Block[] = [];
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
    this.carry(0, hash);
  }

  /** Puts `node` at the end of its level and combines every pair it completes, upwards. */
  private carry(level: number, node: Hash): void {
    for (;;) {
      const row = (this.levels[level] ??= []);
      row.push(node);
      if (row.length % 2 === 1) return;
      node = nodeHash(this.hashAt(level, row.length - 2) as Hash, node);
      level++;
    }
  }

  /** levels[level][index], looked up in its block when it was appended with one. */
  private hashAt(level: number, index: number): Hash | undefined {
    const row = this.levels[level];
    if (!row || index >= row.length) return undefined;
    let hash = row[index];
    if (hash === undefined) {
      const leaf = index * 2 ** level;
      let lo = 0;
      let hi = this.blocks.length - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if ((this.blocks[mid] as Block).start <= leaf) lo = mid;
        else hi = mid - 1;
      }
      const block = this.blocks[lo] as Block;
      hash = block.hashAt(level, index - block.start / 2 ** level);
      row[index] = hash;
    }
    return hash;
  }

  /**
   * Appends 2^height leaves at once, their complete subtree's hashes computed beforehand (by
   * subtreeNodes, on another thread, say) and looked up only when needed: hashAt(0, k) is leaf k,
   * hashAt(l, k) node k of level l, hashAt(height, 0) the subtree's root. The tree must hold a
   * multiple of 2^height leaves; the result is the tree the leaves appended one by one would give.
   */
  appendCompleteSubtree(height: number, hashAt: (level: number, index: number) => Hash): void {
    const width = 2 ** height;
    if (!Number.isInteger(height) || height < 0 || this.size % width !== 0) throw new RangeError(`A complete subtree of ${width} leaves cannot follow ${this.size} leaves.`);
    if (height === 0) return this.appendLeafHash(hashAt(0, 0));
    this.edges.clear();
    this.blocks.push({ start: this.size, height, hashAt });
    for (let l = 0; l < height; l++) {
      const row = (this.levels[l] ??= []);
      for (let k = width >> l; k > 0; k--) row.push(undefined);
    }
    this.carry(height, hashAt(height, 0));
  }

  leafHashAt(index: number): Hash {
    const hash = this.hashAt(0, index);
    if (!hash) throw new RangeError(`No leaf ${index} in a tree of ${this.size}.`);
    return hash;
  }

  /** MTH(D[lo:hi]) for the ranges the RFC's recursion visits (lo aligned to the split sizes). */
  private subtree(lo: number, hi: number): Hash {
    const size = hi - lo;
    if (isPowerOfTwo(size) && lo % size === 0) {
      const hash = this.hashAt(Math.log2(size), lo / size);
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

/**
 * The node hashes of the complete subtree over 2^height leaves, level by level from the leaves up
 * (as MerkleTree.appendCompleteSubtree takes them), written to `out` at `at`: 2^height − 1 hashes
 * of 32 bytes, level l (1…height) from at + 32·(2^height − 2^(height−l+1)).
 */
export function subtreeNodes(leaf: (i: number) => Hash, height: number, out: Uint8Array, at: number): void {
  const width = 2 ** height;
  let below = at; // where the level below starts (leaves read with `leaf` for level 1)
  let offset = at;
  for (let l = 1; l <= height; l++) {
    const count = width >> l;
    for (let k = 0; k < count; k++) {
      const left = l === 1 ? leaf(2 * k) : out.subarray(below + 64 * k, below + 64 * k + 32);
      const right = l === 1 ? leaf(2 * k + 1) : out.subarray(below + 64 * k + 32, below + 64 * k + 64);
      nodeHashInto(left, right, out, offset + 32 * k);
    }
    below = offset;
    offset += 32 * count;
  }
}

/** Hash k of level l (0: the leaves, read with `leaf`) of the subtree subtreeNodes wrote to `nodes` at `at`. */
export function subtreeHashAt(leaf: (k: number) => Hash, nodes: Uint8Array, height: number, at: number, level: number, k: number): Hash {
  if (level === 0) return leaf(k);
  const offset = at + 32 * (2 ** height - 2 ** (height - level + 1) + k);
  return nodes.subarray(offset, offset + 32);
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
