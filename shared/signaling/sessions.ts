// Sessions, seats and rooms of the signaling server, apart from sockets: the server hands each
// joined connection in as a Link. Who sees whom is one rule (`sees`), and every change of a
// seat's room or state is announced as the difference it makes to each viewer, so a party in a
// caucus learns nothing about the other caucus and the mediator learns everything.
import {
  CloseCode,
  isMediator,
  JOINT_ROOM,
  PROTOCOL_VERSION,
  WAITING_ROOM,
  type CloseCodeValue,
  type ErrorCode,
  type IceServer,
  type ParticipantView,
  type PeerLeftReason,
  type RelayMessage,
  type Role,
  type RoomId,
  type ServerMessage,
  type TokenPayload,
} from '../protocol/signaling';
import { backgroundTimeout } from './socket';

/** A joined connection, as the sessions see it. */
export interface Link {
  /** False once the connection is closing: it can no longer hold a seat. */
  readonly open: boolean;
  send(message: ServerMessage): void;
  /**
   * Relayed data from another participant; false (nothing sent) when the receiver already has
   * too much unread, so that the sender is refused instead of the receiver being dropped.
   */
  relay(message: ServerMessage): boolean;
  close(code: CloseCodeValue, reason: string): void;
  /** Checks that the connection is still alive, dropping it if it does not answer. */
  probe(): void;
  /** Cuts a connection that has lost its seat to a reconnect. */
  terminate(): void;
}

export interface Seat {
  readonly id: string;
  readonly role: Role;
  readonly session: string;
  /** From the token of the first join; a reconnect keeps it, so every roster agrees. */
  readonly name: string;
  room: RoomId;
  /** Null while the participant is reconnecting. */
  link: Link | null;
  graceTimer: ReturnType<typeof setTimeout> | null;
}

export interface Refusal {
  code: ErrorCode;
  message: string;
  /** Close the socket with this code after the error message. */
  close?: CloseCodeValue;
}

export type SessionEvent = 'join' | 'resume' | 'leave' | 'drop' | 'timeout' | 'move' | 'end';

interface Session {
  readonly id: string;
  readonly seats: Map<string, Seat>;
  /** The newest `iat` of the tokens that joined this sitting, by the minter's clock. */
  newestIat: number;
}

/**
 * An ended sitting. Tokens are compared by their own `iat` against the newest `iat` that joined
 * the sitting: both are the minter's clock, so a minter whose clock differs from the server's
 * can neither reopen an ended sitting with an old token nor be locked out with a new one.
 */
interface Ending {
  readonly newestIat: number;
  /** Server time of the ending, only to forget it once every token of the sitting has expired. */
  readonly at: number;
}

/** STUN/TURN servers a minter chose for one session, until its tokens expire. */
interface SessionIce {
  readonly iceServers: readonly IceServer[];
  readonly until: number;
}

/** Per-session ICE choices kept at most; the oldest is forgotten first. */
const MAX_SESSION_ICE = 1000;

export interface SessionOptions {
  maxParticipantsPerSession: number;
  reconnectGraceMs: number;
  maxTokenLifetimeMs: number;
  /** For sessions no minter chose servers for. */
  iceServers: readonly IceServer[];
  now: () => number;
  onEvent?: (event: SessionEvent, seat: Seat, detail?: string) => void;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly ended = new Map<string, Ending>();
  private readonly sessionIce = new Map<string, SessionIce>();

  constructor(private readonly options: SessionOptions) {}

  get sessionCount(): number {
    return this.sessions.size;
  }

  get seatCount(): number {
    let n = 0;
    for (const session of this.sessions.values()) n += session.seats.size;
    return n;
  }

  /**
   * Hands these STUN/TURN servers to every participant of `session` in `joined`, instead of the
   * server's own, until `until` (ms since 1970): the workstation that minted the tokens decides.
   */
  useIceServers(session: string, iceServers: readonly IceServer[], until: number): void {
    this.sessionIce.delete(session);
    this.sessionIce.set(session, { iceServers: [...iceServers], until });
    const now = this.options.now();
    for (const [id, ice] of this.sessionIce) {
      if (ice.until <= now || this.sessionIce.size > MAX_SESSION_ICE) this.sessionIce.delete(id);
    }
  }

