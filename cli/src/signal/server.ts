// The signaling server of video sessions (design.md §7, docs/signaling.md): WebSockets at
// /signal, attachable to any Node http(s) server's 'upgrade' event (so the app's `npm start` server
// and the Electron main process can host it; not wired yet) or listening on its own (`mw signal`).
//
// Hostile input is the normal case here: every refusal is an error message to the one socket
// that caused it (and a close where the protocol says so), and no handler lets an exception
// escape into the event loop, so one bad client can never take a session down.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  clientMessageSchema,
  CloseCode,
  DEFAULT_LIMITS,
  iceServersSchema,
  MAX_TOKEN_TTL_SECONDS,
  SIGNAL_PATH,
  type ClientMessage,
  type CloseCodeValue,
  type ErrorCode,
  type IceServer,
  type ServerMessage,
  type SignalingLimits,
} from '../../../shared/protocol/signaling';
import { MIN_SECRET_BYTES, verifySessionToken, type TokenRefusal } from '../../../shared/protocol/session-token';
import { nodeHmacSha256 } from './node-crypto';
import { TokenBucket } from './rate-limit';
import { SessionRegistry, type Link, type Refusal, type Seat } from './sessions';

export interface SignalLogEvent {
  event: 'listening' | 'join' | 'resume' | 'leave' | 'drop' | 'timeout' | 'move' | 'end' | 'refused' | 'internal-error' | 'closed';
  session?: string;
  participant?: string;
  role?: string;
  code?: string;
  detail?: string;
}

export interface SignalingServerOptions {
  /** The HMAC secret tokens are signed with (at least 32 bytes). */
  secret: Uint8Array;
  limits?: Partial<SignalingLimits>;
  /** Wall clock for token expiry, ms since 1970 (tests pass a fixed one). */
  now?: () => number;
  log?: (event: SignalLogEvent) => void;
  /** STUN/TURN servers handed to every participant in `joined`. */
  iceServers?: readonly IceServer[];
}

export interface SignalingStats {
  connections: number;
  sessions: number;
  participants: number;
}

export interface SignalingServer {
  /** Takes over an 'upgrade' for /signal and returns true; returns false for any other path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Serves /signal on an existing server; returns a function that detaches again. */
  attach(server: Server): () => void;
  /** Listens on its own HTTP server (standalone use); port 0 picks a free port. */
  listen(port: number, host?: string): Promise<{ url: string; port: number; host: string }>;
  close(): Promise<void>;
  stats(): SignalingStats;
}

