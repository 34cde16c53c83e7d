// Participants of a signaling core on sockets of memory, driven message by message: with the
// core's clock injected, a test decides exactly how much time passes between two messages.
import { expect } from 'vitest';
import { mintSessionToken } from '../../../shared/protocol/session-token';
import type { Role, ServerMessage } from '../../../shared/protocol/signaling';
import type { SignalingCore } from '../../../shared/signaling/server';
import type { PeerEvents, PeerSocket } from '../../../shared/signaling/socket';
import { SECRET } from './helpers';

export interface MemoryPeer {
  readonly events: PeerEvents;
  readonly received: ServerMessage[];
  /** The close code the server sent, or null while open. */
  closed: number | null;
  terminated: boolean;
  send(message: unknown): void;
  /** The socket went away (as the host reports it). */
  drop(): void;
}

/** A connection from `address` whose socket drains at once. */
export function connect(core: SignalingCore, address: string): MemoryPeer {
  const received: ServerMessage[] = [];
  const peer = {
    received,
    closed: null as number | null,
    terminated: false,
  };
  const socket: PeerSocket = {
    get isOpen() {
      return !peer.terminated && peer.closed === null;
    },
    bufferedAmount: 0,
    send: (text) => received.push(JSON.parse(text) as ServerMessage),
    // The peer finishes a close handshake, or sees the cut, as soon as the server's call returns.
    close: (code) => {
      peer.closed = code;
      queueMicrotask(gone);
    },
    terminate: () => {
      peer.terminated = true;
      queueMicrotask(gone);
    },
    ping: () => {},
  };
  let reported = false;
  function gone(): void {
    if (reported) return;
    reported = true;
    events.closed();
  }
  const events = core.accept(socket, address);
  return Object.assign(peer, {
    events,
    send: (message: unknown) => events.message(JSON.stringify(message)),
    drop: () => {
      peer.terminated = true;
      gone();
    },
  });
}

export interface Token {
  token: string;
  id: string;
}

export function token(role: Role, session = 'S-1'): Token {
  const { token: text, payload } = mintSessionToken(SECRET, { session, role, name: role, ttlSeconds: 600, now: Date.now() });
  return { token: text, id: payload.id };
}

/** Connects from `address` and joins with `t`; the join must succeed. */
export function joinAs(core: SignalingCore, t: Token, address: string): MemoryPeer {
  const peer = connect(core, address);
  peer.send({ type: 'join', token: t.token });
  expect(peer.received[0], JSON.stringify(peer.received[0])).toMatchObject({ type: 'joined' });
  return peer;
}

export function count(peer: MemoryPeer, type: ServerMessage['type']): number {
  return peer.received.filter((m) => m.type === type).length;
}

export function errors(peer: MemoryPeer, code: string): number {
  return peer.received.filter((m) => m.type === 'error' && m.code === code).length;
}
