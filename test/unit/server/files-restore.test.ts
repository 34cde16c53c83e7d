// The restore drill of docs/server.md "Backup and restore", run for real: a server's database with
// an institution, a case and an uploaded file is dumped with pg_dump and its file folder copied;
// a fresh cluster gets the roles, pg_restore and `migrate`; a server started on the restored
// database and folder signs the same administrator in and gives back the same case and the same
// bytes, and its /health is ok.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { findPgBin, startThrowawayCluster, type ThrowawayCluster } from '../../../server/dev/throwaway-cluster';
import { FileStore } from '../../../server/files/store';
import { makeCase, makeInstitution, PASSWORD, startApi, startWorld, type Api, type World } from './fixtures';

const stops: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

function run(program: string, args: string[]): void {
  const result = spawnSync(join(findPgBin(), program), args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} failed (${result.status ?? result.signal}): ${result.stderr}`);
}

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM mw.${table}`)).rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

it('restores pg_dump and the file folder into a fresh cluster and folder, and the server there serves the same case and bytes', async () => {
  const work = mkdtempSync(join(tmpdir(), 'mw-drill-'));
  stops.push(() => rmSync(work, { recursive: true, force: true }));

  // The server in use: a case and an evidence file.
  const world: World = await startWorld('mwdrill');
  stops.push(() => world.stop());
  const store = new FileStore(join(work, 'files'), { maxFileBytes: 1 << 20, reserveBytes: 0 });
  await store.prepare();
  const api: Api = await startApi(world.pool, { files: store });
  stops.push(() => api.close());
  const institution = await makeInstitution(world.pool, 'mediation', '340202');
  const token = await api.signIn(institution);
  const made = makeCase('drill-case', '（2026）镜调字第 77 号', null);
  expect((await api.call('PUT', '/cases/drill-case', { token, body: { case: made.case, parties: made.parties, baseVersion: null } })).status).toBe(201);
  const bytes = randomBytes(200_000);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const created = await api.call('POST', '/files/uploads', { token, body: { sha256, size: bytes.byteLength, kind: 'evidence', caseId: 'drill-case', mediaType: 'image/jpeg' } });
  const id = created.body.upload.id as string;
  expect((await api.call('PATCH', `/files/uploads/${id}`, { token, raw: bytes, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' } })).status).toBe(200);
  expect((await api.call('POST', `/files/uploads/${id}/finish`, { token })).status).toBe(201);

  // The backup: the database first (a superuser's dump: row-level security holds the owner), then the folder.
  const dump = join(work, 'mw.dump');
  run('pg_dump', ['--format=custom', `--file=${dump}`, `--dbname=${world.db.superUrl}`]);
  cpSync(join(work, 'files'), join(work, 'restored-files'), { recursive: true });

  // A fresh cluster: the two roles and an empty database of the owner, pg_restore, then migrate.
  const fresh: ThrowawayCluster = await startThrowawayCluster();
  stops.push(() => fresh.stop());
  const db = await fresh.createDatabase('mwdrill');
  run('pg_restore', ['--exit-on-error', `--dbname=${db.superUrl}`, dump]);
  // As the docs say: `mw server migrate` (applies nothing, re-asserts the grants), then `mw server start --files-dir`.
  const { runServer } = await import('../../../cli/src/commands/server');
  const out: string[] = [];
  const io = { out: (line: string) => void out.push(line), err: (line: string) => void out.push(line) };
  expect(await runServer(['migrate', '--database-url', db.ownerUrl, '--app-role', db.appRole, '--json'], io)).toBe(0);
  expect(JSON.parse(out.pop() as string)).toMatchObject({ applied: [] });
  for (const table of ['institutions', 'accounts', 'cases', 'files', 'events', 'changes']) expect(await count(db.superUrl, table), table).toBe(await count(world.db.superUrl, table));

  // The server on the restored database and folder.
  const stop = new AbortController();
  const running = runServer(['start', '--database-url', db.appUrl, '--behind-tls-proxy', '--port', '0', '--files-dir', join(work, 'restored-files'), '--files-reserve-bytes', '0', '--json'], io, stop.signal);
  stops.push(async () => {
    stop.abort();
    await running;
  });
  await expect.poll(() => out.some((line) => line.includes('"listening":true')), { timeout: 10_000 }).toBe(true);
  const api2 = `${(JSON.parse(out.find((line) => line.includes('"listening":true')) as string) as { url: string }).url}api/v1`;
  const health = await (await fetch(`${api2}/health`)).json();
  expect(health).toMatchObject({ status: 'ok', database: { current: true }, files: { configured: true, writable: true } });
  const signIn = await fetch(`${api2}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ institution: institution.creditCode, username: 'admin', password: PASSWORD }) });
  expect(signIn.status).toBe(200);
  const auth = { authorization: `Bearer ${((await signIn.json()) as { token: string }).token}` };
  const restoredCase = await (await fetch(`${api2}/cases/drill-case`, { headers: auth })).json();
  expect(restoredCase.case).toMatchObject({ id: 'drill-case', number: made.case.number });
  const download = await fetch(`${api2}/files/${sha256}`, { headers: auth });
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
}, 120_000);
