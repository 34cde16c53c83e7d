// Hands a WebSocket of the `ws` package (or anything shaped like one) to the signaling core.
// Typed structurally so that shared/ never imports `ws`: the hosts pass their sockets in.
import type { SignalingCore } from './server';
import type { PeerSocket } from './socket';

/** The slice of a `ws` WebSocket the server uses. */
export interface WsLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  ping(): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'pong' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const OPEN = 1;
const utf8 = new TextDecoder('utf-8');

/** A text message's data as `ws` delivers it: a Buffer (a Uint8Array), fragments, or an ArrayBuffer. */
function textOf(data: unknown): string {
  if (data instanceof Uint8Array) return utf8.decode(data);
  if (data instanceof ArrayBuffer) return utf8.decode(new Uint8Array(data));
  if (Array.isArray(data)) return data.map((part) => textOf(part)).join('');
  return String(data);
}

export function acceptWs(core: SignalingCore, ws: WsLike, address: string): void {
  const socket: PeerSocket = {
    get isOpen() {
      return ws.readyState === OPEN;
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    ping: () => ws.ping(),
  };
  const events = core.accept(socket, address);
  ws.on('message', (data, isBinary) => events.message(isBinary ? null : textOf(data)));
  ws.on('pong', () => events.pong());
  // Oversized frames, bad UTF-8 and resets surface here; ws closes the socket itself.
  ws.on('error', (error) => events.error(error.message));
  ws.on('close', () => events.closed());
}
