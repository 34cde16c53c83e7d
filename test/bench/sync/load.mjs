// The sync bench's data, loaded once into its kept cluster (./cluster.mjs): the database with its
// two roles and every migration, then as the cluster's superuser (COPY cannot run under row-level
// security; session_replication_role=replica leaves the change log's notify trigger out of a bulk
// load) N institutions of the mediation kind, each with five accounts (admin, director, mediators
// m1–m3), and the cases — the first institution exactly BIG cases, the others the rest in equal
// shares — each a valid case of the workstation's schema with two parties, a quarter unassigned
// and the rest spread over the three mediators, plus one change-log entry per case (seq 1…n per
// institution), so a new workstation's first pull gives them all. Loaded by COPY through psql.
// LOADER_VERSION names this recipe: change it when the data made here changes.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';

export const LOADER_VERSION = 1;
export const DATABASE = 'mwbench';
export const ROLES = ['admin', 'director', 'm1', 'm2', 'm3'];
export const PASSWORD = 'bench password 1';

/** A UUID-shaped id, deterministic from two numbers (institution, n). */
export const idOf = (a, b, tag = 4) => `${a.toString(16).padStart(8, '0')}-0000-${tag}000-8000-${b.toString(16).padStart(12, '0')}`;
export const institutionId = (i) => idOf(i, 0, 1);
export const accountId = (i, r) => idOf(i, r, 2);
export const caseId = (i, n) => idOf(i, n, 4);
/** Case n's mediator: m1, m2, m3 for n % 4 = 0, 1, 2; unassigned for 3. */
export const mediatorOf = (i, n) => (n % 4 === 3 ? null : accountId(i, 2 + (n % 4)));

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英';
const name = (n) => SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length] + GIVEN[(n * 13 + 3) % GIVEN.length];

/** The case record and parties the workstation would have for case n of institution i (text for COPY). */
export function makeCase(i, n, residentIdCheckChar) {
  const id = caseId(i, n);
  const at = new Date(Date.UTC(2024, 0, 1) + ((n * 7919) % (900 * 86400)) * 1000).toISOString();
  const year = Number(at.slice(0, 4));
  const applicant = name(n);
  const respondent = name(n + 11);
  const idNumber = (k) => {
    const first = `340202${1960 + (k % 40)}${String(1 + (k % 12)).padStart(2, '0')}${String(1 + (k % 28)).padStart(2, '0')}${String(k % 1000).padStart(3, '0')}`;
    return first + residentIdCheckChar(first);
  };
  const record = {
    id,
    number: `（${year}）基调字第${String(n + 1).padStart(6, '0')}号`,
    year,
    seq: n + 1,
    category: 'NBR',
    categoryFields: {},
    source: 'walk_in',
    claims: `请求${respondent}停止在楼道堆放杂物并赔偿损失${(n % 50) * 100}元`,
    amountFen: (n % 50) * 10_000,
    description: `申请人${applicant}与被申请人${respondent}系同一单元邻居，因楼道堆放杂物、噪音等问题多次发生争执，社区网格员建议到调解委员会申请调解。`,
    status: 'registered',
    mediatorId: mediatorOf(i, n),
    registeredAt: at,
    mediationDeadline: null,
    agreementEffectiveOn: null,
    confirmationDeadline: null,
    activeDeadline: null,
    closedAt: null,
    partySummary: `${applicant} / ${respondent}`,
    searchTerms: [applicant, respondent],
    createdBy: 'workstation',
    updatedAt: at,
    updatedBy: 'workstation',
    version: 1,
  };
  const parties = [
    { id: `${id}-p1`, caseId: id, side: 'applicant', kind: 'natural', name: applicant, idType: 'resident_id', idNumber: idNumber(n), phone: `138${String(n % 1e8).padStart(8, '0')}`, address: '镜湖区某小区' },
    { id: `${id}-p2`, caseId: id, side: 'respondent', kind: 'natural', name: respondent, idType: 'resident_id', idNumber: idNumber(n + 17), phone: '', address: '镜湖区某小区' },
  ];
  return { record, parties, at };
}

// COPY's text format: backslash, tab, newline and carriage return escaped.
const copyText = (value) => (value === null ? '\\N' : String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]));

