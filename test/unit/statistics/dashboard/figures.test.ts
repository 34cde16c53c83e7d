// Every figure of the dashboard, computed from the aggregate's cells, equals the plain count over
// the same cases under the same filter (property-style over generated cases and filters); and an
// aggregate kept up to date change by change equals one built from the final cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_SOURCES, CASE_STATUSES } from '../../../../shared/domain/model';
import {
  applyCaseChange,
  buildChunks,
  caseListQuery,
  cellsOfChunks,
  chunkOfStored,
  decodeChunk,
  encodeChunk,
  storedChunkSchema,
  computeFigures,
  computeHotspots,
  histogramMedian,
  monthChunkSchema,
  type DashboardCase,
  type DashboardFilter,
  type MonthChunk,
} from '../../../../shared/statistics/dashboard';
import { plainFigures, plainHotspots } from './plain';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const CATEGORIES = ['FAM', 'NBR', 'TRF', 'LAB'] as const;
const MEDIATORS = [null, 'm-1', 'm-2', 'm-3'] as const;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const caseArb: fc.Arbitrary<DashboardCase> = fc
  .record({
    category: fc.constantFrom(...CATEGORIES),
    status: fc.constantFrom(...CASE_STATUSES),
    source: fc.constantFrom(...CASE_SOURCES),
    mediatorId: fc.constantFrom(...MEDIATORS),
    // Any instant over two years: registrations near midnight fall on the Shanghai date, not UTC's.
    registeredMs: fc.integer({ min: START, max: START + 730 * DAY }),
    agreedAfterDays: fc.option(fc.integer({ min: -2, max: 200 }), { nil: null }),
    amountFen: fc.option(fc.integer({ min: 0, max: 10_000_000_00 }), { nil: null }),
    deadlineAfterDays: fc.option(fc.integer({ min: 360, max: 420 }), { nil: null }),
    district: fc.option(fc.constantFrom('镜湖区', '弋江区', '鸠江区'), { nil: undefined }),
    atRisk: fc.boolean(),
  })
  .map((r) => ({
    category: r.category,
    status: r.status,
    source: r.source,
    mediatorId: r.mediatorId,
    registeredAt: new Date(r.registeredMs).toISOString(),
    agreementEffectiveOn: r.agreedAfterDays === null ? null : dateOf(r.registeredMs + 8 * 3_600_000 + r.agreedAfterDays * DAY),
    amountFen: r.amountFen,
    activeDeadline: r.deadlineAfterDays === null ? null : dateOf(START + r.deadlineAfterDays * DAY),
    ...(r.district !== undefined ? { district: r.district } : {}),
    ...(r.atRisk ? { escalationRisk: { reason: '扬言报复', markedAt: new Date(r.registeredMs).toISOString(), markedBy: 'm-1' } } : {}),
  }));

const filterArb: fc.Arbitrary<DashboardFilter> = fc.record(
  {
    period: fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.record({ kind: fc.constant('year' as const), year: fc.constantFrom(2025, 2026, 2027) }),
      fc.record({ kind: fc.constant('quarter' as const), year: fc.constantFrom(2025, 2026), quarter: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('month' as const), year: fc.constantFrom(2025, 2026), month: fc.integer({ min: 1, max: 12 }) }),
    ),
    category: fc.constantFrom(...CATEGORIES),
    mediatorId: fc.constantFrom('unassigned', 'm-1', 'm-2', 'm-9'),
    source: fc.constantFrom(...CASE_SOURCES),
  },
  { requiredKeys: ['period'] },
);

// Deadlines and today within two months of each other: overdue, due today, due soon and later all occur.
const contextArb = fc.record({ today: fc.integer({ min: 370, max: 410 }).map((d) => dateOf(START + d * DAY)), warningDays: fc.integer({ min: 0, max: 30 }) });

