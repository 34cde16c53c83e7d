// The case list reads an in-memory catalog; it must follow every write, made in this window or in
// another one (a second store opened on the same database), and start afresh after a restore.
import { describe, expect, it } from 'vitest';
import { openDataStore } from '../../../renderer/data';
import { exportBackup, restoreBackup } from '../../../renderer/features/backup/store';
import { countCases, queryCases, registerCase, transitionCase } from '../../../renderer/features/case-store';
import { browserBlobStore } from '../../../renderer/platform/browser';
import { addUser, freshDb, neighbourIntake, setUp } from './helpers';
import { acknowledgeUnsigned } from './seeded';

const intake = neighbourIntake;
const day = { today: '2026-03-02', now: new Date('2026-03-02T09:00:00+08:00') };
const all = { sort: 'registeredAt', dir: 'desc' } as const;

describe('case catalog', () => {
  it('shows writes of this window and of another window at the next query', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    const mediator = await addUser(db, admin, 'wangfang', 'mediator');
    const other = openDataStore(db.name);
    expect(await countCases(other, all, admin)).toEqual({ count: 0 });

    const first = await registerCase(db, mediator, intake('张三'), day);
    if (!first.ok) throw new Error(JSON.stringify(first.error.fieldErrors));
    expect((await queryCases(db, all, admin, { limit: 10 })).rows.map((r) => r.partySummary)).toEqual(['张三 / 李四']);
    expect((await queryCases(other, { ...all, text: '张三' }, admin, { limit: 10 })).rows).toHaveLength(1);

    const moved = await transitionCase(other, mediator, first.value.case.id, 1, 'accepted', { today: '2026-03-03' });
    expect(moved.ok).toBe(true);
    const seen = await queryCases(db, { ...all, status: 'accepted' }, admin, { limit: 10 });
    expect(seen.rows.map((r) => [r.id, r.version])).toEqual([[first.value.case.id, 2]]);
    expect(await countCases(db, { ...all, status: 'registered' }, admin)).toEqual({ count: 0 });

    // More writes after every order was computed: the patched orders equal a fresh connection's.
    for (const sort of ['registeredAt', 'number', 'activeDeadline'] as const) await queryCases(db, { sort, dir: 'asc' }, admin, { limit: 1 });
    for (const name of ['王五', '赵六', '钱七']) {
      const r = await registerCase(other, admin, intake(name), { today: '2026-03-04', now: new Date(`2026-03-04T0${name.length}:00:00+08:00`) });
      expect(r.ok).toBe(true);
    }
    for (const sort of ['registeredAt', 'number', 'activeDeadline'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const patched = (await queryCases(db, { sort, dir }, admin, { limit: 10 })).rows.map((r) => r.id);
        const third = openDataStore(db.name);
        const fresh = (await queryCases(third, { sort, dir }, admin, { limit: 10 })).rows.map((r) => r.id);
        third.close();
        expect(patched).toEqual(fresh);
        expect(patched).toHaveLength(4);
      }
    }
    other.close();
  });

  it('starts afresh after a restore replaced the data', async () => {
    const source = freshDb();
    const admin = await setUp(source);
    for (const name of ['赵一', '钱二', '孙三']) {
      const r = await registerCase(source, admin, intake(name), day);
      if (!r.ok) throw new Error(r.error.code);
    }
    const file = await exportBackup(source, { blobs: browserBlobStore(source.blobs) });

    const target = freshDb();
    const targetAdmin = await setUp(target);
    const own = await registerCase(target, targetAdmin, intake('周五'), day);
    if (!own.ok) throw new Error(own.error.code);
    expect((await queryCases(target, all, targetAdmin, { limit: 10 })).rows).toHaveLength(1);
    expect((await restoreBackup(target, file, { approve: acknowledgeUnsigned })).ok).toBe(true);
    const rows = (await queryCases(target, all, admin, { limit: 10 })).rows;
    expect(rows.map((r) => r.partySummary).sort()).toEqual(['孙三 / 李四', '赵一 / 李四', '钱二 / 李四']);
    // Numbering continues after the restored cases.
    const next = await registerCase(target, admin, intake('吴六'), day);
    expect(next.ok && next.value.case.seq).toBe(4);
  });
});
