// What the signaling core needs of a WebSocket, and what it needs of the host's timers. The core
// (./server.ts) is pure TypeScript so that `mw signal`, the `npm start` server and the Electron
// main process run the same code; each host wraps its `ws` sockets in this interface
// (./ws-like.ts does it for anything shaped like a `ws` WebSocket).

export interface PeerSocket {
  /** True while frames can be sent (WebSocket OPEN); false once closing has begun. */
  readonly isOpen: boolean;
  /** Bytes queued for sending that the peer has not taken yet. */
  readonly bufferedAmount: number;
  send(text: string): void;
  /** Starts the closing handshake. */
  close(code: number, reason: string): void;
  /** Cuts the connection at once, without a handshake. */
  terminate(): void;
  /** Sends a ping; the host reports the pong through PeerEvents.pong. */
  ping(): void;
}

/** What the host reports about one socket, in the order it happens. */
export interface PeerEvents {
  /** A whole message: its text, or null for a binary one (the protocol is JSON text). */
  message(text: string | null): void;
  pong(): void;
  /** An error the socket met (oversized frame, bad UTF-8, reset); the host closes it itself. */
  error(detail: string): void;
  /** The socket is closed for good. */
  closed(): void;
}

type Timer = ReturnType<typeof setTimeout>;

/** A timer that does not keep a Node process alive (browsers' timers have no unref). */
export function backgroundTimeout(callback: () => void, ms: number): Timer {
  const timer = setTimeout(callback, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

export function backgroundInterval(callback: () => void, ms: number): ReturnType<typeof setInterval> {
  const timer = setInterval(callback, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
