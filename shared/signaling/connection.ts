// One WebSocket of the signaling server, from its first frame to its close: the join timeout,
// the rate limit, parsing, the token check and dispatch to the sessions. Every handler is
// guarded by the server (./server.ts), so an exception here is logged and refused, never thrown
// into the host's event loop.
import {
  clientMessageSchema,
  CloseCode,
  type ClientMessage,
  type CloseCodeValue,
  type ErrorCode,
  type ServerMessage,
  type SignalingLimits,
} from '../protocol/signaling';
import type { TokenRefusal, VerifiedToken } from '../protocol/session-token';
import { participantKey, type RateVerdict } from './rate-limit';
import type { Link, Refusal, Seat, SessionRegistry } from './sessions';
import { backgroundTimeout, type PeerEvents, type PeerSocket } from './socket';

export interface SignalLogEvent {
  event: 'listening' | 'join' | 'resume' | 'leave' | 'drop' | 'timeout' | 'move' | 'end' | 'refused' | 'internal-error' | 'closed';
  session?: string;
  participant?: string;
  role?: string;
  code?: string;
  detail?: string;
}

/** What a connection needs of the server around it. */
export interface ConnectionContext {
  readonly limits: SignalingLimits;
  readonly registry: SessionRegistry;
  readonly log: (event: SignalLogEvent) => void;
  readonly verify: (token: string) => VerifiedToken;
  /** Takes one message from the participant's bucket, whichever connection it speaks through. */
  readonly takeMessage: (participant: string) => RateVerdict;
  /** Takes one join from the participant's allowance. */
  readonly takeJoin: (participant: string) => boolean;
  /** The connection joined (it no longer counts against its address's unjoined limit). */
  readonly onJoined: (connection: Connection) => void;
  /** The socket is closed; the server forgets the connection. */
  readonly onGone: (connection: Connection) => void;
}

/** After the server closes a socket, how long the peer has to finish the close handshake. */
export const CLOSE_GRACE_MS = 1000;

const TOKEN_REFUSALS: Record<TokenRefusal, [ErrorCode, string]> = {
  malformed: ['token_malformed', 'That is not a session token.'],
  bad_signature: ['token_bad_signature', 'The token was not issued by this server, or has been altered.'],
  expired: ['token_expired', 'The token has expired; ask the mediator for a new invitation.'],
};

export class Connection implements Link, PeerEvents {
  seat: Seat | null = null;
  private alive = true;
  private probing: ReturnType<typeof setTimeout> | null = null;
  private closing = false;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly joinTimer: ReturnType<typeof setTimeout>;
  private readonly gone: Promise<void>;
  private markGone: () => void = () => {};

  constructor(
    private readonly socket: PeerSocket,
    readonly address: string,
    private readonly context: ConnectionContext,
    guard: (connection: Connection, handler: () => void) => void,
  ) {
    const { limits } = context;
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    this.joinTimer = backgroundTimeout(
      () => guard(this, () => this.refuse({ code: 'join_timeout', message: 'No join message in time.', close: CloseCode.joinTimeout })),
      limits.joinTimeoutMs,
    );
  }

  get open(): boolean {
    return !this.closing && this.socket.isOpen;
  }

  // --- Link (what the sessions do with a joined connection) -----------------------------------

