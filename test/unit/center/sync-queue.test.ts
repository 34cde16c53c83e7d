// The sync client's queue (renderer/features/center/sync.ts) against an in-memory server that
// answers as shared/server/sync.ts says: pushes in order, idempotent by mutation id, conflicts by
// version, a change log to pull.
import { describe, expect, it } from 'vitest';
import { CenterLinkError, type CenterRequest, type CenterResponse } from '../../../shared/protocol/center-link';
import { nextEntry, sealEntry, type LedgerEntry } from '../../../shared/ledger/entry';
import { ledgerRowId, type LedgerEntryRow } from '../../../shared/ledger/rows';
import { FileRefusedError } from '../../../renderer/features/center/files';
import { StoreError } from '../../../renderer/kit/result';
import { pushRequestSchema, type MutationResult, type SyncChange, type SyncKind } from '../../../shared/server/sync';
import type { ChangeRecord } from '../../../renderer/data';
import { decideConflict, EMPTY_SYNC_STATE, outboxOf, pullAll, pushAll, SYNC_ACTOR, SyncRefusedError, type SyncPorts, type SyncState } from '../../../renderer/features/center/sync';

const WORKSTATION = '0e7b7f1c-52c5-4d8e-9a6e-1d2f3a4b5c6d';

class FakeServer {
  readonly records = new Map<string, { version: number; body: unknown }>();
  readonly answered = new Map<string, MutationResult>();
  readonly log: SyncChange[] = [];
  applies = 0;
  pushes = 0;
  /** The next push is applied but its answer is lost on the way back. */
  loseNextAnswer = false;
  refuseWith: { status: number; key: string } | null = null;
  /** A push carrying a body with this mark is refused as a whole, as one carrying a key in clear is (422). */
  poison: string | null = null;

  /** Another workstation's write. */
  writeElsewhere(kind: SyncKind, id: string, body: unknown): void {
    const key = `${kind}/${id}`;
    const version = (this.records.get(key)?.version ?? 0) + 1;
    this.records.set(key, { version, body });
    this.log.push({ seq: this.log.length + 1, kind, id, op: 'put', caseId: null, version, body, at: '2026-12-07T08:00:00.000Z', by: null });
  }

  handle(request: CenterRequest): CenterResponse {
    if (this.refuseWith) return { status: this.refuseWith.status, body: { problem: { key: this.refuseWith.key, params: {} } } };
    if (request.path === '/api/v1/sync/push') return this.push(request.body);
    const since = Number(/since=(\d+)/.exec(request.path)?.[1] ?? 0);
    const changes = this.log.filter((c) => c.seq > since).slice(0, 2);
    const next = changes.at(-1)?.seq ?? since;
    return { status: 200, body: { changes, next, more: this.log.some((c) => c.seq > next), head: this.log.length } };
  }

  private push(raw: unknown): CenterResponse {
    this.pushes += 1;
    const request = pushRequestSchema.parse(raw);
    if (this.poison && JSON.stringify(request.mutations).includes(this.poison)) {
      return { status: 422, body: { problem: { key: 'server.invalid_request', params: {}, items: [{ key: 'server.field_invalid', params: { field: 'mutations.0.body' } }] } } };
    }
    const results = request.mutations.map((m): MutationResult => {
      const earlier = this.answered.get(m.mutationId);
      if (earlier) return earlier.status === 'applied' ? { ...earlier, replayed: true } : earlier;
      const key = `${m.kind}/${m.id}`;
      const current = this.records.get(key) ?? null;
      if ((current?.version ?? null) !== m.baseVersion) return { status: 'conflict', mutationId: m.mutationId, kind: m.kind, id: m.id, baseVersion: m.baseVersion, current };
      if (m.kind === 'events' && current) {
        return { status: 'rejected', mutationId: m.mutationId, kind: m.kind, id: m.id, httpStatus: 409, problem: { key: 'server.sync_append_only', params: {} } };
      }
      this.applies += 1;
      const version = (current?.version ?? 0) + 1;
      if (m.op === 'delete') this.records.delete(key);
      else this.records.set(key, { version, body: m.body });
      this.log.push({ seq: this.log.length + 1, kind: m.kind, id: m.id, op: m.op, caseId: null, version: m.op === 'delete' ? null : version, body: m.op === 'delete' ? null : m.body, at: '2026-12-07T08:00:00.000Z', by: null });
      const result: MutationResult = { status: 'applied', mutationId: m.mutationId, kind: m.kind, id: m.id, version, seq: this.log.length, replayed: false };
      this.answered.set(m.mutationId, result);
      return result;
    });
    return { status: 200, body: { results, head: this.log.length } };
  }
}