/** Streams rows into `COPY <table> (<columns>) FROM STDIN` through psql, honouring back-pressure. */
async function copyInto(psql, url, table, columns, rows) {
  const child = spawn(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', `COPY ${table} (${columns.join(', ')}) FROM STDIN`], {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, PGOPTIONS: '-c session_replication_role=replica' },
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = once(child, 'exit');
  let buffer = '';
  for (const row of rows) {
    buffer += `${row.map(copyText).join('\t')}\n`;
    if (buffer.length >= 1 << 20) {
      if (!child.stdin.write(buffer)) await once(child.stdin, 'drain');
      buffer = '';
    }
  }
  child.stdin.end(buffer);
  const [code] = await exited;
  if (code !== 0) throw new Error(`COPY ${table}: psql ended with ${code}: ${stderr}`);
}

/** Cases per institution: the first BIG, the others share the rest. */
export function caseCounts(institutions, cases, big) {
  const rest = Math.max(0, cases - big);
  return Array.from({ length: institutions }, (_, i) => (i === 0 ? Math.min(big, cases) : Math.floor(rest / (institutions - 1)) + (i - 1 < rest % (institutions - 1) ? 1 : 0)));
}

/**
 * Loads everything into the running cluster and answers the manifest the runs read (what is
 * where, and the change-log head of each institution after the load).
 */
export async function loadData({ cluster, psql, institutions, cases, big, server, identifiers, caseBodySchema, log }) {
  const superClient = new pg.Client({ connectionString: cluster.superUrl() });
  await superClient.connect();
  await superClient.query(`CREATE ROLE ${DATABASE}_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB`);
  await superClient.query(`CREATE ROLE ${DATABASE}_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB`);
  await superClient.query(`CREATE DATABASE ${DATABASE} OWNER ${DATABASE}_owner`);
  await superClient.end();
  const owner = new pg.Client({ connectionString: cluster.url(`${DATABASE}_owner`, DATABASE) });
  await owner.connect();
  await server.migrate(owner, { appRole: `${DATABASE}_app` });
  await owner.end();

  const superUrl = cluster.superUrl(DATABASE);
  const db = new pg.Client({ connectionString: superUrl });
  await db.connect();
  // Every account's password hashed once with the server's own parameters (a real sign-in is timed).
  const password = JSON.stringify(await server.hashPassword(PASSWORD));
  const counts = caseCounts(institutions, cases, big);
  const now = new Date().toISOString();
  const institutionRows = counts.map((_, i) => {
    const first = `51340202MJ${String(i + 1).padStart(7, '0')}`;
    return [institutionId(i), 'mediation', `基准调解委员会${i + 1}`, first + identifiers.creditCodeCheckChar(first), '340202', '', 7, counts[i], now, now, 1];
  });
  await copyInto(psql, superUrl, 'mw.institutions', ['id', 'kind', 'name', 'credit_code', 'area_code', 'address', 'offline_grace_days', 'change_seq', 'created_at', 'updated_at', 'version'], institutionRows);
  const roleOf = { admin: 'admin', director: 'director', m1: 'mediator', m2: 'mediator', m3: 'mediator' };
  const accountRows = counts.flatMap((_, i) => ROLES.map((username, r) => [accountId(i, r), institutionId(i), username, `${username}-${i + 1}`, roleOf[username], null, true, password, now, now, 1]));
  await copyInto(psql, superUrl, 'mw.accounts', ['id', 'institution_id', 'username', 'display_name', 'role', 'license_no', 'active', 'password', 'created_at', 'updated_at', 'version'], accountRows);

  let done = 0;
  const started = performance.now();
  function* caseRows() {
    for (let i = 0; i < counts.length; i++) {
      for (let n = 0; n < counts[i]; n++) {
        const { record, parties, at } = makeCase(i, n, identifiers.residentIdCheckChar);
        // The workstation's own schema holds every case loaded (a sample of them checked).
        if (n % 997 === 0) caseBodySchema.parse({ case: record, parties });
        yield [institutionId(i), record.id, record.number, record.status, record.mediatorId, JSON.stringify(record), JSON.stringify(parties), 1, at, null];
        done += 1;
        if (done % 100_000 === 0) log(`${done} cases made (${Math.round(done / ((performance.now() - started) / 1000))} a second)`);
      }
    }
  }
  await copyInto(psql, superUrl, 'mw.cases', ['institution_id', 'id', 'number', 'status', 'mediator_id', 'record', 'parties', 'version', 'updated_at', 'updated_by'], caseRows());
  const casesSeconds = (performance.now() - started) / 1000;
  function* changeRows() {
    for (let i = 0; i < counts.length; i++) for (let n = 0; n < counts[i]; n++) yield [institutionId(i), n + 1, 'cases', caseId(i, n), 'put', null, now, caseId(i, n)];
  }
  await copyInto(psql, superUrl, 'mw.changes', ['institution_id', 'seq', 'kind', 'record_id', 'op', 'account_id', 'at', 'case_id'], changeRows());
  // What each run resets to: the change log as loaded.
  await db.query('CREATE SCHEMA bench');
  await db.query('CREATE TABLE bench.loaded AS SELECT id AS institution_id, change_seq AS seq FROM mw.institutions');
  await db.query('CREATE TABLE bench.plain_records (LIKE mw.records INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)');
  log('analysing');
  await db.query('VACUUM ANALYZE');
  await db.query('CHECKPOINT');
  const size = await db.query('SELECT pg_database_size(current_database()) AS bytes');
  await db.end();
  return {
    loaderVersion: LOADER_VERSION,
    institutions,
    cases,
    big,
    counts,
    creditCodes: institutionRows.map((row) => row[3]),
    loadedAt: now,
    casesCopySeconds: Math.round(casesSeconds),
    databaseMiB: Math.round(Number(size.rows[0].bytes) / 1048576),
  };
}
