// The center server's HTTP API against a real PostgreSQL (one throwaway cluster for this file):
// sign-in and its limits, sessions that expire and are revoked, account administration, cases as
// each role sees them, the logged identity number, the hand-over, referrals, the bureau's figures,
// and every route refusing another institution's ids and malformed or oversized requests with a
// Problem-shaped body.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, MAX_REQUEST_BYTES, signInResponseSchema } from '../../../shared/server/api';
import { SERVER_PROBLEM_KEYS } from '../../../shared/server/problems';
import { SESSION_LIMITS, SIGN_IN_LIMITS } from '../../../shared/server/policy';
import { makeCase, makeInstitution, PASSWORD, startApi, startWorld, type Api, type MadeInstitution, type World } from './fixtures';

let world: World;
let api: Api;
let a: MadeInstitution;
let b: MadeInstitution;
let court: MadeInstitution;
let bureau: MadeInstitution;
let adminA: string;
let adminB: string;

function expectProblem(answer: { status: number; body: unknown }, status: number, key: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const parsed = errorResponseSchema.parse(answer.body);
  expect(parsed.problem.key).toBe(key);
  expect(SERVER_PROBLEM_KEYS).toContain(parsed.problem.key);
}

async function createAccount(token: string, username: string, role: string): Promise<string> {
  const answer = await api.call('POST', '/accounts', { token, body: { username, displayName: username, role, password: PASSWORD } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id as string;
}

beforeAll(async () => {
  world = await startWorld('mwapi');
  api = await startApi(world.pool);
  a = await makeInstitution(world.pool, 'mediation', '340202');
  b = await makeInstitution(world.pool, 'legal_service', '340203');
  court = await makeInstitution(world.pool, 'court', '340202');
  bureau = await makeInstitution(world.pool, 'justice_bureau', '340200');
  adminA = await api.signIn(a);
  adminB = await api.signIn(b);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await world?.stop();
});

describe('sign-in and sessions', () => {
  it('signs in with the credit code, username and password; the answer matches its schema', async () => {
    const answer = await api.call('POST', '/sign-in', { body: { institution: a.creditCode.toLowerCase(), username: ' Admin ', password: PASSWORD } });
    expect(answer.status).toBe(200);
    const signedIn = signInResponseSchema.parse(answer.body);
    expect(signedIn.account.role).toBe('admin');
    expect(signedIn.institution.id).toBe(a.id);
    expect(new Date(signedIn.expiresAt).getTime() - api.now.getTime()).toBe(SESSION_LIMITS.absoluteHours * 3600_000);
    expect((await api.call('GET', '/me', { token: signedIn.token })).body.account.username).toBe('admin');
  });

  it('answers a wrong password, an unknown user and an unknown institution alike', async () => {
    expectProblem(await api.call('POST', '/sign-in', { body: { institution: a.creditCode, username: 'admin', password: 'wrong password 1' } }), 401, 'server.sign_in_failed');
    expectProblem(await api.call('POST', '/sign-in', { body: { institution: a.creditCode, username: 'nobody', password: PASSWORD } }), 401, 'server.sign_in_failed');
    expectProblem(await api.call('POST', '/sign-in', { body: { institution: '91340200MA2N0FKX1C'.slice(0, 17) + '0', username: 'admin', password: PASSWORD } }), 422, 'server.invalid_request');
    api.clock += 60_000;
  });

  it(`locks an account after ${SIGN_IN_LIMITS.failuresBeforeLock} failures in a row, for ${SIGN_IN_LIMITS.lockMinutes} minutes`, async () => {
    const id = await createAccount(adminA, 'locked.one', 'mediator');
    const wrong = { institution: a.creditCode, username: 'locked.one', password: 'not it 123' };
    for (let i = 1; i < SIGN_IN_LIMITS.failuresBeforeLock; i++) expectProblem(await api.call('POST', '/sign-in', { body: wrong }), 401, 'server.sign_in_failed');
    const locking = await api.call('POST', '/sign-in', { body: wrong });
    expectProblem(locking, 423, 'server.account_locked');
    expect(new Date(locking.body.problem.params.until).getTime() - api.now.getTime()).toBe(SIGN_IN_LIMITS.lockMinutes * 60_000);
    // Locked: even the right password is refused (after the per-account bucket has refilled).
    api.clock += 60_000;
    expectProblem(await api.call('POST', '/sign-in', { body: { ...wrong, password: PASSWORD } }), 423, 'server.account_locked');
    const listed = await api.call('GET', '/accounts', { token: adminA });
    expect(listed.body.accounts.find((x: { id: string }) => x.id === id).lockedUntil).not.toBeNull();
    // After the lock, the right password works and clears the count.
    api.now = new Date(api.now.getTime() + (SIGN_IN_LIMITS.lockMinutes + 1) * 60_000);
    api.clock += 60_000;
    expect((await api.call('POST', '/sign-in', { body: { ...wrong, password: PASSWORD } })).status).toBe(200);
    adminA = await api.signIn(a);
  });

  it('limits attempts per account name and per address before checking anything', async () => {
    api.clock += 600_000;
    const body = { institution: b.creditCode, username: 'guess', password: 'guess 1234' };
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountBurst; i++) expect((await api.call('POST', '/sign-in', { body })).status).toBe(401);
    const limited = await api.call('POST', '/sign-in', { body });
    expectProblem(limited, 429, 'server.rate_limited');
    expect(limited.headers['retry-after']).toBe(String(SIGN_IN_LIMITS.perAccountRefillSeconds));
    api.clock += 600_000;
    // Many names from one address: the address's bucket runs dry.
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddressBurst; i++) statuses.push((await api.call('POST', '/sign-in', { body: { ...body, username: `name${i}` } })).status);
    expect(statuses.slice(0, SIGN_IN_LIMITS.perAddressBurst).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    api.clock += 600_000;
  });

  it('refuses an expired, an idle, a signed-out and a revoked session, and every session of a deactivated account', async () => {
    const mediatorId = await createAccount(adminA, 'leaving.soon', 'mediator');
    const first = await api.signIn(a, 'leaving.soon');
    const second = await api.signIn(a, 'leaving.soon');
    expect((await api.call('GET', '/me', { token: first })).status).toBe(200);

    expect((await api.call('POST', '/sign-out', { token: first })).status).toBe(200);
    expectProblem(await api.call('GET', '/me', { token: first }), 401, 'server.session_ended');

    const revokedAnswer = await api.call('POST', `/accounts/${mediatorId}/sessions/revoke`, { token: adminA });
    expect(revokedAnswer.body).toEqual({ revoked: 1 });
    const revoked = await api.call('GET', '/me', { token: second });
    expectProblem(revoked, 401, 'server.session_ended');
    expect(revoked.body.problem.params.reason).toBe('revoked');

    const third = await api.signIn(a, 'leaving.soon');
    const fourth = await api.signIn(a, 'leaving.soon');
    const account = (await api.call('GET', '/accounts', { token: adminA })).body.accounts.find((x: { id: string }) => x.id === mediatorId);
    const deactivated = await api.call('PATCH', `/accounts/${mediatorId}`, { token: adminA, body: { baseVersion: account.version, active: false } });
    expect(deactivated.body.active).toBe(false);
    for (const token of [third, fourth]) expect((await api.call('GET', '/me', { token })).body.problem.params.reason).toBe('deactivated');
    expectProblem(await api.call('POST', '/sign-in', { body: { institution: a.creditCode, username: 'leaving.soon', password: PASSWORD } }), 403, 'server.account_inactive');

    const fresh = await api.signIn(a);
    api.now = new Date(api.now.getTime() + (SESSION_LIMITS.idleMinutes + 1) * 60_000);
    expect((await api.call('GET', '/me', { token: fresh })).body.problem.params.reason).toBe('idle');
    const late = await api.signIn(a);
    for (let h = 0; h < SESSION_LIMITS.absoluteHours; h++) {
      api.now = new Date(api.now.getTime() + 3600_000);
      await api.call('GET', '/me', { token: late });
    }
    expect((await api.call('GET', '/me', { token: late })).body.problem.params.reason).toBe('expired');
    adminA = await api.signIn(a);
    adminB = await api.signIn(b);
  });

  it('a password reset unlocks the account and ends its sessions', async () => {
    const id = await createAccount(adminA, 'forgetful', 'lawyer');
    const token = await api.signIn(a, 'forgetful');
    const reset = await api.call('POST', `/accounts/${id}/password`, { token: adminA, body: { password: 'brand new 42' } });
    expect(reset.status).toBe(200);
    expect((await api.call('GET', '/me', { token })).body.problem.params.reason).toBe('password_reset');
    expect((await api.call('POST', '/sign-in', { body: { institution: a.creditCode, username: 'forgetful', password: 'brand new 42' } })).status).toBe(200);
  });

  it('refuses a missing, malformed or unknown token', async () => {
    expectProblem(await api.call('GET', '/me'), 401, 'server.unauthenticated');
    expectProblem(await api.call('GET', '/me', { headers: { authorization: 'Basic abc' } }), 401, 'server.unauthenticated');
    expectProblem(await api.call('GET', '/me', { token: `mw1.${a.id}.${'A'.repeat(43)}` }), 401, 'server.unauthenticated');
    // The right secret under another institution's name finds nothing.
    const [, , secret] = adminA.split('.');
    expectProblem(await api.call('GET', '/me', { token: `mw1.${b.id}.${secret}` }), 401, 'server.unauthenticated');
  });
});

describe('account administration', () => {
  it('an administrator creates and changes accounts with the workstation\'s rules; others may not', async () => {
    const bad = await api.call('POST', '/accounts', { token: adminA, body: { username: '张三', displayName: 'x', role: 'clerk', password: 'short' } });
    expectProblem(bad, 422, 'server.invalid_request');
    const codes = bad.body.problem.items.map((i: { params: { code: string } }) => i.params.code).sort();
    expect(codes).toEqual(['password.needs_letter_and_digit', 'password.too_short', 'user.role_invalid', 'user.username_invalid']);
    const id = await createAccount(adminA, 'new.mediator', 'mediator');
    expectProblem(await api.call('POST', '/accounts', { token: adminA, body: { username: 'new.mediator', displayName: 'again', role: 'mediator', password: PASSWORD } }), 422, 'server.invalid_request');
    const mediator = await api.signIn(a, 'new.mediator');
    expectProblem(await api.call('POST', '/accounts', { token: mediator, body: { username: 'sneaky', displayName: 'x', role: 'admin', password: PASSWORD } }), 403, 'server.forbidden');
    expectProblem(await api.call('GET', '/accounts', { token: mediator }), 403, 'server.forbidden');
    const changed = await api.call('PATCH', `/accounts/${id}`, { token: adminA, body: { baseVersion: 1, role: 'lawyer', licenseNo: '13402201910123456' } });
    expect(changed.body).toMatchObject({ role: 'lawyer', licenseNo: '13402201910123456', version: 2 });
    expectProblem(await api.call('PATCH', `/accounts/${id}`, { token: adminA, body: { baseVersion: 1, displayName: 'stale' } }), 409, 'server.conflict');
  });

  it('keeps the last active administrator', async () => {
    const me = (await api.call('GET', '/me', { token: adminB })).body.account;
    const answer = await api.call('PATCH', `/accounts/${me.id}`, { token: adminB, body: { baseVersion: me.version, role: 'director' } });
    expectProblem(answer, 422, 'server.invalid_request');
    expect(answer.body.problem.items[0].params.code).toBe('user.last_admin');
  });
});

describe('cases', () => {
  let mediator: string;
  let mediatorId: string;
  let other: string;
  let otherId: string;
  let director: string;

  beforeAll(async () => {
    mediatorId = await createAccount(adminA, 'case.mediator', 'mediator');
    otherId = await createAccount(adminA, 'case.other', 'mediator');
    await createAccount(adminA, 'case.director', 'director');
    mediator = await api.signIn(a, 'case.mediator');
    other = await api.signIn(a, 'case.other');
    director = await api.signIn(a, 'case.director');
    for (const [id, number, owner, token] of [
      ['c-mine', 'A-101', mediatorId, mediator],
      ['c-free', 'A-102', null, mediator],
      ['c-other', 'A-103', otherId, other],
      ['c-other-closed', 'A-104', otherId, other],
    ] as const) {
      const answer = await api.call('PUT', `/cases/${id}`, { token, body: { baseVersion: null, ...makeCase(id, number, owner) } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const closed = await api.call('GET', '/cases/c-other-closed', { token: other });
    const declined = { ...closed.body.case, status: 'declined' };
    expect((await api.call('PUT', '/cases/c-other-closed', { token: other, body: { baseVersion: 1, case: declined, parties: makeCase('c-other-closed', 'A-104', otherId).parties } })).status).toBe(200);
  });

  it('each role lists what the policies let it see', async () => {
    const list = async (token: string) => (await api.call('GET', '/cases', { token })).body.cases.map((c: { id: string }) => c.id);
    expect(await list(mediator)).toEqual(['c-free', 'c-mine']);
    expect(await list(director)).toEqual(['c-free', 'c-mine', 'c-other', 'c-other-closed']);
    expect(await list(adminA)).toEqual(['c-free', 'c-mine', 'c-other', 'c-other-closed']);
    expect(await list(adminB)).toEqual([]);
    expectProblem(await api.call('GET', '/cases/c-other', { token: mediator }), 404, 'server.not_found');
  });

  it('checks a case with the workstation\'s schemas and rules, and its version', async () => {
    const broken = makeCase('c-bad', 'A-201', mediatorId);
    broken.parties[0] = { ...broken.parties[0], idNumber: '340202198001011230' } as (typeof broken.parties)[0];
    const refused = await api.call('PUT', '/cases/c-bad', { token: mediator, body: { baseVersion: null, ...broken } });
    expectProblem(refused, 422, 'server.invalid_request');
    expect(refused.body.problem.items[0].params).toMatchObject({ field: 'parties.0.idNumber', code: 'id.checksum' });
    const schemaRefused = await api.call('PUT', '/cases/c-bad', { token: mediator, body: { baseVersion: null, case: { id: 'c-bad' }, parties: [] } });
    expectProblem(schemaRefused, 422, 'server.invalid_request');
    const illegal = makeCase('c-mine', 'A-101', mediatorId, 'confirmed');
    expect((await api.call('PUT', '/cases/c-mine', { token: mediator, body: { baseVersion: 1, ...illegal } })).body.problem.items[0].params.code).toBe('lifecycle.illegal');
    expectProblem(await api.call('PUT', '/cases/c-mine', { token: mediator, body: { baseVersion: 7, ...makeCase('c-mine', 'A-101', mediatorId) } }), 409, 'server.conflict');
    expectProblem(await api.call('PUT', '/cases/c-new', { token: mediator, body: { baseVersion: null, ...makeCase('c-new', 'A-101', mediatorId) } }), 409, 'server.number_taken');
    // A mediator cannot register a case in another's name (the policy refuses the row).
    expectProblem(await api.call('PUT', '/cases/c-theirs', { token: mediator, body: { baseVersion: null, ...makeCase('c-theirs', 'A-301', otherId) } }), 403, 'server.forbidden');
  });

  it('shows a masked identity number, and the full one only with a record in the access log', async () => {
    const view = await api.call('GET', '/cases/c-mine', { token: mediator });
    expect(view.body.parties[0].idNumber).toMatch(/^340202\*{8}\d{3}[\dX]$/);
    const full = await api.call('POST', '/cases/c-mine/parties/c-mine-p1/id-number', { token: mediator });
    expect(full.body.idNumber).toMatch(/^34020219800101123[\dX]$/);
    const log = await api.call('GET', '/access-log', { token: director });
    expect(log.body.entries[0]).toMatchObject({ accountId: mediatorId, what: 'id_number', caseId: 'c-mine', subject: 'c-mine-p1' });
    expectProblem(await api.call('GET', '/access-log', { token: mediator }), 403, 'server.forbidden');
    expect((await api.call('GET', '/access-log', { token: adminB })).body.entries).toEqual([]);
  });

  it('hands a leaving mediator\'s open cases over in one recorded step', async () => {
    const third = await createAccount(adminA, 'case.third', 'mediator');
    expectProblem(await api.call('POST', '/cases/hand-over', { token: mediator, body: { fromAccountId: otherId, toAccountId: mediatorId } }), 403, 'server.forbidden');
    const answer = await api.call('POST', '/cases/hand-over', { token: director, body: { fromAccountId: otherId, toAccountId: third } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.handedOver).toEqual([{ caseId: 'c-other', toAccountId: third }]);
    const moved = await api.call('GET', '/cases/c-other', { token: adminA });
    expect(moved.body).toMatchObject({ version: 2, case: { mediatorId: third } });
    expect((await api.call('GET', '/cases/c-other-closed', { token: adminA })).body.case.mediatorId).toBe(otherId);
    const events = await world.pool.connect();
    try {
      await events.query('BEGIN');
      await events.query("SELECT set_config('app.institution', $1, true), set_config('app.role', 'director', true)", [a.id]);
      const rows = (await events.query("SELECT action, entity_id FROM mw.events WHERE action = 'cases.hand_over'")).rows;
      expect(rows).toEqual([{ action: 'cases.hand_over', entity_id: otherId }]);
      await events.query('COMMIT');
    } finally {
      events.release();
    }
  });
});

describe('rows of two institutions', () => {
  it('sends a package to a court that the court sees and answers, and nobody else sees', async () => {
    const sent = await api.call('POST', '/referrals', { token: adminA, body: { caseId: 'c-free', receiverCreditCode: court.creditCode, kind: 'confirmation_package', note: '请确认' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.payload).toEqual({ caseNumber: 'A-102', category: 'NBR', partySummary: '张三 / 李四', note: '请确认' });
    const clerk = await api.signIn(court);
    const received = await api.call('GET', '/referrals', { token: clerk });
    expect(received.body.referrals.map((r: { id: string; direction: string }) => [r.id, r.direction])).toEqual([[sent.body.id, 'received']]);
    expect((await api.call('GET', '/referrals', { token: adminB })).body.referrals).toEqual([]);
    expectProblem(await api.call('GET', `/referrals/${sent.body.id}`, { token: adminB }), 404, 'server.not_found');
    expectProblem(await api.call('POST', `/referrals/${sent.body.id}/answer`, { token: adminA, body: { accept: true, baseVersion: 1 } }), 403, 'server.forbidden');
    expect((await api.call('POST', `/referrals/${sent.body.id}/answer`, { token: clerk, body: { accept: true, baseVersion: 1 } })).body.status).toBe('accepted');
    // The court does not see the sender's case itself.
    expectProblem(await api.call('GET', '/cases/c-free', { token: clerk }), 404, 'server.not_found');
  });

  it('refuses a case of another institution, and a kind the two institutions do not exchange', async () => {
    expectProblem(await api.call('POST', '/referrals', { token: adminB, body: { caseId: 'c-free', receiverCreditCode: a.creditCode, kind: 'referral', note: '' } }), 404, 'server.not_found');
    expectProblem(await api.call('POST', '/referrals', { token: adminB, body: { caseId: null, receiverCreditCode: a.creditCode, kind: 'court_entrusted', note: '' } }), 422, 'server.invalid_request');
  });
});

describe('the justice bureau', () => {
  it('reads its area\'s counts and no case', async () => {
    const token = await api.signIn(bureau);
    const figures = await api.call('GET', '/oversight/figures', { token });
    expect(figures.status).toBe(200);
    expect(figures.body.areaPrefix).toBe('3402');
    expect(JSON.stringify(figures.body)).not.toMatch(/A-10|张三|c-mine/);
    expect(figures.body.rows.reduce((n: number, r: { cases: number }) => n + r.cases, 0)).toBe(4);
    expect((await api.call('GET', '/cases', { token })).body.cases).toEqual([]);
    expectProblem(await api.call('GET', '/oversight/figures', { token: adminA }), 403, 'server.forbidden');
  });
});

describe('another institution\'s ids, on every route that takes one', () => {
  it('refuses each with nothing found', async () => {
    const accountOfA = (await api.call('GET', '/me', { token: adminA })).body.account;
    const referral = (await api.call('GET', '/referrals', { token: adminA })).body.referrals[0].id;
    const calls: [string, string, unknown][] = [
      ['PATCH', `/accounts/${accountOfA.id}`, { baseVersion: accountOfA.version, active: false }],
      ['POST', `/accounts/${accountOfA.id}/password`, { password: 'taken over 99' }],
      ['POST', `/accounts/${accountOfA.id}/sessions/revoke`, undefined],
      ['GET', '/cases/c-mine', undefined],
      ['PUT', '/cases/c-mine', { baseVersion: 1, ...makeCase('c-mine', 'B-9', null) }],
      ['POST', '/cases/c-mine/parties/c-mine-p1/id-number', undefined],
      ['POST', '/cases/hand-over', { fromAccountId: accountOfA.id, toAccountId: randomUUID() }],
      ['GET', `/referrals/${referral}`, undefined],
      ['POST', `/referrals/${referral}/answer`, { accept: false, baseVersion: 2 }],
    ];
    for (const [method, path, body] of calls) {
      const answer = await api.call(method, path, { token: adminB, ...(body === undefined ? {} : { body }) });
      expectProblem(answer, 404, 'server.not_found');
    }
    // And nothing of A changed.
    expect((await api.call('GET', '/me', { token: adminA })).body.account.version).toBe(accountOfA.version);
    expect((await api.call('GET', '/cases/c-mine', { token: adminA })).body.case.number).toBe('A-101');
  });
});

describe('malformed requests', () => {
  it('refuses bad JSON, the wrong type, unknown fields, a body too large and unknown routes, each with a Problem', async () => {
    expectProblem(await api.call('POST', '/sign-in', { raw: '{"institution":', headers: { 'content-type': 'application/json' } }), 400, 'server.bad_json');
    expectProblem(await api.call('POST', '/sign-in', { raw: 'institution=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'server.content_type');
    const extra = await api.call('POST', '/sign-in', { body: { institution: a.creditCode, username: 'admin', password: PASSWORD, admin: true } });
    expectProblem(extra, 422, 'server.invalid_request');
    expect(extra.body.problem.items[0].params.code).toBe('unrecognized_keys');
    expectProblem(await api.call('POST', '/sign-in', { body: [1, 2, 3] }), 422, 'server.invalid_request');
    const huge = JSON.stringify({ institution: a.creditCode, username: 'admin', password: 'x'.repeat(MAX_REQUEST_BYTES) });
    const tooLarge = await api.call('POST', '/sign-in', { raw: huge, headers: { 'content-type': 'application/json' } });
    expectProblem(tooLarge, 413, 'server.too_large');
    expect(tooLarge.body.problem.params.max).toBe(MAX_REQUEST_BYTES);
    expectProblem(await api.call('GET', '/nothing-here', { token: adminA }), 404, 'server.not_found');
    expectProblem(await api.call('DELETE', '/cases/c-mine', { token: adminA }), 405, 'server.method_not_allowed');
    expectProblem(await api.call('GET', '/cases/%E0%A4%A', { token: adminA }), 404, 'server.not_found');
    const health = await api.call('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok' });
    expect(health.headers['cache-control']).toBe('no-store');
  });
});
