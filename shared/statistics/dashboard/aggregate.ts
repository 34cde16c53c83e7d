// The dashboard's aggregate: what every case contributes to the figures, summed into cells, so the
// dashboard reads a few thousand cells instead of every case. A cell gathers the cases received in
// one month (Asia/Shanghai) that share category, mediator, source, status, the month their
// agreement took effect, district and escalation-risk mark; it holds their number, the amounts
// they concern, how many days each took from registration to agreement, and the dates of their
// running deadlines.
//
// Cells are kept in one chunk per month of registration. A change of a case (old row → new row)
// takes the old row's contribution out and puts the new one in, so updating by changes equals
// building from all cases again (tested); a cell whose count falls to zero is removed.
import { z } from 'zod';
import { daysBetween } from '../../domain/deadlines';
import type { Case } from '../../domain/model';
import { monthSchema, shanghaiDateOf } from './period';

/** Bump when the meaning or shape of a cell changes: a stored aggregate of another version is rebuilt. */
export const AGGREGATE_VERSION = 3;

/** The fields of a case the dashboard reads. */
export type DashboardCase = Pick<
  Case,
  'category' | 'status' | 'source' | 'mediatorId' | 'registeredAt' | 'agreementEffectiveOn' | 'amountFen' | 'activeDeadline' | 'district' | 'escalationRisk'
>;

const countSchema = z.number().int().positive();

export const cellSchema = z.strictObject({
  /** Cases in the cell. */
  n: countSchema,
  /** The sum of their amounts in fen (cases without an amount add nothing). */
  fen: z.number().int().nonnegative(),
  /** Settled cases by whole days from registration to the agreement taking effect. */
  days: z.record(z.string().regex(/^\d+$/), countSchema).optional(),
  /** Cases by the date their running deadline (mediation limit or confirmation window) ends. */
  due: z.record(z.iso.date(), countSchema).optional(),
});
export type Cell = z.infer<typeof cellSchema>;

function isCellKey(key: string): boolean {
  try {
    dimsOfKey(key);
    return true;
  } catch {
    return false;
  }
}

/** One month's cells, by cell key (cellKey). */
export const monthChunkSchema = z.strictObject({
  month: monthSchema,
  cells: z.record(z.string().refine(isCellKey, 'not a dashboard cell key'), cellSchema),
});
export type MonthChunk = z.infer<typeof monthChunkSchema>;

/** A cell's dimensions besides its month. mediatorKey is '' for cases no mediator has taken. */
export interface CellDims {
  category: string;
  mediatorKey: string;
  source: string;
  status: string;
  /** The month the agreement took effect, '' when it has not. */
  agreedMonth: string;
  /** The district where the dispute arose, '' where none was recorded. */
  district: string;
  /** Whether the cases are marked at risk of escalating. */
  atRisk: boolean;
}

export function cellKey(d: CellDims): string {
  return JSON.stringify([d.category, d.mediatorKey, d.source, d.status, d.agreedMonth, d.district, d.atRisk ? 1 : 0]);
}

/** A key's dimensions; a key of another shape throws (a stored chunk is damaged). */
export function dimsOfKey(key: string): CellDims {
  const parsed: unknown = JSON.parse(key);
  if (!Array.isArray(parsed) || parsed.length !== 7 || !parsed.slice(0, 6).every((part) => typeof part === 'string') || (parsed[6] !== 0 && parsed[6] !== 1)) {
    throw new RangeError(`Not a dashboard cell key: ${key}`);
  }
  const [category, mediatorKey, source, status, agreedMonth, district, risk] = parsed as [string, string, string, string, string, string, 0 | 1];
  return { category, mediatorKey, source, status, agreedMonth, district, atRisk: risk === 1 };
}

/** Settled (调解成功): the case's agreement has taken effect, whatever happened after (confirmation, archiving). */
export function isSettled(c: Pick<Case, 'agreementEffectiveOn'>): boolean {
  return c.agreementEffectiveOn !== null;
}

/** Whole days from the registration date (Shanghai) to the agreement's, never below 0. */
export function daysToAgreement(c: Pick<Case, 'registeredAt' | 'agreementEffectiveOn'>): number | null {
  if (c.agreementEffectiveOn === null) return null;
  return Math.max(0, daysBetween(shanghaiDateOf(c.registeredAt), c.agreementEffectiveOn));
}

export interface Contribution {
  month: string;
  key: string;
  cell: Cell;
}

