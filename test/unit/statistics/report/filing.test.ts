// The report in the workstation: computed from the stored cases it reconciles with the case list
// under the same filter; filed as a signed snapshot that a later change to a case never alters
// (the difference is shown, a corrected version is filed on purpose); the bureau's answer imported.
import { beforeAll, describe, expect, it } from 'vitest';
import { countCases, transitionCase, updateCaseStatistics } from '../../../../renderer/features/case-store';
import { generateIdentity, lockIdentity, verifierFor } from '../../../../renderer/features/identity/store';
import { passphraseKeyProtection } from '../../../../renderer/platform/browser';
import { fileReport, filingFileBytes, filingsOf, importAnswer, institutionReport, reportCases } from '../../../../renderer/features/report/store';
import { fromCaseRow } from '../../../../shared/backup/rows';
import type { DataStore } from '../../../../renderer/data';
import type { User } from '../../../../shared/domain/model';
import { computeReport, LAYOUT_A, leafRows, periodRange, reportDifferences, signedReportSchema, snapshotBytes, ANSWER_FILE_FORMAT } from '../../../../shared/statistics/report';
import { addUser, caseInMediation, neighbourIntake } from '../../db/helpers';
import { seededDb, SEED_TODAY } from '../../db/seeded';

const PASS = 'report passphrase 2026';
const period = { kind: 'quarter', year: 2026, index: 3 } as const;
const platform = { keys: passphraseKeyProtection() };
let db: DataStore;
let admin: User;
let director: User;
let seededCases: ReturnType<typeof fromCaseRow>[];

beforeAll(async () => {
  const seeded = await seededDb(800, 23);
  db = seeded.db;
  seededCases = seeded.data.cases.map(fromCaseRow);
  admin = seeded.data.users.find((u) => u.role === 'admin')!;
  director = await addUser(db, admin, 'zhuren', 'director');
  const identity = await generateIdentity(db, platform, admin, { name: seeded.data.institution.name, creditCode: seeded.data.institution.creditCode, passphrase: PASS });
  if (!identity.ok) throw identity.error;
  lockIdentity();
}, 120_000);

const answerFile = (value: object) => new TextEncoder().encode(JSON.stringify({ format: ANSWER_FILE_FORMAT, answeredAt: '2026-11-25T02:00:00.000Z', bureau: '芜湖市镜湖区司法局', ...value }));

