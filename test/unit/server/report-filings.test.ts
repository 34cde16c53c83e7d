// A period's statistical report filed through the center server (issue 19 item 2, "Filing it"):
// an institution's administrator or director submits its signed report to the bureau of its area
// (the most specific: a district's before the city's); the signature is checked with the shared
// code (a changed figure, another institution's report or certificate refused); the row is seen by
// exactly the two; the bureau accepts, or returns only with a reason, once; the institution reads
// the answer, which names the snapshot it answers.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateKeyId, issueInstitutionCertificate } from '../../../shared/identity/institution';
import { reportFilingListResponseSchema, reportFilingResponseSchema } from '../../../shared/server/api';
import { answerProblem, computeReport, snapshotBytes, snapshotOf, snapshotSha256, type ReportPeriod, type SignedReport } from '../../../shared/statistics/report';
import { verifySignedReport } from '../../../shared/statistics/report/verify';
import { reportCases } from '../statistics/report/cases';
import { makeInstitution, PASSWORD, startApi, startWorld, type Api, type MadeInstitution, type World } from './fixtures';

let world: World;
let api: Api;
let center: MadeInstitution;
let committee: MadeInstitution;
let city: MadeInstitution;
let district: MadeInstitution;
const NAMES = { center: '芜湖市镜湖区矛盾纠纷调解中心', committee: '芜湖市弋江区人民调解委员会' };
const PERIOD: ReportPeriod = { kind: 'quarter', year: 2026, index: 1 };

function identity(name: string, creditCode: string) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const { certificatePem } = issueInstitutionCertificate({ name, creditCode }, { publicKeyPem: publicKey, privateKeyPem: privateKey }, new Date('2026-01-01T00:00:00Z'));
  return { certificatePem, privateKey };
}

/** The institution's signed report of the period, version `version`, as the workstation files it. */
function signedReport(institution: { name: string; creditCode: string }, key: ReturnType<typeof identity>, version = 1, supersedes: string | null = null): SignedReport {
  const snapshot = snapshotOf({
    id: randomUUID(),
    version,
    supersedes,
    institution,
    lockedAt: '2026-04-02T02:00:00.000Z',
    lockedBy: { id: 'director-1', name: '周主任' },
    report: computeReport(reportCases(30 + version), PERIOD),
  });
  const signature = sign('sha256', snapshotBytes(snapshot), key.privateKey).toString('base64');
  return { snapshot, algorithm: 'RSASSA-PKCS1-v1_5-SHA256', keyId: certificateKeyId(key.certificatePem), signature, certificatePem: key.certificatePem };
}

let centerKey: ReturnType<typeof identity>;
let committeeKey: ReturnType<typeof identity>;

beforeAll(async () => {
  world = await startWorld('mwreportfilings');
  api = await startApi(world.pool);
  center = await makeInstitution(world.pool, 'mediation', '340202', NAMES.center);
  committee = await makeInstitution(world.pool, 'mediation', '340203', NAMES.committee);
  city = await makeInstitution(world.pool, 'justice_bureau', '340200', '芜湖市司法局');
  district = await makeInstitution(world.pool, 'justice_bureau', '340203', '芜湖市弋江区司法局');
  centerKey = identity(NAMES.center, center.creditCode);
  committeeKey = identity(NAMES.committee, committee.creditCode);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await world?.stop();
});