/** A workstation: its records, its change log (the outbox) and its sync state. */
class FakeWorkstation {
  readonly records = new Map<string, unknown>();
  readonly changes: ChangeRecord[] = [];
  state: SyncState = EMPTY_SYNC_STATE;
  private ids = 0;
  private static made = 0;
  /** Mutation ids are UUIDs: unique across workstations too. */
  private readonly prefix = String((FakeWorkstation.made += 1)).padStart(8, '0');

  constructor(readonly server: FakeServer) {}

  write(kind: string, entries: Record<string, unknown>, who = 'u1'): void {
    for (const [id, body] of Object.entries(entries)) {
      if (body === undefined) this.records.delete(`${kind}/${id}`);
      else this.records.set(`${kind}/${id}`, body);
    }
    this.changes.push({ version: this.changes.length + 1, kind, op: 'put', ids: Object.keys(entries), who, when: '2026-12-07T08:00:00.000Z' });
  }

  readonly ports: SyncPorts = {
    request: async (request) => {
      const answer = this.server.handle(request);
      if (this.server.loseNextAnswer) {
        this.server.loseNextAnswer = false;
        throw new Error('the connection broke');
      }
      return answer;
    },
    readState: async () => structuredClone(this.state),
    writeState: async (state) => {
      this.state = structuredClone(state);
    },
    changesSince: async (version) => this.changes.filter((c) => c.version > version),
    readRecord: async (kind, id) => this.records.get(`${kind}/${id}`),
    applyPulled: async (changes, seenUpTo) => {
      const edited = new Set(seenUpTo === undefined ? [] : outboxOf(this.changes.filter((c) => c.version > seenUpTo), seenUpTo).map((r) => `${r.kind}/${r.id}`));
      const written = changes.filter((change) => !edited.has(`${change.kind}/${change.id}`));
      const byKind = new Map<string, Record<string, unknown>>();
      for (const change of written) byKind.set(change.kind, { ...byKind.get(change.kind), [change.id]: change.op === 'delete' ? undefined : change.body });
      for (const [kind, entries] of byKind) this.write(kind, entries, SYNC_ACTOR.id);
      return written;
    },
    workstationId: WORKSTATION,
    newId: () => `${this.prefix}-0000-4000-8000-${String((this.ids += 1)).padStart(12, '0')}`,
    now: () => new Date('2026-12-07T08:00:00.000Z'),
  };
}

describe('the outbox', () => {
  it('names each record once, in the order first written, leaving out pulls, restores and other kinds', () => {
    const changes: ChangeRecord[] = [
      { version: 1, kind: 'cases', op: 'put', ids: ['a'], who: 'u1', when: '2026-12-07T08:00:00.000Z' },
      { version: 2, kind: 'meta', op: 'put', ids: ['center.link'], who: 'u1', when: '2026-12-07T08:00:00.000Z' },
      { version: 3, kind: 'ledgerEntries', op: 'put', ids: ['x', 'y'], who: 'u1', when: '2026-12-07T08:00:00.000Z' },
      { version: 4, kind: 'cases', op: 'put', ids: ['b'], who: SYNC_ACTOR.id, when: '2026-12-07T08:00:00.000Z' },
      { version: 5, kind: 'cases', op: 'replace_all', ids: ['c'], who: 'system', when: '2026-12-07T08:00:00.000Z' },
      { version: 6, kind: 'cases', op: 'put', ids: ['a'], who: 'u1', when: '2026-12-07T08:00:00.000Z' },
    ];
    expect(outboxOf(changes, 0).map((r) => `${r.kind}/${r.id}`)).toEqual(['cases/a', 'ledgerEntries/x', 'ledgerEntries/y']);
    expect(outboxOf(changes, 3).map((r) => `${r.kind}/${r.id}`)).toEqual(['cases/a']);
  });
});

