// The signaling server of video sessions (design.md §7, docs/signaling.md) apart from its host:
// connections, the per-address and server-wide limits, the heartbeat, token checks and the
// sessions. Hosts (`mw signal`, `mw serve`, the Electron main process) hand every WebSocket on
// /signal to `accept` and report its events; ./http-host.ts does that for Node's http and `ws`.
//
// Hostile input is the normal case here: every refusal is an error message to the one socket
// that caused it (and a close where the protocol says so), and no handler lets an exception
// escape into the host's event loop, so one bad client can never take a session down.
import {
  CloseCode,
  DEFAULT_LIMITS,
  iceServersSchema,
  MAX_TOKEN_TTL_SECONDS,
  type IceServer,
  type SignalingLimits,
} from '../protocol/signaling';
import { MIN_SECRET_BYTES, verifySessionToken, type HmacSha256 } from '../protocol/session-token';
import { Connection, type ConnectionContext, type SignalLogEvent } from './connection';
import { AttemptBucket, RateBook, SenderRate } from './rate-limit';
import { SessionRegistry } from './sessions';
import { backgroundInterval, type PeerEvents, type PeerSocket } from './socket';

export type { SignalLogEvent } from './connection';

export interface SignalingCoreOptions {
  /** The HMAC secret tokens are signed with (at least 32 bytes). */
  secret: Uint8Array;
  /** HMAC-SHA256: Node's in Node hosts (fast), @noble/hashes elsewhere. */
  hmac: HmacSha256;
  limits?: Partial<SignalingLimits>;
  /** Wall clock for token expiry, ms since 1970 (tests pass a fixed one). */
  now?: () => number;
  /** Monotonic ms for the rate limit. */
  monotonic?: () => number;
  log?: (event: SignalLogEvent) => void;
  /** STUN/TURN servers handed to every participant in `joined` (unless a minter chose others). */
  iceServers?: readonly IceServer[];
}

export interface SignalingStats {
  connections: number;
  /** Of the connections, those that have not joined yet. */
  unjoined: number;
  sessions: number;
  participants: number;
}

export interface SignalingCore {
  /** A new WebSocket on /signal from `address`; the host reports the socket's events to the answer. */
  accept(socket: PeerSocket, address: string): PeerEvents;
  /** STUN/TURN servers for one session's `joined`, until `until` (ms since 1970). */
  useIceServers(session: string, iceServers: readonly IceServer[], until: number): void;
  /** Closes every connection with 1001 (cut off after a moment) and stops the timers. */
  close(): Promise<void>;
  stats(): SignalingStats;
  readonly limits: Readonly<SignalingLimits>;
}

export function createSignalingCore(options: SignalingCoreOptions): SignalingCore {
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
  const monotonic = options.monotonic ?? (() => performance.now());
  // By participant (session + id) and by address, so that neither survives only as long as a
  // connection does: a reconnect must not bring fresh tokens.
  const senders = new RateBook(() => new SenderRate(limits, monotonic));
  const joins = new RateBook(() => new AttemptBucket(limits.joinsPerMinute, limits.joinBurst, monotonic));
  const connectionAttempts = new RateBook(() => new AttemptBucket(limits.connectionsPerAddressPerMinute, limits.connectionBurstPerAddress, monotonic));
  const connections = new Set<Connection>();
  /** Remote address → its connections that have not joined. */
  const unjoined = new Map<string, Set<Connection>>();
  let closed = false;

  const heartbeat = backgroundInterval(() => {
    for (const connection of connections) guard(connection, () => connection.heartbeat());
    for (const book of [senders, joins, connectionAttempts]) book.sweep();
  }, limits.heartbeatIntervalMs);

  function forgetUnjoined(connection: Connection): void {
    const pending = unjoined.get(connection.address);
    if (!pending?.delete(connection)) return;
    if (pending.size === 0) unjoined.delete(connection.address);
  }

  const context: ConnectionContext = {
    limits,
    registry,
    log,
    verify: (token) => verifySessionToken(options.secret, token, now(), options.hmac),
    takeMessage: (participant) => senders.get(participant).take(),
    takeJoin: (participant) => joins.get(participant).take(),
    onJoined: forgetUnjoined,
    onGone(connection) {
      connections.delete(connection);
      forgetUnjoined(connection);
    },
  };

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

  /** The host's events, each guarded. */
  function events(connection: Connection): PeerEvents {
    return {
      message: (text) => guard(connection, () => connection.message(text)),
      pong: () => guard(connection, () => connection.pong()),
      error: (detail) => guard(connection, () => connection.error(detail)),
      closed: () => guard(connection, () => connection.closed()),
    };
  }

  return {
    limits,

    accept(socket, address) {
      const connection = new Connection(socket, address, context, guard);
      const answer = events(connection);
      if (closed) {
        connection.close(CloseCode.goingAway, 'server closing');
        return answer;
      }
      // Joined participants are never refused here: only a new connection is, so a storm of
      // them cannot disturb a session in progress.
      if (!connectionAttempts.get(address).take()) {
        connection.refuse({ code: 'too_many_connections', message: 'Too many new connections from your address; try again in a minute.', close: CloseCode.rateLimited });
        return answer;
      }
      if (connections.size >= limits.maxConnections) {
        connection.refuse({ code: 'server_full', message: 'The server has too many connections; try again later.', close: CloseCode.serverFull });
        return answer;
      }
      const pending = unjoined.get(address) ?? new Set<Connection>();
      if (pending.size >= limits.maxUnjoinedPerAddress) {
        connection.refuse({ code: 'too_many_connections', message: 'Too many connections from your address are waiting to join; try again in a few seconds.', close: CloseCode.rateLimited });
        return answer;
      }
      pending.add(connection);
      unjoined.set(address, pending);
      connections.add(connection);
      return answer;
    },

    useIceServers(session, servers, until) {
      registry.useIceServers(session, iceServersSchema.parse(servers), until);
    },

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      registry.shutdown();
      await Promise.all([...connections].map((connection) => connection.shutdown()));
      log({ event: 'closed' });
    },

    stats() {
      let waiting = 0;
      for (const pending of unjoined.values()) waiting += pending.size;
      return { connections: connections.size, unjoined: waiting, sessions: registry.sessionCount, participants: registry.seatCount };
    },
  };
}
