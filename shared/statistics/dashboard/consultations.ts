// Consultations of the legal-service desk in the dashboard (issue 19 item 1): by topic, by outcome,
// and the referral rate (consultations sent on to mediation, legal aid, arbitration, a court or
// another agency, of all consultations). Counted in cells — month received (Asia/Shanghai), topic,
// outcome, lawyer — so a reader counts a chunk of the register's packed catalog once and keeps its
// cells while the chunk is unchanged (renderer/features/statistics/consultation-figures.ts); the
// figures are sums over the cells under the dashboard's filter: the period, the category (a
// dispute category is also a consultation topic) and the mediator (the lawyer who answered).
import type { ConsultationOutcome } from '../../consultation/model';
import { UNASSIGNED_MEDIATOR, type DashboardFilter } from './figures';
import { inPeriod, monthRange, shanghaiMonthOf } from './period';

/** What a consultation contributes: its list entry's fields the figures read. */
export interface ConsultationFacts {
  receivedAt: string;
  topic: string;
  outcome: ConsultationOutcome;
  lawyerId: string;
}

export interface ConsultationCell {
  month: string;
  topic: string;
  outcome: ConsultationOutcome;
  lawyerId: string;
  n: number;
}

export interface ConsultationFigures {
  total: number;
  referred: number;
  /** Referred of all, 0–1; null without consultations. */
  referralRate: number | null;
  /** Most first, then by topic code. */
  byTopic: Array<{ topic: string; count: number; referred: number }>;
  /** In the register's order of outcomes, those with consultations. */
  byOutcome: Array<{ outcome: ConsultationOutcome; count: number }>;
}

export function isReferral(outcome: ConsultationOutcome): boolean {
  return outcome !== 'answered';
}

/** The cells of some consultations. */
export function consultationCells(entries: Iterable<ConsultationFacts>): ConsultationCell[] {
  const cells = new Map<string, ConsultationCell>();
  for (const e of entries) {
    const month = shanghaiMonthOf(e.receivedAt);
    const key = `${month}|${e.topic}|${e.outcome}|${e.lawyerId}`;
    const cell = cells.get(key);
    if (cell) cell.n++;
    else cells.set(key, { month, topic: e.topic, outcome: e.outcome, lawyerId: e.lawyerId, n: 1 });
  }
  return [...cells.values()];
}

/** The figures over the cells the filter keeps (a source filter does not apply to consultations). */
export function consultationFigures(cells: Iterable<ConsultationCell>, filter: DashboardFilter, outcomes: readonly ConsultationOutcome[]): ConsultationFigures {
  const range = monthRange(filter.period);
  const lawyer = filter.mediatorId === UNASSIGNED_MEDIATOR ? '' : filter.mediatorId;
  const topics = new Map<string, { count: number; referred: number }>();
  const byOutcome = new Map<ConsultationOutcome, number>();
  let total = 0;
  let referred = 0;
  for (const c of cells) {
    if (range && !inPeriod(c.month, range)) continue;
    if (filter.category !== undefined && c.topic !== filter.category) continue;
    if (lawyer !== undefined && c.lawyerId !== lawyer) continue;
    const sent = isReferral(c.outcome) ? c.n : 0;
    total += c.n;
    referred += sent;
    const t = topics.get(c.topic) ?? { count: 0, referred: 0 };
    topics.set(c.topic, { count: t.count + c.n, referred: t.referred + sent });
    byOutcome.set(c.outcome, (byOutcome.get(c.outcome) ?? 0) + c.n);
  }
  return {
    total,
    referred,
    referralRate: total === 0 ? null : referred / total,
    byTopic: [...topics].map(([topic, v]) => ({ topic, ...v })).sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : 1)),
    byOutcome: outcomes.filter((o) => byOutcome.has(o)).map((outcome) => ({ outcome, count: byOutcome.get(outcome) as number })),
  };
}