describe('pushing', () => {
  it('keeps a mutation the server refuses as a whole among the rejected, with its reason, and pushes the rest', async () => {
    const server = new FakeServer();
    server.poison = 'TOO-LARGE';
    const ws = new FakeWorkstation(server);
    ws.write('cases', { a: { n: 1 } });
    ws.write('minutes', { m: { note: 'TOO-LARGE' } });
    ws.write('cases', { b: { n: 1 } });
    expect(await pushAll(ws.ports)).toBe(3);
    expect([...server.records.keys()].sort()).toEqual(['cases/a', 'cases/b']);
    expect(ws.state.rejected).toMatchObject([{ kind: 'minutes', id: 'm', problem: { key: 'server.invalid_request', items: [{ key: 'server.field_invalid' }] } }]);
    expect(ws.state).toMatchObject({ inflight: null, pushedVersion: 3 });
    // Nothing is sent again: the refused one waits for the user, the queue moves on.
    ws.write('cases', { c: { n: 1 } });
    const pushes = server.pushes;
    expect(await pushAll(ws.ports)).toBe(1);
    expect(server.pushes).toBe(pushes + 1);
  });


  it('sends the records in order, as they are now, each edit once', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    ws.write('cases', { a: { n: 1 } });
    ws.write('ledgerEntries', { x: { e: 1 } });
    ws.write('cases', { b: { n: 1 } });
    ws.write('cases', { a: { n: 2 } });
    expect(await pushAll(ws.ports)).toBe(3);
    expect(server.log.map((c) => `${c.kind}/${c.id}`)).toEqual(['cases/a', 'ledgerEntries/x', 'cases/b']);
    expect(server.records.get('cases/a')).toEqual({ version: 1, body: { n: 2 } });
    expect(ws.state).toMatchObject({ pushedVersion: 4, inflight: null, versions: { 'cases/a': 1, 'ledgerEntries/x': 1, 'cases/b': 1 } });
    // Nothing waits: a second push sends nothing.
    expect(await pushAll(ws.ports)).toBe(0);
    expect(server.pushes).toBe(1);
  });

  it('sends a batch whose answer was lost again with the same ids, and the server applies it once', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    ws.write('cases', { a: { n: 1 }, b: { n: 1 } });
    server.loseNextAnswer = true;
    await expect(pushAll(ws.ports)).rejects.toThrow('the connection broke');
    const sent = ws.state.inflight?.mutations as Array<{ mutationId: string }>;
    expect(sent).toHaveLength(2);
    expect(server.applies).toBe(2);
    // Meanwhile another edit; the retry first repeats the batch exactly, then sends the edit.
    ws.write('cases', { a: { n: 2 } });
    await pushAll(ws.ports);
    expect(server.applies).toBe(3);
    expect([...server.answered.keys()].slice(0, 2)).toEqual(sent.map((m) => m.mutationId));
    expect(server.records.get('cases/a')).toEqual({ version: 2, body: { n: 2 } });
    expect(ws.state).toMatchObject({ inflight: null, pushedVersion: 2, conflicts: [], versions: { 'cases/a': 2, 'cases/b': 1 } });
  });

  it('goes in batches of at most 200 records, whole commits, in order', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    for (let i = 0; i < 5; i += 1) ws.write('cases', Object.fromEntries(Array.from({ length: 60 }, (_, j) => [`c${i * 60 + j}`, { n: i }])));
    expect(await pushAll(ws.ports)).toBe(300);
    expect(server.pushes).toBe(2);
    expect(server.log.map((c) => c.id)).toEqual(Array.from({ length: 300 }, (_, k) => `c${k}`));
  });

  it('keeps a refusal of the whole push and its batch, and sends the batch when the server accepts again', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    ws.write('cases', { a: { n: 1 } });
    server.refuseWith = { status: 401, key: 'server.session_ended' };
    const error = await pushAll(ws.ports).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncRefusedError);
    expect(error).toMatchObject({ code: 'server.session_ended', status: 401 });
    expect(ws.state.inflight?.mutations).toHaveLength(1);
    server.refuseWith = null;
    await pushAll(ws.ports);
    expect(server.applies).toBe(1);
  });

  it('keeps a rejected mutation with the server’s reason and goes on', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    server.writeElsewhere('events', 'e1', { what: 'theirs' });
    ws.state = { ...ws.state, versions: { 'events/e1': 1 } };
    ws.write('events', { e1: { what: 'changed' } });
    ws.write('cases', { a: { n: 1 } });
    await pushAll(ws.ports);
    expect(ws.state.rejected).toEqual([{ kind: 'events', id: 'e1', problem: { key: 'server.sync_append_only', params: {} }, at: '2026-12-07T08:00:00.000Z' }]);
    expect(server.records.get('cases/a')?.version).toBe(1);
    expect(ws.state.pushedVersion).toBe(2);
  });
});

