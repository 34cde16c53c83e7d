// The data layer's contract over its Dexie adapter: one transaction across kinds, writes only
// inside one, records parsed at the edge, and a change record for every committed write.
import { describe, expect, it } from 'vitest';
import { DataError, SYSTEM_ACTOR, type ChangeRecord } from '../../../renderer/data';
import type { MinutesRecord } from '../../../shared/sessions/model';
import { freshStore as freshDb } from './fresh-store';

const ACTOR = { id: 'admin-1', displayName: '管理员' };
const minutes = (id: string, caseId = 'case-1'): MinutesRecord => ({ id, caseId, entries: [], finalised: null, rev: 1 });

describe('DataStore', () => {
  it('commits writes to several kinds together, or none of them', async () => {
    const data = freshDb();
    await expect(
      data.transact(ACTOR, async () => {
        await data.minutes.put(minutes('s1'));
        await data.meta.put('court.settings', { x: 1 });
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect(await data.minutes.get('s1')).toBeUndefined();
    expect(await data.meta.get('court.settings', (await import('zod')).z.unknown())).toBeUndefined();
    expect(await data.changesSince(0)).toEqual([]);

    await data.transact(ACTOR, async () => {
      await data.minutes.put(minutes('s1'));
      await data.events.record({ actor: ACTOR, at: '2026-12-07T10:00:00+08:00', entity: 'video_session', entityId: 's1', caseId: 'case-1', action: 'video_session.end' });
    });
    expect(await data.minutes.get('s1')).toEqual(minutes('s1'));
    expect((await data.events.byCase('case-1')).map((e) => e.action)).toEqual(['video_session.end']);
  });

  it('refuses a write outside a transaction, so no change goes unrecorded', async () => {
    const data = freshDb();
    await expect(data.minutes.put(minutes('s1'))).rejects.toThrow(/inside data\.transact/);
    expect(await data.minutes.get('s1')).toBeUndefined();
  });

  it('parses at the edge: a record its schema refuses is not written', async () => {
    const data = freshDb();
    const broken = { ...minutes('s1'), rev: 0 };
    await expect(data.transact(ACTOR, () => data.minutes.put(broken))).rejects.toBeInstanceOf(DataError);
    expect(await data.minutes.get('s1')).toBeUndefined();
  });

  it('keeps court filings and the center applications apart though they share storage', async () => {
    const data = freshDb();
    await expect(data.transact(ACTOR, () => data.courtFilings.delete('not-a-filing'))).resolves.toBeUndefined();
    expect(await data.courtFilings.all()).toEqual([]);
    expect(await data.centerApplications.all()).toEqual([]);
  });

  it('numbers commits one after another and tells listeners in this window and others', async () => {
    const data = freshDb();
    const other = freshDb();
    const here: ChangeRecord[] = [];
    data.changes.subscribe((changes) => here.push(...changes));
    await data.transact(ACTOR, () => data.minutes.put(minutes('s1')));
    await data.transact(SYSTEM_ACTOR, async () => {
      await data.minutes.put(minutes('s2'));
      await data.minutes.put(minutes('s3'));
    });
    expect(here.map((c) => [c.version, c.kind, c.ids, c.who])).toEqual([
      [1, 'minutes', ['s1'], 'admin-1'],
      [2, 'minutes', ['s2', 's3'], 'system'],
    ]);
    expect((await data.changesSince(1)).map((c) => c.version)).toEqual([2]);
    // A store of another name hears nothing of this one.
    const elsewhere: ChangeRecord[] = [];
    other.changes.subscribe((changes) => elsewhere.push(...changes));
    await data.transact(ACTOR, () => data.minutes.put(minutes('s4')));
    expect(elsewhere).toEqual([]);
  });

  it('writes change records per batch when everything is replaced', async () => {
    const data = freshDb();
    const sessions = Array.from({ length: 1200 }, (_, i) => minutes(`m${String(i).padStart(4, '0')}`));
    const empty = Object.fromEntries(
      ['institution', 'settings', 'users', 'cases', 'parties', 'events', 'meta', 'ledgerEntries', 'checkpoints', 'sessions', 'agreements', 'packages', 'consultations', 'records'].map((t) => [t, []]),
    );
    await data.bulk.replaceAll({ ...empty, minutes: sessions } as never, { actor: SYSTEM_ACTOR });
    const changes = await data.changesSince(0);
    expect(changes.map((c) => [c.kind, c.op, c.ids.length])).toEqual([
      ['minutes', 'replace_all', 500],
      ['minutes', 'replace_all', 500],
      ['minutes', 'replace_all', 200],
    ]);
    expect(new Set(changes.map((c) => c.version)).size).toBe(1);
    expect((await data.minutes.all()).length).toBe(1200);
  });
});
