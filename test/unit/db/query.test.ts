// The planner's answers must equal a brute-force filter over every case, for many random
// combinations of filters, sorts, viewers and page sizes; paging must visit each row once. The
// seed's cases carry districts and risk marks (./marked-seed.ts), so those filters are drawn too.
import { beforeAll, describe, expect, it } from 'vitest';
import { caseDistricts, countCases, queryCases, type Cursor } from '../../../renderer/features/case-store';
import type { DataStore } from '../../../renderer/data';
import type { CaseQuery } from '../../../shared/domain/case-query';
import { canViewCase } from '../../../shared/domain/permissions';
import { normalizeSearchText } from '../../../shared/domain/search';
import { todayIn } from '../../../shared/domain/deadlines';
import { isOpen } from '../../../shared/domain/lifecycle';
import { CASE_SOURCES, CASE_STATUSES, type User } from '../../../shared/domain/model';
import { mulberry32 } from '../../../shared/seed/prng';
import type { SeedDataset } from '../../../shared/seed/generate';
import { SEED_TODAY } from './seeded';
import { DISTRICTS, markedSeededDb } from './marked-seed';

type Row = SeedDataset['cases'][number];

function bruteForce(rows: Row[], q: CaseQuery, viewer: User): Row[] {
  const text = q.text ? normalizeSearchText(q.text) : '';
  const day = (r: Row) => todayIn('Asia/Shanghai', new Date(r.registeredAt));
  const out = rows.filter(
    (r) =>
      (!q.category || r.category === q.category) &&
      (!q.status || r.status === q.status) &&
      (!q.mediatorId || r.mediatorId === (q.mediatorId === 'unassigned' ? null : q.mediatorId)) &&
      (!q.source || r.source === q.source) &&
      (!q.district || r.district === q.district) &&
      (!q.risk || (r.escalationRisk !== undefined && isOpen(r.status))) &&
      (!q.from || day(r) >= q.from) &&
      (!q.to || day(r) <= q.to) &&
      (!q.overdue || (r.activeDeadline !== null && r.activeDeadline < SEED_TODAY)) &&
      (!text || r.searchTerms.some((t) => t.startsWith(text))) &&
      canViewCase(viewer, r),
  );
  const key = (r: Row): [string | number, string | number] =>
    q.sort === 'number' ? [r.year, r.seq] : q.sort === 'activeDeadline' ? [r.activeDeadline ?? '\uffff', r.id] : [r.registeredAt, r.id];
  out.sort((a, b) => {
    const [a1, a2] = key(a);
    const [b1, b2] = key(b);
    const c = a1 < b1 ? -1 : a1 > b1 ? 1 : a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
    return q.dir === 'asc' ? c : -c;
  });
  return out;
}

async function allPages(db: DataStore, q: CaseQuery, viewer: User, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: Cursor | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await queryCases(db, q, viewer, { limit, ...(after ? { after } : {}) }, { today: SEED_TODAY });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    expect(page.rows.length).toBe(limit);
    after = page.next;
  }
  throw new Error('paging did not end');
}

