// The dashboard's aggregate in the data layer: built with the packed tables by a restore, kept up
// to date by every write of a case inside the same transaction, built once from the cases for a
// database from before it, and refused when damaged. Its figures reconcile with the case list's
// counts under the same filter (the list a click on a figure opens).
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataStore } from '../../../../renderer/data';
import { openWorkstationDb } from '../../../../renderer/data/dexie/db';
import { assignMediator, countCases, registerCase, transitionCase } from '../../../../renderer/features/case-store';
import type { CaseRow } from '../../../../shared/backup/rows';
import type { User } from '../../../../shared/domain/model';
import {
  AGGREGATE_VERSION,
  buildChunks,
  caseListQuery,
  cellsOfChunks,
  computeFigures,
  type DashboardFilter,
  type FigureSelection,
  type LoadedCell,
  storedChunkSchema,
} from '../../../../shared/statistics/dashboard';
import { addUser, caseInMediation, neighbourIntake, setUp, freshDb } from '../../db/helpers';
import { SEED_TODAY, seededDb } from '../../db/seeded';
import type { SeedDataset } from '../../../../shared/seed/generate';

const dimsText = (c: LoadedCell) => JSON.stringify([c.month, c.category, c.mediatorKey, c.source, c.status, c.agreedMonth, c.district, c.atRisk]);
const byKey = (cells: readonly LoadedCell[]) => [...cells].sort((a, b) => (dimsText(a) < dimsText(b) ? -1 : 1));

async function storedCases(db: DataStore): Promise<CaseRow[]> {
  return (await db.bulk.snapshot()).cases as CaseRow[];
}

async function expectEqualsRebuild(db: DataStore): Promise<void> {
  const loaded = await db.cases.dashboard();
  expect(byKey(loaded.cells)).toEqual(byKey(cellsOfChunks(buildChunks(await storedCases(db)))));
}

describe('the dashboard aggregate over a restored seed', () => {
  let db: DataStore;
  let data: SeedDataset;
  let admin: User;
  beforeAll(async () => {
    ({ db, data } = await seededDb(800));
    admin = data.users.find((u) => u.role === 'admin')!;
  });

  it('is built by the restore, equal to one built from the restored cases', async () => {
    await expectEqualsRebuild(db);
    expect((await db.cases.dashboard()).cells.reduce((n, c) => n + c.cell.n, 0)).toBe(800);
  });

  it('every clickable figure counts what the case list opened on it counts', async () => {
    const context = { today: SEED_TODAY, warningDays: 7 };
    const cells = (await db.cases.dashboard()).cells;
    const mediator = data.users.find((u) => u.role === 'mediator')!;
    const filters: DashboardFilter[] = [
      { period: { kind: 'all' } },
      { period: { kind: 'year', year: 2025 } },
      { period: { kind: 'quarter', year: 2026, quarter: 1 }, category: 'NBR' },
      { period: { kind: 'month', year: 2026, month: 3 }, mediatorId: mediator.id },
      { period: { kind: 'year', year: 2026 }, source: 'court_entrusted' },
      { period: { kind: 'quarter', year: 2025, quarter: 4 }, mediatorId: 'unassigned' },
    ];
    const listCount = async (filter: DashboardFilter, selection: FigureSelection) =>
      (await countCases(db, caseListQuery(filter, selection), admin, { today: SEED_TODAY })).count;
    let nonZero = 0;
    for (const filter of filters) {
      const f = computeFigures(cells, filter, context);
      expect(f.received).toBe(await listCount(filter, {}));
      if (f.received > 0) nonZero += 1;
      for (const row of f.byCategory) expect(row.received).toBe(await listCount(filter, { category: row.category }));
      for (const row of f.byStatus) expect(row.received).toBe(await listCount(filter, { status: row.status }));
      for (const row of f.bySource) expect(row.received).toBe(await listCount(filter, { source: row.source as FigureSelection['source'] }));
      for (const row of f.byMediator) expect(row.received).toBe(await listCount(filter, { mediatorKey: row.mediatorKey }));
      for (const row of f.monthly) expect(row.received).toBe(await listCount(filter, { month: row.month }));
      expect(f.deadlines.mediation.overdue + f.deadlines.confirmation.overdue).toBe(await listCount(filter, { overdue: true }));
    }
    expect(nonZero).toBeGreaterThan(3);
  });
});

