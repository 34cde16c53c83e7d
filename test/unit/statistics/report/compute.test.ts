// Every figure of the report reconciles with a plain count over the same generated cases: the
// count below is written independently of compute.ts (Intl for the Shanghai date, no shared code).
import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from '../../../../shared/domain/categories';
import type { Case } from '../../../../shared/domain/model';
import { computeReport, reportRows, successRate, type Figures } from '../../../../shared/statistics/report/compute';
import { LAYOUT_A, LAYOUT_B, leafRows } from '../../../../shared/statistics/report/mappings';
import { periodRange, type ReportPeriod } from '../../../../shared/statistics/report/period';
import { reportCases } from './cases';

const cases = reportCases(4000);
const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

function plainCount(period: ReportPeriod, categories: readonly string[]) {
  const { from, to } = periodRange(period);
  const inCategory = (c: Case) => categories.includes(c.category);
  const received = cases.filter((c) => inCategory(c) && shanghaiDay.format(new Date(c.registeredAt)) >= from && shanghaiDay.format(new Date(c.registeredAt)) <= to);
  const settled = cases.filter((c) => inCategory(c) && c.agreementEffectiveOn !== null && c.agreementEffectiveOn >= from && c.agreementEffectiveOn <= to);
  return {
    received: received.length,
    settled: settled.length,
    amountFen: settled.reduce((s, c) => s + (c.amountFen ?? 0), 0),
    oral: settled.filter((c) => c.agreementForm === 'oral' || c.statusAct === 'oral_agreement').length,
    initiative: received.filter((c) => c.source === 'mediator_initiated').length,
    court: received.filter((c) => c.source === 'court_entrusted').length,
    criminalPersons: received.reduce((s, c) => s + (c.escalationPrevented?.criminal ?? 0), 0),
    suicideCases: received.filter((c) => c.escalationPrevented?.suicide).length,
  };
}

function pick(f: Figures) {
  return {
    received: f.received,
    settled: f.settled,
    amountFen: f.amountFen,
    oral: f.oral,
    initiative: f.source_initiative,
    court: f.source_court,
    criminalPersons: f.criminal_persons,
    suicideCases: f.suicide_cases,
  };
}

const PERIODS: ReportPeriod[] = [
  { kind: 'quarter', year: 2026, index: 3 },
  { kind: 'month', year: 2025, index: 12 },
  { kind: 'year', year: 2025, index: 1 },
];

describe('the report computed from case rows', () => {
  it.each(PERIODS)('reconciles every row of both layouts with a plain count ($kind $year/$index)', (period) => {
    const report = computeReport(cases, period);
    for (const layout of [LAYOUT_A, LAYOUT_B]) {
      const rows = reportRows(report.byCategory, layout);
      const total = rows[0]!;
      expect(pick(total.figures)).toEqual(plainCount(period, CATEGORY_CODES));
      expect(total.figures.received).toBeGreaterThan(0);
      for (const leaf of leafRows(layout)) {
        const row = rows.find((r) => r.key === leaf.key)!;
        expect(pick(row.figures), `${layout.id} ${leaf.key}`).toEqual(plainCount(period, leaf.categories));
      }
    }
  });

  it('sums each group from its sub-rows, the sources and written + oral add up', () => {
    const report = computeReport(cases, PERIODS[0]!);
    const rows = reportRows(report.byCategory, LAYOUT_A);
    const get = (key: string) => rows.find((r) => r.key === key)!.figures;
    expect(get('labour').received).toBe(get('WAG').received + get('LAB').received);
    expect(get('consumer').settled).toBe(get('TOU').settled + get('ECM').settled + get('CSM').settled);
    for (const row of rows) {
      const f = row.figures;
      expect(f.written + f.oral).toBe(f.settled);
      expect(f.source_initiative + f.source_application + f.source_court + f.source_police + f.source_petition + f.source_procuratorate + f.source_other_department).toBe(f.received);
    }
    // The two layouts share one total.
    expect(reportRows(report.byCategory, LAYOUT_B)[0]!.figures).toEqual(rows[0]!.figures);
  });

  it('counts a case by its registration date in Shanghai and its agreement by the day it took effect', () => {
    const base: Case = cases[0]!;
    const late = { ...base, id: 'late', category: 'FAM', registeredAt: '2026-09-30T16:30:00.000Z', agreementEffectiveOn: null }; // 1 Oct, 00:30 in Shanghai
    const settledOnly = { ...base, id: 'settled', category: 'FAM', registeredAt: '2026-06-20T02:00:00.000Z', agreementEffectiveOn: '2026-07-03', amountFen: 123456 };
    const q3 = computeReport([late, settledOnly], { kind: 'quarter', year: 2026, index: 3 });
    expect(q3.byCategory.FAM.received).toBe(0);
    expect(q3.byCategory.FAM.settled).toBe(1);
    expect(q3.byCategory.FAM.amountFen).toBe(123456);
    const q4 = computeReport([late, settledOnly], { kind: 'quarter', year: 2026, index: 4 });
    expect(q4.byCategory.FAM.received).toBe(1);
    expect(Object.keys(q4.cases)).toEqual(['late']);
  });

  it('gives the success rate with one decimal, none when nothing was received', () => {
    expect(successRate({ received: 3, settled: 2 })).toBe(66.7);
    expect(successRate({ received: 0, settled: 2 })).toBeNull();
  });
});
