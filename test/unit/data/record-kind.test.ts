// Adding a kind of record: a schema and a registration (./note-kind.ts), nothing else. The kind
// gets a typed, parsed repository, takes part in transactions, and leaves change records.
import { describe, expect, it } from 'vitest';
import { DataError, SYSTEM_ACTOR } from '../../../renderer/data';
import { freshStore as freshDb } from './fresh-store';
import { NOTES, type Note } from './note-kind';

const note = (id: string, caseId = 'case-1'): Note => ({ id, caseId, text: `note ${id}`, pinned: false });

describe('a record kind defined outside the data layer', () => {
  it('is stored, listed by case and read back parsed', async () => {
    const data = freshDb();
    const notes = data.records(NOTES);
    await data.transact(SYSTEM_ACTOR, async () => {
      await notes.add(note('b'));
      await notes.add(note('a'));
      await notes.add(note('c', 'case-2'));
    });
    expect((await notes.byCase('case-1')).map((n) => n.id)).toEqual(['a', 'b']);
    expect(await notes.get('c')).toEqual(note('c', 'case-2'));
    expect((await notes.all()).map((n) => n.id)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a record its schema refuses, naming the kind, and keeps nothing of the transaction', async () => {
    const data = freshDb();
    const notes = data.records(NOTES);
    const attempt = data.transact(SYSTEM_ACTOR, async () => {
      await notes.add(note('ok'));
      await notes.add({ ...note('bad'), text: '' });
    });
    await expect(attempt).rejects.toBeInstanceOf(DataError);
    await expect(attempt).rejects.toMatchObject({ problem: { key: 'data.record_invalid', params: { kind: 'testNotes', id: 'bad' } } });
    expect(await notes.all()).toEqual([]);
  });

  it('leaves change records with the kind, the ids, the version, who and when', async () => {
    const data = freshDb();
    const seen: unknown[] = [];
    data.changes.subscribe((changes) => seen.push(...changes));
    await data.transact({ id: 'u1', displayName: '张三' }, () => data.records(NOTES).put(note('a')));
    expect(seen).toEqual([expect.objectContaining({ kind: 'testNotes', op: 'put', ids: ['a'], version: 1, who: 'u1' })]);
    expect(await data.changesSince(0)).toEqual(seen);
  });
});
