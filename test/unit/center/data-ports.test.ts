// The sync queue's ports over the data layer (renderer/features/center/data-ports.ts): a record
// read in its kind's body form on one workstation is written as it was on another through
// data.transact as the sync's actor, whose changes are never pushed back; a body that does not
// parse writes nothing of its pull.
import { describe, expect, it } from 'vitest';
import { registerCase } from '../../../renderer/features/case-store';
import { CENTER_SYNC_KEY, clearRejected, dataSyncPorts, readSyncState } from '../../../renderer/features/center/data-ports';
import { EMPTY_SYNC_STATE, outboxOf, SYNC_ACTOR } from '../../../renderer/features/center/sync';
import type { SyncChange } from '../../../shared/server/sync';
import { freshDb, neighbourIntake, setUp } from '../db/helpers';
import { FakeCenter, PIN } from './fake-link';

const SESSION = { pin: PIN, token: 'T'.repeat(48), workstationId: '0e7b7f1c-52c5-4d8e-9a6e-1d2f3a4b5c6d' };

function change(seq: number, kind: SyncChange['kind'], id: string, body: unknown): SyncChange {
  return { seq, kind, id, op: 'put', caseId: null, version: 1, body, at: '2026-12-07T08:00:00.000Z', by: null };
}

async function twoWorkstations() {
  const a = freshDb();
  const b = freshDb();
  const adminA = await setUp(a);
  await setUp(b);
  const link = new FakeCenter('x');
  return { a, b, adminA, portsA: dataSyncPorts(a, link, SESSION), portsB: dataSyncPorts(b, link, SESSION) };
}

describe('the data layer’s sync ports', () => {
  it('write a case pulled from another workstation as it was there, through the data layer, never to be pushed back', async () => {
    const { a, b, adminA, portsA, portsB } = await twoWorkstations();
    const registered = await registerCase(a, adminA, neighbourIntake('张三'), { today: '2026-12-07' });
    if (!registered.ok) throw registered.error;
    const id = registered.value.case.id;
    const body = await portsA.readRecord('cases', id);
    // The store lists a case's parties by their ids (random), not in the order entered.
    expect(body).toMatchObject({ case: { id, number: registered.value.case.number } });
    expect((body as { parties: { name: string }[] }).parties.map((p) => p.name).sort()).toEqual(['张三', '李四'].sort());

    const before = (await b.changesSince(0)).at(-1)?.version ?? 0;
    await portsB.applyPulled([change(1, 'cases', id, body)]);
    const there = await b.cases.get(id);
    expect(there?.number).toBe(registered.value.case.number);
    expect((await b.cases.parties(id)).map((p) => p.name).sort()).toEqual(['张三', '李四'].sort());
    expect(await portsB.readRecord('cases', id)).toEqual(body);

    const written = (await b.changesSince(before)).filter((c) => c.kind === 'cases');
    expect(written.map((c) => c.who)).toEqual([SYNC_ACTOR.id]);
    expect(outboxOf(await b.changesSince(before), before)).toEqual([]);
  });

  it('leave a record a person edited here while the pull was on its way, in the same transaction', async () => {
    const { b, portsB } = await twoWorkstations();
    const seenUpTo = (await b.changesSince(0)).at(-1)?.version ?? 0;
    const adminB = (await b.accounts.byUsername('admin')) ?? (() => { throw new Error('no admin'); })();
    const registered = await registerCase(b, adminB, neighbourIntake('钱七'), { today: '2026-12-07' });
    if (!registered.ok) throw registered.error;
    const id = registered.value.case.id;
    const mine = await portsB.readRecord('cases', id);
    const theirs = structuredClone(mine) as { case: { claims: string } };
    theirs.case.claims = '别处的版本';
    // Pulled with what was seen before the edit: nothing written, nothing answered as written.
    expect(await portsB.applyPulled([change(5, 'cases', id, theirs)], seenUpTo)).toEqual([]);
    expect(await portsB.readRecord('cases', id)).toEqual(mine);
    // Pulled after the edit was seen (or chosen by the user): written.
    const latest = (await b.changesSince(0)).at(-1)?.version ?? 0;
    expect(await portsB.applyPulled([change(6, 'cases', id, theirs)], latest)).toHaveLength(1);
    expect(((await portsB.readRecord('cases', id)) as { case: { claims: string } }).case.claims).toBe('别处的版本');
  });

  it('clear the list of refusals once read, keeping the rest of the sync state', async () => {
    const { b } = await twoWorkstations();
    const state = { ...EMPTY_SYNC_STATE, cursor: 7, rejected: [{ kind: 'minutes', id: 'm1', problem: { key: 'server.invalid_request', params: {} }, at: '2026-12-07T08:00:00.000Z' }] };
    await b.transact(SYNC_ACTOR, () => b.meta.put(CENTER_SYNC_KEY, state));
    expect((await readSyncState(b)).rejected).toHaveLength(1);
    await clearRejected(b);
    expect(await readSyncState(b)).toMatchObject({ cursor: 7, rejected: [] });
  });

  it('write pulled settings', async () => {
    const { b, portsB } = await twoWorkstations();
    const settings = await b.settings.get();
    if (!settings) throw new Error('no settings');
    await portsB.applyPulled([change(1, 'settings', 'settings', { ...settings, version: 7 })]);
    expect((await b.settings.get())?.version).toBe(7);
  });

  it('write nothing of a pull when one of its bodies does not parse', async () => {
    const { a, b, adminA, portsA, portsB } = await twoWorkstations();
    const registered = await registerCase(a, adminA, neighbourIntake('王五'), { today: '2026-12-07' });
    if (!registered.ok) throw registered.error;
    const id = registered.value.case.id;
    const body = await portsA.readRecord('cases', id);
    const settings = await b.settings.get();
    await expect(portsB.applyPulled([change(1, 'cases', id, body), change(2, 'settings', 'settings', { nonsense: true })])).rejects.toThrow();
    expect(await b.cases.get(id)).toBeUndefined();
    expect(await b.settings.get()).toEqual(settings);
  });

  it('keep the queue’s state in the store, read back as written', async () => {
    const { b, portsB } = await twoWorkstations();
    const state = await portsB.readState();
    expect(state).toMatchObject({ pushedVersion: 0, cursor: 0, inflight: null });
    await portsB.writeState({ ...state, cursor: 12, versions: { 'cases/x': 3 } });
    expect(await dataSyncPorts(b, new FakeCenter('x'), SESSION).readState()).toMatchObject({ cursor: 12, versions: { 'cases/x': 3 } });
  });
});
