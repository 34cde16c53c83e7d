// Every lookup a push, a pull and the case routes make reaches its rows through the institution's
// part of an index. The primary keys begin with the institution, and the two policies on mw.cases
// (its own rows, or a definer's read) are joined by OR, so the policy lends the institution to no
// index: a query by id alone walked the whole index, every institution's cases (in the sync bench,
// a pushed mutation took about 370 ms among 1,000,000 cases). Here each query the server sent is
// replayed under EXPLAIN (ANALYZE, BUFFERS) among 40,000 cases of two institutions, as the same
// account, and must touch few pages: a count of pages, never a time.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, makeInstitution, startApi, startWorld, type Api, type MadeInstitution, type World } from './fixtures';
import { auditEvent, minutes, push, put } from './sync-fixtures';

const SEEDED = 20_000;
const MOST_PAGES = 40;

interface Sent {
  readonly sql: string;
  readonly values: unknown[];
}

let world: World;
let api: Api;
let pool: pg.Pool;
let a: MadeInstitution;
const sent: Sent[] = [];

/** A client that keeps each lookup of cases or records it sends (the writes that insert are left out). */
class RecordingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    const sql = typeof text === 'string' ? text : (text as { text?: string } | null)?.text;
    if (typeof sql === 'string' && /mw\.(cases|records)\b/.test(sql) && !/^\s*INSERT/i.test(sql)) sent.push({ sql, values: Array.isArray(values) ? values : [] });
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

async function seed(superuser: pg.Client, institution: MadeInstitution, prefix: string): Promise<void> {
  await superuser.query(
    `INSERT INTO mw.cases (institution_id, id, number, status, record, version)
     SELECT $1, $2 || n, $2 || '-' || n, 'registered', '{}'::jsonb, 1 FROM generate_series(1, $3) AS n`,
    [institution.id, prefix, SEEDED],
  );
  await superuser.query('ANALYZE mw.cases');
}

beforeAll(async () => {
  world = await startWorld('mwlookups');
  a = await makeInstitution(world.pool, 'mediation', '340202');
  const b = await makeInstitution(world.pool, 'mediation', '340203');
  // Seeded past the row-level policies, which hold even the tables' owner.
  const superuser = new pg.Client({ connectionString: world.db.superUrl });
  await superuser.connect();
  try {
    await seed(superuser, a, 'a-seed-a-');
    await seed(superuser, b, 'a-seed-b-');
  } finally {
    await superuser.end();
  }
  pool = new pg.Pool({ connectionString: world.db.appUrl, max: 4, Client: RecordingClient });
  api = await startApi(pool);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await pool?.end();
  await world?.stop();
});

/**
 * The pages the statements touch, each run as `institution`'s administrator and rolled back, on
 * one connection and measured at its second run (the first warms the connection's catalog caches,
 * whose pages would count too).
 */
async function pagesTouched(statements: readonly Sent[], institution: MadeInstitution): Promise<{ sql: string; pages: number }[]> {
  const client = await world.pool.connect();
  const run = async (statement: Sent): Promise<number> => {
    await client.query('BEGIN');
    try {
      await client.query("SELECT set_config('app.institution', $1, true), set_config('app.account', $2, true), set_config('app.role', 'admin', true)", [institution.id, institution.adminId]);
      const result = await client.query<{ 'QUERY PLAN': [{ Plan: Record<string, number> }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, statement.values);
      const plan = result.rows[0]?.['QUERY PLAN'][0]?.Plan ?? {};
      return (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
    } finally {
      await client.query('ROLLBACK');
    }
  };
  try {
    const touched: { sql: string; pages: number }[] = [];
    for (const statement of statements) {
      await run(statement);
      touched.push({ sql: statement.sql.replace(/\s+/g, ' '), pages: await run(statement) });
    }
    return touched;
  } finally {
    client.release();
  }
}

describe('lookups by id', () => {
  it("touch a few pages of the institution's own part of each index, however many cases the server holds", async () => {
    const token = await api.signIn(a);
    const ws = '00000000-0000-4000-8000-000000000001';
    const made = makeCase('look-c1', 'L-001', null);
    const first = await push(api, token, ws, [put('cases', 'look-c1', made), put('minutes', 'look-c1#s1', minutes('look-c1', 'look-c1#s1', ['到场'])), put('events', `${ws}:1`, auditEvent('look-c1', 'note.add', 1))]);
    expect(first.parsed?.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const second = await push(api, token, ws, [put('cases', 'look-c1', { ...made, case: { ...made.case, claims: '改过的请求' } }, 1), put('minutes', 'look-c1#s1', minutes('look-c1', 'look-c1#s1', ['到场', '陈述'], 2), 1)]);
    expect(second.parsed?.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await api.call('GET', '/cases/look-c1', { token })).status).toBe(200);
    expect((await api.call('GET', '/cases?after=look', { token })).status).toBe(200);
    expect((await api.call('GET', '/sync/pull?since=0', { token })).status).toBe(200);

    const distinct = [...new Map(sent.map((s) => [s.sql, s])).values()];
    // Reading a case, a record and the pull's pages at least; each within the bound.
    expect(distinct.length).toBeGreaterThanOrEqual(6);
    const touched = await pagesTouched(distinct, a);
    expect(touched.filter((t) => t.pages > MOST_PAGES)).toEqual([]);
  }, 120_000);
});
