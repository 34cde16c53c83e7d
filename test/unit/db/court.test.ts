// The court clerk's side in the workstation database: a package received, verified and recorded
// once (the same file twice finds its filing); a tampered package and a file that is no zip
// refused on receipt with the failure named; acceptance under a court case number proposed from
// the court's settings (invalid and duplicate numbers refused); the one extension; a signed 补正
// request; the ruling signed as a PDF and the receipt that `verifyReceipt` accepts — each step
// audited, a wrong passphrase changing nothing, and the center's rows in the same table untouched;
// a new version answering 补正 continuing the case of the one it supersedes (its number and clock),
// that one closed, its 30-day limit counted from the first filing, and a predecessor never
// received, ruled on, refused or another case's named (the limit then counted from its own arrival).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acceptFiling, extendFiling, proposeDocketNumber, refuseFiling } from '../../../renderer/features/court/actions';
import { exportReceipt, previewRuling, requestSupplement, ruleOnFiling, type RulingInput } from '../../../renderer/features/court/documents';
import { listFilings, parseFiling, readFiling } from '../../../renderer/features/court/filings';
import { importPackage } from '../../../renderer/features/court/intake';
import { addTrustedInstitution, readCourtSettings, saveDocketSettings } from '../../../renderer/features/court/settings-store';
import { generateIdentity, lockIdentity } from '../../../renderer/features/identity';
import { openWorkstationDb } from '../../../renderer/data/dexie/db';
import { courtClock } from '../../../shared/confirmation/court/court-clock';
import { filingIdOf, filingStage } from '../../../shared/confirmation/court/filing';
import { verifyReceipt } from '../../../shared/confirmation/court/receipt';
import { verifySupplementRequest } from '../../../shared/confirmation/court/supplement';
import { FONTS } from '../agreement/agreement-fixtures';
import { buildZip, makeFixture, rezip, sha256Hex, unzipped, type Fixture } from '../confirmation/package-fixtures';
import { world } from './evidence-helpers';
import { addUser } from './helpers';

const COURT = '芜湖市镜湖区人民法院';
const PASSPHRASE = 'court key 2026';
/** Received on 2026-03-10 in Asia/Shanghai, within the fixture's 30 days. */
const RECEIVED = new Date('2026-03-10T02:00:00Z');
const day = (n: number) => new Date(RECEIVED.getTime() + n * 86_400_000);

globalThis.fetch = (async (url: string | URL) => new Response((String(url).includes('DejaVu') ? FONTS.latin : FONTS.cjk) as Uint8Array<ArrayBuffer>)) as typeof fetch;

let fixture: Fixture;
let zip: Uint8Array;
let tampered: Uint8Array;

beforeAll(async () => {
  fixture = await makeFixture();
  zip = (await buildZip(fixture)).zip;
  const files = await unzipped(zip);
  const evidence = files.get('evidence/借款合同.pdf') as Uint8Array;
  const changed = evidence.slice();
  changed[100] = (changed[100] as number) ^ 0xff;
  files.set('evidence/借款合同.pdf', changed);
  tampered = rezip(files);
});

beforeEach(() => lockIdentity());

async function court() {
  const w = await world();
  const clerk = await addUser(w.db, w.admin, 'shuji', 'clerk');
  const generated = await generateIdentity(w.db, w.platform, w.admin, { name: COURT, creditCode: '11340202003050000X', passphrase: PASSPHRASE }, day(-1));
  if (!generated.ok) throw generated.error;
  return { ...w, clerk };
}

/** Rules as the clerk does: the ruling's text is read first (previewRuling), then that text is signed. */
async function rule(c: Awaited<ReturnType<typeof court>>, id: string, rev: number, input: Omit<RulingInput, 'shownText'>, now: Date) {
  const shown = await previewRuling(c.db, c.clerk, id, rev, input, now);
  return ruleOnFiling(c.db, c.platform, c.clerk, id, rev, { ...input, shownText: shown.ok ? shown.value.text : '' }, now);
}

const fileOf = (bytes: Uint8Array, name = 'package.zip') => new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/zip' });

