// The consultations' figures of the dashboard equal a plain count over the consultations under the
// same filter (period in Beijing months, category as topic, lawyer), whichever way the cells were
// grouped (one set of cells, or cells counted chunk by chunk and concatenated as the reader does).
import { describe, expect, it } from 'vitest';
import { CONSULTATION_OUTCOMES, type ConsultationOutcome } from '../../../../shared/consultation/model';
import { consultationCells, consultationFigures, type ConsultationFacts, type DashboardFilter } from '../../../../shared/statistics/dashboard';

const TOPICS = ['NBR', 'FAM', 'LAB', 'criminal', 'notarisation'];
const LAWYERS = ['l1', 'l2', 'l3'];

/** A deterministic spread of consultations over 2025–2026, some on a month's edge in Beijing time. */
function consultations(n: number): ConsultationFacts[] {
  let x = 7;
  const next = (m: number) => (x = (x * 1103515245 + 12345) % 2 ** 31) % m;
  return Array.from({ length: n }, () => {
    const year = 2025 + next(2);
    const month = 1 + next(12);
    // One in five on the last day of its month at 17:30 UTC: the next month in Beijing.
    const iso = next(5) === 0 ? new Date(Date.UTC(year, month, 0, 17, 30)).toISOString() : new Date(Date.UTC(year, month - 1, 1 + next(27), 3)).toISOString();
    return { receivedAt: iso, topic: TOPICS[next(TOPICS.length)]!, outcome: CONSULTATION_OUTCOMES[next(CONSULTATION_OUTCOMES.length)] as ConsultationOutcome, lawyerId: LAWYERS[next(LAWYERS.length)]! };
  });
}

/** The month in Beijing, computed here by adding eight hours. */
const beijingMonth = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 7);

function plain(all: readonly ConsultationFacts[], filter: DashboardFilter) {
  const months = (m: string) => {
    const p = filter.period;
    if (p.kind === 'all') return true;
    const [y, mm] = m.split('-').map(Number) as [number, number];
    if (p.kind === 'year') return y === p.year;
    if (p.kind === 'quarter') return y === p.year && Math.ceil(mm / 3) === p.quarter;
    return y === p.year && mm === p.month;
  };
  const kept = all.filter((c) => months(beijingMonth(c.receivedAt)) && (filter.category === undefined || c.topic === filter.category) && (filter.mediatorId === undefined || c.lawyerId === filter.mediatorId));
  const referred = kept.filter((c) => c.outcome !== 'answered').length;
  return { total: kept.length, referred, kept };
}

describe('the consultations in the dashboard', () => {
  const all = consultations(2000);
  const filters: DashboardFilter[] = [
    { period: { kind: 'all' } },
    { period: { kind: 'year', year: 2026 } },
    { period: { kind: 'quarter', year: 2025, quarter: 4 }, category: 'NBR' },
    { period: { kind: 'month', year: 2026, month: 1 }, mediatorId: 'l2' },
    { period: { kind: 'year', year: 2024 } },
  ];

  it('counts what a plain count counts, by topic, by outcome and the referral rate', () => {
    const whole = consultationCells(all);
    const chunked = [all.slice(0, 700), all.slice(700, 1500), all.slice(1500)].flatMap((chunk) => consultationCells(chunk));
    for (const filter of filters) {
      const expected = plain(all, filter);
      for (const cells of [whole, chunked]) {
        const f = consultationFigures(cells, filter, CONSULTATION_OUTCOMES);
        expect(f.total).toBe(expected.total);
        expect(f.referred).toBe(expected.referred);
        expect(f.referralRate).toBe(expected.total === 0 ? null : expected.referred / expected.total);
        for (const topic of TOPICS) {
          const ofTopic = expected.kept.filter((c) => c.topic === topic);
          const line = f.byTopic.find((r) => r.topic === topic);
          expect(line ?? { count: 0, referred: 0 }).toMatchObject({ count: ofTopic.length, referred: ofTopic.filter((c) => c.outcome !== 'answered').length });
        }
        expect(f.byOutcome.map((o) => o.outcome)).toEqual(CONSULTATION_OUTCOMES.filter((o) => expected.kept.some((c) => c.outcome === o)));
        for (const o of f.byOutcome) expect(o.count).toBe(expected.kept.filter((c) => c.outcome === o.outcome).length);
      }
    }
    expect(consultationFigures(whole, filters[4]!, CONSULTATION_OUTCOMES)).toEqual({ total: 0, referred: 0, referralRate: null, byTopic: [], byOutcome: [] });
  });

  it('lists the topics most first', () => {
    const f = consultationFigures(consultationCells(all), { period: { kind: 'all' } }, CONSULTATION_OUTCOMES);
    expect(f.byTopic.map((r) => r.count)).toEqual([...f.byTopic.map((r) => r.count)].sort((a, b) => b - a));
  });
});