describe('dashboard figures', () => {
  it('property: every figure equals the plain count over the cases under the same filter', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 20, maxLength: 150 }), filterArb, contextArb, (cases, filter, context) => {
        const cells = cellsOfChunks(buildChunks(cases));
        expect(computeFigures(cells, filter, context)).toEqual(plainFigures(cases, filter, context));
      }),
      { numRuns: 300 },
    );
  });

  it('property: the hotspots equal a plain count over the cases (rising against the same period a year before, open cases at risk)', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 20, maxLength: 200 }), filterArb, (cases, filter) => {
        expect(computeHotspots(cellsOfChunks(buildChunks(cases)), filter)).toEqual(plainHotspots(cases, filter));
      }),
      { numRuns: 200 },
    );
  });

  it('a category or district rises with at least 3 cases and more than a year before; open cases marked at risk are listed', () => {
    const at = (registeredAt: string, category: string, more: Partial<DashboardCase> = {}): DashboardCase => ({
      category, status: 'in_mediation', source: 'walk_in', mediatorId: null, registeredAt, agreementEffectiveOn: null, amountFen: null, activeDeadline: null, ...more,
    });
    const now = '2026-02-10T02:00:00.000Z';
    const then = '2025-02-10T02:00:00.000Z';
    const risk = { escalationRisk: { reason: '扬言报复', markedAt: now, markedBy: 'm-1' } };
    const cases = [
      ...[now, now, now, then, then, then].map((t) => at(t, 'FAM')), // 3 against 3: level
      ...[now, now, now, now, then].map((t) => at(t, 'NBR', { district: '镜湖区' })), // 4 against 1
      ...[now, now].map((t) => at(t, 'TRF')), // 2: too few
      at(now, 'LAB', risk),
      at(now, 'LAB', { ...risk, status: 'failed' }),
    ];
    const hot = computeHotspots(cellsOfChunks(buildChunks(cases)), { period: { kind: 'quarter', year: 2026, quarter: 1 } });
    expect(hot.comparedWith).toEqual({ kind: 'quarter', year: 2025, quarter: 1 });
    expect(hot.categories).toEqual([{ key: 'NBR', current: 4, before: 1 }]);
    expect(hot.districts).toEqual([{ key: '镜湖区', current: 4, before: 1 }]);
    expect(hot.atRisk).toEqual([{ category: 'LAB', open: 1 }]);
    expect(computeHotspots(cellsOfChunks(buildChunks(cases)), { period: { kind: 'all' } }).categories).toEqual([]);
  });

  it('property: updates by change (old row out, new row in) equal a rebuild from the final cases', () => {
    const stepArb = fc.tuple(fc.nat(), fc.option(caseArb, { nil: undefined }));
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 40 }), fc.array(stepArb, { maxLength: 60 }), (initial, steps) => {
        const rows = [...initial];
        const chunks = new Map(buildChunks(rows).map((c) => [c.month, c]));
        const chunkFor = (month: string): MonthChunk => {
          let chunk = chunks.get(month);
          if (!chunk) chunks.set(month, (chunk = { month, cells: {} }));
          return chunk;
        };
        for (const [pick, next] of steps) {
          const at = rows.length ? pick % (rows.length + 1) : 0;
          const before = rows[at];
          // A step changes a case, adds one (at the end), or removes one (next undefined).
          applyCaseChange(before, next, chunkFor);
          if (next && before) rows[at] = next;
          else if (next) rows.push(next);
          else if (before) rows.splice(at, 1);
        }
        const kept = [...chunks.values()].filter((c) => Object.keys(c.cells).length > 0).sort((a, b) => (a.month < b.month ? -1 : 1));
        expect(kept).toEqual(buildChunks(rows));
        for (const chunk of kept) expect(monthChunkSchema.parse(chunk)).toEqual(chunk);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to take out a case the aggregate does not hold', () => {
    const [c] = fc.sample(caseArb, { numRuns: 1, seed: 3 }) as [DashboardCase];
    expect(() => applyCaseChange(c, undefined, (month) => ({ month, cells: {} }))).toThrow(RangeError);
  });

  it('medians of a histogram', () => {
    expect(histogramMedian(new Map())).toBeNull();
    expect(histogramMedian(new Map([[5, 1]]))).toBe(5);
    expect(histogramMedian(new Map([[2, 1], [10, 1]]))).toBe(6);
    expect(histogramMedian(new Map([[1, 3], [9, 1]]))).toBe(1);
  });

  it('counts a registration at 23:30 UTC on the next day in Shanghai', () => {
    const c: DashboardCase = { district: '镜湖区', category: 'FAM', status: 'registered', source: 'walk_in', mediatorId: null, registeredAt: '2026-03-31T16:30:00.000Z', agreementEffectiveOn: null, amountFen: null, activeDeadline: null };
    expect(buildChunks([c]).map((chunk) => chunk.month)).toEqual(['2026-04']);
  });

  it('a figure opens the case list with the same filter: registration dates of the period, or today for overdue', () => {
    const filter: DashboardFilter = { period: { kind: 'quarter', year: 2026, quarter: 1 }, source: 'court_entrusted' };
    expect(caseListQuery(filter, { category: 'TRF' })).toEqual({ sort: 'registeredAt', dir: 'desc', category: 'TRF', source: 'court_entrusted', from: '2026-01-01', to: '2026-03-31' });
    expect(caseListQuery(filter, { month: '2026-02', mediatorKey: '' })).toMatchObject({ mediatorId: 'unassigned', from: '2026-02-01', to: '2026-02-28' });
    expect(caseListQuery(filter, { overdue: true })).toEqual({ sort: 'registeredAt', dir: 'desc', source: 'court_entrusted', overdue: true });
  });
});

describe('the aggregate in its stored form', () => {
  it('property: encoding a month and reading it back gives the same cells, and it passes its check', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 150 }), (cases) => {
        for (const chunk of buildChunks(cases)) {
          const stored = encodeChunk(chunk);
          expect(storedChunkSchema.parse(stored)).toEqual(stored);
          expect(decodeChunk(stored)).toEqual(cellsOfChunks([chunk]));
          expect(chunkOfStored(stored)).toEqual(chunk);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a stored month whose columns disagree', () => {
    const [chunk] = buildChunks(fc.sample(caseArb, { numRuns: 30, seed: 5 }));
    const stored = encodeChunk(chunk!);
    expect(storedChunkSchema.safeParse({ ...stored, n: stored.n.subarray(1) }).success).toBe(false);
    expect(storedChunkSchema.safeParse({ ...stored, codes: stored.codes.map(() => 99) }).success).toBe(false);
    expect(storedChunkSchema.safeParse({ ...stored, dueCounts: stored.dueCounts.map(() => 0) }).success).toBe(stored.dueCounts.length === 0);
  });
});
