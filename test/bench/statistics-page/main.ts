// Runs the dashboard's own reads in Chromium against the database the app restored (same origin,
// same IndexedDB): the aggregate read by a fresh connection (what a window does when the dashboard
// first opens) and the figures under a filter, against the same figures from a scan of every case;
// a filter change (figures and hotspots, as the page computes them); a write of a case with its
// share of the aggregate, and that share alone (a month read back, changed and stored again); the
// aggregate built from every case for a database without one.
import { DEFAULT_STORE_NAME, openDataStore, SYSTEM_ACTOR } from '../../../renderer/data';
import { CATEGORY_CODES } from '../../../shared/domain/categories';
import { CASE_SOURCES } from '../../../shared/domain/model';
import {
  buildChunks,
  cellsOfChunks,
  chunkOfStored,
  computeFigures,
  computeHotspots,
  encodeChunk,
  storedChunkSchema,
  type DashboardCase,
  type DashboardFilter,
  type StoredChunk,
} from '../../../shared/statistics/dashboard';

const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

interface Timings {
  firstReadMs: number;
  firstFiguresMs: number;
  scanFiguresMs: number;
  scanReadMs: number;
  scanMatches: boolean;
  cells: number;
  months: number;
  received: number;
  filterChangeMs: number[];
  warmReadMs: number;
  casePutMs: number[];
  aggregateShareMs: number[];
  largestMonthCells: number;
  buildFromCasesMs: number;
}

declare global {
  interface Window {
    benchDashboard(years: number[]): Promise<Timings>;
  }
}

function filters(years: readonly number[]): DashboardFilter[] {
  const out: DashboardFilter[] = [];
  for (let i = 0; i < 40; i += 1) {
    const year = years[i % years.length] as number;
    const period: DashboardFilter['period'] =
      i % 4 === 0 ? { kind: 'all' } : i % 4 === 1 ? { kind: 'year', year } : i % 4 === 2 ? { kind: 'quarter', year, quarter: (i % 4) + 1 } : { kind: 'month', year, month: (i % 12) + 1 };
    out.push({ period, ...(i % 3 === 0 ? { category: CATEGORY_CODES[i % CATEGORY_CODES.length] } : {}), ...(i % 5 === 0 ? { source: CASE_SOURCES[i % CASE_SOURCES.length] } : {}) });
  }
  return out;
}

/** One object store of the app's database, read or changed with IndexedDB itself (below the data layer, as a bench may). */
function withStore<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DEFAULT_STORE_NAME);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(store, mode);
      const request = work(tx.objectStore(store));
      tx.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

window.benchDashboard = async (years) => {
  const context = { today: TODAY, warningDays: 3 };
  const yearFilter: DashboardFilter = { period: { kind: 'year', year: years[0] as number } };

  // Without the aggregate: every case read and counted, as opening the dashboard would cost.
  const s0 = performance.now();
  const buckets = await withStore('caseBuckets', 'readonly', (s) => s.getAll() as IDBRequest<Array<{ cases: DashboardCase[] }>>);
  const s1 = performance.now();
  const scanned = computeFigures(cellsOfChunks(buildChunks(buckets.flatMap((b) => b.cases))), yearFilter, context);
  const s2 = performance.now();

  const data = openDataStore();
  const t0 = performance.now();
  const loaded = await data.cases.dashboard();
  const t1 = performance.now();
  const first = computeFigures(loaded.cells, yearFilter, context);
  const t2 = performance.now();
  const filterChangeMs: number[] = [];
  for (const filter of filters(years)) {
    const started = performance.now();
    const cells = (await data.cases.dashboard()).cells;
    computeFigures(cells, filter, context);
    computeHotspots(cells, filter);
    filterChangeMs.push(performance.now() - started);
  }
  const w0 = performance.now();
  await data.cases.dashboard();
  const warmReadMs = performance.now() - w0;

  // A write's share of the aggregate on the largest month: read back, checked, changed form, stored form.
  const months = await withStore('counters', 'readonly', (s) => s.getAll(IDBKeyRange.bound('dashboard:month:', 'dashboard:month:\uffff')) as IDBRequest<Array<{ key: string; value: StoredChunk }>>);
  const largest = months.reduce((a, b) => (b.value.n.length > a.value.n.length ? b : a));
  const aggregateShareMs: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const started = performance.now();
    encodeChunk(chunkOfStored(storedChunkSchema.parse(largest.value) as StoredChunk));
    aggregateShareMs.push(performance.now() - started);
  }

  // Writes of existing cases, unchanged but for their version: the case, its catalog entry and the aggregate.
  const catalog = await data.cases.catalog();
  const casePutMs: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const entry = catalog.entries[(i * 4999) % catalog.entries.length];
    if (!entry) break;
    const row = await data.cases.get(entry.id);
    if (!row) continue;
    const started = performance.now();
    await data.transact(SYSTEM_ACTOR, () => data.cases.put({ ...row, version: row.version + 1 }));
    casePutMs.push(performance.now() - started);
  }
  data.close();

  // A database from before the dashboard: no aggregate, built from every case at the first read.
  await withStore('counters', 'readwrite', (s) => s.delete('dashboard:head'));
  const fresh = openDataStore();
  const b0 = performance.now();
  await fresh.cases.dashboard();
  const buildFromCasesMs = performance.now() - b0;
  fresh.close();
  return {
    firstReadMs: t1 - t0,
    firstFiguresMs: t2 - t0,
    scanReadMs: s1 - s0,
    scanFiguresMs: s2 - s0,
    scanMatches: JSON.stringify(scanned) === JSON.stringify(first),
    cells: loaded.cells.length,
    months: months.length,
    received: first.received,
    filterChangeMs,
    warmReadMs,
    casePutMs,
    aggregateShareMs,
    largestMonthCells: largest.value.n.length,
    buildFromCasesMs,
  };
};
document.title = 'ready';
