// The sync on a real PostgreSQL (one throwaway cluster): pushes applied once however often they
// are sent, conflicts answered with both versions, other institutions' ids refused and unseen, the
// row-level policies on the synced tables, append-only records and the evidence ledger's chain and
// holder, malformed and oversized pushes, the pull since a cursor as each role may see it, the
// WebSocket nudge, and an hour's worth of queued mutations drained in order.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bytesToHex } from '../../../shared/ledger/hash';
import { MerkleTree } from '../../../shared/ledger/merkle';
import { sealEntry } from '../../../shared/ledger/entry';
import type { CheckpointRow } from '../../../shared/ledger/rows';
import { MAX_REQUEST_BYTES } from '../../../shared/server/api';
import { MAX_PUSH_MUTATIONS, nudgeMessageSchema, pullResponseSchema, type NudgeMessage, type PullResponse } from '../../../shared/server/sync';
import { attachNudge, createApiHandler, createDeps, ROUTES, type Nudge } from '../../../server';
import { asTenant, makeCase, makeInstitution, startApi, startWorld, type Api, type MadeInstitution, type World } from './fixtures';
import { accountOf, auditEvent, ledgerRows, minutes, push, put, remove } from './sync-fixtures';

let world: World;
let api: Api;
let a: MadeInstitution;
let b: MadeInstitution;
let adminA: string;
let adminB: string;
let mediator1: { id: string; token: string };
let mediator2: { id: string; token: string };
const wsA = randomUUID();
const wsB = randomUUID();

beforeAll(async () => {
  world = await startWorld('mwsync');
  api = await startApi(world.pool);
  a = await makeInstitution(world.pool, 'mediation', '340202');
  b = await makeInstitution(world.pool, 'mediation', '340203');
  adminA = await api.signIn(a);
  adminB = await api.signIn(b);
  mediator1 = await accountOf(api, adminA, a, 'mediator.one', 'mediator');
  mediator2 = await accountOf(api, adminA, a, 'mediator.two', 'mediator');
}, 60_000);

afterAll(async () => {
  await api?.close();
  await world?.stop();
});

