// The sync through faults, on a real PostgreSQL: the server process killed with SIGKILL in the
// middle of a push (then started again and the push sent again), and PostgreSQL restarted while
// pushes run (the client sends again what failed). Each mutation ends applied exactly once, none
// half-applied (a push is one transaction: killed, none of it is kept), and the institution's
// change log has no gap.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { nudgeMessageSchema, pushResponseSchema, type NudgeMessage, type PushResponse, type SyncMutation } from '../../../shared/server/sync';
import { attachNudge, createDeps } from '../../../server';
import { asTenant, makeCase, makeInstitution, PASSWORD, startApi, startWorld, type Api, type MadeInstitution, type World } from './fixtures';
import { auditEvent, put } from './sync-fixtures';

const MW = fileURLToPath(new URL('../../../cli/bin/mw.mjs', import.meta.url));

let world: World;
let pool: pg.Pool;
let a: MadeInstitution;

beforeAll(async () => {
  world = await startWorld('mwfaults');
  // A pool that outlives a restart of PostgreSQL, as the server's does (server/host.ts createPool).
  pool = new pg.Pool({ connectionString: world.db.appUrl, max: 6 });
  pool.on('error', () => undefined);
  a = await makeInstitution(pool, 'mediation', '340202');
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await world?.stop();
});

/** The batch's ids among the institution's records, mutations and changes, and whether the log runs 1…head without a gap. */
async function stateOf(mutations: readonly SyncMutation[]): Promise<{ records: number; applied: number; changes: number; gapless: boolean }> {
  const ids = mutations.map((m) => m.id);
  const context = { institutionId: a.id, accountId: a.adminId, role: 'admin' };
  const [records] = await asTenant<{ n: string }>(pool, context, 'SELECT count(*) AS n FROM mw.records WHERE id = ANY($1)', [ids]);
  const [applied] = await asTenant<{ n: string }>(pool, context, 'SELECT count(*) AS n FROM mw.sync_mutations WHERE id = ANY($1::uuid[])', [mutations.map((m) => m.mutationId)]);
  const [changes] = await asTenant<{ n: string }>(pool, context, 'SELECT count(*) AS n FROM mw.changes WHERE record_id = ANY($1)', [ids]);
  const [log] = await asTenant<{ n: string; top: string | null; head: string }>(pool, context, 'SELECT count(*) AS n, max(seq) AS top, (SELECT change_seq FROM mw.institutions) AS head FROM mw.changes');
  return { records: Number(records?.n), applied: Number(applied?.n), changes: Number(changes?.n), gapless: log?.n === log?.head && (log?.top ?? '0') === log?.head };
}

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MW, 'server', 'start', '--database-url', world.db.appUrl, '--behind-tls-proxy', '--host', '127.0.0.1', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.includes('"listening":true'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`mw server start ended (${code}): ${out}`)));
  });
}

