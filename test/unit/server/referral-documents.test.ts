// Referrals through the center server (issue 18 item 5): the directory of institutions a sender may
// refer to (other mediating institutions' public facts, filtered by category and area, nothing of
// their accounts or cases), a referral row carrying the signed referral file itself — checked as the
// receiving workstation checks it, its sender and receiver the row's — and its answer: a decline
// only with its reason, the receiver's signed answer file about that very file.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signDocument } from '../../../shared/confirmation/court/signed-json';
import { zipBytes } from '../../../shared/archive';
import { signAnswer, signReferral, type ReferralAnswer } from '../../../shared/referral';
import { directoryResponseSchema, referralDocumentsResponseSchema, referralViewSchema } from '../../../shared/server/api';
import { makeInstitution as makeSigner, signingKey, type TestSigner } from '../agreement/pdf-signature-fixtures';
import { NOW, referralOf } from '../referral/fixtures';
import { makeInstitution, startApi, startWorld, type Answer, type Api, type MadeInstitution, type World } from './fixtures';

const HALL = '芜湖市镜湖区公共法律服务中心';
const COMMITTEE = '芜湖市镜湖区人民调解委员会';

let world: World;
let api: Api;
let hall: MadeInstitution;
let committee: MadeInstitution;
let yijiang: MadeInstitution;
let court: MadeInstitution;
let bureau: MadeInstitution;
let hallKey: TestSigner;
let committeeKey: TestSigner;
let impostorKey: TestSigner;
let tokens: Record<'hall' | 'committee' | 'yijiang' | 'court' | 'bureau', string>;

beforeAll(async () => {
  world = await startWorld('mwrefdocs');
  api = await startApi(world.pool);
  hall = await makeInstitution(world.pool, 'legal_service', '340202', HALL);
  committee = await makeInstitution(world.pool, 'mediation', '340202', COMMITTEE);
  yijiang = await makeInstitution(world.pool, 'mediation', '340203', '芜湖市弋江区人民调解委员会');
  court = await makeInstitution(world.pool, 'court', '340202', '芜湖市镜湖区人民法院');
  bureau = await makeInstitution(world.pool, 'justice_bureau', '340200', '芜湖市司法局');
  [hallKey, committeeKey, impostorKey] = await Promise.all([makeSigner(HALL), makeSigner(COMMITTEE), makeSigner('某冒名机构')]);
  tokens = {
    hall: await api.signIn(hall),
    committee: await api.signIn(committee),
    yijiang: await api.signIn(yijiang),
    court: await api.signIn(court),
    bureau: await api.signIn(bureau),
  };
}, 60_000);

afterAll(async () => {
  await api?.close();
  await world?.stop();
});

function expectRefused(answer: Answer, status: number, key: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.problem.key).toBe(key);
}

const directory = async (token: string, query = '') => api.call('GET', `/institutions/directory${query}`, { token });
const names = (answer: Answer) => directoryResponseSchema.parse(answer.body).institutions.map((i) => i.name);

