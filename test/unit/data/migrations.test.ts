// The Dexie adapter's schema history: a database written by schema version 1 opens under the
// current schema with every row kept, and the data layer reads it like any other store.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDataStore, SYSTEM_ACTOR } from '../../../renderer/data';
import { openWorkstationDb } from '../../../renderer/data/dexie/db';
import { declareVersion1, DB_SCHEMA_VERSION } from '../../../renderer/data/dexie/migrations';
import { unpackCases } from '../../../renderer/data/dexie/packing';
import { queryCases } from '../../../renderer/features/case-store';
import { NO_DEADLINE_KEY, UNASSIGNED_KEY } from '../../../shared/backup/rows';
import type { User } from '../../../shared/domain/model';

function v1Case(i: number, mediatorId: string | null, activeDeadline: string | null) {
  return {
    id: `case-${i}`,
    number: `（2025）芜解字第${String(i).padStart(5, '0')}号`,
    year: 2025,
    seq: i,
    category: 'NBR',
    categoryFields: {},
    source: 'walk_in',
    claims: '',
    amountFen: null,
    description: '',
    status: activeDeadline ? 'in_mediation' : 'registered',
    mediatorId,
    registeredAt: `2025-03-${String(i).padStart(2, '0')}T02:00:00.000Z`,
    mediationDeadline: activeDeadline,
    agreementEffectiveOn: null,
    confirmationDeadline: null,
    activeDeadline,
    closedAt: null,
    partySummary: '张三 / 李四',
    searchTerms: ['张三', '李四'],
    createdBy: 'u1',
    updatedAt: '2025-03-01T02:00:00.000Z',
    updatedBy: 'u1',
    version: 1,
  };
}

describe('schema migrations', () => {
  it('upgrades a version-1 database keeping every row, deriving the index keys and packing cases and events', async () => {
    const name = `migrate-${process.pid}-${Date.now()}`;
    const v1 = new Dexie(name);
    declareVersion1(v1);
    const cases = [v1Case(1, null, null), v1Case(2, 'm1', '2025-04-02'), v1Case(3, 'm2', null)];
    await v1.table('cases').bulkAdd(cases);
    await v1.table('parties').bulkAdd([{ id: 'p1', caseId: 'case-1', kind: 'natural', name: '张三' }]);
    await v1.table('events').bulkAdd([{ at: '2025-03-01T02:00:00.000Z', caseId: 'case-1', entity: 'case', entityId: 'case-1', action: 'case.register' }]);
    await v1.table('users').add({ id: 'u1', username: 'admin', role: 'admin' });
    await v1.table('meta').add({ key: 'k', value: 1 });
    expect(v1.verno).toBe(1);
    v1.close();

    // The tables as the adapter lays them out.
    const db = openWorkstationDb(name);
    await db.open();
    expect(db.verno).toBe(DB_SCHEMA_VERSION);
    const { cases: upgraded, parties } = unpackCases(await db.caseBuckets.toArray());
    expect(upgraded.map((c) => c.id)).toEqual(['case-1', 'case-2', 'case-3']);
    expect(upgraded.map((c) => [c.mediatorKey, c.deadlineKey])).toEqual([
      [UNASSIGNED_KEY, NO_DEADLINE_KEY],
      ['m1', '2025-04-02'],
      ['m2', NO_DEADLINE_KEY],
    ]);
    for (const [i, row] of upgraded.entries()) expect(row).toMatchObject(cases[i] as object);
    expect(parties.map((p) => p.id)).toEqual(['p1']);
    expect(db.tables.map((t) => t.name)).not.toEqual(expect.arrayContaining(['cases']));
    expect(db.tables.map((t) => t.name)).not.toEqual(expect.arrayContaining(['events']));
    expect(await db.users.count()).toBe(1);
    expect(await db.meta.get('k')).toEqual({ key: 'k', value: 1 });
    expect(await db.ledgerEntries.count()).toBe(0);
    db.close();

    // The same database through the data layer: the list, the timeline and the numbering.
    const data = openDataStore(name);
    const admin = { id: 'u1', role: 'admin' } as User;
    const unassigned = await queryCases(data, { sort: 'registeredAt', dir: 'asc', mediatorId: 'unassigned' }, admin, { limit: 10 });
    expect(unassigned.rows.map((r) => r.id)).toEqual(['case-1']);
    expect((await data.events.byCase('case-1')).map((e) => [e.id, e.action])).toEqual([[1, 'case.register']]);
    expect(await data.transact(SYSTEM_ACTOR, () => data.cases.nextSeq(2025))).toBe(4);
    data.close();
  });
});
