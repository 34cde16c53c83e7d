// The engine's side of the center server, against a real PostgreSQL (one throwaway cluster for this
// file): migrations apply once and in order, and the row-level security policies confine the
// application's database role even when a query carries no filter at all.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../server/db/migrate';
import { migrate, MigrationError, readMigrations } from '../../../server';
import { asTenant, creditCode, makeCase, makeInstitution, startWorld, type MadeInstitution, type World } from './fixtures';

let world: World;
let a: MadeInstitution;
let b: MadeInstitution;
let bureau: MadeInstitution;
let court: MadeInstitution;
let mediatorA: string;

/** A case written as the server writes one: in a transaction as the institution's administrator. */
async function putCase(institution: MadeInstitution, id: string, number: string, mediatorId: string | null): Promise<void> {
  const { case: record, parties } = makeCase(id, number, mediatorId);
  await asTenant(world.pool, { institutionId: institution.id, accountId: institution.adminId, role: 'admin' }, 'INSERT INTO mw.cases (institution_id, id, number, status, mediator_id, record, parties, version, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)', [
    institution.id,
    id,
    number,
    record.status,
    mediatorId,
    JSON.stringify(record),
    JSON.stringify(parties),
    institution.adminId,
  ]);
}

async function owner<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: world.db.ownerUrl });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  world = await startWorld('mwdb');
  a = await makeInstitution(world.pool, 'mediation', '340202');
  b = await makeInstitution(world.pool, 'mediation', '340203');
  court = await makeInstitution(world.pool, 'court', '340202');
  bureau = await makeInstitution(world.pool, 'justice_bureau', '340200');
  mediatorA = randomUUID();
  await asTenant(world.pool, { institutionId: a.id, accountId: a.adminId, role: 'admin' }, "INSERT INTO mw.accounts (id, institution_id, username, display_name, role, password) VALUES ($1, $2, 'med', '调解员', 'mediator', '{}')", [mediatorA, a.id]);
  await putCase(a, 'a-own', 'A-1', mediatorA);
  await putCase(a, 'a-free', 'A-2', null);
  await putCase(a, 'a-other', 'A-3', a.adminId);
  await putCase(b, 'b-1', 'B-1', null);
  await putCase(b, 'b-2', 'B-2', null);
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe('migrations', () => {
  it('applied each migration once, and a second run applies nothing', async () => {
    const rows = await owner<{ version: number }>('SELECT version FROM mw.schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    const client = new pg.Client({ connectionString: world.db.ownerUrl });
    await client.connect();
    try {
      expect(await migrate(client, { appRole: world.db.appRole })).toEqual({ applied: [], version: readMigrations().length });
    } finally {
      await client.end();
    }
  });

  it('refuses an applied migration whose file changed, and a gap in the numbers', async () => {
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, sha256: '0'.repeat(64) } : m));
    const client = new pg.Client({ connectionString: world.db.ownerUrl });
    await client.connect();
    try {
      await expect(migrate(client, { appRole: world.db.appRole, migrations: changed })).rejects.toThrow(/changed after it was applied/);
      await expect(migrate(client, { appRole: world.db.appRole, migrations: [] })).rejects.toThrow(/newer than this server/);
    } finally {
      await client.end();
    }
    const dir = mkdtempSync(join(tmpdir(), 'mw-migrations-'));
    for (const file of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, file), join(dir, file));
    writeFileSync(join(dir, '0003_later.sql'), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(MigrationError);
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a new migration in order, once, in its own transaction (a failing one leaves nothing)', async () => {
    const fresh = await world.cluster.createDatabase('mwfresh');
    const client = new pg.Client({ connectionString: fresh.ownerUrl });
    await client.connect();
    try {
      const base = readMigrations();
      const next = (version: number, sql: string) => ({ version, name: `test_${version}`, sql, sha256: `${version}`.padStart(64, '0') });
      const failing = [...base, next(base.length + 1, 'CREATE TABLE mw.half_done (x int); SELECT 1/0;')];
      await expect(migrate(client, { appRole: fresh.appRole, migrations: failing })).rejects.toThrow(/division by zero/);
      // The foundation went in; the failed migration left neither its table nor its record.
      expect((await client.query('SELECT version FROM mw.schema_migrations ORDER BY version')).rows.map((r) => r.version)).toEqual(base.map((m) => m.version));
      expect((await client.query("SELECT to_regclass('mw.half_done') AS t")).rows[0].t).toBeNull();
      const good = [...base, next(base.length + 1, 'CREATE TABLE mw.later (x int);')];
      expect((await migrate(client, { appRole: fresh.appRole, migrations: good })).applied).toEqual([base.length + 1]);
      expect((await migrate(client, { appRole: fresh.appRole, migrations: good })).applied).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('refuses to migrate as a superuser, or for an application role that row-level security would not hold', async () => {
    const superClient = new pg.Client({ connectionString: world.db.superUrl });
    await superClient.connect();
    try {
      await expect(migrate(superClient, { appRole: world.db.appRole })).rejects.toThrow(/superuser/);
    } finally {
      await superClient.end();
    }
    const client = new pg.Client({ connectionString: world.db.ownerUrl });
    await client.connect();
    try {
      await expect(migrate(client, { appRole: 'mw_super' })).rejects.toThrow(/superuser or has BYPASSRLS/);
      await expect(migrate(client, { appRole: 'mwdb_owner' })).rejects.toThrow(/must not be the schema's owner/);
      await expect(migrate(client, { appRole: 'nobody_here' })).rejects.toThrow(/does not exist/);
    } finally {
      await client.end();
    }
  });
});

describe('row-level security, through the application role', () => {
  it('forces row-level security on every table of the schema but the migrations table', async () => {
    const tables = await owner<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'mw' AND c.relkind = 'r' ORDER BY 1",
    );
    const tenant = tables.filter((t) => t.relname !== 'schema_migrations');
    expect(tenant.map((t) => t.relname)).toEqual(['access_log', 'accounts', 'auth_sessions', 'cases', 'changes', 'events', 'file_shares', 'files', 'institutions', 'ledger_holders', 'records', 'referrals', 'report_filings', 'sync_mutations', 'uploads']);
    expect(tenant.every((t) => t.relrowsecurity && t.relforcerowsecurity)).toBe(true);
  });

  it('a query with no filter returns nothing of another institution, in any table', async () => {
    const asA = { institutionId: a.id, accountId: a.adminId, role: 'admin' };
    for (const table of ['institutions', 'accounts', 'auth_sessions', 'cases', 'events', 'changes', 'access_log']) {
      const column = table === 'institutions' ? 'id' : 'institution_id';
      const rows = await asTenant<{ owner: string }>(world.pool, asA, `SELECT ${column} AS owner FROM mw.${table}`);
      expect(rows.every((r) => r.owner === a.id), table).toBe(true);
    }
    const cases = await asTenant<{ id: string }>(world.pool, asA, 'SELECT id FROM mw.cases ORDER BY id');
    expect(cases.map((c) => c.id)).toEqual(['a-free', 'a-other', 'a-own']);
    // Without any setting, the role sees no tenant row at all.
    const client = await world.pool.connect();
    try {
      for (const table of ['institutions', 'accounts', 'cases', 'events', 'referrals', 'access_log']) expect((await client.query(`SELECT * FROM mw.${table}`)).rows, table).toEqual([]);
    } finally {
      client.release();
    }
  });

  it('cannot write into another institution, nor move a row there', async () => {
    const asA = { institutionId: a.id, accountId: a.adminId, role: 'admin' };
    const { case: record } = makeCase('x', 'X-1', null);
    await expect(asTenant(world.pool, asA, "INSERT INTO mw.cases (institution_id, id, number, status, record, version) VALUES ($1, 'x', 'X-1', 'registered', $2, 1)", [b.id, JSON.stringify(record)])).rejects.toThrow(/row-level security/);
    expect(await asTenant(world.pool, asA, "UPDATE mw.cases SET number = 'hacked' WHERE id = 'b-1' RETURNING id")).toEqual([]);
    await expect(asTenant(world.pool, asA, "UPDATE mw.cases SET institution_id = $1 WHERE id = 'a-free'", [b.id])).rejects.toThrow(/row-level security/);
    const bRows = await asTenant<{ number: string }>(world.pool, { institutionId: b.id, role: 'admin', accountId: b.adminId }, "SELECT number FROM mw.cases WHERE id = 'b-1'");
    expect(bRows).toEqual([{ number: 'B-1' }]);
  });

  it('a mediator sees their own and the unassigned cases; the director and administrator all', async () => {
    const ids = async (role: string, accountId: string) => (await asTenant<{ id: string }>(world.pool, { institutionId: a.id, accountId, role }, 'SELECT id FROM mw.cases ORDER BY id')).map((r) => r.id);
    expect(await ids('mediator', mediatorA)).toEqual(['a-free', 'a-own']);
    expect(await ids('lawyer', mediatorA)).toEqual(['a-free', 'a-own']);
    expect(await ids('director', randomUUID())).toEqual(['a-free', 'a-other', 'a-own']);
    expect(await ids('admin', a.adminId)).toEqual(['a-free', 'a-other', 'a-own']);
    expect(await ids('', a.adminId)).toEqual([]);
    // Nor may a mediator take another's case by writing to it.
    expect(await asTenant(world.pool, { institutionId: a.id, accountId: mediatorA, role: 'mediator' }, "UPDATE mw.cases SET mediator_id = $1 WHERE id = 'a-other' RETURNING id", [mediatorA])).toEqual([]);
    await expect(asTenant(world.pool, { institutionId: a.id, accountId: mediatorA, role: 'mediator' }, "UPDATE mw.cases SET mediator_id = $1 WHERE id = 'a-own'", [a.adminId])).rejects.toThrow(/row-level security/);
  });

  it('the justice bureau reads no case row, only the counts of its area', async () => {
    const asBureau = { institutionId: bureau.id, accountId: bureau.adminId, role: 'admin' };
    expect(await asTenant(world.pool, asBureau, 'SELECT * FROM mw.cases')).toEqual([]);
    expect(await asTenant(world.pool, { ...asBureau, role: 'director' }, 'SELECT * FROM mw.cases')).toEqual([]);
    const figures = await asTenant<{ area_code: string; institution_kind: string; status: string; cases: string }>(world.pool, asBureau, 'SELECT * FROM mw.area_figures()');
    expect(figures).toEqual([
      { area_code: '340202', institution_kind: 'mediation', status: 'registered', cases: '3' },
      { area_code: '340203', institution_kind: 'mediation', status: 'registered', cases: '2' },
    ]);
    // The function is the bureau's only: an institution of another kind is refused.
    await expect(asTenant(world.pool, { institutionId: a.id, accountId: a.adminId, role: 'admin' }, 'SELECT * FROM mw.area_figures()')).rejects.toThrow(/justice bureau/);
    // And the credit-code lookup answers an id and a kind, nothing else.
    const found = await asTenant<Record<string, unknown>>(world.pool, asBureau, 'SELECT * FROM mw.institution_by_credit_code($1)', [a.creditCode]);
    expect(Object.keys(found[0] ?? {}).sort()).toEqual(['id', 'kind']);
  });

  it('a referral is seen by exactly its sender and its receiver', async () => {
    const id = randomUUID();
    await asTenant(world.pool, { institutionId: a.id, accountId: a.adminId, role: 'admin' }, "INSERT INTO mw.referrals (id, sender_institution_id, receiver_institution_id, case_id, kind, payload, created_by) VALUES ($1, $2, $3, 'a-free', 'confirmation_package', '{}', $4)", [id, a.id, court.id, a.adminId]);
    const seen = async (who: MadeInstitution) => (await asTenant<{ id: string }>(world.pool, { institutionId: who.id, accountId: who.adminId, role: 'admin' }, 'SELECT id FROM mw.referrals')).map((r) => r.id);
    expect(await seen(a)).toEqual([id]);
    expect(await seen(court)).toEqual([id]);
    expect(await seen(b)).toEqual([]);
    expect(await seen(bureau)).toEqual([]);
    // A third institution cannot send in another's name.
    await expect(asTenant(world.pool, { institutionId: b.id, accountId: b.adminId, role: 'admin' }, "INSERT INTO mw.referrals (id, sender_institution_id, receiver_institution_id, kind, payload, created_by) VALUES ($1, $2, $3, 'referral', '{}', $4)", [randomUUID(), a.id, court.id, b.adminId])).rejects.toThrow(/row-level security/);
  });

  it('keeps the access log and the audit events append-only for the application role', async () => {
    const asA = { institutionId: a.id, accountId: a.adminId, role: 'admin' };
    await asTenant(world.pool, asA, "INSERT INTO mw.access_log (institution_id, account_id, what, case_id, subject) VALUES ($1, $2, 'id_number', 'a-own', 'a-own-p1')", [a.id, a.adminId]);
    await expect(asTenant(world.pool, asA, 'DELETE FROM mw.access_log')).rejects.toThrow(/permission denied/);
    await expect(asTenant(world.pool, asA, "UPDATE mw.access_log SET subject = 'x'")).rejects.toThrow(/permission denied/);
    await expect(asTenant(world.pool, asA, 'DELETE FROM mw.events')).rejects.toThrow(/permission denied/);
    // Nobody logs in another's name; a mediator does not read the institution's log.
    await expect(asTenant(world.pool, asA, "INSERT INTO mw.access_log (institution_id, account_id, what, case_id, subject) VALUES ($1, $2, 'id_number', 'a-own', 'p')", [a.id, mediatorA])).rejects.toThrow(/row-level security/);
    expect(await asTenant(world.pool, { institutionId: a.id, accountId: mediatorA, role: 'mediator' }, 'SELECT * FROM mw.access_log')).toEqual([]);
    expect(await asTenant(world.pool, { institutionId: b.id, accountId: b.adminId, role: 'admin' }, 'SELECT * FROM mw.access_log')).toEqual([]);
  });

  it('holds the schema\'s owner to the policies too (FORCE): connected directly, it sees no tenant row', async () => {
    for (const table of ['institutions', 'accounts', 'cases', 'referrals', 'events']) expect(await owner(`SELECT * FROM mw.${table}`), table).toEqual([]);
    // Through the credit-code lookup the owner, called by itself, finds nothing either: only another role's call is let through.
    expect(await owner('SELECT * FROM mw.institution_by_credit_code($1)', [a.creditCode])).toEqual([]);
  });

  it('the application role is neither superuser, BYPASSRLS nor the owner of anything', async () => {
    const [role] = await owner<{ rolsuper: boolean; rolbypassrls: boolean }>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [world.db.appRole]);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await owner<{ n: string }>("SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'mw' AND pg_get_userbyid(c.relowner) = $1", [world.db.appRole]);
    expect(owned[0]?.n).toBe('0');
  });
});