describe('the dashboard aggregate kept by writes', () => {
  it('follows registration, assignment and every move, equal to a rebuild after each', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    const mediator = await addUser(db, admin, 'wangfang', 'mediator');
    await expectEqualsRebuild(db);
    const registered = await registerCase(db, admin, neighbourIntake('赵一'), { today: '2026-11-20' });
    if (!registered.ok) throw registered.error;
    await expectEqualsRebuild(db);
    const assigned = await assignMediator(db, admin, registered.value.case.id, registered.value.case.version, mediator.id);
    if (!assigned.ok) throw assigned.error;
    await expectEqualsRebuild(db);
    const c = await caseInMediation(db, admin, mediator, neighbourIntake('钱二'));
    await expectEqualsRebuild(db);
    const failed = await transitionCase(db, admin, c.id, c.version, 'withdrawn', { today: '2026-11-21', reason: '申请人撤回' });
    if (!failed.ok) throw failed.error;
    await expectEqualsRebuild(db);
    const f = computeFigures((await db.cases.dashboard()).cells, { period: { kind: 'all' } }, { today: '2026-11-21', warningDays: 7 });
    expect(f.received).toBe(2);
    expect(f.byStatus).toEqual([{ status: 'registered', received: 1 }, { status: 'withdrawn', received: 1 }]);
  });

  it('is built from the cases at the first read in a database from before it', async () => {
    const { db } = await seededDb(120, 5);
    const raw = openWorkstationDb(db.name);
    await raw.counters.where('key').startsWith('dashboard:').delete();
    raw.close();
    await expectEqualsRebuild(db);
  });

  it('names a damaged stored month instead of showing figures from it', async () => {
    const { db } = await seededDb(50, 6);
    const raw = openWorkstationDb(db.name);
    const month = (await raw.counters.where('key').startsWith('dashboard:month:').first())!;
    const stored = month.value as { n: Int32Array };
    await raw.counters.put({ key: month.key, value: { ...stored, n: stored.n.map((n, i) => (i === 0 ? 0 : n)) } });
    // The head moves on, as a write would move it, so the window reads the month again.
    const head = (await raw.counters.get('dashboard:head'))!;
    await raw.counters.put({ key: 'dashboard:head', value: { ...(head.value as object), revision: 99 } });
    raw.close();
    await expect(db.cases.dashboard()).rejects.toMatchObject({ problem: { key: 'data.record_invalid', params: { kind: 'dashboard', id: month.key } } });
  });

  it('is rebuilt in the current stored form when the stored one is of an older version, and writes meanwhile leave it alone', async () => {
    const { db, data } = await seededDb(120, 8);
    const admin = data.users.find((u) => u.role === 'admin')!;
    const raw = openWorkstationDb(db.name);
    const head = (await raw.counters.get('dashboard:head'))!;
    const months = await raw.counters.where('key').startsWith('dashboard:month:').toArray();
    // The aggregate as version 1 stored it: a month as an object of cells keyed by five dimensions.
    await raw.counters.bulkPut([
      { key: 'dashboard:head', value: { ...(head.value as object), version: AGGREGATE_VERSION - 1, revision: 7 } },
      ...months.map((m) => ({ key: m.key, value: { month: m.key.slice('dashboard:month:'.length), cells: { '["FAM","","walk_in","registered",""]': { n: 1, fen: 0 } } } })),
    ]);
    raw.close();
    // A case written while the stored aggregate is of another version: the write does not read it.
    const registered = await registerCase(db, admin, neighbourIntake('孙三'), { today: SEED_TODAY });
    if (!registered.ok) throw registered.error;
    await expectEqualsRebuild(db);
    expect((await db.cases.dashboard()).cells.reduce((n, c) => n + c.cell.n, 0)).toBe(121);
    const again = openWorkstationDb(db.name);
    expect((await again.counters.get('dashboard:head'))!.value).toMatchObject({ version: AGGREGATE_VERSION, revision: 1 });
    const rebuilt = await again.counters.where('key').startsWith('dashboard:month:').toArray();
    expect(rebuilt.length).toBeGreaterThan(0);
    for (const m of rebuilt) expect(storedChunkSchema.safeParse(m.value).success).toBe(true);
    again.close();
  });
});