describe('the directory', () => {
  it('lists the other mediating institutions with their public facts only, by area and category', async () => {
    const all = await directory(tokens.hall);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    // Not itself, not a court nor a bureau; nothing but the entry's fields (the schema is strict).
    expect(names(all)).toEqual([COMMITTEE, '芜湖市弋江区人民调解委员会']);
    expect(directoryResponseSchema.parse(all.body).institutions[0]).toEqual({ id: committee.id, kind: 'mediation', name: COMMITTEE, creditCode: committee.creditCode, areaCode: '340202', address: '', handledCategories: [] });
    expect(JSON.stringify(all.body)).not.toMatch(/admin|管理员|password|offline/);
    expect(names(await directory(tokens.hall, '?area=340203'))).toEqual(['芜湖市弋江区人民调解委员会']);
    expect(names(await directory(tokens.hall, '?area=3402'))).toHaveLength(2);
    expect(names(await directory(tokens.committee))).toEqual([HALL, '芜湖市弋江区人民调解委员会']);

    // The committee says it takes on family disputes only: a neighbours' dispute finds the other.
    const said = await api.call('PUT', '/institution/handled-categories', { token: tokens.committee, body: { categories: ['FAM', 'FAM'] } });
    expect(said.body).toEqual({ categories: ['FAM'] });
    expect(names(await directory(tokens.hall, '?category=NBR'))).toEqual(['芜湖市弋江区人民调解委员会']);
    expect(names(await directory(tokens.hall, '?category=FAM&area=340202'))).toEqual([COMMITTEE]);
    expect(directoryResponseSchema.parse((await directory(tokens.hall, '?category=FAM')).body).institutions[0]?.handledCategories).toEqual(['FAM']);
    await api.call('PUT', '/institution/handled-categories', { token: tokens.committee, body: { categories: [] } });
    expect(names(await directory(tokens.hall, '?category=NBR'))).toHaveLength(2);
  });

  it('refuses a bureau, a bad query, an unknown category, and anyone but the administrator setting categories', async () => {
    expectRefused(await directory(tokens.bureau), 403, 'server.forbidden');
    expectRefused(await directory(tokens.hall, '?area=abc'), 422, 'server.invalid_request');
    expectRefused(await directory(tokens.hall, '?category=XYZ'), 422, 'server.invalid_request');
    expectRefused(await directory(tokens.hall, '?name=x'), 422, 'server.invalid_request');
    expectRefused(await api.call('PUT', '/institution/handled-categories', { token: tokens.hall, body: { categories: ['XYZ'] } }), 422, 'server.invalid_request');
    const lawyer = await api.call('POST', '/accounts', { token: tokens.hall, body: { username: 'lawyer', displayName: '陈律师', role: 'lawyer', password: 'correct horse 7' } });
    expect(lawyer.status, JSON.stringify(lawyer.body)).toBe(201);
    expectRefused(await api.call('PUT', '/institution/handled-categories', { token: await api.signIn(hall, 'lawyer'), body: { categories: ['FAM'] } }), 403, 'server.forbidden');
    expectRefused(await directory(''), 401, 'server.unauthenticated');
  });
});

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function referralFile(over: Parameters<typeof referralOf>[0] = {}, key: TestSigner = hallKey) {
  return signReferral(referralOf({ id: randomUUID(), sender: { name: HALL, creditCode: hall.creditCode, kind: 'legal_service' }, receiver: { name: COMMITTEE, creditCode: committee.creditCode }, ...over }), signingKey(key), NOW);
}

const send = (document: string, receiver = committee.creditCode, token = tokens.hall) => api.call('POST', '/referrals', { token, body: { caseId: null, receiverCreditCode: receiver, kind: 'referral', note: '', document } });

describe('a referral carrying its signed file', () => {
  it('is sent without a case, seen by exactly the two, its file handed to the receiver; sent again it is the same row', async () => {
    const file = await referralFile();
    const sent = await send(base64(file.bytes));
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const row = referralViewSchema.parse(sent.body);
    expect(row).toMatchObject({ id: file.value.id, kind: 'referral', status: 'sent', direction: 'sent', caseId: null, reason: '', documentSha256: file.jsonSha256, answerDocument: false });
    expect(row.payload).toEqual({ caseNumber: null, category: 'NBR', partySummary: '王堃 / 刘䶮', note: '' });
    const again = await send(base64(file.bytes));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(row.id);

    const inbox = await api.call('GET', '/referrals', { token: tokens.committee });
    expect(inbox.body.referrals.map((r: { id: string; direction: string }) => [r.id, r.direction])).toContainEqual([row.id, 'received']);
    const documents = referralDocumentsResponseSchema.parse((await api.call('GET', `/referrals/${row.id}/documents`, { token: tokens.committee })).body);
    expect(documents).toEqual({ referral: base64(file.bytes), answer: null });
    expectRefused(await api.call('GET', `/referrals/${row.id}/documents`, { token: tokens.yijiang }), 404, 'server.not_found');
    expect((await api.call('GET', '/referrals', { token: tokens.yijiang })).body.referrals).toEqual([]);
  });

  it('refuses a file without the person\'s consent, altered, signed by another, or naming another sender or receiver', async () => {
    const field = (answer: Answer) => answer.body.problem.items.map((i: { params: { field: string; code: string } }) => `${i.params.field}:${i.params.code}`);
    // Signed as a file would be, but without the consent the referral's schema requires.
    const noConsent = referralOf({ id: randomUUID(), sender: { name: HALL, creditCode: hall.creditCode, kind: 'legal_service' }, receiver: { name: COMMITTEE, creditCode: committee.creditCode } });
    const loose = await signDocument(z.any(), { ...noConsent, consent: { ...noConsent.consent, given: false } }, signingKey(hallKey), NOW);
    const unconsented = zipBytes({ 'referral.json': [loose.json, { level: 0 }], 'referral.p7s': [loose.p7s, { level: 0 }] });
    const refused = await send(base64(unconsented));
    expectRefused(refused, 422, 'server.invalid_request');
    expect(field(refused)[0]).toMatch(/^document:referral_file\./);

    const byImpostor = await send(base64((await referralFile({}, impostorKey)).bytes));
    expect(field(byImpostor)).toEqual(['document:referral_file.signer_not_sender']);
    const toAnother = await send(base64((await referralFile()).bytes), yijiang.creditCode);
    expect(field(toAnother)).toEqual(['document.receiver.creditCode:referral.not_receiver']);
    const notOurs = await referralFile({ sender: { name: HALL, creditCode: yijiang.creditCode, kind: 'legal_service' } });
    expect(field(await send(base64(notOurs.bytes)))).toEqual(['document.sender.creditCode:referral.not_sender']);
    expectRefused(await send(base64(new TextEncoder().encode('not a zip'))), 422, 'server.invalid_request');
    expectRefused(await send('@@not base64@@'), 422, 'server.invalid_request');
    // Nothing of these was kept.
    expect((await api.call('GET', '/referrals', { token: tokens.committee })).body.referrals).toHaveLength(1);
  });
});