describe('the mw server commands', () => {
  it('migrate, create-institution and start run against the database as the README says', async () => {
    const { runServer } = await import('../../../cli/src/commands/server');
    const fresh = await world.cluster.createDatabase('mwcli');
    const out: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s) };
    expect(await runServer(['migrate', '--database-url', fresh.ownerUrl, '--app-role', fresh.appRole, '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop() as string)).toEqual({ applied: readMigrations().map((m) => m.version), version: readMigrations().length, appRole: fresh.appRole });
    expect(await runServer(['migrate', '--database-url', fresh.ownerUrl, '--app-role', fresh.appRole, '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop() as string).applied).toEqual([]);

    const code = creditCode('11340202003000000');
    const created = ['create-institution', '--database-url', fresh.appUrl, '--kind', 'court', '--name', '芜湖市镜湖区人民法院', '--credit-code', code, '--area-code', '340202', '--admin-username', 'Clerk.Admin', '--admin-name', '王书记员', '--json'];
    expect(await runServer(created, io)).toBe(0);
    const made = JSON.parse(out.pop() as string);
    expect(made).toMatchObject({ institution: { kind: 'court', creditCode: code, areaCode: '340202' }, admin: { username: 'clerk.admin', role: 'admin' } });
    expect(made.adminPassword).toMatch(/^[A-Za-z][A-Za-z0-9]{10}\d$/);
    // The same credit code twice is refused, as is a credit code with a wrong check character.
    await expect(runServer(created, io)).rejects.toThrow(/creditCode \(credit\.taken\)/);
    await expect(runServer(created.map((v) => (v === code ? `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}` : v)), io)).rejects.toThrow(/credit\.checksum/);

    // The server refuses to run as the owner (row-level security would not hold it)…
    await expect(runServer(['start', '--database-url', fresh.ownerUrl, '--behind-tls-proxy', '--port', '0'], io)).rejects.toThrow(/owner of schema mw/);
    // …and to speak plain HTTP unless told a TLS proxy is in front.
    await expect(runServer(['start', '--database-url', fresh.appUrl, '--port', '0'], io)).rejects.toThrow(/--behind-tls-proxy/);
    const stop = new AbortController();
    const running = runServer(['start', '--database-url', fresh.appUrl, '--behind-tls-proxy', '--port', '0', '--json'], io, stop.signal);
    await expect.poll(() => out.some((line) => line.includes('"listening":true')), { timeout: 10_000 }).toBe(true);
    const { url } = JSON.parse(out.find((line) => line.includes('"listening":true')) as string);
    const health = await fetch(`${url}api/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const signIn = await fetch(`${url}api/v1/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ institution: code, username: 'clerk.admin', password: made.adminPassword }) });
    expect(signIn.status).toBe(200);
    stop.abort();
    expect(await running).toBe(0);
  }, 60_000);
});
