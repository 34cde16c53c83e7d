// The statistical report of a justice bureau's area on the center server (issue 19 item 3): cases
// of a mediation center and a committee in the bureau's area and of a committee outside it, written
// through the server's own case route; GET /oversight/report gives each area institution's figures
// equal to the workstation's computeReport over the same cases (the per-case definitions in SQL:
// the period's edges in Asia/Shanghai, the sources, written and oral, escalations), their sum, and
// nothing of the institution outside; another bureau sees none of it; a committee, a bureau's
// mediator and a malformed period are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseSource } from '../../../shared/domain/model';
import { areaReportResponseSchema } from '../../../shared/server/api';
import { addFigures, computeReport, fullByCategory, periodCode, reportRows, LAYOUT_A, LAYOUT_B, type ReportPeriod } from '../../../shared/statistics/report';
import { makeCase, makeInstitution, PASSWORD, startApi, startWorld, type Api, type MadeInstitution, type World } from './fixtures';

let world: World;
let api: Api;
let center: MadeInstitution;
let committee: MadeInstitution;
let outside: MadeInstitution;
let bureau: MadeInstitution;
let otherBureau: MadeInstitution;
const written = new Map<string, Case[]>();

const CATEGORIES = ['NBR', 'FAM', 'INH', 'WAG', 'LAB', 'CON', 'FIN', 'TRF', 'ECM', 'SCH'];
const SOURCES: CaseSource[] = ['walk_in', 'application', 'mediator_initiated', 'hotline_12345', 'court_entrusted', 'police', 'petition', 'procuratorate', 'referral', 'other'];
// Instants around the edges of March and of the first quarter in Asia/Shanghai (UTC+8).
const REGISTERED = ['2026-01-01T00:00:00+08:00', '2025-12-31T15:59:59.999Z', '2026-03-31T15:59:59.000Z', '2026-03-31T16:00:00.000Z', '2026-02-10T09:30:00.000Z', '2026-05-02T03:00:00.000Z', '2025-11-20T01:00:00.000Z'];
const AGREED = [null, '2026-03-31', '2026-04-01', '2026-01-15', null, '2026-06-30', '2025-12-31'];

/** A varied case: category, source, registration, agreement (written, oral by act or by field), escalations. */
function variedCase(prefix: string, i: number): Case {
  const base = makeCase(`${prefix}-${i}`, `（2026）${prefix}字第${String(i).padStart(5, '0')}号`, null).case;
  const agreed = AGREED[i % AGREED.length] ?? null;
  const registeredAt = REGISTERED[(i * 3) % REGISTERED.length] as string;
  const c: Case = { ...base, category: CATEGORIES[i % CATEGORIES.length] as string, source: SOURCES[(i * 7) % SOURCES.length] as CaseSource, registeredAt, amountFen: i % 4 === 0 ? null : i * 12_345 };
  if (agreed && agreed >= registeredAt.slice(0, 10)) {
    const oral = i % 3 === 0;
    Object.assign(c, { status: 'agreement_reached', statusAct: oral ? 'oral_agreement' : 'signed_agreement', agreementEffectiveOn: agreed });
    if (i % 5 === 0) c.agreementForm = oral ? 'oral' : 'written';
  }
  if (i % 4 === 1) c.escalationPrevented = { criminal: 2 + (i % 3), ...(i % 8 === 1 ? { group_petition: 15 } : {}) };
  if (i % 6 === 2) c.escalationPrevented = { suicide: 1, group_fight: 30 };
  return c;
}

