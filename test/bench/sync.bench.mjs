// `npm run bench -- sync`: the center server's sync at a city's scale (issue 17 "Measured").
//
// A PostgreSQL cluster kept between runs (./sync/cluster.mjs; its data folder under
// BENCH_SYNC_DIR, by default <tmp>/mw-bench-sync/<key>) holds 200 institutions and 1,000,000 cases
// loaded once by COPY (./sync/load.mjs; the key names the loader's version, the migrations' digest
// and the scale, so a changed migration or recipe loads afresh; BENCH_SYNC_FRESH=1 forces it).
// Each run resets what earlier runs added (pushed records, mutations, changes past the load,
// sessions, events), starts the cluster durable (fsync and synchronous commit on; BENCH_SYNC_FSYNC=off
// for off), starts the server as `mw server start` in a child process (its VmRSS sampled and its
// VmHWM read at the end), opens a session for each of 1,000 workstations (five per institution:
// administrator, director, three mediators; sessions made by the sign-in's own openSession, since
// the sign-in limits per address would hold 1,000 sign-ins from one address for an hour) and their
// nudge WebSockets, all in this one Node process (./sync/workstations.mjs), then measures:
//   (a) a case edited and pushed by a mediator's workstation, until the director's workstation of
//       the same institution (nudged, pulling from its cursor) has it: p50/p95 over the samples;
//   (b) mutations applied per second with many pushers at once (audit events of their cases, in
//       batches), beside plain INSERTs of the same rows into a table of the same shape in the same
//       database, with as many connections as the server's pool, measured right after;
//   (c) a new workstation of the institution with 10,000 cases: a real sign-in (the server's
//       scrypt parameters) and the first full pull of its change log;
//   (d) the server's resident memory, the most over the run.
// One JSON object with the figures and the targets (p95 ≤ 1 s, ≥ 2,000 pushes/s, ≤ 10 s, ≤ 1 GiB)
// is printed; a bench measures, it never fails a build. Smaller runs: BENCH_SYNC_CASES,
// BENCH_SYNC_INSTITUTIONS, BENCH_SYNC_BIG, BENCH_SYNC_WORKSTATIONS, BENCH_SYNC_SAMPLES,
// BENCH_SYNC_PUSHERS, BENCH_SYNC_BATCH, BENCH_SYNC_PUSH_SECONDS; BENCH_SYNC_SERVER_PROFILE profiles the server.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { benchCluster } from './sync/cluster.mjs';
import { accountId, caseCounts, caseId, DATABASE, institutionId, LOADER_VERSION, loadData, PASSWORD, ROLES } from './sync/load.mjs';
import { pool, Workstation } from './sync/workstations.mjs';

register();
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const INSTITUTIONS = env('BENCH_SYNC_INSTITUTIONS', 200);
const CASES = env('BENCH_SYNC_CASES', 1_000_000);
const BIG = Math.min(env('BENCH_SYNC_BIG', 10_000), CASES);
const WORKSTATIONS = env('BENCH_SYNC_WORKSTATIONS', 1000);
const SAMPLES = env('BENCH_SYNC_SAMPLES', 300);
const SAMPLERS = env('BENCH_SYNC_LATENCY_CONCURRENCY', 8);
// Fewer than the server's pool: a push holds its session's connection while it takes another per
// mutation, so as many pushes at once as the pool has connections wait for each other (500 after
// the pool's 10 s connection timeout; the client sends them again). Found by this bench.
const PUSHERS = env('BENCH_SYNC_PUSHERS', 16);
const BATCH = env('BENCH_SYNC_BATCH', 20);
const PUSH_SECONDS = env('BENCH_SYNC_PUSH_SECONDS', 60);
const DURABLE = process.env.BENCH_SYNC_FSYNC !== 'off';
// Whether the other workstations pull when nudged during (b), as they would (BENCH_SYNC_PULL_ON_NUDGE=0: not).
const PULL_ON_NUDGE = process.env.BENCH_SYNC_PULL_ON_NUDGE !== '0';
const POOL_SIZE = 20; // the server's default (--pool-size)
if (INSTITUTIONS < 2) throw new Error('BENCH_SYNC_INSTITUTIONS: at least 2 (the first is the big one, the others push).');

const MW = fileURLToPath(new URL('../../cli/bin/mw.mjs', import.meta.url));
const began = performance.now();
const loadStart = loadavg()[0];
const log = (message) => process.stderr.write(`bench sync: ${message}\n`);
const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
};
const seconds = (from) => (performance.now() - from) / 1000;

