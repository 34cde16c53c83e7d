// The register's list queries, answered from the in-memory index (./catalog.ts) as the case list's
// are from its catalog: filters by topic, outcome, channel and period, and a text search on the
// search keys (name fragments, register number, phone, ID number). A filter walks the positions of
// its rarest value and the period's range of positions, not the whole index. A query's selection
// is kept with the index state, so its pages and its count cost one walk.
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

/** Positions of `catalog`'s entries a query may select, ascending: the shortest of its filters' posting lists, or all. */
function candidates(catalog: ConsultationCatalog, q: ConsultationQuery): ArrayLike<number> | undefined {
  let best: Int32Array | undefined;
  for (const field of ['topic', 'outcome', 'channel'] as const) {
    const value = q[field];
    if (value === undefined) continue;
    const list = catalog.positions(field, value);
    if (!best || list.length < best.length) best = list;
  }
  return best;
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
    // The term index finds entries in the catalog's (receivedAt, id) order: reversed, newest first.
    result = [...catalog.terms.search(text)].filter(matches).reverse();
  } else {
    // The period is a range of positions (the entries are in receivedAt order).
    const lo = from === undefined ? 0 : catalog.firstAtOrAfter(from);
    const hi = to === undefined ? catalog.entries.length : catalog.firstAtOrAfter(to);
    const list = candidates(catalog, q);
    result = [];
    if (list) {
      for (let i = list.length - 1; i >= 0; i--) {
        const at = list[i] as number;
        if (at >= lo && at < hi && matches(catalog.entries[at] as ConsultationEntry)) result.push(catalog.entries[at] as ConsultationEntry);
      }
    } else {
      for (let at = hi - 1; at >= lo; at--) {
        const e = catalog.entries[at] as ConsultationEntry;
        if (matches(e)) result.push(e);
      }
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