async function received(c: Awaited<ReturnType<typeof court>>, bytes = zip) {
  const result = await importPackage(c.db, c.platform, c.clerk, fileOf(bytes), { now: RECEIVED });
  if (!result.ok) throw result.error;
  return result.value;
}

describe('receiving a package', () => {
  it('verifies every layer, stores the zip and records the filing once', async () => {
    const c = await court();
    const phases = new Set<string>();
    const first = await importPackage(c.db, c.platform, c.clerk, fileOf(zip), { now: RECEIVED, onProgress: (phase) => phases.add(phase) });
    if (!first.ok) throw first.error;
    const { filing, existing } = first.value;
    expect(existing).toBe(false);
    expect([...phases]).toEqual(['store', 'verify']);
    expect(filing).toMatchObject({ id: filingIdOf(sha256Hex(zip)), side: 'court', caseId: fixture.manifestInput.case.caseId, verdict: 'verified', refusal: null, docketNumber: null });
    expect(filing.checks.filter((c) => !c.ok)).toEqual([]);
    expect(filing.package).toMatchObject({ packageId: 'pkg-2026-0001', institution: { pinned: null }, agreementSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(filing.package?.parties.map((p) => p.idNumberMasked)).toContain('340202********1234');
    expect(courtClock(filing.clock, '2026-03-10')).toMatchObject({ stage: 'awaiting_acceptance', acceptBy: '2026-03-13', daysLeft: 3 });
    expect(await c.platform.blobs.get(filing.packageSha256)).toEqual(zip);

    const again = await importPackage(c.db, c.platform, c.clerk, fileOf(zip, 'copy.zip'), { now: day(1) });
    expect(again).toMatchObject({ ok: true, value: { existing: true, filing: { receivedAt: RECEIVED.toISOString(), fileName: 'package.zip' } } });
    expect((await c.db.events.all()).filter((e) => e.entity === 'court_filing').map((e) => e.action)).toEqual(['court_filing.receive']);
  });

  it('authenticates the institution only against a registered certificate', async () => {
    const c = await court();
    const settings = await readCourtSettings(c.db);
    const added = await addTrustedInstitution(c.db, c.clerk, settings.rev, fixture.institution.certificatePem);
    if (!added.ok) throw added.error;
    expect(await addTrustedInstitution(c.db, c.clerk, added.value.rev, fixture.institution.certificatePem)).toMatchObject({ ok: false, error: { code: 'court.pem_duplicate' } });
    expect(await addTrustedInstitution(c.db, c.clerk, added.value.rev, 'not a certificate')).toMatchObject({ ok: false, error: { code: 'court.pem_count' } });
    const { filing } = await received(c);
    expect(filing.package?.institution.pinned).toBe(true);
    expect(filing.checks.find((k) => k.id === 'institution.pinned')).toMatchObject({ ok: true });
  });

  it('refuses a tampered package on receipt, naming the changed file, and it cannot be accepted', async () => {
    const c = await court();
    const { filing } = await received(c, tampered);
    expect(filing.verdict).toBe('failed');
    expect(filing.clock.refusedOn).toBe('2026-03-10');
    expect(filing.refusal).toMatchObject({ automatic: true, reason: expect.stringContaining('files.integrity') });
    expect(filing.badFiles).toEqual([{ path: 'evidence/借款合同.pdf', problem: expect.stringContaining('SHA-256'), detail: expect.objectContaining({ key: 'file.changed' }) }]);
    expect(await acceptFiling(c.db, c.clerk, filing.id, filing.rev, '（2026）皖0202民特1号', RECEIVED)).toMatchObject({ ok: false, error: { code: 'court.not_verified' } });
    expect((await c.db.events.all()).filter((e) => e.entity === 'court_filing').map((e) => e.action)).toEqual(['court_filing.receive', 'court_filing.refuse']);
  });

  it('records a file that is no package as unusable and refused, with the reader’s reason', async () => {
    const c = await court();
    const { filing } = await received(c, new TextEncoder().encode('this is not a zip file at all'));
    expect(filing).toMatchObject({ verdict: 'unusable', caseId: `unknown:${filing.packageSha256}`, package: null, refusal: { automatic: true } });
    expect(filing.unusableReason).toMatch(/zip/i);
  });

  it('never reads or changes the center’s rows of the same table', async () => {
    const c = await court();
    // The center's row as the adapter keeps it (court filings and the center's applications share a table).
    const raw = openWorkstationDb(c.db.name);
    await raw.packages.put({ id: 'center-package-1', caseId: 'x', side: 'center' });
    await received(c);
    expect((await listFilings(c.db)).map((f) => f.side)).toEqual(['court']);
    expect(await readFiling(c.db, 'center-package-1')).toBeNull();
    expect(await raw.packages.get('center-package-1')).toEqual({ id: 'center-package-1', caseId: 'x', side: 'center' });
    raw.close();
  });

  it('is for the court’s clerk and administrator only', async () => {
    const c = await court();
    const mediator = await addUser(c.db, c.admin, 'tiaojie', 'mediator');
    expect(await importPackage(c.db, c.platform, mediator, fileOf(zip), { now: RECEIVED })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});

describe('the clerk’s steps', () => {
  it('accepts under the proposed number, extends once, rules, and issues a receipt that verifies', async () => {
    const c = await court();
    const saved = await saveDocketSettings(c.db, c.clerk, 0, { courtCode: '皖0202', caseType: '民特', judge: '陈法官' });
    if (!saved.ok) throw saved.error;
    expect(await saveDocketSettings(c.db, c.clerk, saved.value.rev, { courtCode: 'AB12', caseType: '民特', judge: '' })).toMatchObject({ ok: false, error: { code: 'court.courtCode_invalid' } });
    let { filing } = await received(c);
    expect(await proposeDocketNumber(c.db, RECEIVED)).toBe('（2026）皖0202民特1号');
    // Refusals are codes with values, never the clock's English sentence.
    expect(await extendFiling(c.db, c.clerk, filing.id, filing.rev, RECEIVED)).toMatchObject({ ok: false, error: { code: 'court.extend_stage', params: {} } });

    expect(await acceptFiling(c.db, c.clerk, filing.id, filing.rev, '皖0202民特1号', day(1))).toMatchObject({ ok: false, error: { code: 'court.docket_invalid' } });
    const accepted = await acceptFiling(c.db, c.clerk, filing.id, filing.rev, '(2026)皖0202民特1号', day(1));
    if (!accepted.ok) throw accepted.error;
    filing = accepted.value;
    expect(filing).toMatchObject({ docketNumber: '（2026）皖0202民特1号', clock: { acceptedOn: '2026-03-11' } });
    expect(await proposeDocketNumber(c.db, day(1))).toBe('（2026）皖0202民特2号');
    expect(await refuseFiling(c.db, c.clerk, filing.id, filing.rev, '不属于本院管辖', day(1))).toMatchObject({ ok: false, error: { code: 'court.already_answered' } });
    expect(await acceptFiling(c.db, c.clerk, filing.id, filing.rev - 1, '（2026）皖0202民特1号', day(1))).toMatchObject({ ok: false, error: { code: 'court.filing_changed' } });

    expect(await extendFiling(c.db, c.clerk, filing.id, filing.rev, day(30))).toMatchObject({ ok: false, error: { code: 'court.extend_ended', params: { date: '2026-03-26' } } });
    const extended = await extendFiling(c.db, c.clerk, filing.id, filing.rev, day(5));
    if (!extended.ok) throw extended.error;
    filing = extended.value;
    expect(courtClock(filing.clock, '2026-03-15').decideBy).toBe('2026-04-05');
    expect(await extendFiling(c.db, c.clerk, filing.id, filing.rev, day(6))).toMatchObject({ ok: false, error: { code: 'court.extended_already' } });

    // 补正: signed by the court, about this package.
    expect(await requestSupplement(c.db, c.platform, c.clerk, filing.id, filing.rev, { missing: [{ item: 'identity', detail: '   ' }], dueOn: '2026-03-20', passphrase: PASSPHRASE }, day(5))).toMatchObject({ ok: false, error: { code: 'court.supplement_empty' } });
    const asked = await requestSupplement(c.db, c.platform, c.clerk, filing.id, filing.rev, { missing: [{ item: 'identity', detail: '请补充李喆的居民身份证复印件（正反面）' }], dueOn: '2026-03-20', passphrase: PASSPHRASE }, day(5));
    if (!asked.ok) throw asked.error;
    filing = asked.value.filing;
    const [json, p7s] = asked.value.files.map((f) => f.bytes) as [Uint8Array, Uint8Array];
    const identity = (await import('../../../renderer/features/identity/store')).readIdentity(c.db);
    const courtPem = (await identity)?.certificatePem as string;
    expect(verifySupplementRequest(json, p7s, { packageSha256: filing.packageSha256, trustedCourtPems: [courtPem] })).toMatchObject({ ok: true, request: { docketNumber: '（2026）皖0202民特1号', dueOn: '2026-03-20' } });

    // The ruling: a wrong passphrase changes nothing; a rejection needs grounds.
    lockIdentity();
    expect(await rule(c, filing.id, filing.rev, { outcome: 'confirmed', grounds: [], reasoning: '', judge: '陈法官', passphrase: 'wrong passphrase', acknowledgeUnauthenticated: true }, day(6))).toMatchObject({ ok: false, error: { code: 'identity.wrong_passphrase' } });
    expect(await readFiling(c.db, filing.id)).toEqual(filing);
    expect(await rule(c, filing.id, filing.rev, { outcome: 'rejected', grounds: [], reasoning: '', judge: '陈法官', passphrase: PASSPHRASE }, day(6))).toMatchObject({ ok: false, error: { code: 'court.grounds_required' } });
    expect(await exportReceipt(c.db, c.platform, c.clerk, filing.id, filing.rev, {}, day(6))).toMatchObject({ ok: false, error: { code: 'court.receipt_stage' } });
    // Issue 15 item 4: the institution's certificate is not registered here (pinned: null), so a
    // confirmation needs the clerk's explicit acknowledgement; nothing is signed without it.
    const confirm = { outcome: 'confirmed' as const, grounds: [], reasoning: '', judge: '陈法官', passphrase: PASSPHRASE };
    expect(filing.package?.institution.pinned).toBeNull();
    expect(await previewRuling(c.db, c.clerk, filing.id, filing.rev, confirm, day(6))).toMatchObject({ ok: false, error: { code: 'court.identity_ack_required', fieldErrors: [{ path: 'acknowledgeUnauthenticated' }] } });
    expect(await rule(c, filing.id, filing.rev, confirm, day(6))).toMatchObject({ ok: false, error: { code: 'court.identity_ack_required', params: { name: filing.package?.institution.name } } });
    expect(await readFiling(c.db, filing.id)).toEqual(filing);
    // The text shown before signing is the text signed: one shown on another day is not signed.
    const shown = await previewRuling(c.db, c.clerk, filing.id, filing.rev, { ...confirm, acknowledgeUnauthenticated: true }, day(6));
    if (!shown.ok) throw shown.error;
    expect(shown.value.text).toContain('民事裁定书');
    expect(shown.value.text).toContain(`${filing.docketNumber}`);
    expect(shown.value.text).toContain('审判员\u3000陈法官');
    expect(shown.value.text).toContain('2026年3月16日');
    const stale = await previewRuling(c.db, c.clerk, filing.id, filing.rev, { ...confirm, acknowledgeUnauthenticated: true }, day(5));
    if (!stale.ok) throw stale.error;
    expect(await ruleOnFiling(c.db, c.platform, c.clerk, filing.id, filing.rev, { ...confirm, acknowledgeUnauthenticated: true, shownText: stale.value.text }, day(6))).toMatchObject({ ok: false, error: { code: 'court.ruling_text_changed' } });
    expect(await readFiling(c.db, filing.id)).toEqual(filing);
    const ruled = await ruleOnFiling(c.db, c.platform, c.clerk, filing.id, filing.rev, { ...confirm, acknowledgeUnauthenticated: true, shownText: shown.value.text }, day(6));
    if (!ruled.ok) throw ruled.error;
    filing = ruled.value;
    expect(filing.ruling).toMatchObject({ outcome: 'confirmed', decidedOn: '2026-03-16', judge: '陈法官', clerk: 'shuji' });
    expect(filing.ruling?.identityAcknowledged).toEqual({ institution: filing.package?.institution.name, fingerprint256: filing.package?.institution.fingerprint256, mismatch: false });
    expect((await c.db.events.all()).find((e) => e.action === 'court_filing.rule')?.after).toMatchObject({ identityAcknowledged: { mismatch: false } });
    expect(courtClock(filing.clock, '2026-03-16')).toMatchObject({ stage: 'decided', problems: [] });

    const receipt = await exportReceipt(c.db, c.platform, c.clerk, filing.id, filing.rev, { passphrase: PASSPHRASE }, day(6));
    if (!receipt.ok) throw receipt.error;
    expect(receipt.value.files.map((f) => f.name)).toEqual(['receipt.json', 'receipt.p7s', 'ruling.pdf']);
    const [rJson, rP7s, rPdf] = receipt.value.files.map((f) => f.bytes) as [Uint8Array, Uint8Array, Uint8Array];
    const report = verifyReceipt(rJson, rP7s, rPdf, { packageSha256: sha256Hex(zip), trustedCourtPems: [courtPem] });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, authenticated: true, receipt: { docketNumber: '（2026）皖0202民特1号', court: { name: COURT, code: '皖0202' }, ruling: { outcome: 'confirmed' } } });
    // Exported again: the same receipt, not a second one.
    const again = await exportReceipt(c.db, c.platform, c.clerk, filing.id, receipt.value.filing.rev, {}, day(7));
    expect(again.ok && again.value.files.map((f) => f.bytes)).toEqual([rJson, rP7s, rPdf]);

    expect((await c.db.events.all()).filter((e) => e.entity === 'court_filing').map((e) => e.action)).toEqual([
      'court_filing.receive',
      'court_filing.accept',
      'court_filing.extend',
      'court_filing.supplement',
      'court_filing.rule',
      'court_filing.receipt',
    ]);
  });

  it('refuses with a reason, and a docket number is given only once', async () => {
    const c = await court();
    const { filing } = await received(c);
    expect(await refuseFiling(c.db, c.clerk, filing.id, filing.rev, '  ', RECEIVED)).toMatchObject({ ok: false, error: { code: 'court.reason_required' } });
    const refused = await refuseFiling(c.db, c.clerk, filing.id, filing.rev, '不属于本院管辖', RECEIVED);
    expect(refused).toMatchObject({ ok: true, value: { refusal: { reason: '不属于本院管辖', automatic: false }, clock: { refusedOn: '2026-03-10' } } });

    // A second court's package with the first number taken.
    const other = await court();
    const mine = await received(other);
    const otherZip = (await buildZip(fixture, { manifestInput: { ...fixture.manifestInput, packageId: 'pkg-2026-0002' } })).zip;
    const second = await received(other, otherZip);
    const one = await acceptFiling(other.db, other.clerk, mine.filing.id, mine.filing.rev, '（2026）皖0202民特7号', RECEIVED);
    expect(one.ok).toBe(true);
    expect(await acceptFiling(other.db, other.clerk, second.filing.id, second.filing.rev, '（2026）皖0202民特7号', RECEIVED)).toMatchObject({ ok: false, error: { code: 'court.docket_taken' } });
  });
});

describe('a new version answering 补正', () => {
  const v1Sha = () => sha256Hex(zip);
  const v2Of = async (supersedes: { packageId: string; packageSha256: string }) => (await buildZip(fixture, { manifestInput: { ...fixture.manifestInput, packageId: 'pkg-2026-0001-v2', supersedes } })).zip;
  async function receivedOn(c: Awaited<ReturnType<typeof court>>, bytes: Uint8Array, now: Date) {
    const result = await importPackage(c.db, c.platform, c.clerk, fileOf(bytes, 'package-v2.zip'), { now });
    if (!result.ok) throw result.error;
    return result.value.filing;
  }
  async function docketed(c: Awaited<ReturnType<typeof court>>) {
    const saved = await saveDocketSettings(c.db, c.clerk, 0, { courtCode: '皖0202', caseType: '民特', judge: '陈法官' });
    if (!saved.ok) throw saved.error;
    const { filing } = await received(c);
    const accepted = await acceptFiling(c.db, c.clerk, filing.id, filing.rev, '（2026）皖0202民特1号', day(1));
    if (!accepted.ok) throw accepted.error;
    return accepted.value;
  }
  const actions = async (c: Awaited<ReturnType<typeof court>>) => (await c.db.events.all()).filter((e) => e.entity === 'court_filing').map((e) => `${e.action} ${e.entityId === filingIdOf(v1Sha()) ? 'v1' : 'v2'}`);

  it('carries the docket number and the court’s clock over to the new version, which is under review at once and ruled under the same number', async () => {
    const c = await court();
    const v1 = await docketed(c);
    const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: v1Sha() }), day(5));
    expect(v2).toMatchObject({ verdict: 'verified', docketNumber: '（2026）皖0202民特1号', predecessor: { packageSha256: v1Sha(), outcome: 'carried_over' }, supersededBy: null });
    expect(v2.clock).toEqual({ receivedOn: '2026-03-10', acceptedOn: '2026-03-11', refusedOn: null, extended: false, decidedOn: null });
    expect(courtClock(v2.clock, '2026-03-15')).toMatchObject({ stage: 'awaiting_decision', decideBy: courtClock(v1.clock, '2026-03-15').decideBy, problems: [] });
    expect(filingStage(v2, '2026-03-15')).toBe('awaiting_decision');
    // No second number is used up by the new version.
    expect(await proposeDocketNumber(c.db, day(5))).toBe('（2026）皖0202民特2号');

    const extended = await extendFiling(c.db, c.clerk, v2.id, v2.rev, day(6));
    if (!extended.ok) throw extended.error;
    expect(courtClock(extended.value.clock, '2026-03-16').decideBy).toBe('2026-04-05');
    const ruled = await rule(c, v2.id, extended.value.rev, { outcome: 'confirmed', grounds: [], reasoning: '', judge: '陈法官', passphrase: PASSPHRASE, acknowledgeUnauthenticated: true }, day(7));
    if (!ruled.ok) throw ruled.error;
    expect(ruled.value).toMatchObject({ docketNumber: '（2026）皖0202民特1号', ruling: { outcome: 'confirmed', decidedOn: '2026-03-17' } });
    expect(await actions(c)).toEqual(['court_filing.receive v1', 'court_filing.accept v1', 'court_filing.receive v2', 'court_filing.carry_over v2', 'court_filing.supersede v1', 'court_filing.extend v2', 'court_filing.rule v2']);
  });

  it('marks the earlier version superseded and closes its steps', async () => {
    const c = await court();
    const v1 = await docketed(c);
    const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: v1Sha() }), day(5));
    const old = await readFiling(c.db, v1.id);
    if (!old) throw new Error('v1 is gone');
    expect(old).toMatchObject({ supersededBy: { packageSha256: v2.packageSha256, packageId: 'pkg-2026-0001-v2', at: day(5).toISOString() }, rev: v1.rev + 1, docketNumber: '（2026）皖0202民特1号', ruling: null });
    expect(filingStage(old, '2026-03-15')).toBe('superseded');
    // Rows recorded before versions were linked read as linked to nothing.
    const before: Record<string, unknown> = { ...v1 };
    delete before.predecessor;
    delete before.supersededBy;
    expect(parseFiling(before)).toMatchObject({ predecessor: null, supersededBy: null });
    expect((await listFilings(c.db)).map((f) => [f.package?.packageId, filingStage(f, '2026-03-15')])).toEqual([
      ['pkg-2026-0001-v2', 'awaiting_decision'],
      ['pkg-2026-0001', 'superseded'],
    ]);
    const superseded = { ok: false, error: { code: 'court.superseded', params: { packageId: 'pkg-2026-0001-v2' } } };
    // The screen that still showed v1 is told it changed; reloaded, every step is closed.
    expect(await extendFiling(c.db, c.clerk, v1.id, v1.rev, day(6))).toMatchObject({ ok: false, error: { code: 'court.filing_changed' } });
    expect(await extendFiling(c.db, c.clerk, old.id, old.rev, day(6))).toMatchObject(superseded);
    expect(await refuseFiling(c.db, c.clerk, old.id, old.rev, '不属于本院管辖', day(6))).toMatchObject(superseded);
    expect(await rule(c, old.id, old.rev, { outcome: 'confirmed', grounds: [], reasoning: '', judge: '陈法官', passphrase: PASSPHRASE, acknowledgeUnauthenticated: true }, day(6))).toMatchObject(superseded);
    expect(await requestSupplement(c.db, c.platform, c.clerk, old.id, old.rev, { missing: [{ item: 'identity', detail: '身份证复印件' }], dueOn: '2026-03-20', passphrase: PASSPHRASE }, day(6))).toMatchObject(superseded);
    expect(await readFiling(c.db, old.id)).toEqual(old);
    // The same new version imported again finds its filing; nothing is carried over twice.
    const again = await importPackage(c.db, c.platform, c.clerk, fileOf(await v2Of({ packageId: 'pkg-2026-0001', packageSha256: v1Sha() })), { now: day(6) });
    expect(again).toMatchObject({ ok: true, value: { existing: true } });
    expect((await actions(c)).filter((a) => a.startsWith('court_filing.supersede'))).toEqual(['court_filing.supersede v1']);
  });

  it('keeps the earlier version’s receipt date when it still awaited acceptance', async () => {
    const c = await court();
    const { filing: v1 } = await received(c);
    const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: v1Sha() }), day(2));
    expect(v2).toMatchObject({ docketNumber: null, predecessor: { outcome: 'receipt_kept' }, clock: { receivedOn: '2026-03-10', acceptedOn: null } });
    expect(courtClock(v2.clock, '2026-03-12')).toMatchObject({ stage: 'awaiting_acceptance', acceptBy: '2026-03-13' });
    const old = await readFiling(c.db, v1.id);
    expect(old?.supersededBy?.packageSha256).toBe(v2.packageSha256);
    expect(await acceptFiling(c.db, c.clerk, v1.id, old?.rev ?? 0, '（2026）皖0202民特1号', day(3))).toMatchObject({ ok: false, error: { code: 'court.superseded' } });
    const accepted = await acceptFiling(c.db, c.clerk, v2.id, v2.rev, '（2026）皖0202民特1号', day(3));
    if (!accepted.ok) throw accepted.error;
    expect(accepted.value.clock).toMatchObject({ receivedOn: '2026-03-10', acceptedOn: '2026-03-13' });
    expect(courtClock(accepted.value.clock, '2026-03-13')).toMatchObject({ stage: 'awaiting_decision', decideBy: '2026-03-28', problems: [] });
    expect(await actions(c)).toEqual(['court_filing.receive v1', 'court_filing.receive v2', 'court_filing.carry_over v2', 'court_filing.supersede v1', 'court_filing.accept v2']);
  });

  describe('the 30-day limit of the application', () => {
    // The fixture's agreement took effect on 2026-03-02: the application is due by 2026-04-01.
    const afterDeadline = day(25);
    const deadlineOf = async (c: Awaited<ReturnType<typeof court>>, id: string) => (await readFiling(c.db, id))?.checks.find((k) => k.id === 'deadline');

    it.each([
      ['was accepted', 'carried_over', docketed],
      ['still awaited acceptance', 'receipt_kept', received],
    ] as const)('counts from the first filing when the earlier version %s', async (_, outcome, first) => {
      const c = await court();
      await first(c);
      const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: v1Sha() }), afterDeadline);
      expect(v2.predecessor?.outcome).toBe(outcome);
      // The filing the import answers with says so too, as does its audit entry.
      expect(v2.checks.find((k) => k.id === 'deadline')).toMatchObject({ ok: true });
      expect(await deadlineOf(c, v2.id)).toMatchObject({ ok: true, message: expect.stringContaining('Counted from the first filing, received on 2026-03-10') });
      // Stored with its detail, so the clerk reads it in the screen's language.
      expect((await deadlineOf(c, v2.id))?.detail).toMatchObject({ key: 'deadline.in_time', items: [{ key: 'deadline.first_filing', params: { received: '2026-03-10' } }] });
      expect((await listFilings(c.db)).find((f) => f.id === v2.id)?.checks.find((k) => k.id === 'deadline')?.ok).toBe(true);
    });

    it('keeps it on the clerk’s next step', async () => {
      const c = await court();
      await received(c);
      const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: v1Sha() }), afterDeadline);
      const accepted = await acceptFiling(c.db, c.clerk, v2.id, v2.rev, '（2026）皖0202民特1号', afterDeadline);
      if (!accepted.ok) throw accepted.error;
      expect(accepted.value.checks.find((k) => k.id === 'deadline')).toMatchObject({ ok: true });
      expect(await c.db.courtFilings.get(v2.id)).toMatchObject({ checks: expect.arrayContaining([expect.objectContaining({ id: 'deadline', ok: true })]) });
    });

    it('counts from the new version’s own arrival when nothing carries over', async () => {
      const c = await court();
      const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: 'a'.repeat(64) }), afterDeadline);
      expect(v2.predecessor?.outcome).toBe('unknown');
      expect(await deadlineOf(c, v2.id)).toMatchObject({ ok: false, message: expect.stringMatching(/^Received on 2026-04-04, 3 days after the 30-day deadline of 2026-04-01/) });
    });
  });

  it('says so when the earlier version was never received here, and carries nothing over', async () => {
    const c = await court();
    const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: 'a'.repeat(64) }), day(2));
    expect(v2).toMatchObject({ verdict: 'verified', docketNumber: null, predecessor: { packageSha256: 'a'.repeat(64), outcome: 'unknown' }, clock: { receivedOn: '2026-03-12', acceptedOn: null } });
    expect(await actions(c)).toEqual(['court_filing.receive v2']);
    expect((await c.db.events.all()).find((e) => e.action === 'court_filing.receive')?.after).toMatchObject({ predecessor: { outcome: 'unknown' } });
  });

  it('says so when the earlier version was already ruled on (or refused), and leaves it as it was', async () => {
    const c = await court();
    const v1 = await docketed(c);
    const ruled = await rule(c, v1.id, v1.rev, { outcome: 'confirmed', grounds: [], reasoning: '', judge: '陈法官', passphrase: PASSPHRASE, acknowledgeUnauthenticated: true }, day(2));
    if (!ruled.ok) throw ruled.error;
    const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: v1Sha() }), day(5));
    expect(v2).toMatchObject({ docketNumber: null, predecessor: { outcome: 'decided' }, clock: { receivedOn: '2026-03-15', acceptedOn: null } });
    expect(await readFiling(c.db, v1.id)).toEqual(ruled.value);
    expect(await actions(c)).toEqual(['court_filing.receive v1', 'court_filing.accept v1', 'court_filing.rule v1', 'court_filing.receive v2']);

    const other = await court();
    const { filing } = await received(other);
    const refused = await refuseFiling(other.db, other.clerk, filing.id, filing.rev, '不属于本院管辖', RECEIVED);
    if (!refused.ok) throw refused.error;
    const v2b = await receivedOn(other, await v2Of({ packageId: 'pkg-2026-0001', packageSha256: v1Sha() }), day(2));
    expect(v2b).toMatchObject({ docketNumber: null, predecessor: { outcome: 'refused' }, clock: { receivedOn: '2026-03-12' } });
    expect((await readFiling(other.db, filing.id))?.supersededBy).toBeNull();
  });

  it('carries nothing over from another case’s package', async () => {
    const c = await court();
    await docketed(c);
    const v2 = await receivedOn(c, await v2Of({ packageId: 'pkg-2026-9999', packageSha256: v1Sha() }), day(2));
    expect(v2).toMatchObject({ docketNumber: null, predecessor: { outcome: 'mismatch' } });
    expect((await readFiling(c.db, filingIdOf(v1Sha())))?.supersededBy).toBeNull();
  });
});
