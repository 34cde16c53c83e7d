// A real signaling server on an ephemeral port and real `ws` clients that record every message.
// Tests read a client's messages strictly in order, and prove that nothing else arrived with a
// round trip (`sync`): the server handles one connection's messages in order, so anything it
// sent this client before answering the round trip is already in the queue.
import { WebSocket, type ClientOptions } from 'ws';
import { expect } from 'vitest';
import { mintSessionToken } from '../../../shared/protocol/session-token';
import { serverMessageSchema, type Role, type ServerMessage, type ServerMessageType, type SignalingLimits } from '../../../shared/protocol/signaling';
import { createSignalingHost, type SignalingHost, type SignalingHostOptions, type SignalLogEvent } from '../../../node/signaling/ws-host';

export const SECRET = new TextEncoder().encode('test secret of the signaling server, 48 bytes..');
export const WAIT_MS = 5000;

export type Message<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

export class Client {
  readonly socket: WebSocket;
  private readonly queue: ServerMessage[] = [];
  private waiter: (() => void) | null = null;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Messages that did not match the protocol's server schema (must stay empty). */
  readonly invalid: unknown[] = [];

  constructor(url: string, options: ClientOptions = {}) {
    this.socket = new WebSocket(url, options);
    // Writing to a socket the server has cut off raises EPIPE/ECONNRESET here; expected in tests.
    this.socket.on('error', () => {});
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', () => reject(new Error('unexpected HTTP response')));
    });
    this.closed = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.socket.on('message', (data) => {
      const json: unknown = JSON.parse(String(data));
      const parsed = serverMessageSchema.safeParse(json);
      if (!parsed.success) this.invalid.push(json);
      else this.queue.push(parsed.data);
      this.waiter?.();
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message, in order; fails if it does not come in time. */
  async take(): Promise<ServerMessage> {
    const deadline = Date.now() + WAIT_MS;
    while (this.queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no message arrived in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
    return this.queue.shift() as ServerMessage;
  }

  /** The next message, which must be of this type. */
  async expect<T extends ServerMessageType>(type: T): Promise<Message<T>> {
    const message = await this.take();
    expect(message.type, JSON.stringify(message)).toBe(type);
    return message as Message<T>;
  }

  async expectError(code: string): Promise<Message<'error'>> {
    const error = await this.expect('error');
    expect(error.code, error.message).toBe(code);
    return error;
  }

  /** Proves that nothing is waiting: a harmless refused message comes back as the next one. */
  async sync(): Promise<void> {
    this.send({ type: 'join', token: 'sync' });
    const next = await this.take();
    expect(next, 'a message arrived that the test did not expect').toMatchObject({ type: 'error', code: 'already_joined' });
  }

  get pending(): readonly ServerMessage[] {
    return this.queue;
  }

  terminate(): void {
    this.socket.terminate();
  }
}

export interface TestServer {
  server: SignalingHost;
  url: string;
  events: SignalLogEvent[];
  token(role: Role, options?: { name?: string; session?: string; id?: string; ttlSeconds?: number; now?: number }): string;
  /** Opens a client and joins; returns it with its `joined` message. */
  join(role: Role, options?: { name?: string; session?: string; token?: string; client?: ClientOptions }): Promise<{ client: Client; joined: Message<'joined'> }>;
  connect(options?: ClientOptions): Promise<Client>;
  close(): Promise<void>;
}

const openServers: TestServer[] = [];

export async function startServer(limits: Partial<SignalingLimits> = {}, options: Partial<SignalingHostOptions> = {}): Promise<TestServer> {
  const events: SignalLogEvent[] = [];
  const server = createSignalingHost({ secret: SECRET, limits, log: (e) => events.push(e), ...options });
  const { url } = await server.listen(0, '127.0.0.1');
  const clients: Client[] = [];
  let names = 0;
  const test: TestServer = {
    server,
    url,
    events,
    token(role, o = {}) {
      return mintSessionToken(SECRET, {
        session: o.session ?? 'S-1',
        role,
        name: o.name ?? `${role}-${++names}`,
        ttlSeconds: o.ttlSeconds ?? 600,
        now: o.now ?? Date.now(),
        ...(o.id ? { id: o.id } : {}),
      }).token;
    },
    async connect(clientOptions = {}) {
      const client = new Client(url, clientOptions);
      clients.push(client);
      await client.opened;
      return client;
    },
    async join(role, o = {}) {
      const client = await test.connect(o.client);
      client.send({ type: 'join', token: o.token ?? test.token(role, o) });
      const joined = await client.expect('joined');
      return { client, joined };
    },
    async close() {
      for (const c of clients) c.terminate();
      await server.close();
    },
  };
  openServers.push(test);
  return test;
}

/** For afterEach: closes every server the test started. */
export async function closeServers(): Promise<void> {
  await Promise.all(openServers.splice(0).map((s) => s.close()));
}

/** No handler threw: the server logs exceptions as internal-error events. */
export function expectNoInternalErrors(test: TestServer): void {
  expect(test.events.filter((e) => e.event === 'internal-error')).toEqual([]);
}

/** A mediator, an admitted applicant and an admitted respondent in the joint room. */
export async function jointRoom(test: TestServer, session = 'S-1') {
  const mediator = await test.join('mediator', { session });
  const applicant = await test.join('applicant', { session });
  await mediator.client.expect('peer-joined');
  const respondent = await test.join('respondent', { session });
  await mediator.client.expect('peer-joined');
  for (const party of [applicant, respondent]) {
    mediator.client.send({ type: 'admit', participant: party.joined.you.id });
    await mediator.client.expect('peer-moved');
    await party.client.expect('moved');
  }
  // The applicant saw the respondent arrive in the joint room.
  await applicant.client.expect('peer-joined');
  return { mediator, applicant, respondent };
}

export type Joined = Awaited<ReturnType<TestServer['join']>>;

/** The session still works: an offer and its answer go through between these two. */
export async function stillTalking(a: Joined, b: Joined, label: string): Promise<void> {
  a.client.send({ type: 'offer', to: b.joined.you.id, sdp: `v=0 ${label}` });
  expect(await b.client.take()).toEqual({ type: 'offer', from: a.joined.you.id, sdp: `v=0 ${label}` });
  b.client.send({ type: 'answer', to: a.joined.you.id, sdp: `v=0 re ${label}` });
  expect(await a.client.take()).toEqual({ type: 'answer', from: b.joined.you.id, sdp: `v=0 re ${label}` });
}