async function pull(token: string, since: number, limit?: number): Promise<PullResponse> {
  const answer = await api.call('GET', `/sync/pull?since=${since}${limit ? `&limit=${limit}` : ''}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return pullResponseSchema.parse(answer.body);
}

async function pullAll(token: string, since = 0): Promise<PullResponse['changes']> {
  const all: PullResponse['changes'] = [];
  for (let cursor = since; ; ) {
    const page = await pull(token, cursor, 1000);
    all.push(...page.changes);
    cursor = page.next;
    if (!page.more) return all;
  }
}

describe('push', () => {
  it('applies a batch in order, and a replayed push applies nothing twice', async () => {
    const c = makeCase('sync-c1', 'S-001', mediator1.id);
    const batch = [put('cases', 'sync-c1', c), put('minutes', 'sync-c1#s1', minutes('sync-c1', 'sync-c1#s1', ['双方到场'])), put('events', `${wsA}:1`, auditEvent('sync-c1', 'case.create', 1))];
    const first = await push(api, mediator1.token, wsA, batch);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const results = first.parsed?.results ?? [];
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const seqs = results.map((r) => (r.status === 'applied' ? r.seq : 0));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(first.parsed?.head).toBe(seqs[2]);

    // The same push again (the answer was lost on the way): the earlier results, marked replayed.
    const again = await push(api, mediator1.token, wsA, batch);
    expect(again.parsed?.results).toEqual(results.map((r) => ({ ...r, replayed: true })));
    expect(again.parsed?.head).toBe(first.parsed?.head);
    const changes = await asTenant<{ n: string }>(world.pool, { institutionId: a.id }, "SELECT count(*) AS n FROM mw.changes WHERE record_id IN ('sync-c1', 'sync-c1#s1')");
    expect(Number(changes[0]?.n)).toBe(2);

    // The same mutation id with another content is refused, and changes nothing.
    const reused = await push(api, mediator1.token, wsA, [{ ...batch[1]!, body: minutes('sync-c1', 'sync-c1#s1', ['改过的']) }]);
    expect(reused.parsed?.results[0]).toMatchObject({ status: 'rejected', httpStatus: 409, problem: { key: 'server.sync_mutation_reused' } });
    const [stored] = await asTenant<{ body: { entries: Array<{ text: string }> } }>(world.pool, { institutionId: a.id, accountId: mediator1.id, role: 'mediator' }, "SELECT body FROM mw.records WHERE kind = 'minutes' AND id = 'sync-c1#s1'");
    expect(stored?.body.entries[0]?.text).toBe('双方到场');
  });

  it('applies a run of new audit events as one set, numbered in order, and answers each the one-by-one way when the set cannot be', async () => {
    await push(api, mediator1.token, wsA, [put('cases', 'sync-ev', makeCase('sync-ev', 'S-0EV', mediator1.id))]);
    const events = (from: number, count: number, caseId: string | null = 'sync-ev') => Array.from({ length: count }, (_, k) => put('events', `${wsA}:ev-${from + k}`, auditEvent(caseId, 'note.add', from + k)));
    const head = async () => Number((await asTenant<{ n: string }>(world.pool, { institutionId: a.id }, 'SELECT max(seq) AS n FROM mw.changes'))[0]?.n);
    const logged = async (ids: readonly string[]) => asTenant<{ record_id: string; seq: string }>(world.pool, { institutionId: a.id }, 'SELECT record_id, seq FROM mw.changes WHERE record_id = ANY($1) ORDER BY seq', [ids]);

    // Twelve new events: applied, each with its change, numbered in the push's order without a gap.
    const before = await head();
    const twelve = events(1, 12);
    const first = await push(api, mediator1.token, wsA, twelve);
    const seqs = (first.parsed?.results ?? []).map((r) => (r.status === 'applied' ? r.seq : -1));
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, k) => before + 1 + k));
    expect((await logged(twelve.map((m) => m.id))).map((r) => r.record_id)).toEqual(twelve.map((m) => m.id));
    // Sent again: replayed, nothing applied twice.
    const again = await push(api, mediator1.token, wsA, twelve);
    expect(again.parsed?.results.every((r) => r.status === 'applied' && r.replayed)).toBe(true);
    expect(await head()).toBe(before + 12);

    // One id already stored (sent again under a new mutation id), one case this mediator does not
    // see, one id twice: each answered as alone, the others applied, no change logged twice.
    await push(api, mediator2.token, wsB, [put('cases', 'sync-ev2', makeCase('sync-ev2', 'S-0EV2', mediator2.id))]);
    const middle = await head();
    const mixed = [...events(13, 2), put('events', `${wsA}:ev-1`, auditEvent('sync-ev', 'note.add', 1)), ...events(15, 2), ...events(17, 1, 'sync-ev2'), ...events(18, 2)];
    const twice = put('events', `${wsA}:ev-19`, auditEvent('sync-ev', 'note.add', 19));
    const answer = await push(api, mediator1.token, wsA, [...mixed, twice]);
    expect(answer.parsed?.results.map((r) => r.status)).toEqual(['applied', 'applied', 'conflict', 'applied', 'applied', 'rejected', 'applied', 'applied', 'conflict']);
    expect(answer.parsed?.results[5]).toMatchObject({ httpStatus: 404, problem: { key: 'server.sync_case_unknown' } });
    const stored = await logged([...twelve, ...mixed, twice].map((m) => m.id));
    expect(stored.map((r) => r.record_id)).toEqual([...twelve.map((m) => m.id), ...[13, 14, 15, 16, 18, 19].map((n) => `${wsA}:ev-${n}`)]);
    expect(await head()).toBe(middle + 6);
  });

  it('answers two offline edits of one case: the later is a conflict with the server version, nothing overwritten', async () => {
    const c = makeCase('sync-c2', 'S-002', mediator1.id);
    await push(api, mediator1.token, wsA, [put('cases', 'sync-c2', c)]);
    // Two workstations edited version 1 offline.
    const mine = { case: { ...c.case, claims: '请求赔偿 3000 元' }, parties: c.parties };
    const theirs = { case: { ...c.case, claims: '请求赔礼道歉' }, parties: c.parties };
    const first = await push(api, mediator1.token, wsA, [put('cases', 'sync-c2', mine, 1)]);
    expect(first.parsed?.results[0]).toMatchObject({ status: 'applied', version: 2 });
    const second = await push(api, adminA, wsB, [put('cases', 'sync-c2', theirs, 1)]);
    const conflict = second.parsed?.results[0];
    expect(conflict).toMatchObject({ status: 'conflict', baseVersion: 1, current: { version: 2 } });
    expect(conflict?.status === 'conflict' && (conflict.current?.body as { case: { claims: string } }).case.claims).toBe('请求赔偿 3000 元');
    // The user keeps theirs: a new mutation at the server's version.
    const kept = await push(api, adminA, wsB, [put('cases', 'sync-c2', theirs, 2)]);
    expect(kept.parsed?.results[0]).toMatchObject({ status: 'applied', version: 3 });
    // A record too: an edit from a stale version conflicts; a deletion of a stale version too.
    await push(api, mediator1.token, wsA, [put('minutes', 'sync-c2#s1', minutes('sync-c2', 'sync-c2#s1', ['一']))]);
    await push(api, mediator1.token, wsA, [put('minutes', 'sync-c2#s1', minutes('sync-c2', 'sync-c2#s1', ['一', '二'], 2), 1)]);
    const stale = await push(api, adminA, wsB, [put('minutes', 'sync-c2#s1', minutes('sync-c2', 'sync-c2#s1', ['三'], 2), 1), remove('minutes', 'sync-c2#s1', 1)]);
    expect(stale.parsed?.results.map((r) => r.status)).toEqual(['conflict', 'conflict']);
    const gone = await push(api, adminA, wsB, [remove('minutes', 'sync-c2#s1', 2)]);
    expect(gone.parsed?.results[0]).toMatchObject({ status: 'applied', version: 2 });
    const late = await push(api, mediator1.token, wsA, [put('minutes', 'sync-c2#s1', minutes('sync-c2', 'sync-c2#s1', ['四'], 3), 2)]);
    expect(late.parsed?.results[0]).toMatchObject({ status: 'conflict', current: null });
  });

  it("refuses another institution's ids and lets no query see another institution's synced rows", async () => {
    await push(api, mediator1.token, wsA, [put('cases', 'sync-c3', makeCase('sync-c3', 'S-003', mediator1.id)), put('minutes', 'sync-c3#s1', minutes('sync-c3', 'sync-c3#s1', ['A 的笔录']))]);
    // B names A's case: its records are refused, its case is unknown to B (nothing of A's answered).
    const tries = await push(api, adminB, wsB, [
      put('minutes', 'sync-c3#s2', minutes('sync-c3', 'sync-c3#s2', ['B 写入'])),
      put('ledgerEntries', ledgerRows('sync-c3', 1)[0]!.id, ledgerRows('sync-c3', 1)[0]),
      put('minutes', 'sync-c3#s1', minutes('sync-c3', 'sync-c3#s1', ['B 改写'], 2), 1),
      put('cases', 'sync-c3', makeCase('sync-c3', 'S-003', null), 1),
    ]);
    expect(tries.parsed?.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'conflict', 'conflict']);
    expect(tries.parsed?.results[0]).toMatchObject({ httpStatus: 404, problem: { key: 'server.sync_case_unknown' } });
    expect(tries.parsed?.results.slice(2)).toMatchObject([{ current: null }, { current: null }]);
    expect((await pullAll(adminB)).map((c) => c.id)).not.toContain('sync-c3');
    // The application's role, asked with no filter at all, as B, and with nothing set.
    for (const table of ['records', 'sync_mutations', 'ledger_holders']) {
      const asB = await asTenant<{ institution_id: string }>(world.pool, { institutionId: b.id, accountId: null, role: 'admin' }, `SELECT institution_id FROM mw.${table}`);
      expect(asB.every((r) => r.institution_id === b.id)).toBe(true);
      const nobody = await world.pool.query(`SELECT * FROM mw.${table}`);
      expect(nobody.rows).toEqual([]);
    }
    const own = await asTenant<{ n: string }>(world.pool, { institutionId: a.id, role: 'admin' }, "SELECT count(*) AS n FROM mw.records WHERE case_id = 'sync-c3'");
    expect(Number(own[0]?.n)).toBe(1);
  });

  it("holds a mediator to their own and unassigned cases' records", async () => {
    await push(api, mediator2.token, wsB, [put('cases', 'sync-c4', makeCase('sync-c4', 'S-004', mediator2.id)), put('minutes', 'sync-c4#s1', minutes('sync-c4', 'sync-c4#s1', ['二号调解员的笔录']))]);
    const refused = await push(api, mediator1.token, wsA, [put('minutes', 'sync-c4#s2', minutes('sync-c4', 'sync-c4#s2', ['越权']))]);
    expect(refused.parsed?.results[0]).toMatchObject({ status: 'rejected', httpStatus: 404 });
    const seen = await pullAll(mediator1.token);
    expect(seen.some((c) => c.caseId === 'sync-c4')).toBe(false);
    expect(seen.some((c) => c.caseId === 'sync-c1')).toBe(true);
    // The director sees all, writes no case record; the settings are the administrator's.
    const director = await accountOf(api, adminA, a, 'the.director', 'director');
    expect((await pullAll(director.token)).some((c) => c.id === 'sync-c4#s1')).toBe(true);
    const directorWrites = await push(api, director.token, wsB, [put('minutes', 'sync-c4#s1', minutes('sync-c4', 'sync-c4#s1', ['主任改写'], 2), 1)]);
    expect(directorWrites.parsed?.results[0]).toMatchObject({ status: 'rejected', httpStatus: 403 });
  });

  it('keeps audit events append-only, also against a direct write', async () => {
    const id = `${wsA}:append`;
    await push(api, mediator1.token, wsA, [put('events', id, auditEvent('sync-c1', 'note.add', 2))]);
    const changed = await push(api, mediator1.token, wsA, [put('events', id, auditEvent('sync-c1', 'note.edit', 2), 1), remove('events', id, 1)]);
    expect(changed.parsed?.results).toMatchObject([{ status: 'rejected', problem: { key: 'server.sync_append_only' } }, { status: 'rejected', problem: { key: 'server.sync_append_only' } }]);
    await expect(asTenant(world.pool, { institutionId: a.id, accountId: a.adminId, role: 'admin' }, "UPDATE mw.records SET body = '{}' WHERE kind = 'events' AND id = $1", [id])).rejects.toThrow(/never changed or deleted/);
    await expect(asTenant(world.pool, { institutionId: a.id, accountId: a.adminId, role: 'admin' }, "DELETE FROM mw.records WHERE kind = 'events' AND id = $1", [id])).rejects.toThrow(/never changed or deleted/);
  });

  it('keeps the rest of a push when one mutation is refused by the database itself, and two pushes crossing over the same cases both end applied', async () => {
    const director = await accountOf(api, adminA, a, 'the.director2', 'director');
    // The director may add audit events, not minutes: the new minutes pass the code's checks and
    // are refused by the row-level policy, inside the push's transaction, between two events.
    const mixed = await push(api, director.token, wsB, [
      put('events', `${wsB}:sp1`, auditEvent('sync-c1', 'note.add', 1)),
      put('minutes', 'sync-c1#sp', minutes('sync-c1', 'sync-c1#sp', ['主任新写的'])),
      put('events', `${wsB}:sp2`, auditEvent('sync-c1', 'note.add', 2)),
    ]);
    expect(mixed.status, JSON.stringify(mixed.body)).toBe(200);
    expect(mixed.parsed?.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(mixed.parsed?.results[1]).toMatchObject({ httpStatus: 403 });
    const kept = await asTenant<{ id: string }>(world.pool, { institutionId: a.id, accountId: a.adminId, role: 'admin' }, 'SELECT id FROM mw.records WHERE id = ANY($1) ORDER BY id', [[`${wsB}:sp1`, 'sync-c1#sp', `${wsB}:sp2`]]);
    expect(kept.map((r) => r.id)).toEqual([`${wsB}:sp1`, `${wsB}:sp2`]);

    // Two workstations edit the same two cases, each in the other order, at once, many times:
    // whichever PostgreSQL stops to break a deadlock is applied again, a mutation at a time.
    const ids = ['sync-x1', 'sync-x2'];
    const made = new Map(ids.map((id, i) => [id, makeCase(id, `X-00${i + 1}`, mediator1.id)]));
    const created = await push(api, mediator1.token, wsA, ids.map((id) => put('cases', id, made.get(id))));
    expect(created.parsed?.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const versions = new Map(ids.map((id) => [id, 1]));
    for (let round = 0; round < 8; round += 1) {
      const edit = (id: string, by: string) => {
        const c = made.get(id)!;
        return put('cases', id, { ...c, case: { ...c.case, claims: `${by} ${round}` } }, versions.get(id));
      };
      const [one, two] = await Promise.all([push(api, mediator1.token, wsA, [edit('sync-x1', 'A'), edit('sync-x2', 'A')]), push(api, mediator1.token, wsB, [edit('sync-x2', 'B'), edit('sync-x1', 'B')])]);
      expect([one.status, two.status]).toEqual([200, 200]);
      const all = [...(one.parsed?.results ?? []), ...(two.parsed?.results ?? [])];
      // Each case is edited once from each version: one edit applied, the other a conflict.
      for (const id of ids) {
        const mine = all.filter((r) => r.id === id);
        expect(mine.map((r) => r.status).sort()).toEqual(['applied', 'conflict']);
        const applied = mine.find((r) => r.status === 'applied');
        versions.set(id, applied?.status === 'applied' ? applied.version : 0);
      }
    }
  }, 60_000);

  it('answers more pushes at once than the pool has connections: a push holds no connection while its mutations take theirs', async () => {
    // Before pushes were batch routes, each held its request's transaction while each mutation took
    // another connection: as many pushes as connections waited for each other for ever.
    const small = new pg.Pool({ connectionString: world.db.appUrl, max: 2 });
    const tight = await startApi(small);
    try {
      const token = await tight.signIn(a);
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, k) =>
          tight.call('POST', '/sync/push', { token, body: { workstationId: randomUUID(), mutations: Array.from({ length: 3 }, (_, i) => put('events', `${wsA}:tight${k}-${i}`, auditEvent(null, 'note.add', i))) } }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(answers.flatMap((answer) => (answer.body as { results: { status: string }[] }).results.map((r) => r.status))).toEqual(Array(18).fill('applied'));
    } finally {
      await tight.close();
      await small.end();
    }
  }, 60_000);

  it('refuses malformed, oversized and unfit pushes with clear problems', async () => {
    const bad = (answer: { status: number; body: { problem: { key: string } } }, status: number, key: string) => {
      expect(answer.status).toBe(status);
      expect(answer.body.problem.key).toBe(key);
    };
    bad(await api.call('POST', '/sync/push', { token: adminA, raw: '{"workstationId":', headers: { 'content-type': 'application/json' } }), 400, 'server.bad_json');
    bad(await api.call('POST', '/sync/push', { token: adminA, body: { workstationId: wsA, mutations: [], extra: 1 } }), 422, 'server.invalid_request');
    const many = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => put('events', `${wsA}:many${i}`, auditEvent(null, 'x', i)));
    bad(await api.call('POST', '/sync/push', { token: adminA, body: { workstationId: wsA, mutations: many } }), 422, 'server.invalid_request');
    const twice = put('events', `${wsA}:twice`, auditEvent(null, 'x', 1));
    bad(await api.call('POST', '/sync/push', { token: adminA, body: { workstationId: wsA, mutations: [twice, twice] } }), 422, 'server.invalid_request');
    bad(await api.call('POST', '/sync/push', { token: adminA, body: { workstationId: 'not-a-uuid', mutations: [twice] } }), 422, 'server.invalid_request');
    bad(await api.call('POST', '/sync/push', { token: adminA, body: { workstationId: wsA, mutations: [{ ...twice, op: 'delete' }] } }), 422, 'server.invalid_request');
    const huge = put('minutes', 'sync-c1#huge', minutes('sync-c1', 'sync-c1#huge', ['长'.repeat(MAX_REQUEST_BYTES)]));
    bad(await api.call('POST', '/sync/push', { token: adminA, body: { workstationId: wsA, mutations: [huge] } }), 413, 'server.too_large');
    bad(await api.call('POST', '/sync/push', { body: { workstationId: wsA, mutations: [twice] } }), 401, 'server.unauthenticated');
    // A body its kind's schema refuses, an id not its body's, a case not deletable: each refused alone.
    const unfit = await push(api, adminA, wsA, [
      put('minutes', 'sync-c1#bad', { id: 'sync-c1#bad', caseId: 'sync-c1', entries: 'none' }),
      put('minutes', 'sync-c1#other', minutes('sync-c1', 'sync-c1#s9', ['x'])),
      remove('cases', 'sync-c1', 1),
      put('settings', 'settings', { id: 'settings' }),
    ]);
    expect(unfit.parsed?.results.map((r) => (r.status === 'rejected' ? [r.httpStatus, r.problem.key] : r.status))).toEqual([
      [422, 'server.invalid_request'],
      [422, 'server.invalid_request'],
      [409, 'server.sync_not_deletable'],
      [422, 'server.invalid_request'],
    ]);
    const first = unfit.parsed?.results[0];
    expect(first?.status === 'rejected' && first.problem.items?.[0]?.params.field).toBe('body.entries');
    // A private key in clear never travels (issue 17 item 6): the whole push is refused, the field named, nothing applied.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const clearKey = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const leaking = put('minutes', 'sync-c1#key', minutes('sync-c1', 'sync-c1#key', [clearKey]));
    const refused = await api.call('POST', '/sync/push', { token: adminA, body: { workstationId: wsA, mutations: [leaking] } });
    bad(refused, 422, 'server.invalid_request');
    expect(JSON.stringify(refused.body)).toContain('mutations.0.body');
    expect(JSON.stringify(refused.body)).toContain('server.private_key_in_clear');
    expect(await pullAll(adminA)).not.toContainEqual(expect.objectContaining({ id: 'sync-c1#key' }));
  });
});

describe('evidence ledger', () => {
  it('stores a chain only where it continues, keeps other workstations\' entries pending until the holder takes them, and checkpoints only over what it has', async () => {
    await push(api, mediator1.token, wsA, [put('cases', 'sync-l1', makeCase('sync-l1', 'S-101', mediator1.id))]);
    const rows = ledgerRows('sync-l1', 3);
    const stored = await push(api, mediator1.token, wsA, rows.map((r) => put('ledgerEntries', r.id, r)));
    expect(stored.parsed?.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // A fork: another entry 1; a gap; a changed entry under its old hash; a wrong previous hash.
    const fork = ledgerRows('sync-l1', 2, null, '另一个分支')[1]!;
    const gap = ledgerRows('sync-l1', 2, rows[2]!)[1]!;
    const next = ledgerRows('sync-l1', 1, rows[2]!)[0]!;
    const tampered = { ...next, entry: { ...next.entry, title: '篡改' } };
    const rehashed = ledgerRows('sync-l1', 1, { ...rows[2]!, entryHash: 'b'.repeat(64) })[0]!;
    const refused = await push(api, mediator1.token, wsA, [put('ledgerEntries', fork.id, fork), put('ledgerEntries', gap.id, gap), put('ledgerEntries', `${next.id}`, tampered), put('ledgerEntries', rehashed.id, { ...rehashed, entryHash: sealEntry(rehashed.entry).hash })]);
    expect(refused.parsed?.results.map((r) => (r.status === 'rejected' ? r.problem.params.reason : r.status))).toEqual(['expected_seq_3', 'expected_seq_3', 'entry_hash', 'previous_hash']);
    // An entry made on another workstation while offline is kept pending, not linked.
    const before = (await pull(mediator1.token, 0, 1)).head;
    const offline = ledgerRows('sync-l1', 1, rows[2]!, '另一台工作站的记录')[0]!;
    const kept = await push(api, mediator1.token, wsB, [put('ledgerEntries', offline.id, offline)]);
    expect(kept.parsed?.results[0]).toMatchObject({ status: 'pending', pendingId: `pending:${wsB}:${offline.id}`, replayed: false });
    expect((await pullAll(mediator1.token, before)).map((c) => [c.kind, c.op])).toEqual([['pendingLedgerEntries', 'put']]);
    // The holder goes on, then takes the pending entry onto its chain after its latest, content unchanged.
    const mine = next;
    const relinked = ledgerRows('sync-l1', 1, mine, '另一台工作站的记录')[0]!;
    expect(relinked.seq).toBe(4);
    const taken = await push(api, mediator1.token, wsA, [put('ledgerEntries', mine.id, mine), put('ledgerEntries', relinked.id, relinked)]);
    expect(taken.parsed?.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await pullAll(mediator1.token, before)).map((c) => [c.kind, c.op, c.id])).toEqual([
      ['ledgerEntries', 'put', mine.id],
      ['ledgerEntries', 'put', relinked.id],
      ['pendingLedgerEntries', 'delete', `pending:${wsB}:${offline.id}`],
    ]);
    // A pending entry must still be sound in itself.
    const unsound = await push(api, mediator1.token, wsB, [put('ledgerEntries', tampered.id, tampered)]);
    expect(unsound.parsed?.results[0]).toMatchObject({ status: 'rejected', problem: { params: { reason: 'entry_hash' } } });

    // The ledger handed to the other workstation: its entries are the chain's, the first's pending.
    const other = await api.call('POST', '/sync/ledger-holder', { token: mediator2.token, body: { caseId: 'sync-l1', workstationId: wsB } });
    expect(other.status).toBe(404);
    const handed = await api.call('POST', '/sync/ledger-holder', { token: mediator1.token, body: { caseId: 'sync-l1', workstationId: wsB } });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    const fifth = ledgerRows('sync-l1', 1, relinked)[0]!;
    expect((await push(api, mediator1.token, wsA, [put('ledgerEntries', fifth.id, fifth)])).parsed?.results[0]).toMatchObject({ status: 'pending' });
    expect((await push(api, mediator1.token, wsB, [put('ledgerEntries', fifth.id, fifth)])).parsed?.results[0]).toMatchObject({ status: 'applied' });

    const entries = [...rows, mine, relinked, fifth].map((r) => r.entry);
    const root = bytesToHex(MerkleTree.fromLeafData(entries.map((e) => sealEntry(e).bytes)).root(6));
    const checkpoint = (treeSize: number, rootHash: string): CheckpointRow => ({
      id: `sync-l1#cp${treeSize}${rootHash.slice(0, 4)}`,
      caseId: 'sync-l1',
      treeSize,
      reason: 'on_demand',
      signedBy: { id: 'admin', name: '管理员' },
      signed: { checkpoint: { caseId: 'sync-l1', treeSize, rootHash, time: '2026-03-01T10:00:00.000Z' }, algorithm: 'RSASSA-PKCS1-v1_5-SHA256', keyId: 'c'.repeat(64), signature: 'AAAA' },
    });
    const notHolder = await push(api, mediator1.token, wsA, [put('checkpoints', 'sync-l1#cpA', { ...checkpoint(6, root), id: 'sync-l1#cpA' })]);
    expect(notHolder.parsed?.results[0]).toMatchObject({ status: 'rejected', problem: { key: 'server.sync_ledger_not_holder' } });
    const cps = [checkpoint(6, root), checkpoint(6, 'd'.repeat(64)), checkpoint(7, root)];
    const answered = await push(api, mediator1.token, wsB, cps.map((cp) => put('checkpoints', cp.id, cp)));
    expect(answered.parsed?.results.map((r) => (r.status === 'rejected' ? r.problem.params.reason : r.status))).toEqual(['applied', 'checkpoint_root', 'checkpoint_beyond_ledger']);
  });
});