describe('the answer', () => {
  const answerOf = (id: string, jsonSha256: string, over: Partial<ReferralAnswer>): ReferralAnswer => ({
    format: 'mw-referral-answer/1',
    referralId: id,
    referralSha256: jsonSha256,
    answerer: { name: COMMITTEE, creditCode: committee.creditCode },
    answer: 'accepted',
    reason: '',
    caseNumber: '（2026）镜调字第00001号',
    termination: null,
    agreement: null,
    issuedAt: NOW.toISOString(),
    ...over,
  });

  it('declines only with a reason, carries the signed answer, and the sender sees both', async () => {
    const file = await referralFile();
    const row = (await send(base64(file.bytes))).body;
    const answer = (body: object) => api.call('POST', `/referrals/${row.id}/answer`, { token: tokens.committee, body: { baseVersion: row.version, ...body } });
    const noReason = await answer({ accept: false, reason: '  ' });
    expectRefused(noReason, 422, 'server.invalid_request');
    expect(noReason.body.problem.items[0].params).toMatchObject({ field: 'reason', code: 'referral.reason_required' });
    const declined = await signAnswer(answerOf(row.id, file.jsonSha256, { answer: 'declined', reason: '不属于本委员会受理范围', caseNumber: null }), signingKey(committeeKey), NOW, null);
    // An answer file saying something else than the request, or about another referral, is refused.
    expectRefused(await answer({ accept: false, reason: '另有原因', answerDocument: base64(declined.bytes) }), 422, 'server.invalid_request');
    expectRefused(await answer({ accept: true, answerDocument: base64(declined.bytes) }), 422, 'server.invalid_request');
    const done = await answer({ accept: false, reason: ' 不属于本委员会受理范围 ', answerDocument: base64(declined.bytes) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'declined', reason: '不属于本委员会受理范围', answerDocument: true });
    const seen = referralViewSchema.parse((await api.call('GET', `/referrals/${row.id}`, { token: tokens.hall })).body);
    expect(seen).toMatchObject({ status: 'declined', reason: '不属于本委员会受理范围', direction: 'sent' });
    expect((await api.call('GET', `/referrals/${row.id}/documents`, { token: tokens.hall })).body.answer).toBe(base64(declined.bytes));
    expectRefused(await answer({ accept: true }), 409, 'server.conflict');
  });

  it('accepts with the answer naming the case; an answer file about another referral is refused', async () => {
    const file = await referralFile();
    const row = (await send(base64(file.bytes))).body;
    const other = await signAnswer(answerOf(row.id, '0'.repeat(64), {}), signingKey(committeeKey), NOW, null);
    const wrong = await api.call('POST', `/referrals/${row.id}/answer`, { token: tokens.committee, body: { accept: true, baseVersion: row.version, answerDocument: base64(other.bytes) } });
    expect(wrong.body.problem.items.map((i: { params: { code: string } }) => i.params.code)).toEqual(['referral_file.answer_mismatch']);
    const accepted = await signAnswer(answerOf(row.id, file.jsonSha256, {}), signingKey(committeeKey), NOW, null);
    const done = await api.call('POST', `/referrals/${row.id}/answer`, { token: tokens.committee, body: { accept: true, baseVersion: row.version, answerDocument: base64(accepted.bytes) } });
    expect(done.body).toMatchObject({ status: 'accepted', reason: '', answerDocument: true });
    // Only the receiver answers.
    expectRefused(await api.call('POST', `/referrals/${row.id}/answer`, { token: tokens.hall, body: { accept: true, baseVersion: done.body.version } }), 403, 'server.forbidden');
  });
});
