import { describe, expect, it } from 'vitest';
import {
  assignMediator,
  extendMediationDeadline,
  getCase,
  getCaseEvents,
  getParties,
  registerCase,
  revealIdNumber,
  transitionCase,
  updateCaseDetails,
} from '../../../renderer/features/case-store';
import { CaseChangedError } from '../../../renderer/kit/result';
import { residentIdCheckChar } from '../../../shared/domain/identifiers';
import type { CaseIntake } from '../../../shared/domain/intake';
import type { DataStore } from '../../../renderer/data';
import type { User } from '../../../shared/domain/model';
import { addUser, countStoredCases, creditCode, freshDb, setUp } from './helpers';
import { updateUser } from '../../../renderer/features/auth/accounts';
import { addDays } from '../../../shared/domain/deadlines';

const id17 = '34020219900307123';
const ID = id17 + residentIdCheckChar(id17);

function intake(overrides: Partial<CaseIntake> = {}): CaseIntake {
  return {
    parties: [
      { kind: 'natural', name: '张䶮', idType: 'resident_id', idNumber: ID, phone: '13955312345', address: '芜湖市镜湖区', side: 'applicant' },
      { kind: 'legal', name: '芜湖恒通物业管理有限公司', creditCode: creditCode(), legalRepresentative: '李喆', phone: '18655301234', address: '芜湖市', side: 'respondent' },
      { kind: 'agent', name: '王律师', licenseNo: '13402201810123456', firm: '安徽江城律师事务所', phone: '', principalIndex: 0 },
    ],
    category: 'PRP',
    categoryFields: { propertyAddress: '芜湖市镜湖区银湖小区3栋' },
    source: 'walk_in',
    claims: '请求物业公司维修漏水屋顶',
    amountYuan: '12000.50',
    description: '',
    ...overrides,
  };
}

interface World {
  db: DataStore;
  admin: User;
  mediator: User;
  other: User;
  clerk: User;
}

async function world(): Promise<World> {
  const db = freshDb();
  const admin = await setUp(db);
  return {
    db,
    admin,
    mediator: await addUser(db, admin, 'wangfang', 'mediator'),
    other: await addUser(db, admin, 'lijun', 'mediator'),
    clerk: await addUser(db, admin, 'sunli', 'clerk'),
  };
}

const day = (today: string) => ({ today, now: new Date(`${today}T09:00:00+08:00`) });

async function register(w: World, actor: User, today = '2026-03-02', input: unknown = intake()) {
  const result = await registerCase(w.db, actor, input, day(today));
  if (!result.ok) throw new Error(`${result.error.code} ${JSON.stringify(result.error.fieldErrors)}`);
  return result.value;
}