describe('the report of the workstation', () => {
  it('reconciles with the case list under the same filter and with the stored rows', async () => {
    const result = await institutionReport(db, director, period);
    if (!result.ok) throw result.error;
    const { report } = result.value;
    expect(report).toEqual(computeReport(seededCases, period));
    const { from, to } = periodRange(period);
    for (const leaf of leafRows(LAYOUT_A).filter((l) => l.categories.length === 1)) {
      const listed = await countCases(db, { sort: 'registeredAt', dir: 'desc', category: leaf.categories[0]!, from, to }, director, { today: SEED_TODAY });
      expect(report.byCategory[leaf.categories[0]!].received, leaf.key).toBe(listed.count);
    }
    // Only the cases that can count are read.
    expect((await reportCases(db, period)).length).toBeLessThan(seededCases.length);
  });

  it('is refused to a mediator', async () => {
    const mediator = await addUser(db, admin, 'tiaojie', 'mediator');
    expect(await institutionReport(db, mediator, period)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('files a signed snapshot; a later change shows as a difference and a corrected version is filed on purpose', async () => {
    expect(await fileReport(db, platform, director, period)).toMatchObject({ ok: false, error: { code: 'identity.wrong_passphrase' } });
    const filed = await fileReport(db, platform, director, period, { passphrase: PASS });
    if (!filed.ok) throw filed.error;
    const v1 = filed.value;
    expect(v1.signed.snapshot).toMatchObject({ version: 1, supersedes: null, lockedBy: { id: director.id } });
    // The file the bureau receives verifies against the institution certificate.
    const file = signedReportSchema.parse(JSON.parse(new TextDecoder().decode(filingFileBytes(v1))));
    expect(await verifierFor([file.certificatePem])(snapshotBytes(file.snapshot), file.signature, file.keyId)).toBe(true);
    const tampered = { ...file.snapshot, byCategory: { ...file.snapshot.byCategory, FAM: { ...file.snapshot.byCategory.FAM!, received: 999 } } };
    expect(await verifierFor([file.certificatePem])(snapshotBytes(tampered), file.signature, file.keyId)).toBe(false);
    expect(await fileReport(db, platform, director, period, { passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'report.nothing_changed' } });

    // A case received in the quarter changes: the filed snapshot does not.
    const changed = seededCases.find((c) => c.registeredAt >= '2026-07-02' && c.registeredAt < '2026-09-29')!;
    const stored = fromCaseRow((await db.cases.get(changed.id))!);
    const updated = await updateCaseStatistics(db, admin, changed.id, stored.version, { escalationPrevented: { group_petition: 12 }, district: '镜湖区' });
    if (!updated.ok) throw updated.error;
    const [still] = await filingsOf(db, period);
    expect(still).toEqual(v1);
    const now = await institutionReport(db, director, period);
    if (!now.ok) throw now.error;
    const diff = reportDifferences(v1.signed.snapshot, now.value.report, LAYOUT_A);
    expect(diff.cases).toEqual([{ caseId: changed.id, change: 'changed' }]);
    const total = diff.cells.find((c) => c.rowKey === 'total' && c.figure === 'group_petition_persons')!;
    expect(total.now - total.filed).toBe(12 - (changed.escalationPrevented?.group_petition ?? 0));

    // The bureau returns v1; the answer must name this snapshot.
    expect(await importAnswer(db, director, answerFile({ reportId: v1.id, snapshotSha256: 'a'.repeat(64), outcome: 'accepted' }))).toMatchObject({ ok: false, error: { code: 'report.answer_other_snapshot' } });
    expect(await importAnswer(db, director, answerFile({ reportId: v1.id, snapshotSha256: v1.snapshotSha256, outcome: 'returned' }))).toMatchObject({ ok: false, error: { code: 'report.answer_unreadable' } });
    expect(await importAnswer(db, director, new TextEncoder().encode('not json'))).toMatchObject({ ok: false, error: { code: 'report.answer_unreadable' } });
    const returned = await importAnswer(db, director, answerFile({ reportId: v1.id, snapshotSha256: v1.snapshotSha256, outcome: 'returned', reason: '群体性上访数与信访局数据不符' }));
    expect(returned).toMatchObject({ ok: true, value: { answer: { outcome: 'returned', reason: '群体性上访数与信访局数据不符', importedBy: { id: director.id } } } });
    expect(await importAnswer(db, director, answerFile({ reportId: v1.id, snapshotSha256: v1.snapshotSha256, outcome: 'accepted' }))).toMatchObject({ ok: false, error: { code: 'report.already_answered' } });

    const corrected = await fileReport(db, platform, director, period, { passphrase: PASS });
    if (!corrected.ok) throw corrected.error;
    expect(corrected.value.signed.snapshot).toMatchObject({ version: 2, supersedes: v1.id });
    expect(reportDifferences(corrected.value.signed.snapshot, now.value.report, LAYOUT_A)).toEqual({ cells: [], cases: [] });
    const events = (await db.events.all()).filter((e) => e.entity === 'statistics_report').map((e) => e.action);
    expect(events).toEqual(['statistics_report.file', 'statistics_report.answer', 'statistics_report.file']);
  });
});

describe("a case's statistics details", () => {
  it('are validated, audited and cleared; the agreement form comes from the act', async () => {
    const mediator = await addUser(db, admin, 'wanghong', 'mediator');
    const c = await caseInMediation(db, admin, mediator, neighbourIntake('赵六'), SEED_TODAY);
    const bad = await updateCaseStatistics(db, mediator, c.id, c.version, { escalationPrevented: { criminal: 0 }, district: '区'.repeat(51) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'case.patch_invalid' } });
    if (bad.ok) return;
    expect(bad.error.fieldErrors.map((e) => e.path)).toEqual([['district'], ['escalationPrevented', 'criminal']]);
    const marked = await updateCaseStatistics(db, mediator, c.id, c.version, { riskReason: '双方多次发生肢体冲突', escalationPrevented: { criminal: 3 } });
    if (!marked.ok) throw marked.error;
    expect(marked.value).toMatchObject({ escalationRisk: { reason: '双方多次发生肢体冲突', markedBy: mediator.id }, escalationPrevented: { criminal: 3 } });
    const event = (await db.events.byCase(c.id)).at(-1)!;
    expect(event).toMatchObject({ action: 'case.statistics', after: { escalationKinds: ['criminal'], escalationPersons: 3, riskReason: '双方多次发生肢体冲突' } });
    const lifted = await updateCaseStatistics(db, mediator, c.id, marked.value.version, { riskReason: '', escalationPrevented: {} });
    if (!lifted.ok) throw lifted.error;
    expect('escalationRisk' in lifted.value || 'escalationPrevented' in lifted.value).toBe(false);

    const oral = await transitionCase(db, mediator, c.id, lifted.value.version, 'agreement_reached', { today: SEED_TODAY, act: 'oral_agreement', agreementEffectiveOn: SEED_TODAY });
    if (!oral.ok) throw oral.error;
    expect(oral.value.agreementForm).toBe('oral');
  });
});