  join(token: TokenPayload, link: Link): { seat: Seat; resumed: boolean } | Refusal {
    this.forgetOldEndings();
    const ending = this.ended.get(token.session);
    if (ending !== undefined && token.iat <= ending.newestIat) {
      return { code: 'session_ended', message: 'This session has been ended by the mediator.', close: CloseCode.sessionEnded };
    }
    const session = this.sessions.get(token.session);
    const existing = session?.seats.get(token.id);
    if (existing) return this.resume(existing, token, link);
    if (session && session.seats.size >= this.options.maxParticipantsPerSession) {
      return { code: 'session_full', message: `This session already has ${this.options.maxParticipantsPerSession} participants.`, close: CloseCode.sessionFull };
    }
    const target = session ?? { id: token.session, seats: new Map<string, Seat>(), newestIat: token.iat };
    target.newestIat = Math.max(target.newestIat, token.iat);
    this.sessions.set(target.id, target);
    const seat: Seat = {
      id: token.id,
      role: token.role,
      session: token.session,
      name: token.name,
      // The mediator opens the joint room; everyone else waits to be admitted.
      room: isMediator(token.role) ? JOINT_ROOM : WAITING_ROOM,
      link,
      graceTimer: null,
    };
    target.seats.set(seat.id, seat);
    link.send(this.joinedMessage(target, seat, false));
    this.announce(target, seat, (viewer) => (sees(viewer, seat, seat.room) ? { type: 'peer-joined', participant: view(seat) } : null));
    this.options.onEvent?.('join', seat);
    return { seat, resumed: false };
  }

  private resume(seat: Seat, token: TokenPayload, link: Link): { seat: Seat; resumed: boolean } | Refusal {
    if (seat.role !== token.role) {
      return { code: 'token_conflict', message: 'Another token with this participant id and a different role is in this session.', close: CloseCode.unauthorized };
    }
    if (seat.link !== null && !seat.link.open) {
      // The old connection is closing (a reload, a close the peer never finished): it cannot
      // talk any more, so waiting for its close handshake would only keep the owner out.
      const stale = seat.link;
      seat.link = null;
      stale.terminate();
    }
    if (seat.link !== null) {
      seat.link.probe();
      return {
        code: 'token_in_use',
        message: 'This token is in use by an open connection. If that connection is gone, try again in a few seconds.',
        close: CloseCode.unauthorized,
      };
    }
    const session = this.sessionOf(seat);
    session.newestIat = Math.max(session.newestIat, token.iat);
    if (seat.graceTimer !== null) clearTimeout(seat.graceTimer);
    seat.graceTimer = null;
    seat.link = link;
    link.send(this.joinedMessage(session, seat, true));
    this.announce(session, seat, (viewer) => (sees(viewer, seat, seat.room) ? { type: 'rejoined', participant: seat.id } : null));
    this.options.onEvent?.('resume', seat);
    return { seat, resumed: true };
  }

  relay(from: Seat, message: RelayMessage): Refusal | null {
    const to = this.sessionOf(from).seats.get(message.to);
    // One answer for "no such participant" and "in another room": a party learns nothing about
    // who is outside its room.
    if (!to || to === from || from.room === WAITING_ROOM || to.room !== from.room) {
      return { code: 'not_in_your_room', message: 'That participant is not in your room.' };
    }
    // A reconnecting peer will be told `rejoined` and connect anew; its old offer is useless.
    if (to.link === null) return null;
    const relayed: ServerMessage =
      message.type === 'ice' ? { type: 'ice', from: from.id, candidate: message.candidate } : { type: message.type, from: from.id, sdp: message.sdp };
    if (to.link.relay(relayed)) return null;
    return { code: 'peer_busy', message: 'That participant is not keeping up; the message was not delivered. Send less, or wait.' };
  }

  move(actor: Seat, participant: string, room: RoomId): Refusal | null {
    const target = this.mediatorTarget(actor, participant, 'move');
    if ('code' in target) return target;
    if (target.room === room) return { code: 'already_in_room', message: `That participant is already in ${room}.` };
    this.changeRoom(target, room);
    return null;
  }

  admit(actor: Seat, participant: string): Refusal | null {
    const target = this.mediatorTarget(actor, participant, 'admit');
    if ('code' in target) return target;
    if (target.room !== WAITING_ROOM) return { code: 'not_waiting', message: 'That participant is not in the waiting room.' };
    this.changeRoom(target, JOINT_ROOM);
    return null;
  }

  leave(seat: Seat): void {
    if (seat.link === null) return;
    const link = seat.link;
    this.remove(seat, 'left');
    link.close(CloseCode.normal, 'left');
  }

  /** The connection dropped without `leave`: keep the seat for the grace period. */
  drop(seat: Seat): void {
    if (seat.link === null || !this.sessions.get(seat.session)?.seats.has(seat.id)) return;
    seat.link = null;
    const session = this.sessionOf(seat);
    this.announce(session, seat, (viewer) => (sees(viewer, seat, seat.room) ? { type: 'reconnecting', participant: seat.id } : null));
    seat.graceTimer = backgroundTimeout(() => {
      seat.graceTimer = null;
      if (seat.link === null && session.seats.get(seat.id) === seat) this.remove(seat, 'timeout');
    }, this.options.reconnectGraceMs);
    this.options.onEvent?.('drop', seat);
  }

  end(actor: Seat): Refusal | null {
    if (!isMediator(actor.role)) return forbidden('end');
    const session = this.sessionOf(actor);
    this.sessions.delete(session.id);
    this.ended.set(session.id, { newestIat: session.newestIat, at: this.options.now() });
    this.sessionIce.delete(session.id);
    for (const seat of session.seats.values()) {
      if (seat.graceTimer !== null) clearTimeout(seat.graceTimer);
      seat.graceTimer = null;
      const link = seat.link;
      seat.link = null;
      link?.send({ type: 'ended', by: actor.id });
      link?.close(CloseCode.sessionEnded, 'session ended');
    }
    this.options.onEvent?.('end', actor);
    return null;
  }