describe('case store', () => {
  it('registers cases with numbers per institution and year, parties and an audit event', async () => {
    const w = await world();
    const a = await register(w, w.mediator, '2025-12-31');
    const b = await register(w, w.admin, '2025-12-31');
    const c = await register(w, w.mediator, '2026-01-01');
    expect([a.case.number, b.case.number, c.case.number]).toEqual(['（2025）芜解字第00001号', '（2025）芜解字第00002号', '（2026）芜解字第00001号']);
    expect(a.case).toMatchObject({ status: 'registered', amountFen: 1_200_050, mediatorId: w.mediator.id, version: 1, partySummary: '张䶮 / 芜湖恒通物业管理有限公司' });
    expect(b.case.mediatorId).toBeNull();
    const agent = a.parties.find((p) => p.kind === 'agent');
    expect(agent).toMatchObject({ principalId: a.parties[0]?.id, side: 'applicant' });
    expect(a.case.searchTerms).toEqual(expect.arrayContaining(['张䶮', '䶮', '13955312345', '1']));
    const events = await getCaseEvents(w.db, a.case.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'case.register', actorId: w.mediator.id, caseId: a.case.id, before: null });
    expect(JSON.stringify(events)).not.toContain(ID);
  });

  it('refuses invalid intake with every field error and writes nothing', async () => {
    const w = await world();
    const bad = intake({ amountYuan: '12.345', claims: '' });
    (bad.parties[0] as { idNumber: string }).idNumber = `${id17}0`;
    const result = await registerCase(w.db, w.mediator, bad, day('2026-03-02'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('intake.invalid');
    const fields = result.error.fieldErrors.map((e) => `${JSON.stringify(e.path)} ${e.code}`);
    expect(fields).toEqual(expect.arrayContaining(['["parties",0,"idNumber"] id.checksum', '["amountYuan"] money.decimals', '["claims"] required']));
    expect(await countStoredCases(w.db)).toBe(0);
    expect(await registerCase(w.db, w.clerk, intake(), day('2026-03-02'))).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('masks ID numbers in lists and reveals one in full with an audit event', async () => {
    const w = await world();
    const { case: c, parties } = await register(w, w.mediator);
    const listed = await getParties(w.db, c.id);
    const natural = listed.find((p) => p.kind === 'natural');
    expect(natural && natural.kind === 'natural' ? natural.idNumber : '').not.toBe(ID);
    expect(JSON.stringify(listed)).not.toContain(ID);
    const partyId = parties[0]?.id as string;
    expect(await revealIdNumber(w.db, w.mediator, c.id, partyId)).toEqual({ ok: true, value: ID });
    expect(await revealIdNumber(w.db, w.other, c.id, partyId)).toMatchObject({ ok: false, error: { code: 'party.not_found' } });
    const last = (await getCaseEvents(w.db, c.id)).at(-1);
    expect(last).toMatchObject({ action: 'party.reveal_id', entity: 'party', entityId: partyId, actorId: w.mediator.id });
    expect(JSON.stringify(last)).not.toContain(ID);
  });

  it('tells the second window that the case changed and overwrites nothing', async () => {
    const w = await world();
    const { case: c } = await register(w, w.mediator);
    const first = await updateCaseDetails(w.db, w.mediator, c.id, c.version, { claims: '第一个窗口的诉求' });
    expect(first).toMatchObject({ ok: true, value: { claims: '第一个窗口的诉求', version: 2 } });
    const second = await updateCaseDetails(w.db, w.mediator, c.id, c.version, { claims: '第二个窗口的诉求' });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error).toBeInstanceOf(CaseChangedError);
    expect(second.error.code).toBe('case.changed');
    expect((second.error as CaseChangedError).current.claims).toBe('第一个窗口的诉求');
    expect((await getCase(w.db, c.id))?.claims).toBe('第一个窗口的诉求');
    const stale = await transitionCase(w.db, w.mediator, c.id, c.version, 'accepted', { today: '2026-03-02' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'case.changed' } });
  });

  it('validates edits like the intake and records before and after', async () => {
    const w = await world();
    const { case: c } = await register(w, w.mediator);
    expect(await updateCaseDetails(w.db, w.mediator, c.id, 1, { amountYuan: 'abc' })).toMatchObject({ ok: false, error: { code: 'case.patch_invalid' } });
    const ok = await updateCaseDetails(w.db, w.mediator, c.id, 1, { amountYuan: '99.90', description: '补充说明' });
    expect(ok).toMatchObject({ ok: true, value: { amountFen: 9990, description: '补充说明', version: 2 } });
    const last = (await getCaseEvents(w.db, c.id)).at(-1);
    expect(last).toMatchObject({ action: 'case.update', before: { amountFen: 1_200_050, description: '' }, after: { amountFen: 9990, description: '补充说明' } });
  });

  it('applies role permissions to every write', async () => {
    const w = await world();
    const { case: mine } = await register(w, w.mediator);
    expect(await updateCaseDetails(w.db, w.clerk, mine.id, 1, { claims: 'x' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await updateCaseDetails(w.db, w.other, mine.id, 1, { claims: 'x' })).toMatchObject({ ok: false, error: { code: 'case.not_found' } });
    expect(await assignMediator(w.db, w.clerk, mine.id, 1, w.other.id)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const { case: pool } = await register(w, w.admin);
    expect(await assignMediator(w.db, w.other, pool.id, 1, w.mediator.id)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await assignMediator(w.db, w.admin, pool.id, 1, w.clerk.id)).toMatchObject({ ok: false, error: { code: 'case.mediator_invalid' } });
    const taken = await assignMediator(w.db, w.other, pool.id, 1, w.other.id);
    expect(taken).toMatchObject({ ok: true, value: { mediatorId: w.other.id, version: 2 } });
    expect(await getCase(w.db, pool.id, w.mediator)).toBeUndefined();
    expect(await updateCaseDetails(w.db, w.admin, mine.id, 1, { claims: '管理员修改' })).toMatchObject({ ok: true });
    expect((await getCaseEvents(w.db, pool.id)).at(-1)).toMatchObject({ action: 'case.assign', before: { mediatorId: null }, after: { mediatorId: w.other.id } });
  });

  it('applies a role change or deactivation made in another window at the next write', async () => {
    const w = await world();
    const { case: mine } = await register(w, w.mediator);
    // The mediator's window still holds the old User object; the administrator demotes her.
    const demoted = await updateUser(w.db, w.admin, w.mediator.id, w.mediator.version, { role: 'clerk' });
    expect(demoted.ok).toBe(true);
    expect(await updateCaseDetails(w.db, w.mediator, mine.id, 1, { claims: 'x' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await registerCase(w.db, w.mediator, intake(), day('2026-03-02'))).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });

    const other = (await w.db.accounts.get(w.other.id))!;
    expect((await updateUser(w.db, w.admin, other.id, other.version, { active: false })).ok).toBe(true);
    expect(await registerCase(w.db, w.other, intake(), day('2026-03-02'))).toMatchObject({ ok: false, error: { code: 'auth.inactive' } });
    expect(await revealIdNumber(w.db, w.other, mine.id, (await getParties(w.db, mine.id))[0]!.id)).toMatchObject({ ok: false, error: { code: 'auth.inactive' } });
    expect((await getCase(w.db, mine.id))?.version).toBe(1);
  });

  it('extends a running mediation time limit with the parties’ agreement, audited', async () => {
    const w = await world();
    const { case: c } = await register(w, w.mediator);
    expect(await extendMediationDeadline(w.db, w.mediator, c.id, 1, { days: 10, reason: '双方同意' })).toMatchObject({ ok: false, error: { code: 'deadline.not_running' } });
    const accepted = await transitionCase(w.db, w.mediator, c.id, 1, 'accepted', { today: '2026-03-02' });
    if (!accepted.ok) throw accepted.error;
    const limit = accepted.value.mediationDeadline!;
    const refused = await extendMediationDeadline(w.db, w.mediator, c.id, 2, { days: 500, reason: ' ' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'deadline.extension_days' } });
    if (!refused.ok) expect(refused.error.fieldErrors.map((e) => e.code)).toEqual(['deadline.extension_days', 'deadline.extension_reason']);
    expect(await extendMediationDeadline(w.db, w.clerk, c.id, 2, { days: 10, reason: '双方同意' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const extended = await extendMediationDeadline(w.db, w.mediator, c.id, 2, { days: 10, reason: '双方当事人当面同意' });
    expect(extended).toMatchObject({ ok: true, value: { mediationDeadline: addDays(limit, 10), activeDeadline: addDays(limit, 10), version: 3 } });
    expect((await getCaseEvents(w.db, c.id)).at(-1)).toMatchObject({
      action: 'case.extend',
      actorId: w.mediator.id,
      before: { mediationDeadline: limit },
      after: { mediationDeadline: addDays(limit, 10), reason: '双方当事人当面同意' },
    });
  });

  it('moves a case through its lifecycle with deadlines and an audit trail', async () => {
    const w = await world();
    const { case: c } = await register(w, w.mediator, '2026-03-02', intake({ source: 'court_entrusted' }));
    let v = c.version;
    const step = async (to: Parameters<typeof transitionCase>[4], opts: Partial<Parameters<typeof transitionCase>[5]> = {}) => {
      const r = await transitionCase(w.db, w.mediator, c.id, v, to, { today: '2026-03-02', ...opts });
      if (!r.ok) throw new Error(`${to}: ${r.error.code}`);
      v = r.value.version;
      return r.value;
    };
    const accepted = await step('accepted', { today: '2026-03-03' });
    expect(accepted).toMatchObject({ mediationDeadline: '2026-04-02', activeDeadline: '2026-04-02' });
    expect((await w.db.cases.get(c.id))?.deadlineKey).toBe('2026-04-02');

    const illegal = await transitionCase(w.db, w.mediator, c.id, v, 'confirmed', { today: '2026-03-04' });
    expect(illegal).toMatchObject({ ok: false, error: { code: 'lifecycle.illegal', params: { from: 'accepted', to: 'confirmed' } } });

    await step('in_mediation', { today: '2026-03-05' });
    const future = await transitionCase(w.db, w.mediator, c.id, v, 'agreement_reached', { today: '2026-03-10', agreementEffectiveOn: '2026-03-11', act: 'oral_agreement' });
    expect(future).toMatchObject({ ok: false, error: { code: 'lifecycle.agreement_date_future' } });
    // The status buttons' move, without the act that makes it true, is refused in the store too.
    const byHand = await transitionCase(w.db, w.mediator, c.id, v, 'agreement_reached', { today: '2026-03-10', agreementEffectiveOn: '2026-03-10' });
    expect(byHand).toMatchObject({ ok: false, error: { code: 'lifecycle.act_required', params: { to: 'agreement_reached' } } });
    const agreed = await step('agreement_reached', { today: '2026-03-10', agreementEffectiveOn: '2026-03-10', act: 'oral_agreement' });
    expect(agreed.statusAct).toBe('oral_agreement');
    expect(agreed).toMatchObject({ agreementEffectiveOn: '2026-03-10', confirmationDeadline: '2026-04-09', activeDeadline: '2026-04-09', closedAt: null });
    const late = await transitionCase(w.db, w.mediator, c.id, v, 'confirmation_applied', { today: '2026-04-10', act: 'paper_filing' });
    expect(late).toMatchObject({ ok: false, error: { code: 'lifecycle.confirmation_window' } });
    expect(await transitionCase(w.db, w.mediator, c.id, v, 'confirmation_applied', { today: '2026-04-01' })).toMatchObject({ ok: false, error: { code: 'lifecycle.act_required' } });
    await step('confirmation_applied', { today: '2026-04-01', act: 'paper_filing', actOn: '2026-03-30' });
    expect(await transitionCase(w.db, w.mediator, c.id, v, 'confirmed', { today: '2026-04-05' })).toMatchObject({ ok: false, error: { code: 'lifecycle.act_required', params: { to: 'confirmed' } } });
    expect(await transitionCase(w.db, w.mediator, c.id, v, 'rejected', { today: '2026-04-05', act: 'paper_ruling' })).toMatchObject({ ok: false, error: { code: 'lifecycle.reason_required' } });
    const rejected = await step('rejected', { today: '2026-04-05', reason: '协议内容不明确', act: 'paper_ruling', now: new Date('2026-04-05T03:00:00Z') });
    expect(rejected).toMatchObject({ status: 'rejected', statusAct: 'paper_ruling', activeDeadline: null, closedAt: '2026-04-05T03:00:00.000Z' });
    expect((await w.db.cases.get(c.id))?.deadlineKey).toBe('~');
    const archived = await step('archived', { today: '2026-05-01' });
    expect(archived).not.toHaveProperty('statusAct');

    const timeline = await getCaseEvents(w.db, c.id);
    expect(timeline.map((e) => e.action)).toEqual(['case.register', ...Array(6).fill('case.transition')]);
    expect(timeline.find((e) => (e.after as { status?: string }).status === 'rejected')).toMatchObject({
      before: { status: 'confirmation_applied', statusAct: 'paper_filing', version: 5 },
      after: { status: 'rejected', statusAct: 'paper_ruling', reason: '协议内容不明确', act: 'paper_ruling', version: 6 },
    });
    expect(await transitionCase(w.db, w.clerk, c.id, v, 'archived', { today: '2026-05-01' })).toMatchObject({ ok: false });
  });
});