/** One request to the child; a connection cut is an error. */
function call(url: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const target = new URL(`api/v1${path}`, url);
    const req = httpRequest(target, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('faults', () => {
  it('a server killed with SIGKILL mid-push, started again: the push sent again applies each mutation exactly once', async () => {
    const first = await startChild();
    const signIn = await call(first.url, '/sign-in', { institution: a.creditCode, username: 'admin', password: PASSWORD });
    const token = (signIn.body as { token: string }).token;
    const workstationId = randomUUID();
    const made = await call(first.url, '/sync/push', { workstationId, mutations: [put('cases', 'kill-c1', makeCase('kill-c1', 'K-001', null))] }, token);
    expect(made.status).toBe(200);
    const batch = Array.from({ length: 200 }, (_, i) => put('events', `${workstationId}:${i}`, auditEvent('kill-c1', 'note.add', i)));
    // The first 40 were pushed before, and answered.
    expect((await call(first.url, '/sync/push', { workstationId, mutations: batch.slice(0, 40) }, token)).status).toBe(200);
    const cut = call(first.url, '/sync/push', { workstationId, mutations: batch }, token).then(
      () => 'answered',
      () => 'cut',
    );
    // Killed while the push's transaction has written and not committed: a backend of the server's
    // with a transaction id (the nudge's listener and idle connections have none).
    const writing = async () => (await pool.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_xid IS NOT NULL AND datname = current_database()')).rows[0]?.n;
    await expect.poll(writing, { timeout: 60_000, interval: 10 }).toBe('1');
    first.child.kill('SIGKILL');
    expect(await cut).toBe('cut');
    // The push is one transaction: nothing of it is kept, what was pushed before is all there.
    await expect.poll(writing, { timeout: 30_000 }).toBe('0');
    expect(await stateOf(batch)).toEqual({ records: 40, applied: 40, changes: 40, gapless: true });

    const second = await startChild();
    try {
      const again = await call(second.url, '/sync/push', { workstationId, mutations: batch }, token);
      expect(again.status).toBe(200);
      const results = pushResponseSchema.parse(again.body).results;
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      expect(results.map((r) => r.status === 'applied' && r.replayed === true)).toEqual(batch.map((_, i) => i < 40));
      expect(await stateOf(batch)).toEqual({ records: 200, applied: 200, changes: 200, gapless: true });
    } finally {
      second.child.kill('SIGTERM');
    }
  }, 120_000);

  it('PostgreSQL restarted while pushes run: the client sends again what failed, everything is applied once, and the nudge goes on', async () => {
    const log: string[] = [];
    const api: Api = await startApi(pool, { log: (line) => log.push(line) });
    const nudgeServer = createServer();
    const nudge = attachNudge(nudgeServer, createDeps({ pool, now: () => api.now, log: (line) => log.push(line) }));
    await new Promise<void>((resolve) => nudgeServer.listen(0, '127.0.0.1', () => resolve()));
    let socket: WebSocket | null = null;
    try {
      const token = await api.signIn(a);
      // Another workstation of the institution listens.
      const heard: NudgeMessage[] = [];
      socket = new WebSocket(`ws://127.0.0.1:${(nudgeServer.address() as AddressInfo).port}/api/v1/sync/nudge`, { headers: { authorization: `Bearer ${token}` } });
      socket.on('message', (data) => heard.push(nudgeMessageSchema.parse(JSON.parse(String(data)))));
      await expect.poll(() => heard.length).toBe(1);
      const workstationId = randomUUID();
      await api.call('POST', '/sync/push', { token, body: { workstationId, mutations: [put('cases', 'restart-c1', makeCase('restart-c1', 'R-001', null))] } });
      const batches = Array.from({ length: 12 }, (_, b) => Array.from({ length: 20 }, (_, i) => put('events', `${workstationId}:r${b}-${i}`, auditEvent('restart-c1', 'note.add', i))));
      let refused = 0;
      const pushAll = async (): Promise<PushResponse[]> => {
        const answers: PushResponse[] = [];
        for (const mutations of batches) {
          // The workstation's outbox: the same batch again until it is answered.
          for (;;) {
            const answer = await api.call('POST', '/sync/push', { token, body: { workstationId, mutations } }).catch(() => ({ status: 0, body: null }));
            if (answer.status === 200) {
              answers.push(pushResponseSchema.parse(answer.body));
              break;
            }
            expect([0, 503], log.join('\n')).toContain(answer.status);
            refused += 1;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
        return answers;
      };
      const running = pushAll();
      await expect.poll(async () => (await stateOf(batches.flat())).applied, { timeout: 60_000, interval: 20 }).toBeGreaterThan(0);
      await world.cluster.restart();
      const answers = await running;
      expect(refused).toBeGreaterThan(0);
      expect(answers.flatMap((r) => r.results).every((r) => r.status === 'applied')).toBe(true);
      expect(await stateOf(batches.flat())).toEqual({ records: 240, applied: 240, changes: 240, gapless: true });
      // The nudge listened again after the restart and told of the last commit.
      await expect.poll(() => heard.at(-1), { timeout: 10_000 }).toEqual({ type: 'changed', seq: answers.at(-1)?.head });
    } finally {
      socket?.terminate();
      await nudge.close();
      await new Promise((resolve) => nudgeServer.close(resolve));
      await api.close();
    }
  }, 120_000);
});
