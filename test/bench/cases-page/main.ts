// Runs the case list's own queries in Chromium against the database the app restored (same
// origin, same IndexedDB), so the figures are the app's code on the browser's real storage.
import { openDataStore } from '../../../renderer/data';
import { countCases, queryCases } from '../../../renderer/features/case-store';
import { caseQuerySchema, type CaseQuery } from '../../../shared/domain/case-query';

interface Timing {
  label: string;
  pageMs: number;
  countMs: number;
  rows: number;
}

// One connection, as the app holds one: its in-memory case catalog is read once, then kept fresh.
const data = openDataStore();

async function time(query: CaseQuery, label: string): Promise<Timing> {
  const viewer = (await data.accounts.all()).find((user) => user.role === 'admin');
  if (!viewer) throw new Error('no administrator in the restored data');
  const t0 = performance.now();
  const page = await queryCases(data, query, viewer, { limit: 50 });
  const t1 = performance.now();
  await countCases(data, query, viewer);
  const t2 = performance.now();
  return { label, pageMs: t1 - t0, countMs: t2 - t1, rows: page.rows.length };
}

declare global {
  interface Window {
    benchQueries(specs: { label: string; query: Record<string, unknown> }[]): Promise<Timing[]>;
  }
}

window.benchQueries = async (specs) => {
  const out: Timing[] = [];
  for (const spec of specs) out.push(await time(caseQuerySchema.parse(spec.query), spec.label));
  return out;
};
document.title = 'ready';
