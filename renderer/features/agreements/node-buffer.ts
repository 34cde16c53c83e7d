// @signpdf works on Node Buffers; in the renderer the npm package `buffer` (feross/buffer) stands
// in. One difference matters: @signpdf calls `buf.lastIndexOf('>>', 'utf8')`, which Node reads as
// an encoding and searches from the end, but the package reads as offset 0 and finds nothing —
// then every page dictionary it rewrites gains a stray '>>'. The shim restores Node's reading.
import { Buffer } from 'buffer/';

type LastIndexOf = (value: string | number | Uint8Array, byteOffset?: number | string, encoding?: string) => number;

let patched = false;

/** Installs a Node-compatible Buffer on globalThis unless the host has one (Node, the CLI). */
export function installNodeBuffer(): void {
  const host = globalThis as { Buffer?: unknown };
  if (host.Buffer) return;
  if (!patched) {
    const prototype = Buffer.prototype as unknown as { lastIndexOf: LastIndexOf };
    const original = prototype.lastIndexOf;
    prototype.lastIndexOf = function (this: Uint8Array, value, byteOffset, encoding) {
      return typeof byteOffset === 'string' ? original.call(this, value, undefined, byteOffset) : original.call(this, value, byteOffset, encoding);
    };
    patched = true;
  }
  host.Buffer = Buffer;
}