describe('filing the report through the server', () => {
  it('files to the bureau of the area, seen by exactly the two; returned only with a reason, once; the institution reads the answer', async () => {
    const centerToken = await api.signIn(center);
    const signed = signedReport({ name: NAMES.center, creditCode: center.creditCode }, centerKey);
    expect(verifySignedReport(signed)).toMatchObject({ ok: true, problem: null });
    const sent = await api.call('POST', '/report-filings', { token: centerToken, body: { signed } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const filing = reportFilingResponseSchema.parse(sent.body).filing;
    expect(filing).toMatchObject({ direction: 'sent', receiver: { id: city.id, name: '芜湖市司法局' }, periodCode: '2026-Q1', version: 1, status: 'submitted', snapshotSha256: snapshotSha256(signed.snapshot) });
    // Sent again (its answer lost): the same row.
    expect((await api.call('POST', '/report-filings', { token: centerToken, body: { signed } })).status).toBe(200);
    // Another version 1 of the period is refused.
    expect((await api.call('POST', '/report-filings', { token: centerToken, body: { signed: signedReport({ name: NAMES.center, creditCode: center.creditCode }, centerKey) } })).body.problem.key).toBe('server.report_filed');

    // The committee of 340203 files to the district's bureau, not the city's.
    const committeeFiled = await api.call('POST', '/report-filings', { token: await api.signIn(committee), body: { signed: signedReport({ name: NAMES.committee, creditCode: committee.creditCode }, committeeKey) } });
    expect(committeeFiled.body.filing.receiver.id).toBe(district.id);

    // Exactly the two: the district's bureau and the committee see nothing of the center's.
    const cityToken = await api.signIn(city);
    const districtToken = await api.signIn(district);
    const received = reportFilingListResponseSchema.parse((await api.call('GET', '/report-filings?period=2026-Q1', { token: cityToken })).body).filings;
    expect(received.map((f) => [f.direction, f.sender.name])).toEqual([['received', NAMES.center]]);
    expect(reportFilingListResponseSchema.parse((await api.call('GET', '/report-filings', { token: districtToken })).body).filings.map((f) => f.sender.name)).toEqual([NAMES.committee]);
    expect((await api.call('GET', `/report-filings/${center.id}/${filing.id}`, { token: districtToken })).status).toBe(404);
    expect((await api.call('GET', `/report-filings/${center.id}/${filing.id}`, { token: await api.signIn(committee) })).status).toBe(404);
    expect((await api.call('POST', `/report-filings/${center.id}/${filing.id}/answer`, { token: districtToken, body: { outcome: 'accepted' } })).status).toBe(404);

    // The bureau reads the signed report and checks its signature with the shared code.
    const opened = reportFilingResponseSchema.parse((await api.call('GET', `/report-filings/${center.id}/${filing.id}`, { token: cityToken })).body);
    expect(verifySignedReport(opened.signed).ok).toBe(true);
    // The sender may not answer its own; a return without a reason is refused at the field.
    expect((await api.call('POST', `/report-filings/${center.id}/${filing.id}/answer`, { token: centerToken, body: { outcome: 'accepted' } })).status).toBe(403);
    const bare = await api.call('POST', `/report-filings/${center.id}/${filing.id}/answer`, { token: cityToken, body: { outcome: 'returned', reason: '  ' } });
    expect(bare.status).toBe(422);
    expect(bare.body.problem.items[0].params).toEqual({ field: 'reason', code: 'report.reason_required' });
    const returned = await api.call('POST', `/report-filings/${center.id}/${filing.id}/answer`, { token: cityToken, body: { outcome: 'returned', reason: '邻里纠纷受理数与台账不符，请核对后重报。' } });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect((await api.call('POST', `/report-filings/${center.id}/${filing.id}/answer`, { token: cityToken, body: { outcome: 'accepted' } })).body.problem.key).toBe('server.report_answered');

    // The institution sees the answer; it names this very snapshot.
    const mine = reportFilingListResponseSchema.parse((await api.call('GET', '/report-filings?period=2026-Q1', { token: centerToken })).body).filings;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'returned', reason: '邻里纠纷受理数与台账不符，请核对后重报。', answer: { outcome: 'returned', bureau: '芜湖市司法局' } });
    expect(answerProblem(mine[0]!.answer!, { id: signed.snapshot.id, snapshotSha256: snapshotSha256(signed.snapshot) })).toBeNull();

    // A corrected version 2 is filed and accepted.
    const v2 = signedReport({ name: NAMES.center, creditCode: center.creditCode }, centerKey, 2, signed.snapshot.id);
    const second = await api.call('POST', '/report-filings', { token: centerToken, body: { signed: v2 } });
    expect(second.status).toBe(201);
    expect((await api.call('POST', `/report-filings/${center.id}/${v2.snapshot.id}/answer`, { token: cityToken, body: { outcome: 'accepted' } })).body.filing.status).toBe('accepted');
  });

  it('refuses a changed figure, another institution’s report or certificate, a mediator and a bureau', async () => {
    const token = await api.signIn(center);
    const good = signedReport({ name: NAMES.center, creditCode: center.creditCode }, centerKey, 9);
    const changed: SignedReport = { ...good, snapshot: { ...good.snapshot, byCategory: { ...good.snapshot.byCategory, NBR: { ...good.snapshot.byCategory.NBR, received: good.snapshot.byCategory.NBR.received + 1 } } } };
    const refused = await api.call('POST', '/report-filings', { token, body: { signed: changed } });
    expect([refused.status, refused.body.problem.key, refused.body.problem.params.problem]).toEqual([422, 'server.report_signature', 'report.signature_invalid']);
    // The committee's report (its name, code and key) sent by the center.
    const theirs = await api.call('POST', '/report-filings', { token, body: { signed: signedReport({ name: NAMES.committee, creditCode: committee.creditCode }, committeeKey, 9) } });
    expect(theirs.status).toBe(422);
    // The center's report signed with the committee's key.
    const wrongKey = await api.call('POST', '/report-filings', { token, body: { signed: signedReport({ name: NAMES.center, creditCode: center.creditCode }, committeeKey, 9) } });
    expect(wrongKey.body.problem.params.problem).toBe('report.signature_other_institution');
    const admin = await api.signIn(center);
    expect((await api.call('POST', '/accounts', { token: admin, body: { username: 'm1', displayName: '调解员', role: 'mediator', password: PASSWORD } })).status).toBe(201);
    expect((await api.call('POST', '/report-filings', { token: await api.signIn(center, 'm1'), body: { signed: good } })).status).toBe(403);
    expect((await api.call('GET', '/report-filings', { token: await api.signIn(center, 'm1') })).status).toBe(403);
    expect((await api.call('POST', '/report-filings', { token: await api.signIn(city), body: { signed: good } })).status).toBe(403);
  });
});
