// The register's list queries, answered from the in-memory index (./catalog.ts) as the case list's
// are from its catalog: filters by topic, outcome, channel and period, and a text search on the
// search keys (name fragments, register number, phone, ID number). A query's selection is kept
// with the index state, so its pages and its count cost one walk.
import type { ConsultationChannel, ConsultationOutcome } from '../../../shared/consultation/model';
import type { ConsultationTopic } from '../../../shared/consultation/topics';
import { normalizeSearchText } from '../../../shared/domain/search';
import { TERM_SEPARATOR, type DataStore } from '../../data';
import { consultationCatalog, type ConsultationCatalog, type ConsultationEntry } from './catalog';

export interface ConsultationQuery {
  text?: string;
  topic?: ConsultationTopic;
  outcome?: ConsultationOutcome;
  channel?: ConsultationChannel;
  /** Calendar days in Asia/Shanghai, inclusive. */
  from?: string;
  to?: string;
}

export interface ConsultationPage {
  rows: ConsultationEntry[];
  total: number;
}

export const MAX_PAGE = 500;
const RESULTS_KEPT = 8;

function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

function endOfDay(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
}

/** The entries a query selects, newest first. */
function selected(catalog: ConsultationCatalog, institutionId: string, q: ConsultationQuery): readonly ConsultationEntry[] {
  const text = q.text ? normalizeSearchText(q.text).replaceAll(TERM_SEPARATOR, '') : '';
  const key = JSON.stringify([institutionId, q.topic, q.outcome, q.channel, q.from, q.to, text]);
  const kept = catalog.results.get(key);
  if (kept) return kept;
  const from = q.from ? startOfDay(q.from) : undefined;
  const to = q.to ? endOfDay(q.to) : undefined;
  const matches = (e: ConsultationEntry): boolean =>
    e.institutionId === institutionId &&
    (q.topic === undefined || e.topic === q.topic) &&
    (q.outcome === undefined || e.outcome === q.outcome) &&
    (q.channel === undefined || e.channel === q.channel) &&
    (from === undefined || e.receivedAt >= from) &&
    (to === undefined || e.receivedAt < to);
  let result: ConsultationEntry[];
  if (text !== '') {
    const found = catalog.terms.search(text);
    result = [...found].filter(matches).sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : -1));
  } else {
    result = [];
    for (let i = catalog.entries.length - 1; i >= 0; i--) {
      const e = catalog.entries[i] as ConsultationEntry;
      if (matches(e)) result.push(e);
    }
  }
  if (catalog.results.size >= RESULTS_KEPT) catalog.results.delete(catalog.results.keys().next().value as string);
  catalog.results.set(key, result);
  return result;
}

/** Rows `offset`… of the query's selection (newest first) and how many it selects in all. */
export async function queryConsultations(data: DataStore, institutionId: string, q: ConsultationQuery, page: { offset: number; limit: number }): Promise<ConsultationPage> {
  if (!Number.isInteger(page.limit) || page.limit < 1) throw new RangeError('A page holds at least one row.');
  const all = selected(await consultationCatalog(data), institutionId, q);
  return { rows: all.slice(page.offset, page.offset + Math.min(page.limit, MAX_PAGE)), total: all.length };
}
