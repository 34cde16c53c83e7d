// The case page follows changes committed elsewhere: watchCase reports a change of its case made
// in this window or in another window of the same store (a second DataStore on the same name,
// reached through the change feed's BroadcastChannel), an audit event of any kind, and a restore;
// it stays quiet for another case's own change.
import { describe, expect, it } from 'vitest';
import { openDataStore, type ChangeRecord } from '../../../renderer/data';
import { registerCase, transitionCase } from '../../../renderer/features/case-store';
import { caseChangeOf, watchCase, type CaseChange } from '../../../renderer/features/cases/case/live-case';
import { addUser, freshDb, neighbourIntake, setUp } from '../db/helpers';

const day = { today: '2026-03-02', now: new Date('2026-03-02T09:00:00+08:00') };

function change(kind: string, ids: string[], op: ChangeRecord['op'] = 'put'): ChangeRecord {
  return { version: 1, kind, op, ids, who: 'u1', when: '2026-03-02T01:00:00.000Z' };
}

/** Resolves with the next changes `watchCase` reports, or after `ms` with what came. */
function nextChanges(seen: CaseChange[], count: number, ms = 2_000): Promise<CaseChange[]> {
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = () => (seen.length >= count || Date.now() - started > ms ? resolve([...seen]) : setTimeout(poll, 5));
    poll();
  });
}

describe('live case', () => {
  it('tells the case itself, its timeline and a restore apart', () => {
    expect(caseChangeOf([change('events', ['7']), change('cases', ['c1'])], 'c1')).toBe('case');
    expect(caseChangeOf([change('events', ['7']), change('cases', ['c2'])], 'c1')).toBe('events');
    expect(caseChangeOf([change('cases', ['c2'])], 'c1')).toBeNull();
    expect(caseChangeOf([change('agreements', ['a1'])], 'c1')).toBeNull();
    expect(caseChangeOf([change('cases', ['c2'], 'replace_all')], 'c1')).toBe('everything');
  });

  it('reports a change of the case made in this window and in another window', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    const mediator = await addUser(db, admin, 'wangfang', 'mediator');
    const registered = await registerCase(db, mediator, neighbourIntake('张三'), day);
    const other = await registerCase(db, mediator, neighbourIntake('王五'), day);
    if (!registered.ok || !other.ok) throw new Error('register failed');
    const c = registered.value.case;

    const here: CaseChange[] = [];
    const stopHere = watchCase(db, c.id, (what) => here.push(what));
    const otherWindow = openDataStore(db.name);
    const there: CaseChange[] = [];
    const stopThere = watchCase(otherWindow, c.id, (what) => there.push(what));

    // Another window moves the case on: this window hears it through the feed's channel.
    const moved = await transitionCase(otherWindow, mediator, c.id, c.version, 'accepted', { today: '2026-03-03' });
    expect(moved.ok).toBe(true);
    expect(await nextChanges(there, 1)).toEqual(['case']);
    expect(await nextChanges(here, 1)).toEqual(['case']);

    // Another case's change carries an audit event: only the timeline may have changed.
    const otherMoved = await transitionCase(db, mediator, other.value.case.id, 1, 'accepted', { today: '2026-03-03' });
    expect(otherMoved.ok).toBe(true);
    expect(await nextChanges(here, 2)).toEqual(['case', 'events']);

    stopHere();
    stopThere();
    otherWindow.close();
  });
});
