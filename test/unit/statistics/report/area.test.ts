// The area report's shared half (shared/statistics/report/area.ts): the sums PostgreSQL returns by
// raw source and form become the report's columns by the same rules as one institution's report
// (compute.ts), an unknown category counts under 其他, and a period's code reads back as the period.
import { describe, expect, it } from 'vitest';
import { areaFiguresByInstitution, computeReport, fullByCategory, parsePeriodCode, periodCode, sumByCategory, type AreaFigureRow, type ReportPeriod } from '../../../../shared/statistics/report';

const zeroEscalations = { criminal_cases: 0, criminal_persons: 0, suicide_cases: 0, suicide_persons: 0, group_petition_cases: 0, group_petition_persons: 0, group_fight_cases: 0, group_fight_persons: 0 };
const row = (over: Partial<AreaFigureRow>): AreaFigureRow => ({ institution_id: 'a', category: 'NBR', source: 'walk_in', agreement_form: null, oral_act: false, received: 0, settled: 0, amount_fen: 0, ...zeroEscalations, ...over });

describe('area figures from the server’s sums', () => {
  it('puts each source, form and category where compute.ts does', () => {
    const period: ReportPeriod = { kind: 'year', year: 2026, index: 1 };
    const at = '2026-02-01T02:00:00.000Z';
    const cases = [
      { id: '1', category: 'NBR', source: 'walk_in' as const, registeredAt: at, agreementEffectiveOn: '2026-03-01', amountFen: 500, statusAct: 'oral_agreement' as const },
      { id: '2', category: 'XYZ', source: 'hotline_12345' as const, registeredAt: at, agreementEffectiveOn: '2026-03-01', amountFen: 700, statusAct: 'signed_agreement' as const, agreementForm: 'oral' as const, escalationPrevented: { suicide: 3 } },
      { id: '3', category: 'NBR', source: 'police' as const, registeredAt: at, agreementEffectiveOn: null, amountFen: null },
    ];
    const rows = [
      row({ source: 'walk_in', oral_act: true, received: 1, settled: 1, amount_fen: 500 }),
      row({ category: 'XYZ', source: 'hotline_12345', agreement_form: 'oral', received: 1, settled: 1, amount_fen: 700, suicide_cases: 1, suicide_persons: 3 }),
      row({ source: 'police', received: 1 }),
    ];
    const mine = areaFiguresByInstitution(rows).get('a') ?? {};
    expect(fullByCategory(mine)).toEqual(computeReport(cases, period).byCategory);
    expect(mine.OTH?.oral).toBe(1);
    expect(mine.NBR?.source_police).toBe(1);
    expect(sumByCategory([mine, mine]).NBR.received).toBe(4);
  });

  it('reads a period from its code, and nothing else', () => {
    for (const period of [{ kind: 'year', year: 2026, index: 1 }, { kind: 'quarter', year: 2025, index: 4 }, { kind: 'month', year: 2026, index: 12 }] as ReportPeriod[]) {
      expect(parsePeriodCode(periodCode(period))).toEqual(period);
    }
    for (const text of ['2026-Q5', '2026-13', '2026-00', '26', '', null, '2026-Q1x']) expect(parsePeriodCode(text)).toBeNull();
  });
});