  /** Stops the grace timers (the server is closing; sockets are closed by the server). */
  shutdown(): void {
    for (const session of this.sessions.values()) {
      for (const seat of session.seats.values()) {
        if (seat.graceTimer !== null) clearTimeout(seat.graceTimer);
        seat.graceTimer = null;
        seat.link = null;
      }
    }
    this.sessions.clear();
  }

  /** Whether this seat is still held by this link (false after leave, end or a takeover). */
  holds(seat: Seat, link: Link): boolean {
    return seat.link === link && this.sessions.get(seat.session)?.seats.get(seat.id) === seat;
  }

  private mediatorTarget(actor: Seat, participant: string, action: 'move' | 'admit'): Seat | Refusal {
    if (!isMediator(actor.role)) return forbidden(action);
    const target = this.sessionOf(actor).seats.get(participant);
    return target ?? { code: 'unknown_participant', message: 'No participant with that id is in this session.' };
  }

  private changeRoom(seat: Seat, room: RoomId): void {
    const before = seat.room;
    seat.room = room;
    const session = this.sessionOf(seat);
    this.announce(session, seat, (viewer): ServerMessage | null => {
      const saw = sees(viewer, seat, before);
      const seesNow = sees(viewer, seat, room);
      if (saw && seesNow) return { type: 'peer-moved', participant: seat.id, room };
      if (seesNow) return { type: 'peer-joined', participant: view(seat) };
      if (saw) return { type: 'peer-left', participant: seat.id, reason: 'moved' };
      return null;
    });
    seat.link?.send({ type: 'moved', room, participants: visibleTo(session, seat) });
    this.options.onEvent?.('move', seat, `${before} → ${room}`);
  }

  private remove(seat: Seat, reason: PeerLeftReason): void {
    const session = this.sessionOf(seat);
    session.seats.delete(seat.id);
    seat.link = null;
    if (seat.graceTimer !== null) clearTimeout(seat.graceTimer);
    seat.graceTimer = null;
    this.announce(session, seat, (viewer) => (sees(viewer, seat, seat.room) ? { type: 'peer-left', participant: seat.id, reason } : null));
    if (session.seats.size === 0) this.sessions.delete(session.id);
    this.options.onEvent?.(reason === 'timeout' ? 'timeout' : 'leave', seat);
  }

  /** Sends each connected participant other than `subject` what `message` makes of the change. */
  private announce(session: Session, subject: Seat, message: (viewer: Seat) => ServerMessage | null): void {
    for (const viewer of session.seats.values()) {
      if (viewer === subject || viewer.link === null) continue;
      const m = message(viewer);
      if (m) viewer.link.send(m);
    }
  }

  private joinedMessage(session: Session, seat: Seat, resumed: boolean): ServerMessage {
    return {
      type: 'joined',
      protocol: PROTOCOL_VERSION,
      session: session.id,
      you: view(seat),
      participants: visibleTo(session, seat),
      iceServers: [...this.iceServersOf(session.id)],
      resumed,
    };
  }

  private sessionOf(seat: Seat): Session {
    const session = this.sessions.get(seat.session);
    // A seat whose session is gone has been removed; its link was detached at that moment.
    if (!session) throw new Error(`session ${seat.session} is gone`);
    return session;
  }

  private iceServersOf(session: string): readonly IceServer[] {
    const chosen = this.sessionIce.get(session);
    return chosen && chosen.until > this.options.now() ? chosen.iceServers : this.options.iceServers;
  }

  private forgetOldEndings(): void {
    // A token lives at most maxTokenLifetimeMs, so an ending older than that refuses nothing
    // (measured on the server's clock with a day to spare for a minter's clock running behind).
    const horizon = this.options.now() - this.options.maxTokenLifetimeMs - 24 * 3600_000;
    for (const [id, ending] of this.ended) if (ending.at < horizon) this.ended.delete(id);
  }
}

/** Mediators see every room; others see only the other people in their own room, none while waiting. */
function sees(viewer: Seat, subject: Seat, subjectRoom: RoomId): boolean {
  if (viewer === subject) return false;
  if (isMediator(viewer.role)) return true;
  return viewer.room !== WAITING_ROOM && viewer.room === subjectRoom;
}

function visibleTo(session: Session, viewer: Seat): ParticipantView[] {
  return [...session.seats.values()].filter((seat) => sees(viewer, seat, seat.room)).map(view);
}

function view(seat: Seat): ParticipantView {
  return { id: seat.id, role: seat.role, name: seat.name, room: seat.room, state: seat.link === null ? 'reconnecting' : 'connected' };
}

function forbidden(action: 'move' | 'admit' | 'end'): Refusal {
  return { code: 'forbidden', message: `Only the mediator may ${action}.` };
}