const server = await import('../../server/index.ts');
const identifiers = await import('../../shared/domain/identifiers.ts');
const { findPgBin } = await import('../../server/dev/throwaway-cluster.ts');
const { openSession } = await import('../../server/auth/sessions.ts');
const { inTenant } = await import('../../server/db/tenant.ts');
const { syncCaseBodySchema } = await import('../../shared/server/sync.ts');

// ---- the cluster, loaded once ------------------------------------------------------------------
const bin = findPgBin();
const pgVersion = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
const migrationsDigest = createHash('sha256')
  .update(server.readMigrations().map((m) => m.sha256).join(','))
  .digest('hex')
  .slice(0, 12);
const scale = `${INSTITUTIONS}i-${CASES}c-${BIG}b`;
const key = `v${LOADER_VERSION}-${migrationsDigest}-pg${/\d+/.exec(pgVersion)?.[0] ?? 'x'}`;
const cluster = benchCluster({ bin, root: process.env.BENCH_SYNC_DIR ?? join(tmpdir(), 'mw-bench-sync'), scale, key, fresh: process.env.BENCH_SYNC_FRESH === '1' });
let manifest;
const reused = cluster.ready;
if (reused) {
  manifest = JSON.parse(readFileSync(cluster.manifestFile, 'utf8'));
  log(`reusing the load in ${cluster.folder}`);
} else {
  log(`loading ${INSTITUTIONS} institutions and ${CASES} cases into ${cluster.folder} (once; reused by later runs)`);
  cluster.init();
  const started = performance.now();
  const loading = await cluster.start({ durable: false });
  manifest = await loadData({ cluster: loading, psql: join(bin, 'psql'), institutions: INSTITUTIONS, cases: CASES, big: BIG, server, identifiers, caseBodySchema: syncCaseBodySchema, log });
  manifest.loadSeconds = Math.round(seconds(started));
  cluster.stop();
  writeFileSync(cluster.manifestFile, JSON.stringify(manifest));
  log(`loaded in ${manifest.loadSeconds} s (${manifest.databaseMiB} MiB)`);
}
const counts = caseCounts(INSTITUTIONS, CASES, BIG);
const pgc = await cluster.start({ durable: DURABLE });
const superUrl = pgc.superUrl(DATABASE);
const appUrl = pgc.url(`${DATABASE}_app`, DATABASE);

