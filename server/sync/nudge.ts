// The sync's nudge: a WebSocket at /api/v1/sync/nudge where a signed-in workstation hears that its
// institution changed up to seq N, within a second of the commit (the changes of 100 ms told
// once). PostgreSQL says so: every insert into mw.changes notifies 'mw_changes' with
// "<institution>:<seq>" at commit (0002_sync.sql), and one connection of the server listens. The
// upgrade request carries the session's bearer token; the session is checked again every
// SESSION_CHECK_MS and the socket closed when it has ended. A lost listening connection
// (PostgreSQL restarted) is made again, and each socket is then told the institution's latest
// change, so a notification missed meanwhile is not lost.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { PoolClient } from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_PREFIX } from '../../shared/server/api';
import { NUDGE_CLOSE_SESSION_ENDED, SYNC_PATHS, type NudgeMessage } from '../../shared/server/sync';
import { bearerToken, resolveSession, tokenInstitution } from '../auth/sessions';
import { inTenant } from '../db/tenant';
import type { ServerDeps } from '../deps';
import { Refusal } from '../refusal';
import { institutionHead } from './pull';

const SESSION_CHECK_MS = 30_000;
const PING_MS = 30_000;
const RELISTEN_MS = 1_000;
const COALESCE_MS = 100;
const CHANNEL = 'mw_changes';

interface Listener {
  readonly ws: WebSocket;
  readonly institutionId: string;
  readonly token: string;
  sent: number;
  alive: boolean;
}

export interface Nudge {
  /** Sockets connected now (for tests and the log). */
  readonly connected: () => number;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Serves the nudge on `server`'s upgrade requests. */
export function attachNudge(server: Server, deps: ServerDeps): Nudge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const byInstitution = new Map<string, Set<Listener>>();
  let listening: PoolClient | null = null;
  let closed = false;
  let relisten: NodeJS.Timeout | null = null;

  const send = (listener: Listener, message: NudgeMessage): void => {
    if (listener.ws.readyState === listener.ws.OPEN) listener.ws.send(JSON.stringify(message));
  };
  const tellNow = (institutionId: string, seq: number): void => {
    for (const listener of byInstitution.get(institutionId) ?? []) {
      if (seq <= listener.sent) continue;
      listener.sent = seq;
      send(listener, { type: 'changed', seq });
    }
  };
  // Changes of one institution within COALESCE_MS are told once, with the latest number: a push of
  // twenty changes, or five workstations pushing at once, has each of its workstations pull once
  // rather than once per change (7,812 pulls in 68 s of the sync bench before).
  const coalescing = new Map<string, number>();
  const tell = (institutionId: string, seq: number): void => {
    const waiting = coalescing.get(institutionId);
    coalescing.set(institutionId, Math.max(seq, waiting ?? 0));
    if (waiting !== undefined) return;
    setTimeout(() => {
      const latest = coalescing.get(institutionId) ?? seq;
      coalescing.delete(institutionId);
      tellNow(institutionId, latest);
    }, COALESCE_MS).unref();
  };
  const headOf = (institutionId: string): Promise<number> => inTenant(deps.pool, { institutionId, accountId: null, role: '' }, institutionHead);

  const listen = async (): Promise<void> => {
    relisten = null;
    if (closed) return;
    let client: PoolClient | null = null;
    try {
      client = await deps.pool.connect();
      const lost = (): void => {
        if (listening !== client) return;
        listening = null;
        client?.release(true);
        if (!closed) relisten = setTimeout(() => void listen(), RELISTEN_MS);
      };
      client.on('error', lost);
      client.on('end', lost);
      client.on('notification', (n) => {
        const [institutionId, seq] = (n.payload ?? '').split(':');
        if (institutionId && seq) tell(institutionId, Number(seq));
      });
      await client.query(`LISTEN ${CHANNEL}`);
      if (closed) {
        client.release(true);
        return;
      }
      listening = client;
      // Whatever was committed while nobody listened.
      for (const institutionId of byInstitution.keys()) tell(institutionId, await headOf(institutionId));
    } catch (error) {
      deps.log(`sync nudge: cannot listen (${(error as Error).message}); trying again`);
      client?.release(true);
      if (!closed) relisten = setTimeout(() => void listen(), RELISTEN_MS);
    }
  };
  void listen();

  const forget = (listener: Listener): void => {
    const set = byInstitution.get(listener.institutionId);
    set?.delete(listener);
    if (set?.size === 0) byInstitution.delete(listener.institutionId);
  };

  const checkSessions = async (): Promise<void> => {
    for (const set of [...byInstitution.values()]) {
      for (const listener of [...set]) {
        try {
          await inTenant(deps.pool, { institutionId: listener.institutionId, accountId: null, role: '' }, (db) => resolveSession(db, listener.token, listener.institutionId, deps.now()));
        } catch (error) {
          // Only an ended session closes the socket; the database away is tried again next time.
          if (error instanceof Refusal && error.status === 401) listener.ws.close(NUDGE_CLOSE_SESSION_ENDED, 'session ended');
        }
      }
    }
  };
  const sessionTimer = setInterval(() => void checkSessions(), SESSION_CHECK_MS);
  const pingTimer = setInterval(() => {
    for (const set of byInstitution.values()) {
      for (const listener of set) {
        if (!listener.alive) listener.ws.terminate();
        listener.alive = false;
        listener.ws.ping();
      }
    }
  }, PING_MS);
  sessionTimer.unref();
  pingTimer.unref();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
      if (path !== `${API_PREFIX}${SYNC_PATHS.nudge}`) return refuseUpgrade(socket, 404, 'Not Found');
      const token = bearerToken(request.headers.authorization);
      const institutionId = token === null ? null : tokenInstitution(token);
      if (token === null || institutionId === null) return refuseUpgrade(socket, 401, 'Unauthorized');
      let seq: number;
      try {
        seq = await inTenant(deps.pool, { institutionId, accountId: null, role: '' }, async (db) => {
          await resolveSession(db, token, institutionId, deps.now());
          return institutionHead(db);
        });
      } catch (error) {
        return error instanceof Refusal ? refuseUpgrade(socket, 401, 'Unauthorized') : refuseUpgrade(socket, 503, 'Service Unavailable');
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const listener: Listener = { ws, institutionId, token, sent: seq, alive: true };
        const set = byInstitution.get(institutionId) ?? new Set<Listener>();
        byInstitution.set(institutionId, set);
        set.add(listener);
        ws.on('pong', () => (listener.alive = true));
        ws.on('close', () => forget(listener));
        ws.on('error', () => forget(listener));
        // The workstation only listens: anything it sends is ignored.
        send(listener, { type: 'hello', seq });
      });
    })();
  };
  server.on('upgrade', onUpgrade);

  return {
    connected: () => [...byInstitution.values()].reduce((n, set) => n + set.size, 0),
    async close() {
      closed = true;
      server.off('upgrade', onUpgrade);
      clearInterval(sessionTimer);
      clearInterval(pingTimer);
      if (relisten) clearTimeout(relisten);
      const sockets = [...byInstitution.values()].flatMap((set) => [...set].map((l) => l.ws));
      byInstitution.clear();
      for (const ws of sockets) ws.close(1001, 'server stopping');
      // A client that does not answer the closing handshake at once is cut.
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const client = listening;
      listening = null;
      if (client) {
        try {
          await client.query(`UNLISTEN ${CHANNEL}`);
          client.release();
        } catch {
          client.release(true);
        }
      }
    },
  };
}