/** A receiver that lets this much pile up unread is not keeping up; it is dropped (and may reconnect). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const CLOSE_GRACE_MS = 1000;

const TOKEN_REFUSALS: Record<TokenRefusal, [ErrorCode, string]> = {
  malformed: ['token_malformed', 'That is not a session token.'],
  bad_signature: ['token_bad_signature', 'The token was not issued by this server, or has been altered.'],
  expired: ['token_expired', 'The token has expired; ask the mediator for a new invitation.'],
};

export function createSignalingServer(options: SignalingServerOptions): SignalingServer {
  if (options.secret.length < MIN_SECRET_BYTES) throw new Error(`The signaling secret must be at least ${MIN_SECRET_BYTES} bytes.`);
  const limits: SignalingLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const iceServers = iceServersSchema.parse(options.iceServers ?? []);
  const now = options.now ?? Date.now;
  const log = (event: SignalLogEvent): void => {
    try {
      options.log?.(event);
    } catch {
      // A failing logger must not become a failing server.
    }
  };

  const registry = new SessionRegistry({
    maxParticipantsPerSession: limits.maxParticipantsPerSession,
    reconnectGraceMs: limits.reconnectGraceMs,
    maxTokenLifetimeMs: MAX_TOKEN_TTL_SECONDS * 1000,
    iceServers,
    now,
    onEvent: (event, seat, detail) => log({ event, session: seat.session, participant: seat.id, role: seat.role, ...(detail ? { detail } : {}) }),
  });
  // permessage-deflate stays off: compressed frames would let a small message inflate past the limit.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  const connections = new Set<Connection>();
  let ownServer: Server | null = null;
  let closed = false;

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, limits.heartbeatIntervalMs);
  heartbeat.unref();

  class Connection implements Link {
    seat: Seat | null = null;
    private alive = true;
    private probing: ReturnType<typeof setTimeout> | null = null;
    private strikes = 0;
    private closing = false;
    private readonly bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, () => performance.now());
    private readonly joinTimer: ReturnType<typeof setTimeout>;

    constructor(private readonly socket: WebSocket) {
      this.joinTimer = setTimeout(() => guard(this, () => this.refuse({ code: 'join_timeout', message: 'No join message in time.', close: CloseCode.joinTimeout })), limits.joinTimeoutMs);
      this.joinTimer.unref();
      socket.on('message', (data, isBinary) => guard(this, () => this.onMessage(data, isBinary)));
      socket.on('pong', () => {
        this.alive = true;
        if (this.probing !== null) clearTimeout(this.probing);
        this.probing = null;
      });
      socket.on('close', () => guard(this, () => this.onClose()));
      // Oversized frames, bad UTF-8 and resets surface here; ws closes the socket itself.
      socket.on('error', (error) => log({ event: 'refused', code: 'socket', detail: error.message, ...this.who() }));
    }

    send(message: ServerMessage): void {
      if (this.socket.readyState !== WebSocket.OPEN) return;
      if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        log({ event: 'refused', code: 'slow_receiver', ...this.who() });
        this.socket.terminate();
        return;
      }
      this.socket.send(JSON.stringify(message));
    }

    close(code: CloseCodeValue, reason: string): void {
      if (this.closing) return;
      this.closing = true;
      clearTimeout(this.joinTimer);
      this.socket.close(code, reason);
    }

    probe(): void {
      if (this.probing !== null || this.socket.readyState !== WebSocket.OPEN) return;
      this.socket.ping();
      this.probing = setTimeout(() => {
        this.probing = null;
        log({ event: 'drop', detail: 'no answer to the probe after a second join with its token', ...this.who() });
        this.socket.terminate();
      }, limits.probeTimeoutMs);
      this.probing.unref();
    }

    /** Closes with "going away", giving the peer a moment to answer before cutting it off. */
    shutdown(): Promise<void> {
      return new Promise((resolve) => {
        if (this.socket.readyState === WebSocket.CLOSED) return resolve();
        const timer = setTimeout(() => {
          this.socket.terminate();
          resolve();
        }, CLOSE_GRACE_MS);
        this.socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        this.close(CloseCode.goingAway, 'server closing');
      });
    }

    heartbeat(): void {
      if (!this.alive) {
        this.socket.terminate();
        return;
      }
      this.alive = false;
      if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
    }

    refuse(refusal: Refusal, refused?: string): void {
      log({ event: 'refused', code: refusal.code, detail: refusal.message, ...this.who() });
      this.send({ type: 'error', code: refusal.code, message: refusal.message, ...(refused ? { refused } : {}) });
      if (refusal.close !== undefined) this.close(refusal.close, refusal.code);
    }

    who(): Pick<SignalLogEvent, 'session' | 'participant' | 'role'> {
      return this.seat ? { session: this.seat.session, participant: this.seat.id, role: this.seat.role } : {};
    }

    private onMessage(data: RawData, isBinary: boolean): void {
      if (this.closing) return;
      this.alive = true;
      if (!this.bucket.take()) {
        this.strikes += 1;
        // One error per run of refusals: answering each would double the flood.
        if (this.strikes === 1) this.refuse({ code: 'rate_limited', message: `More than ${limits.messagesPerSecond} messages per second; messages are being dropped.` });
        if (this.strikes > limits.maxRateStrikes) this.refuse({ code: 'rate_limited', message: 'Too many messages; closing.', close: CloseCode.rateLimited });
        return;
      }
      this.strikes = 0;
      const joined = this.seat !== null;
      const preJoinClose = joined ? {} : { close: CloseCode.protocolError };
      if (isBinary) return this.refuse({ code: 'binary_not_supported', message: 'Messages are JSON text.', ...preJoinClose });
      let json: unknown;
      try {
        json = JSON.parse(rawText(data));
      } catch {
        return this.refuse({ code: 'invalid_json', message: 'The message is not JSON.', ...preJoinClose });
      }
      const parsed = clientMessageSchema.safeParse(json);
      const type = typeof (json as { type?: unknown } | null)?.type === 'string' ? (json as { type: string }).type.slice(0, 64) : undefined;
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        return this.refuse({ code: 'invalid_message', message: `Not a protocol message (${where}${issue?.message ?? 'invalid'}).`.slice(0, 500), ...preJoinClose }, type);
      }
      const message = parsed.data;
      const seat = this.seat;
      if (seat === null) {
        if (message.type !== 'join') return this.refuse({ code: 'join_first', message: 'The first message must be a join.', close: CloseCode.protocolError }, type);
        return this.join(message.token);
      }
      const refusal = this.dispatch(seat, message);
      if (refusal) this.refuse(refusal, type);
    }

    private join(token: string): void {
      const verified = verifySessionToken(options.secret, token, now(), nodeHmacSha256);
      if (!verified.ok) {
        const [code, message] = TOKEN_REFUSALS[verified.reason];
        return this.refuse({ code, message, close: CloseCode.unauthorized }, 'join');
      }
      const outcome = registry.join(verified.payload, this);
      if ('code' in outcome) return this.refuse(outcome, 'join');
      clearTimeout(this.joinTimer);
      this.seat = outcome.seat;
    }

    private dispatch(seat: Seat, message: ClientMessage): Refusal | null {
      switch (message.type) {
        case 'join':
          return { code: 'already_joined', message: 'This connection has already joined.' };
        case 'offer':
        case 'answer':
        case 'ice':
          return registry.relay(seat, message);
        case 'move':
          return registry.move(seat, message.participant, message.room);
        case 'admit':
          return registry.admit(seat, message.participant);
        case 'leave':
          this.seat = null;
          registry.leave(seat);
          return null;
        case 'end':
          return registry.end(seat);
      }
    }

    private onClose(): void {
      connections.delete(this);
      clearTimeout(this.joinTimer);
      if (this.probing !== null) clearTimeout(this.probing);
      this.probing = null;
      const seat = this.seat;
      this.seat = null;
      if (seat && registry.holds(seat, this)) registry.drop(seat);
    }
  }

  function guard(connection: Connection, handler: () => void): void {
    try {
      handler();
    } catch (error) {
      log({ event: 'internal-error', detail: error instanceof Error ? (error.stack ?? error.message) : String(error), ...connection.who() });
      try {
        connection.refuse({ code: 'internal', message: 'The server could not handle that message.' });
      } catch {
        // Nothing more can be done for this socket; the others are unaffected.
      }
    }
  }

  function onConnection(socket: WebSocket): void {
    const connection = new Connection(socket);
    if (closed) return connection.close(CloseCode.goingAway, 'server closing');
    if (connections.size >= limits.maxConnections) {
      return connection.refuse({ code: 'server_full', message: 'The server has too many connections; try again later.', close: CloseCode.serverFull });
    }
    connections.add(connection);
  }

  const server: SignalingServer = {
    handleUpgrade(request, socket, head) {
      let path: string;
      try {
        path = new URL(request.url ?? '/', 'http://signal.invalid').pathname;
      } catch {
        return false;
      }
      if (path !== SIGNAL_PATH) return false;
      // An error on the raw socket during the handshake would otherwise be unhandled.
      socket.on('error', () => socket.destroy());
      wss.handleUpgrade(request, socket, head, onConnection);
      return true;
    },

    attach(http) {
      const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
        if (server.handleUpgrade(request, socket, head)) return;
        // Other upgrade listeners (a dev server's HMR, say) own their paths; alone, we refuse.
        if (http.listenerCount('upgrade') === 1) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      };
      http.on('upgrade', onUpgrade);
      return () => http.off('upgrade', onUpgrade);
    },

    async listen(port, host = '127.0.0.1') {
      if (ownServer) throw new Error('The signaling server is already listening.');
      const http = createServer((_request, response) => {
        response.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        response.end(`Mediation Workstation signaling server: open a WebSocket at ${SIGNAL_PATH}.\n`);
      });
      const detach = server.attach(http);
      try {
        await new Promise<void>((resolve, reject) => {
          http.once('error', reject);
          http.listen(port, host, () => {
            http.off('error', reject);
            resolve();
          });
        });
      } catch (error) {
        detach();
        throw error;
      }
      ownServer = http;
      const address = http.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      const url = `ws://${urlHost}:${actualPort}${SIGNAL_PATH}`;
      log({ event: 'listening', detail: url });
      return { url, port: actualPort, host };
    },

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      registry.shutdown();
      await Promise.all([...connections].map((connection) => connection.shutdown()));
      wss.close();
      if (ownServer) {
        const http = ownServer;
        ownServer = null;
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
      log({ event: 'closed' });
    },

    stats() {
      return { connections: connections.size, sessions: registry.sessionCount, participants: registry.seatCount };
    },
  };
  return server;
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