let child = null;
const serverLog = [];
let rssTimer = null;
const workstations = [];
try {
  // ---- reset what earlier runs added ---------------------------------------------------------
  const admin = new pg.Pool({ connectionString: superUrl, max: POOL_SIZE });
  // A connection still closing when the cluster stops is cut by it: said, not thrown (a run once
  // ended so, after its figures).
  admin.on('error', (error) => log(`a connection of the bench's pool ended: ${error.message}`));
  await admin.query('TRUNCATE mw.records, mw.sync_mutations, mw.ledger_holders, mw.events, mw.access_log, mw.auth_sessions, bench.plain_records');
  await admin.query('DELETE FROM mw.changes c USING bench.loaded l WHERE c.institution_id = l.institution_id AND c.seq > l.seq');
  await admin.query('UPDATE mw.institutions i SET change_seq = l.seq FROM bench.loaded l WHERE i.id = l.institution_id AND i.change_seq <> l.seq');
  await admin.query('VACUUM ANALYZE mw.changes, mw.institutions, mw.cases');

  // ---- the server, a child process -----------------------------------------------------------
  // BENCH_SYNC_SERVER_PROFILE=<folder>: the server writes a V8 CPU profile there when it stops (--cpu-prof).
  const profile = process.env.BENCH_SYNC_SERVER_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SYNC_SERVER_PROFILE] : [];
  child = spawn(process.execPath, [...profile, MW, 'server', 'start', '--database-url', appUrl, '--behind-tls-proxy', '--host', '127.0.0.1', '--port', '0', '--pool-size', String(POOL_SIZE), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (c) => serverLog.push(String(c)) > 50 && serverLog.shift());
  const base = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.includes('"listening":true'));
      if (line) resolve(new URL(JSON.parse(line).url));
    });
    child.once('exit', (code) => reject(new Error(`mw server start ended (${code}): ${out} ${serverLog.join('')}`)));
  });
  const status = () => readFileSync(`/proc/${child.pid}/status`, 'utf8');
  // The server's CPU time (user + system), in seconds.
  const serverCpu = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const benchCpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const kib = (text, field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
  let rssSampledMax = 0;
  rssTimer = setInterval(() => {
    try {
      rssSampledMax = Math.max(rssSampledMax, kib(status(), 'VmRSS'));
    } catch {
      // The child has ended.
    }
  }, 250);
  log(`server pid ${child.pid} at ${base}`);

  // ---- 1,000 workstations: sessions and nudge sockets ----------------------------------------
  let started = performance.now();
  const appPool = new pg.Pool({ connectionString: appUrl, max: 4 });
  const byInstitution = Array.from({ length: INSTITUTIONS }, () => ({}));
  const specs = Array.from({ length: WORKSTATIONS }, (_, k) => ({ i: k % INSTITUTIONS, r: Math.floor(k / INSTITUTIONS) % ROLES.length }));
  await pool(specs, 4, async ({ i, r }) => {
    const account = { id: accountId(i, r), institutionId: institutionId(i) };
    const { token } = await inTenant(appPool, { institutionId: account.institutionId, accountId: null, role: '' }, (db) => openSession(db, account, '127.0.0.1', new Date()));
    const ws = new Workstation({ base, token, institution: i, role: ROLES[r], accountId: account.id });
    workstations.push(ws);
    byInstitution[i][ROLES[r]] ??= ws;
  });
  await appPool.end();
  const sessionsSeconds = seconds(started);
  started = performance.now();
  await pool(workstations, 50, (ws) => ws.connect());
  const connectSeconds = seconds(started);
  log(`${workstations.length} workstations with sessions (${round(sessionsSeconds)} s) and nudge sockets (${round(connectSeconds)} s)`);

  // ---- (a) a change on one workstation, seen on another of its institution ---------------------
  const samples = Array.from({ length: SAMPLES }, (_, k) => ({ i: 1 + (k % (INSTITUTIONS - 1)), n: 4 * Math.floor(k / (INSTITUTIONS - 1)) }));
  for (const s of samples) if (s.n >= counts[s.i]) throw new Error(`BENCH_SYNC_SAMPLES too many for the cases: institution ${s.i} has ${counts[s.i]}`);
  const stored = await admin.query('SELECT institution_id, id, record, parties, version FROM mw.cases WHERE (institution_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))', [samples.map((s) => institutionId(s.i)), samples.map((s) => caseId(s.i, s.n))]);
  const current = new Map(stored.rows.map((row) => [`${row.institution_id}|${row.id}`, row]));
  const waits = new Map();
  for (const { director } of byInstitution) {
    if (!director) continue;
    director.onChange = (change, at) => {
      const wait = waits.get(`${director.institution}|${change.kind}|${change.id}|${change.version}`);
      if (wait) wait(at);
    };
  }
  const latencies = [];
  const roundTrips = [];
  let failed = 0;
  let cpu = [serverCpu(), benchCpu()];
  started = performance.now();
  await pool(samples, SAMPLERS, async ({ i, n }, k) => {
    const pusher = byInstitution[i].m1;
    if (!pusher || !byInstitution[i].director) throw new Error('BENCH_SYNC_WORKSTATIONS: at least three per institution (administrator, director, mediator m1).');
    const row = current.get(`${institutionId(i)}|${caseId(i, n)}`);
    const version = row.version + 1;
    const waitKey = `${i}|cases|${row.id}|${version}`;
    let timer;
    const seen = new Promise((resolve) => {
      waits.set(waitKey, resolve);
      timer = setTimeout(() => resolve(null), 30_000);
    });
    const body = { case: { ...row.record, claims: `${row.record.claims}（第${k + 1}次修改）`, updatedAt: new Date().toISOString() }, parties: row.parties };
    const t0 = performance.now();
    const answer = await pusher.push([{ mutationId: randomUUID(), kind: 'cases', id: row.id, op: 'put', baseVersion: row.version, body }]);
    roundTrips.push(performance.now() - t0);
    if (answer.results[0]?.status !== 'applied') {
      failed += 1;
      log(`sample ${k}: ${JSON.stringify(answer.results[0]).slice(0, 300)}`);
      clearTimeout(timer);
      waits.delete(waitKey);
      return;
    }
    row.version = version;
    row.record = body.case;
    const at = await seen;
    clearTimeout(timer);
    waits.delete(waitKey);
    if (at === null) failed += 1;
    else latencies.push(at - t0);
  });
  const visibilitySeconds = seconds(started);
  const visibilityCpu = [serverCpu() - cpu[0], benchCpu() - cpu[1]];
  log(`visibility: ${latencies.length} samples, p95 ${round(percentile(latencies, 95) ?? NaN)} ms`);
  for (const ws of workstations) ws.onChange = null;

  // ---- (b) pushes applied per second, and plain INSERTs of the same rows -----------------------
  const pushers = Array.from({ length: PUSHERS }, (_, k) => {
    const i = 1 + (k % (INSTITUTIONS - 1));
    const m = Math.floor(k / (INSTITUTIONS - 1)) % 3;
    return { ws: byInstitution[i][ROLES[2 + m]], i, caseRef: caseId(i, m + 4 * 7) };
  }).filter((p) => p.ws && 4 * 7 + 3 < counts[p.i]);
  const applied = [];
  let rejected = 0;
  let pushes = 0;
  let failedPushes = 0;
  const pullsBefore = workstations.reduce((n, ws) => n + ws.pulls, 0);
  log(`pushing for ${PUSH_SECONDS} s: ${pushers.length} pushers, batches of ${BATCH} audit events`);
  if (!PULL_ON_NUDGE) for (const ws of workstations) ws.pullOnNudge = false;
  cpu = [serverCpu(), benchCpu()];
  started = performance.now();
  const deadline = started + PUSH_SECONDS * 1000;
  const pushRoundTrips = [];
  await Promise.all(
    pushers.map(async ({ ws, i, caseRef }) => {
      let n = 0;
      while (performance.now() < deadline) {
        const mutations = Array.from({ length: BATCH }, () => {
          n += 1;
          const body = { at: new Date().toISOString(), actorId: ws.accountId, actorName: `${ws.role}-${i + 1}`, entity: 'case', entityId: caseRef, caseId: caseRef, action: 'note.add', before: null, after: { text: `第${n}条记录`, n } };
          return { mutationId: randomUUID(), kind: 'events', id: `${ws.id}:${n}`, op: 'put', baseVersion: null, body };
        });
        const t0 = performance.now();
        // As the sync client does: a push that failed is sent again with the same ids.
        let answer = null;
        while (!answer) {
          try {
            answer = await ws.push(mutations);
          } catch (error) {
            failedPushes += 1;
            if (failedPushes <= 3) log(`a push failed, sent again: ${error.message.slice(0, 200)}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
        pushRoundTrips.push(performance.now() - t0);
        pushes += 1;
        answer.results.forEach((result, k) => {
          if (result.status === 'applied') applied.push({ institution: institutionId(i), account: ws.accountId, id: mutations[k].id, caseId: caseRef, body: mutations[k].body });
          else rejected += 1;
        });
      }
    }),
  );
  const pushSeconds = seconds(started);
  const pushCpu = [serverCpu() - cpu[0], benchCpu() - cpu[1]];
  const pullsDuring = workstations.reduce((n, ws) => n + ws.pulls, 0) - pullsBefore;
  log(`${applied.length} mutations applied in ${round(pushSeconds)} s; now the same rows as plain INSERTs`);
  started = performance.now();
  await pool(applied, PUSHERS, (row) =>
    admin.query("INSERT INTO bench.plain_records (institution_id, kind, id, case_id, version, body, updated_at, updated_by) VALUES ($1, 'events', $2, $3, 1, $4, now(), $5)", [row.institution, row.id, row.caseId, JSON.stringify(row.body), row.account]),
  );
  const insertSeconds = seconds(started);

  // ---- (c) a new workstation's first full pull of the institution with 10,000 cases ------------
  started = performance.now();
  const signIn = await fetch(new URL('api/v1/sign-in', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ institution: manifest.creditCodes[0], username: 'director', password: PASSWORD }) });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const { token } = await signIn.json();
  const signInSeconds = seconds(started);
  const newcomer = new Workstation({ base, token, institution: 0, role: 'director', accountId: accountId(0, 1) });
  let pulledCases = 0;
  let pages = 0;
  newcomer.onChange = (change) => (pulledCases += change.kind === 'cases' && change.op === 'put' ? 1 : 0);
  const pullStarted = performance.now();
  let more = true;
  while (more) {
    const page = await newcomer.call('GET', `/sync/pull?since=${newcomer.cursor}&limit=1000`);
    pages += 1;
    for (const change of page.changes) newcomer.onChange(change);
    newcomer.cursor = page.next;
    more = page.more;
  }
  const pullSeconds = seconds(pullStarted);
  const firstSyncSeconds = seconds(started);
  log(`first pull: ${pulledCases} cases in ${round(pullSeconds, 2)} s (${pages} pages)`);

  const hwm = kib(status(), 'VmHWM');
  clearInterval(rssTimer);
  const errors = workstations.reduce((n, ws) => n + ws.errors, 0);
  for (const ws of workstations) ws.close();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  child = null;
  await admin.end();

  const p95 = percentile(latencies, 95);
  const pushesPerSecond = applied.length / pushSeconds;
  const insertsPerSecond = applied.length / insertSeconds;
  const maxRssMiB = Math.max(hwm, rssSampledMax) / 1024;
  process.stdout.write(
    `${JSON.stringify({
      bench: 'sync',
      scale: { institutions: INSTITUTIONS, cases: CASES, bigInstitutionCases: counts[0], workstations: workstations.length, nudgeSockets: workstations.length, clientProcesses: 1 },
      database: { postgres: pgVersion, fsync: DURABLE ? 'on' : 'off', synchronousCommit: DURABLE ? 'on' : 'off', reusedLoad: reused, loadSeconds: manifest.loadSeconds, casesCopySeconds: manifest.casesCopySeconds, databaseMiB: manifest.databaseMiB, serverPoolSize: POOL_SIZE },
      machine: { cpus: cpus().length, loadAverageAtStart: round(loadStart, 2), loadAverageAtEnd: round(loadavg()[0], 2) },
      setup: { sessionsSeconds: round(sessionsSeconds, 2), nudgeConnectSeconds: round(connectSeconds, 2) },
      visibility: { samples: latencies.length, failed, concurrentSamplers: SAMPLERS, p50Ms: round(percentile(latencies, 50)), p95Ms: round(p95), maxMs: round(Math.max(...latencies)), pushRoundTripP50Ms: round(percentile(roundTrips, 50)), seconds: round(visibilitySeconds), serverCpuSeconds: round(visibilityCpu[0]), benchCpuSeconds: round(visibilityCpu[1]) },
      pushes: {
        pushers: pushers.length,
        batch: BATCH,
        seconds: round(pushSeconds),
        pushRequests: pushes,
        pushRequestsFailedAndSentAgain: failedPushes,
        mutationsApplied: applied.length,
        notApplied: rejected,
        perSecond: round(pushesPerSecond),
        pushRoundTripP50Ms: round(percentile(pushRoundTrips, 50)),
        pushRoundTripP95Ms: round(percentile(pushRoundTrips, 95)),
        pullsByNudgedWorkstations: pullsDuring,
        nudgedWorkstationsPull: PULL_ON_NUDGE,
        serverCpuSeconds: round(pushCpu[0]),
        benchCpuSeconds: round(pushCpu[1]),
        plainInsertsPerSecond: round(insertsPerSecond),
        plainInsertConnections: POOL_SIZE,
        ratioToPlainInserts: round(pushesPerSecond / insertsPerSecond, 3),
      },
      firstPull: { cases: pulledCases, pages, pullSeconds: round(pullSeconds, 2), signInSeconds: round(signInSeconds, 2), seconds: round(firstSyncSeconds, 2) },
      serverRss: { maxMiB: round(maxRssMiB), sampledMaxMiB: round(rssSampledMax / 1024) },
      clientErrors: errors,
      totalSeconds: round(seconds(began)),
      targets: { visibilityP95Ms: 1000, pushesPerSecond: 2000, firstPullSeconds: 10, serverRssMiB: 1024, totalMinutes: 20 },
      withinTargets: { visibility: p95 !== null && p95 <= 1000, pushes: pushesPerSecond >= 2000, firstPull: firstSyncSeconds <= 10, serverRss: maxRssMiB <= 1024, total: seconds(began) <= 1200 },
    })}\n`,
  );
} catch (error) {
  if (serverLog.length) log(`the server's last lines:\n${serverLog.join('')}`);
  throw error;
} finally {
  if (rssTimer) clearInterval(rssTimer);
  for (const ws of workstations) ws.close();
  if (child) child.kill('SIGKILL');
  cluster.stop();
}
