// The participant's connection to the signaling server (docs/signaling.md): joins with the token,
// parses every message the server sends, and when the network drops — a phone switching from
// Wi-Fi to mobile data, a laptop waking up, a reload — joins again with the same token, so the
// server gives back the same seat and room. Only refusals that a retry cannot cure are final.
import {
  CloseCode,
  serverMessageSchema,
  type ClientMessage,
  type ErrorCode,
  type ServerMessage,
} from '../../../../shared/protocol/signaling';

export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Why the link stopped for good. */
export type LinkEnd =
  | { kind: 'left' }
  | { kind: 'ended' }
  | { kind: 'refused'; code: ErrorCode | 'unreachable'; message: string };

export interface SignalLinkOptions {
  url: string;
  token: string;
  onMessage(message: ServerMessage): void;
  onState(state: LinkState): void;
  onEnd(end: LinkEnd): void;
  /** For tests: the WebSocket constructor and timers. */
  WebSocketImpl?: typeof WebSocket;
  /** Give up reconnecting after this long without success (the server keeps the seat 30 s; a little more covers a slow network). */
  giveUpAfterMs?: number;
}

/** Retry delays: quick at first (most drops are momentary), then every few seconds. */
const BACKOFF_MS = [250, 500, 1000, 2000, 3000];
const TOKEN_IN_USE_RETRIES = 6;
/** Close codes after which joining again with the same token cannot succeed. */
const FINAL_CLOSES = new Set<number>([CloseCode.protocolError, CloseCode.sessionFull, CloseCode.sessionEnded]);

export class SignalLink {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private inUseRetries = 0;
  private lastError: { code: ErrorCode; message: string } | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private downSince: number | null = null;
  private stopped = false;
  private state: LinkState = 'connecting';
  private readonly WebSocketImpl: typeof WebSocket;
  private readonly onOnline = () => {
    if (this.retryTimer !== null && !this.stopped) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.open();
    }
  };

  constructor(private readonly options: SignalLinkOptions) {
    this.WebSocketImpl = options.WebSocketImpl ?? WebSocket;
    globalThis.addEventListener?.('online', this.onOnline);
    this.open();
  }

  send(message: ClientMessage): boolean {
    if (!this.socket || this.socket.readyState !== this.WebSocketImpl.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Leaves for good: the server frees the seat at once. */
  leave(): void {
    this.send({ type: 'leave' });
    this.finish({ kind: 'left' });
  }

  /** Stops without telling the server (the seat is kept for the grace period): a page being closed. */
  dispose(): void {
    this.finish(null);
  }

  private setState(state: LinkState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }

  private open(): void {
    if (this.stopped) return;
    let socket: WebSocket;
    try {
      socket = new this.WebSocketImpl(this.options.url);
    } catch (error) {
      this.finish({ kind: 'refused', code: 'unreachable', message: (error as Error).message });
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'join', token: this.options.token } satisfies ClientMessage));
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      let parsed: ReturnType<typeof serverMessageSchema.safeParse>;
      try {
        parsed = serverMessageSchema.safeParse(JSON.parse(event.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'joined') {
        this.attempts = 0;
        this.inUseRetries = 0;
        this.downSince = null;
        this.lastError = null;
        this.setState('open');
      } else if (message.type === 'error') {
        this.lastError = { code: message.code, message: message.message };
      }
      this.options.onMessage(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.onClosed(event.code, event.reason);
    };
  }

  private onClosed(code: number, reason: string): void {
    if (this.stopped) return;
    const error = this.lastError;
    this.lastError = null;
    if (code === CloseCode.sessionEnded) return this.finish({ kind: 'ended' });
    if (code === CloseCode.unauthorized) {
      // Our own previous connection may still look open to the server (a reload, a network
      // change): it is probing it, and a retry a moment later gets the seat back.
      if (error?.code === 'token_in_use' && this.inUseRetries < TOKEN_IN_USE_RETRIES) {
        this.inUseRetries += 1;
        return this.retryIn(1500);
      }
      return this.finish({ kind: 'refused', code: error?.code ?? 'token_malformed', message: error?.message ?? reason });
    }
    if (FINAL_CLOSES.has(code)) return this.finish({ kind: 'refused', code: error?.code ?? 'invalid_message', message: error?.message ?? reason });
    // Anything else — the network, the server restarting, going away — is worth another try.
    this.downSince ??= Date.now();
    if (Date.now() - this.downSince > (this.options.giveUpAfterMs ?? 120_000)) {
      return this.finish({ kind: 'refused', code: 'unreachable', message: reason || `closed with ${code}` });
    }
    this.retryIn(BACKOFF_MS[Math.min(this.attempts, BACKOFF_MS.length - 1)] ?? 3000);
    this.attempts += 1;
  }

  private retryIn(ms: number): void {
    this.setState('reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, ms);
  }

  private finish(end: LinkEnd | null): void {
    if (this.stopped) return;
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.onOnline);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= this.WebSocketImpl.OPEN) socket.close(CloseCode.normal);
    this.setState('closed');
    if (end) this.options.onEnd(end);
  }
}