  send(message: ServerMessage): void {
    if (!this.socket.isOpen) return;
    if (this.socket.bufferedAmount > this.context.limits.maxBufferedBytes) {
      this.context.log({ event: 'refused', code: 'slow_receiver', ...this.who() });
      this.terminate();
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  relay(message: ServerMessage): boolean {
    if (!this.socket.isOpen) return true; // gone: nothing to refuse the sender for
    const text = JSON.stringify(message);
    if (this.socket.bufferedAmount + text.length > this.context.limits.maxRelayBufferedBytes) return false;
    this.socket.send(text);
    return true;
  }

  close(code: CloseCodeValue, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.joinTimer);
    this.socket.close(code, reason);
    this.closedByServer();
  }

  probe(): void {
    if (this.probing !== null) return;
    if (!this.socket.isOpen) return this.terminate();
    this.socket.ping();
    this.probing = backgroundTimeout(() => {
      this.probing = null;
      this.context.log({ event: 'drop', detail: 'no answer to the probe after a second join with its token', ...this.who() });
      this.terminate();
    }, this.context.limits.probeTimeoutMs);
  }

  terminate(): void {
    this.socket.terminate();
  }

  // --- PeerEvents (what the host reports) ------------------------------------------------------

  message(text: string | null): void {
    if (this.closing) return;
    this.alive = true;
    if (this.seat !== null && !this.withinRate(participantKey(this.seat.session, this.seat.id))) return;
    const joined = this.seat !== null;
    const preJoinClose = joined ? {} : { close: CloseCode.protocolError };
    if (text === null) return this.refuse({ code: 'binary_not_supported', message: 'Messages are JSON text.', ...preJoinClose });
    let json: unknown;
    try {
      json = JSON.parse(text);
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

  pong(): void {
    this.alive = true;
    if (this.probing !== null) clearTimeout(this.probing);
    this.probing = null;
  }

  error(detail: string): void {
    this.context.log({ event: 'refused', code: 'socket', detail, ...this.who() });
    // The host closes the socket itself (1009 for an oversized frame); the seat is free for a
    // reconnect now rather than when that close handshake ends.
    if (!this.socket.isOpen) this.closedByServer();
  }

  closed(): void {
    clearTimeout(this.joinTimer);
    if (this.probing !== null) clearTimeout(this.probing);
    if (this.closeTimer !== null) clearTimeout(this.closeTimer);
    this.probing = null;
    this.closeTimer = null;
    this.release();
    this.context.onGone(this);
    this.markGone();
  }

  // --- the server's use ------------------------------------------------------------------------

  /** Called every heartbeat interval: a peer that did not answer the last ping is cut off. */
  heartbeat(): void {
    if (!this.alive) return this.terminate();
    this.alive = false;
    if (this.socket.isOpen) this.socket.ping();
  }

  /** Closes with "going away"; resolves once the socket is closed (cut off after a grace period). */
  shutdown(): Promise<void> {
    this.close(CloseCode.goingAway, 'server closing');
    return this.gone;
  }

  refuse(refusal: Refusal, refused?: string): void {
    this.context.log({ event: 'refused', code: refusal.code, detail: refusal.message, ...this.who() });
    this.send({ type: 'error', code: refusal.code, message: refusal.message, ...(refused ? { refused } : {}) });
    if (refusal.close !== undefined) this.close(refusal.close, refusal.code);
  }

  who(): Pick<SignalLogEvent, 'session' | 'participant' | 'role'> {
    return this.seat ? { session: this.seat.session, participant: this.seat.id, role: this.seat.role } : {};
  }

  // --- inside ----------------------------------------------------------------------------------

  /**
   * The participant's rate (./rate-limit.ts SenderRate). Before a join there is none to charge
   * and none is needed: the first message either joins or closes the connection.
   */
  private withinRate(participant: string): boolean {
    const verdict = this.context.takeMessage(participant);
    const { limits } = this.context;
    // One error per run of refusals: answering each would double the flood.
    if (verdict === 'warn') this.refuse({ code: 'rate_limited', message: `More than ${limits.messagesPerSecond} messages per second; messages are being dropped.` });
    if (verdict === 'close') this.refuse({ code: 'rate_limited', message: 'Too many messages; closing.', close: CloseCode.rateLimited });
    return verdict === 'pass';
  }

  private join(token: string): void {
    const verified = this.context.verify(token);
    if (!verified.ok) {
      const [code, message] = TOKEN_REFUSALS[verified.reason];
      return this.refuse({ code, message, close: CloseCode.unauthorized }, 'join');
    }
    const participant = participantKey(verified.payload.session, verified.payload.id);
    if (!this.context.takeJoin(participant)) {
      return this.refuse(
        { code: 'rate_limited', message: `This participant has joined more than ${this.context.limits.joinsPerMinute} times a minute; wait a little and join again.`, close: CloseCode.rateLimited },
        'join',
      );
    }
    // The join is a message of the participant's too: a rejoin does not come with fresh tokens.
    if (this.context.takeMessage(participant) !== 'pass') {
      return this.refuse({ code: 'rate_limited', message: 'This participant has sent too many messages; wait a little and join again.', close: CloseCode.rateLimited }, 'join');
    }
    const outcome = this.context.registry.join(verified.payload, this);
    if ('code' in outcome) return this.refuse(outcome, 'join');
    clearTimeout(this.joinTimer);
    this.seat = outcome.seat;
    this.context.onJoined(this);
  }

  private dispatch(seat: Seat, message: ClientMessage): Refusal | null {
    const { registry } = this.context;
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
        registry.leave(seat);
        this.seat = null;
        return null;
      case 'end':
        return registry.end(seat);
    }
  }

  /**
   * The server closed this socket (or the host began to): the seat is kept for a reconnect from
   * now on, and a peer that never finishes the close handshake is cut off after a moment.
   */
  private closedByServer(): void {
    this.closing = true;
    this.release();
    if (this.closeTimer === null) this.closeTimer = backgroundTimeout(() => this.terminate(), CLOSE_GRACE_MS);
  }

  /** Gives the seat up as a dropped connection (kept for the grace period), once. */
  private release(): void {
    const seat = this.seat;
    this.seat = null;
    if (seat && this.context.registry.holds(seat, this)) this.context.registry.drop(seat);
  }
}