describe('conflicts', () => {
  async function conflicted() {
    const server = new FakeServer();
    const first = new FakeWorkstation(server);
    first.write('cases', { a: { n: 'first' } });
    await pushAll(first.ports);
    const second = new FakeWorkstation(server);
    await pullAll(second.ports);
    // Both edit offline; the first pushes first.
    first.write('cases', { a: { n: 'first, edited' } });
    second.write('cases', { a: { n: 'second, edited' } });
    await pushAll(first.ports);
    await pushAll(second.ports);
    return { server, first, second };
  }

  it('overwrites nothing: the later push keeps both versions for the user', async () => {
    const { server, second } = await conflicted();
    expect(server.records.get('cases/a')).toEqual({ version: 2, body: { n: 'first, edited' } });
    expect(second.records.get('cases/a')).toEqual({ n: 'second, edited' });
    expect(second.state.conflicts).toEqual([
      { kind: 'cases', id: 'a', mine: { n: 'second, edited' }, theirs: { version: 2, body: { n: 'first, edited' } }, baseVersion: 1, at: '2026-12-07T08:00:00.000Z' },
    ]);
    // A pull leaves the record alone while the conflict waits… its change log moves on.
    await pullAll(second.ports);
    expect(second.records.get('cases/a')).toEqual({ n: 'second, edited' });
  });

  it('keeping mine sends it at the server’s version, under a new id', async () => {
    const { server, second } = await conflicted();
    await decideConflict(second.ports, 'cases', 'a', 'mine');
    expect(server.records.get('cases/a')).toEqual({ version: 3, body: { n: 'second, edited' } });
    expect(second.state).toMatchObject({ conflicts: [], inflight: null, versions: { 'cases/a': 3 } });
  });

  it('taking theirs writes the server’s version here, and pushes nothing back', async () => {
    const { server, second } = await conflicted();
    const pushes = server.pushes;
    await decideConflict(second.ports, 'cases', 'a', 'theirs');
    expect(second.records.get('cases/a')).toEqual({ n: 'first, edited' });
    expect(second.state).toMatchObject({ conflicts: [], versions: { 'cases/a': 2 } });
    expect(await pushAll(second.ports)).toBe(0);
    expect(server.pushes).toBe(pushes);
  });
});

describe('pulling', () => {
  it('applies the institution’s changes page by page, moves the cursor, and never pushes them back', async () => {
    const server = new FakeServer();
    server.writeElsewhere('cases', 'a', { n: 1 });
    server.writeElsewhere('cases', 'b', { n: 1 });
    server.writeElsewhere('agreements', 'g', { v: 1 });
    const ws = new FakeWorkstation(server);
    expect(await pullAll(ws.ports)).toBe(3);
    expect(ws.records.get('agreements/g')).toEqual({ v: 1 });
    expect(ws.state).toMatchObject({ cursor: 3, versions: { 'cases/a': 1, 'cases/b': 1, 'agreements/g': 1 } });
    expect(await pushAll(ws.ports)).toBe(0);
    // An edit of a pulled record starts from the pulled version.
    ws.write('cases', { a: { n: 2 } });
    await pushAll(ws.ports);
    expect(server.records.get('cases/a')).toEqual({ version: 2, body: { n: 2 } });
  });
});