describe('pull', () => {
  it('gives the changes after a cursor, the latest of each record once, page by page', async () => {
    const start = (await pull(adminA, 0, 1)).head;
    await push(api, adminA, wsA, [
      put('minutes', 'sync-c1#p1', minutes('sync-c1', 'sync-c1#p1', ['一'])),
      put('minutes', 'sync-c1#p2', minutes('sync-c1', 'sync-c1#p2', ['二'])),
    ]);
    await push(api, adminA, wsA, [put('minutes', 'sync-c1#p1', minutes('sync-c1', 'sync-c1#p1', ['一', '再'], 2), 1), remove('minutes', 'sync-c1#p2', 1)]);
    const all = await pull(adminA, start);
    expect(all.changes.map((c) => [c.id, c.op, c.version])).toEqual([
      ['sync-c1#p1', 'put', 2],
      ['sync-c1#p2', 'delete', null],
    ]);
    expect(all).toMatchObject({ next: start + 4, more: false, head: start + 4 });
    const firstPage = await pull(adminA, start, 2);
    expect(firstPage).toMatchObject({ next: start + 2, more: true });
    expect((firstPage.changes[0]?.body as { entries: unknown[] }).entries).toHaveLength(2);
    expect((await api.call('GET', '/sync/pull?since=-1', { token: adminA })).status).toBe(422);
    expect((await api.call('GET', '/sync/pull?since=0&limit=5000', { token: adminA })).status).toBe(422);
    expect((await api.call('GET', '/sync/pull?since=0&other=1', { token: adminA })).status).toBe(422);
  });

  it('drains an hour offline: a few thousand queued mutations pushed in batches, applied in order', async () => {
    await push(api, mediator1.token, wsA, [put('cases', 'sync-h1', makeCase('sync-h1', 'S-201', mediator1.id))]);
    const since = (await pull(mediator1.token, 0, 1)).head;
    // 2,000 changes: audit events, and minutes saved again and again (each at the version before).
    const queue = [];
    for (let i = 0; i < 1_600; i++) queue.push(put('events', `${wsA}:h${i}`, auditEvent('sync-h1', 'minutes.save', i)));
    for (let v = 1; v <= 400; v++) queue.push(put('minutes', 'sync-h1#s1', minutes('sync-h1', 'sync-h1#s1', [`第 ${v} 次保存`], v), v === 1 ? null : v - 1));
    const applied: number[] = [];
    for (let i = 0; i < queue.length; i += MAX_PUSH_MUTATIONS) {
      const answer = await push(api, mediator1.token, wsA, queue.slice(i, i + MAX_PUSH_MUTATIONS));
      for (const r of answer.parsed?.results ?? []) applied.push(r.status === 'applied' ? r.seq : -1);
    }
    expect(applied).toHaveLength(2_000);
    expect(applied.every((seq, i) => seq === since + 1 + i)).toBe(true);
    const pulled = await pullAll(mediator1.token, since);
    expect(pulled.filter((c) => c.kind === 'events')).toHaveLength(1_600);
    expect(pulled.filter((c) => c.kind === 'minutes')).toMatchObject([{ version: 400 }]);
  }, 120_000);
});