export function contributionOf(c: DashboardCase): Contribution {
  const days = daysToAgreement(c);
  const cell: Cell = {
    n: 1,
    fen: c.amountFen ?? 0,
    ...(days !== null ? { days: { [String(days)]: 1 } } : {}),
    ...(c.activeDeadline ? { due: { [c.activeDeadline]: 1 } } : {}),
  };
  const key = cellKey({
    category: c.category,
    mediatorKey: c.mediatorId ?? '',
    source: c.source,
    status: c.status,
    agreedMonth: c.agreementEffectiveOn ? c.agreementEffectiveOn.slice(0, 7) : '',
    district: c.district ?? '',
    atRisk: c.escalationRisk !== undefined,
  });
  return { month: shanghaiDateOf(c.registeredAt).slice(0, 7), key, cell };
}

function addCounts(into: Record<string, number>, from: Record<string, number>, sign: 1 | -1): void {
  for (const [k, v] of Object.entries(from)) {
    const next = (into[k] ?? 0) + sign * v;
    if (next < 0) throw new RangeError(`The aggregate went below zero at ${k}: it does not hold what is taken out.`);
    if (next === 0) delete into[k];
    else into[k] = next;
  }
}

/**
 * Adds (sign 1) or takes out (sign -1) a cell's worth in a chunk's cells, in place (the chunk's
 * cells are its own: parsed from storage or built here). Taking out more than is there throws.
 */
export function applyCell(cells: Record<string, Cell>, key: string, add: Cell, sign: 1 | -1): void {
  const current = cells[key];
  if (!current) {
    if (sign < 0) throw new RangeError('The aggregate went below zero: it does not hold the case taken out.');
    cells[key] = { n: add.n, fen: add.fen, ...(add.days ? { days: { ...add.days } } : {}), ...(add.due ? { due: { ...add.due } } : {}) };
    return;
  }
  const n = current.n + sign * add.n;
  const fen = current.fen + sign * add.fen;
  if (n < 0 || fen < 0) throw new RangeError('The aggregate went below zero: it does not hold the case taken out.');
  if (n === 0) {
    delete cells[key];
    return;
  }
  current.n = n;
  current.fen = fen;
  if (add.days) {
    current.days ??= {};
    addCounts(current.days, add.days, sign);
    if (Object.keys(current.days).length === 0) delete current.days;
  }
  if (add.due) {
    current.due ??= {};
    addCounts(current.due, add.due, sign);
    if (Object.keys(current.due).length === 0) delete current.due;
  }
}

/**
 * Applies one case's change to the chunks: `before` is the stored row (undefined for a new case),
 * `after` the row written (undefined for a removal). `chunkFor` returns the month's chunk, new and
 * empty when there is none. Returns the months touched.
 */
export function applyCaseChange(
  before: DashboardCase | undefined,
  after: DashboardCase | undefined,
  chunkFor: (month: string) => MonthChunk,
): string[] {
  const touched = new Set<string>();
  if (before) {
    const out = contributionOf(before);
    applyCell(chunkFor(out.month).cells, out.key, out.cell, -1);
    touched.add(out.month);
  }
  if (after) {
    const into = contributionOf(after);
    applyCell(chunkFor(into.month).cells, into.key, into.cell, 1);
    touched.add(into.month);
  }
  return [...touched];
}

/** A cell as the dashboard reads it: its month of registration, its dimensions and its sums. */
export interface LoadedCell extends CellDims {
  month: string;
  cell: Cell;
}

/** The cells of stored chunks, each with its dimensions read back from its key. */
export function cellsOfChunks(chunks: Iterable<MonthChunk>): LoadedCell[] {
  const cells: LoadedCell[] = [];
  for (const chunk of chunks) {
    for (const [key, cell] of Object.entries(chunk.cells)) cells.push({ month: chunk.month, ...dimsOfKey(key), cell });
  }
  return cells;
}

/** The chunks of a whole set of cases, as a restore or a first use builds them, in month order. */
export function buildChunks(cases: Iterable<DashboardCase>): MonthChunk[] {
  const chunks = new Map<string, MonthChunk>();
  const chunkFor = (month: string): MonthChunk => {
    let chunk = chunks.get(month);
    if (!chunk) chunks.set(month, (chunk = { month, cells: {} }));
    return chunk;
  };
  for (const c of cases) applyCaseChange(undefined, c, chunkFor);
  return [...chunks.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}
