// SHA-256 and the RFC 6962 domain-separated Merkle hashes. Pure (no Node, no DOM): the ledger is
// verified with the same code in the app, the CLI and on the court clerk's machine.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export type Hash = Uint8Array;

export { bytesToHex, hexToBytes, utf8ToBytes };

export type Sha256Function = (data: Uint8Array) => Hash;
/** The same digest, written into `target` at `at` (32 bytes) rather than returned in a new array. */
export type Sha256IntoFunction = (data: Uint8Array, target: Uint8Array, at: number) => void;

/**
 * The SHA-256 the ledger uses. Pure JavaScript by default, so the same code runs in the renderer;
 * a host with native hashing (Node's crypto in the CLI and the Electron main process) installs it
 * with useSha256, which makes verifying large ledgers several times faster — with a variant that
 * writes into a given array too, where it saves allocating each result.
 */
let digest: Sha256Function = (data) => sha256(data);
let digestInto: Sha256IntoFunction = (data, target, at) => target.set(digest(data), at);

export function useSha256(implementation: Sha256Function, into?: Sha256IntoFunction): void {
  digest = implementation;
  digestInto = into ?? ((data, target, at) => target.set(implementation(data), at));
}

export function sha256Bytes(data: Uint8Array): Hash {
  return digest(data);
}

/** sha256Bytes(data), written into `target` at `at`. */
export function sha256Into(data: Uint8Array, target: Uint8Array, at: number): void {
  digestInto(data, target, at);
}

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/**
 * Reused input buffers: a fresh buffer per hash (most of them larger than V8 keeps on its heap)
 * cost more than the hashing itself when a 100,000-entry ledger is verified. The digest reads its
 * input before returning and keeps none of it, so the next call may overwrite it.
 */
let leafInput = new Uint8Array(4096);
const LEAF_INPUT_LIMIT = 1 << 16;
const nodeInput = new Uint8Array(65);

/** 0x00 || data, in the reused buffer when it fits. */
function leafInputOf(data: Uint8Array): Uint8Array {
  const size = data.length + 1;
  if (size > leafInput.length) {
    if (size > LEAF_INPUT_LIMIT) {
      const input = new Uint8Array(size);
      input[0] = LEAF_PREFIX;
      input.set(data, 1);
      return input;
    }
    leafInput = new Uint8Array(LEAF_INPUT_LIMIT);
  }
  leafInput[0] = LEAF_PREFIX;
  leafInput.set(data, 1);
  return leafInput.subarray(0, size);
}

function nodeInputOf(left: Hash, right: Hash): Uint8Array {
  nodeInput[0] = NODE_PREFIX;
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return nodeInput;
}

/** RFC 6962 §2.1: MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(data: Uint8Array): Hash {
  return digest(leafInputOf(data));
}

/** leafHash(data), written into `target` at `at`. */
export function leafHashInto(data: Uint8Array, target: Uint8Array, at: number): void {
  digestInto(leafInputOf(data), target, at);
}

/** RFC 6962 §2.1: SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return digest(nodeInputOf(left, right));
}

/** nodeHash(left, right), written into `target` at `at` (which may overlap neither input). */
export function nodeHashInto(left: Hash, right: Hash, target: Uint8Array, at: number): void {
  digestInto(nodeInputOf(left, right), target, at);
}

export function equalHashes(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const HEX_DIGITS = '0123456789abcdef';
/** HEX_CODES[2b], HEX_CODES[2b + 1]: the ASCII codes of byte b's lower-case hex. */
const HEX_CODES = /* @__PURE__ */ (() => {
  const codes = new Uint8Array(512);
  for (let b = 0; b < 256; b++) {
    codes[2 * b] = HEX_DIGITS.charCodeAt(b >> 4);
    codes[2 * b + 1] = HEX_DIGITS.charCodeAt(b & 15);
  }
  return codes;
})();

/**
 * The lower-case hex of `count` hashes of `size` bytes, the k-th at `offset + k·stride` in
 * `source`, as one string of count·2·size characters (slice it per hash): one string instead of
 * one per hash, each built from dozens of pieces, when all of a ledger's entry hashes are needed.
 */
export function hashesToHex(source: Uint8Array, count: number, stride = 32, offset = 0, size = 32): string {
  const ascii = new Uint8Array(count * size * 2);
  let at = 0;
  for (let k = 0; k < count; k++) {
    const from = offset + k * stride;
    for (let j = 0; j < size; j++) {
      const b = 2 * (source[from + j] as number);
      ascii[at++] = HEX_CODES[b] as number;
      ascii[at++] = HEX_CODES[b + 1] as number;
    }
  }
  return new TextDecoder().decode(ascii);
}

/** bytesToHex(bytes) === hex, without building the string. */
export function equalsHex(bytes: Uint8Array, hex: string): boolean {
  if (hex.length !== bytes.length * 2) return false;
  for (let i = 0; i < bytes.length; i++) {
    const b = 2 * (bytes[i] as number);
    if (hex.charCodeAt(2 * i) !== HEX_CODES[b] || hex.charCodeAt(2 * i + 1) !== HEX_CODES[b + 1]) return false;
  }
  return true;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Writes the bytes of lower-case hex `hex` into `target` at `at`, as hexToBytes would return them;
 * false (and `target` partly written) when `hex` is not lower-case hex of even length.
 */
export function lowerHexInto(hex: string, target: Uint8Array, at: number): boolean {
  if (hex.length % 2 !== 0) return false;
  for (let i = 0; i < hex.length; i += 2) {
    const high = nibble(hex.charCodeAt(i));
    const low = nibble(hex.charCodeAt(i + 1));
    if (high < 0 || low < 0) return false;
    target[at + i / 2] = (high << 4) | low;
  }
  return true;
}