describe('nudge', () => {
  let server: Server;
  let nudge: Nudge;
  let url: string;

  beforeAll(async () => {
    server = createServer(createApiHandler({ deps: createDeps({ pool: world.pool, now: () => api.now }), routes: ROUTES }));
    nudge = attachNudge(server, createDeps({ pool: world.pool, now: () => api.now }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/sync/nudge`;
  });
  afterAll(async () => {
    await nudge?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  function connect(token: string): Promise<{ ws: WebSocket; messages: NudgeMessage[] }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
      const messages: NudgeMessage[] = [];
      ws.on('message', (data) => messages.push(nudgeMessageSchema.parse(JSON.parse(String(data)))));
      ws.once('open', () => resolve({ ws, messages }));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }

  it("tells a signed-in workstation of its institution's commits, and nobody else", async () => {
    const listener = await connect(mediator2.token);
    const otherInstitution = await connect(adminB);
    await expect.poll(() => listener.messages.length).toBe(1);
    const hello = listener.messages[0];
    expect(hello?.type).toBe('hello');
    const answer = await push(api, mediator1.token, wsA, [put('events', `${wsA}:nudge`, auditEvent(null, 'nudge', 1))]);
    const seq = answer.parsed?.head ?? 0;
    expect(seq).toBeGreaterThan(hello?.seq ?? 0);
    await expect.poll(() => listener.messages.at(-1), { timeout: 5_000 }).toEqual({ type: 'changed', seq });
    expect(otherInstitution.messages).toEqual([{ type: 'hello', seq: expect.any(Number) }]);
    // Twenty changes of one push are told once, with the latest number; two pushes at once, at most once each.
    const told = listener.messages.length;
    const many = await push(api, mediator1.token, wsA, Array.from({ length: 20 }, (_, i) => put('events', `${wsA}:nudge-many-${i}`, auditEvent(null, 'nudge', i))));
    await expect.poll(() => listener.messages.at(-1), { timeout: 5_000 }).toEqual({ type: 'changed', seq: many.parsed?.head });
    const both = await Promise.all([1, 2].map((k) => push(api, mediator1.token, wsA, [put('events', `${wsA}:nudge-both-${k}`, auditEvent(null, 'nudge', k))])));
    const latest = Math.max(...both.map((b) => b.parsed?.head ?? 0));
    await expect.poll(() => listener.messages.at(-1), { timeout: 5_000 }).toEqual({ type: 'changed', seq: latest });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(listener.messages.length - told).toBeLessThanOrEqual(3);
    listener.ws.close();
    otherInstitution.ws.close();
    await expect(connect('mw1.nonsense')).rejects.toThrow(/refused 401/);
    await expect.poll(() => nudge.connected()).toBe(0);
  });
});