/** A ledger entry row as the data layer stores it: an added file (with its hash) or a withdrawal. */
function ledgerRow(seq: number, last: { entry: LedgerEntry; hash: string } | null, content: string | null): { row: LedgerEntryRow; sealed: { entry: LedgerEntry; hash: string } } {
  const entry = nextEntry('case-9', last, {
    action: content === null ? 'withdraw' : 'add',
    refersTo: content === null ? 0 : null,
    kind: 'file',
    title: content === null ? '误传' : '借条.jpg',
    mediaType: 'image/jpeg',
    size: content === null ? 0 : 1234,
    contentSha256: content,
    author: { id: 'u1', name: '王调解' },
    submittedBy: 'applicant',
    shownToOtherParty: true,
    createdAt: '2026-12-07T08:00:00.000Z',
  });
  const { hash } = sealEntry(entry);
  return { row: { id: ledgerRowId('case-9', seq), caseId: 'case-9', seq, entry, entryHash: hash }, sealed: { entry, hash } };
}

describe('evidence files with their ledger entries', () => {
  const FILE = 'ab'.repeat(32);

  function withFiles(ws: FakeWorkstation, sendFile: NonNullable<SyncPorts['sendFile']>, order: string[]): SyncPorts {
    return {
      ...ws.ports,
      sendFile,
      request: async (request) => {
        order.push('push');
        return ws.ports.request(request);
      },
    };
  }

  it('sends an entry’s file before the entry, and nothing for a withdrawal', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    const added = ledgerRow(0, null, FILE);
    const withdrawn = ledgerRow(1, added.sealed, null);
    ws.write('ledgerEntries', { [added.row.id]: added.row, [withdrawn.row.id]: withdrawn.row });
    const order: string[] = [];
    const ports = withFiles(ws, async (file) => {
      order.push(`file ${file.sha256.slice(0, 4)} ${file.size} ${file.caseId} ${file.mediaType}`);
      return 'sent';
    }, order);
    expect(await pushAll(ports)).toBe(2);
    expect(order).toEqual(['file abab 1234 case-9 image/jpeg', 'push']);
  });

  it('pushes nothing while the file cannot be sent, and sends both, the same mutations, once it can', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    const added = ledgerRow(0, null, FILE);
    ws.write('ledgerEntries', { [added.row.id]: added.row });
    const order: string[] = [];
    let reachable = false;
    const ports = withFiles(ws, async () => {
      order.push('file');
      if (!reachable) throw new CenterLinkError('unreachable', 'The connection to the server broke.');
      return 'sent';
    }, order);
    await expect(pushAll(ports)).rejects.toMatchObject({ code: 'unreachable' });
    expect(server.pushes).toBe(0);
    const kept = (ws.state.inflight?.mutations as Array<{ mutationId: string }>).map((m) => m.mutationId);
    expect(kept).toHaveLength(1);
    reachable = true;
    expect(await pushAll(ports)).toBe(1);
    expect(order).toEqual(['file', 'file', 'push']);
    expect([...server.answered.keys()]).toEqual(kept);
  });

  it('keeps a file the server refuses among the rejected, with its reason, and still pushes the entry', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    const added = ledgerRow(0, null, FILE);
    ws.write('ledgerEntries', { [added.row.id]: added.row });
    const ports = withFiles(ws, async () => {
      throw new FileRefusedError(413, { problem: { key: 'server.file_too_large', params: { size: 1234, max: 1000 } } });
    }, []);
    expect(await pushAll(ports)).toBe(1);
    expect(server.records.has(`ledgerEntries/${added.row.id}`)).toBe(true);
    expect(ws.state.rejected).toMatchObject([{ kind: 'ledgerEntries', id: added.row.id, problem: { key: 'server.file_too_large', params: { max: 1000 } } }]);
  });

  it('lets an entry whose file left this workstation’s store go alone, with nothing rejected', async () => {
    const server = new FakeServer();
    const ws = new FakeWorkstation(server);
    const added = ledgerRow(0, null, FILE);
    ws.write('ledgerEntries', { [added.row.id]: added.row });
    const ports = withFiles(ws, async () => {
      throw new StoreError('center.file_absent', 'The file is no longer in this workstation’s store.');
    }, []);
    expect(await pushAll(ports)).toBe(1);
    expect(server.records.has(`ledgerEntries/${added.row.id}`)).toBe(true);
    expect(ws.state.rejected).toEqual([]);
  });
});