describe('case queries', () => {
  let db: DataStore;
  let data: SeedDataset;
  beforeAll(async () => {
    ({ db, data } = await markedSeededDb(1500));
  }, 120_000);

  it('pages through all cases once in each sort order', async () => {
    const admin = data.users.find((u) => u.role === 'admin') as User;
    for (const sort of ['registeredAt', 'number', 'activeDeadline'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const q: CaseQuery = { sort, dir };
        const ids = await allPages(db, q, admin, 97);
        expect(ids).toEqual(bruteForce(data.cases, q, admin).map((r) => r.id));
      }
    }
  });

  it('answers random filter combinations exactly like a brute-force filter', async () => {
    const rng = mulberry32(2026);
    const mediators = data.users.filter((u) => u.role === 'mediator' || u.role === 'lawyer');
    const names = data.parties.map((p) => p.name);
    const texts = () => {
      const name = rng.pick(names);
      const chars = [...name];
      const start = rng.int(0, chars.length - 1);
      return rng.weighted([
        [chars.slice(start, start + rng.int(1, 2)).join(''), 5],
        [rng.pick(data.parties).phone.slice(-4) || '1', 1],
        [String(rng.pick(data.cases).seq), 1],
        [rng.pick(data.cases).number.slice(1, 5), 1],
        [' 张 ', 1],
      ] as const);
    };
    const pick = <T,>(p: number, f: () => T): T | undefined => (rng.chance(p) ? f() : undefined);
    for (let i = 0; i < 120; i++) {
      const from = pick(0.2, () => `202${rng.int(4, 6)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`);
      const q: CaseQuery = {
        sort: rng.pick(['registeredAt', 'number', 'activeDeadline'] as const),
        dir: rng.pick(['asc', 'desc'] as const),
        ...(pick(0.4, () => rng.weighted([['NBR', 5], ['FAM', 4], ['IPR', 1], ['LAB', 3]] as const)) ? { category: rng.pick(['NBR', 'FAM', 'IPR', 'LAB'] as const) } : {}),
        ...(rng.chance(0.4) ? { status: rng.pick(CASE_STATUSES) } : {}),
        ...(rng.chance(0.25) ? { mediatorId: rng.chance(0.3) ? 'unassigned' : rng.pick(mediators).id } : {}),
        ...(rng.chance(0.25) ? { source: rng.pick(CASE_SOURCES) } : {}),
        ...(rng.chance(0.35) ? { district: rng.chance(0.9) ? rng.pick(DISTRICTS) : '无此区' } : {}),
        ...(rng.chance(0.3) ? { risk: true } : {}),
        ...(from ? { from } : {}),
        ...(rng.chance(0.15) ? { to: `202${rng.int(5, 6)}-${String(rng.int(1, 12)).padStart(2, '0')}-15` } : {}),
        ...(rng.chance(0.2) ? { overdue: true } : {}),
        ...(rng.chance(0.35) ? { text: texts() } : {}),
      };
      const viewer = rng.weighted([[data.users[0] as User, 3], [rng.pick(mediators), 2], [data.users.at(-1) as User, 1]] as const);
      const expected = bruteForce(data.cases, q, viewer).map((r) => r.id);
      const got = await allPages(db, q, viewer, rng.int(10, 150));
      expect({ q, viewer: viewer.role, got }).toEqual({ q, viewer: viewer.role, got: expected });
      const count = await countCases(db, q, viewer, { today: SEED_TODAY });
      expect({ q, n: count.count }).toEqual({ q, n: expected.length });
    }
  }, 120_000);

  it('shows mediators only their own and unassigned cases', async () => {
    const mediator = data.users.find((u) => u.role === 'mediator') as User;
    const page = await queryCases(db, { sort: 'registeredAt', dir: 'desc' }, mediator, { limit: 500 }, { today: SEED_TODAY });
    expect(page.rows.length).toBeGreaterThan(0);
    for (const row of page.rows) expect(row.mediatorId === null || row.mediatorId === mediator.id).toBe(true);
    const other = data.users.find((u) => u.role === 'mediator' && u.id !== mediator.id) as User;
    expect((await queryCases(db, { sort: 'registeredAt', dir: 'desc', mediatorId: other.id }, mediator, { limit: 10 })).rows).toEqual([]);
    expect(await countCases(db, { sort: 'registeredAt', dir: 'desc', mediatorId: other.id }, mediator)).toEqual({ count: 0 });
  });

  it('selects by district and risk mark, alone and with category, status and source, counting what a plain scan counts', async () => {
    const admin = data.users.find((u) => u.role === 'admin') as User;
    const base: CaseQuery = { sort: 'registeredAt', dir: 'desc' };
    const atRisk = data.cases.filter((c) => c.escalationRisk !== undefined);
    // The seed has marked cases both open and closed, so "open only" is really tested.
    expect(atRisk.some((c) => isOpen(c.status))).toBe(true);
    expect(atRisk.some((c) => !isOpen(c.status))).toBe(true);
    const combos: CaseQuery[] = [];
    for (const district of DISTRICTS) {
      combos.push({ ...base, district }, { ...base, district, risk: true }, { ...base, district, category: 'NBR' }, { ...base, district, status: 'in_mediation', source: 'walk_in' });
    }
    combos.push({ ...base, risk: true }, { ...base, risk: true, category: 'FAM' }, { ...base, risk: true, status: 'failed' }, { ...base, risk: true, source: 'court_entrusted', status: 'in_mediation' });
    let nonEmpty = 0;
    for (const q of combos) {
      const plain = data.cases.filter(
        (c) =>
          (q.district === undefined || c.district === q.district) &&
          (!q.risk || (c.escalationRisk !== undefined && isOpen(c.status))) &&
          (q.category === undefined || c.category === q.category) &&
          (q.status === undefined || c.status === q.status) &&
          (q.source === undefined || c.source === q.source),
      ).length;
      expect({ q, count: (await countCases(db, q, admin, { today: SEED_TODAY })).count }).toEqual({ q, count: plain });
      expect({ q, rows: (await allPages(db, q, admin, 500)).length }).toEqual({ q, rows: plain });
      if (plain > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(combos.length / 2);
    // The district filter's choices: every district recorded, sorted, none twice.
    expect(await caseDistricts(db, admin)).toEqual([...DISTRICTS].sort(new Intl.Collator('zh-CN').compare));
  });

  it('refuses a page size below one', async () => {
    await expect(queryCases(db, { sort: 'registeredAt', dir: 'desc' }, data.users[0] as User, { limit: 0 })).rejects.toThrow(RangeError);
  });
});