async function writeCases(institution: MadeInstitution, prefix: string, n: number): Promise<void> {
  const token = await api.signIn(institution);
  const list: Case[] = [];
  for (let i = 0; i < n; i++) {
    const c = variedCase(prefix, i);
    const answer = await api.call('PUT', `/cases/${c.id}`, { token, body: { baseVersion: null, case: c, parties: makeCase(c.id, c.number, null).parties } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    list.push(c);
  }
  written.set(institution.id, list);
}

async function account(institution: MadeInstitution, username: string, role: string): Promise<string> {
  const admin = await api.signIn(institution);
  const made = await api.call('POST', '/accounts', { token: admin, body: { username, displayName: username, role, password: PASSWORD } });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return api.signIn(institution, username);
}

beforeAll(async () => {
  world = await startWorld('mwareareport');
  api = await startApi(world.pool);
  center = await makeInstitution(world.pool, 'mediation', '340202', '芜湖市镜湖区矛盾纠纷调解中心');
  committee = await makeInstitution(world.pool, 'mediation', '340203', '芜湖市弋江区人民调解委员会');
  outside = await makeInstitution(world.pool, 'mediation', '340102', '合肥市瑶海区人民调解委员会');
  bureau = await makeInstitution(world.pool, 'justice_bureau', '340200', '芜湖市司法局');
  otherBureau = await makeInstitution(world.pool, 'justice_bureau', '340100', '合肥市司法局');
  await writeCases(center, 'center', 36);
  await writeCases(committee, 'committee', 23);
  await writeCases(outside, 'outside', 11);
  await account(center, 'mediator1', 'mediator');
}, 120_000);

afterAll(async () => {
  await api?.close();
  await world?.stop();
});

const PERIODS: ReportPeriod[] = [
  { kind: 'quarter', year: 2026, index: 1 },
  { kind: 'quarter', year: 2026, index: 2 },
  { kind: 'month', year: 2026, index: 3 },
  { kind: 'month', year: 2026, index: 4 },
  { kind: 'year', year: 2026, index: 1 },
  { kind: 'year', year: 2025, index: 1 },
];

describe('the area report on the server', () => {
  it('gives each area institution the figures the workstation computes over the same cases, and their sum', async () => {
    const director = await account(bureau, 'director', 'director');
    for (const period of PERIODS) {
      const answer = await api.call('GET', `/oversight/report?period=${periodCode(period)}`, { token: director });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const report = areaReportResponseSchema.parse(answer.body);
      expect(report.period).toEqual(period);
      expect(report.areaPrefix).toBe('3402');
      expect(report.institutions.map((i) => i.name)).toEqual(['芜湖市镜湖区矛盾纠纷调解中心', '芜湖市弋江区人民调解委员会']);
      expect(report.institutions.map((i) => i.mediators)).toEqual([1, 0]);
      let sum = fullByCategory({});
      for (const institution of report.institutions) {
        const expected = computeReport(written.get(institution.id) ?? [], period).byCategory;
        expect(fullByCategory(institution.byCategory), `${institution.name} ${periodCode(period)}`).toEqual(expected);
        for (const [code, figures] of Object.entries(expected)) sum = { ...sum, [code]: addFigures(sum[code as keyof typeof sum], figures) };
      }
      expect(report.total).toEqual(sum);
      // The layouts' rows come from the shared mapping, as for one institution.
      for (const layout of [LAYOUT_A, LAYOUT_B]) expect(reportRows(report.total, layout)[0]?.figures).toEqual(reportRows(sum, layout)[0]?.figures);
    }
  });

  it('counts something in every kind of column (the seed is not trivially zero)', async () => {
    const admin = await api.signIn(bureau);
    const report = areaReportResponseSchema.parse((await api.call('GET', '/oversight/report?period=2026', { token: admin })).body);
    const total = reportRows(report.total, LAYOUT_A)[0]?.figures;
    for (const key of ['received', 'settled', 'amountFen', 'written', 'oral', 'source_initiative', 'source_application', 'source_court', 'source_other_department', 'criminal_cases', 'criminal_persons', 'suicide_persons', 'group_fight_cases'] as const) {
      expect(total?.[key], key).toBeGreaterThan(0);
    }
  });

  it('shows another bureau nothing of this area, and refuses a committee, a mediator and a malformed period', async () => {
    const other = areaReportResponseSchema.parse((await api.call('GET', '/oversight/report?period=2026', { token: await api.signIn(otherBureau) })).body);
    expect(other.institutions.map((i) => i.name)).toEqual(['合肥市瑶海区人民调解委员会']);
    expect(fullByCategory(other.institutions[0]?.byCategory ?? {})).toEqual(computeReport(written.get(outside.id) ?? [], { kind: 'year', year: 2026, index: 1 }).byCategory);
    expect((await api.call('GET', '/oversight/report?period=2026', { token: await api.signIn(center) })).status).toBe(403);
    expect((await api.call('GET', '/oversight/report?period=2026', { token: await api.signIn(center, 'mediator1') })).status).toBe(403);
    expect((await api.call('GET', '/oversight/report?period=2026', { token: await account(bureau, 'staff', 'mediator') })).status).toBe(403);
    const admin = await api.signIn(bureau);
    for (const period of ['2026-Q5', '2026-13', 'last-year', '']) {
      const answer = await api.call('GET', `/oversight/report?period=${period}`, { token: admin });
      expect(answer.status).toBe(422);
      expect(answer.body.problem.items[0].params.field).toBe('period');
    }
  });

  it('is refused by the database itself to anyone but a bureau’s administrator or director', async () => {
    const { asTenant } = await import('./fixtures');
    await expect(asTenant(world.pool, { institutionId: center.id, accountId: center.adminId, role: 'admin' }, "SELECT * FROM mw.area_report('2026-01-01', '2026-12-31')")).rejects.toThrow(/justice bureau/);
    await expect(asTenant(world.pool, { institutionId: bureau.id, accountId: bureau.adminId, role: 'mediator' }, 'SELECT * FROM mw.area_institutions()')).rejects.toThrow(/justice bureau/);
    // Without the function, the bureau reads no case row and no account of another institution.
    expect(await asTenant(world.pool, { institutionId: bureau.id, accountId: bureau.adminId, role: 'admin' }, 'SELECT id FROM mw.cases')).toEqual([]);
    expect(await asTenant(world.pool, { institutionId: bureau.id, accountId: bureau.adminId, role: 'admin' }, 'SELECT id FROM mw.accounts WHERE institution_id <> $1', [bureau.id])).toEqual([]);
  });
});
