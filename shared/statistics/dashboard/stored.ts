// The aggregate as storage keeps it: one record a month, column by column. A month of 100,000
// cases holds some 1,700 cells; as objects (a JSON key and nested maps each) 37 months took
// seconds to clone out of IndexedDB and check, while typed arrays and a dictionary of each
// dimension's values clone as blocks and are checked by a few loops. MonthChunk (./aggregate.ts)
// stays the form that is changed and tested; this is only its stored form.
import { z } from 'zod';
import { cellKey, dimsOfKey, type Cell, type LoadedCell, type MonthChunk } from './aggregate';
import { monthSchema } from './period';

/** The string dimensions of a cell, in the order of their dictionaries and codes. */
export const DIM_NAMES = ['category', 'mediatorKey', 'source', 'status', 'agreedMonth', 'district'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Codes per cell: one for each string dimension, then the risk mark (0 or 1). */
const WIDTH = DIM_NAMES.length + 1;

export interface StoredChunk {
  month: string;
  /** The values of each dimension (DIM_NAMES order) the month's cells use. */
  dictionaries: string[][];
  /** WIDTH codes per cell: indexes into the dictionaries, then the risk mark. */
  codes: Int32Array;
  n: Int32Array;
  fen: Float64Array;
  /** Cell i's (days, count) pairs are days[2·daysAt[i] … 2·daysAt[i+1]). */
  daysAt: Int32Array;
  days: Int32Array;
  /** Cell i's deadlines are dueDates/dueCounts[dueAt[i] … dueAt[i+1]). */
  dueAt: Int32Array;
  dueDates: string[];
  dueCounts: Int32Array;
}

function consistent(c: StoredChunk): string | null {
  const count = c.n.length;
  if (c.dictionaries.length !== DIM_NAMES.length) return 'dictionaries';
  if (c.codes.length !== count * WIDTH) return 'codes';
  if (c.fen.length !== count || c.daysAt.length !== count + 1 || c.dueAt.length !== count + 1) return 'columns';
  if (c.days.length % 2 !== 0 || c.daysAt[0] !== 0 || c.daysAt[count] !== c.days.length / 2) return 'days';
  if (c.dueAt[0] !== 0 || c.dueAt[count] !== c.dueDates.length || c.dueCounts.length !== c.dueDates.length) return 'due';
  for (let i = 0; i < count; i++) {
    if ((c.n[i] as number) < 1) return `n.${i}`;
    const fen = c.fen[i] as number;
    if (!Number.isSafeInteger(fen) || fen < 0) return `fen.${i}`;
    if ((c.daysAt[i + 1] as number) < (c.daysAt[i] as number) || (c.dueAt[i + 1] as number) < (c.dueAt[i] as number)) return `offsets.${i}`;
    for (let d = 0; d < DIM_NAMES.length; d++) {
      const code = c.codes[i * WIDTH + d] as number;
      if (code < 0 || code >= (c.dictionaries[d] as string[]).length) return `codes.${i}`;
    }
    const risk = c.codes[i * WIDTH + DIM_NAMES.length];
    if (risk !== 0 && risk !== 1) return `codes.${i}`;
  }
  for (let i = 0; i < c.days.length; i++) if ((c.days[i] as number) < (i % 2 === 0 ? 0 : 1)) return `days.${i >> 1}`;
  for (let i = 0; i < c.dueCounts.length; i++) if ((c.dueCounts[i] as number) < 1) return `dueCounts.${i}`;
  for (let i = 0; i < c.dueDates.length; i++) if (!ISO_DATE.test(c.dueDates[i] as string)) return `dueDates.${i}`;
  return null;
}

export const storedChunkSchema = z
  .strictObject({
    month: monthSchema,
    dictionaries: z.array(z.array(z.string())),
    codes: z.instanceof(Int32Array),
    n: z.instanceof(Int32Array),
    fen: z.instanceof(Float64Array),
    daysAt: z.instanceof(Int32Array),
    days: z.instanceof(Int32Array),
    dueAt: z.instanceof(Int32Array),
    dueDates: z.array(z.string()),
    dueCounts: z.instanceof(Int32Array),
  })
  .superRefine((chunk, ctx) => {
    const problem = consistent(chunk);
    if (problem) ctx.addIssue({ code: 'custom', message: 'the columns do not agree', path: problem.split('.') });
  });

/** A month's cells in their stored form. */
export function encodeChunk(chunk: MonthChunk): StoredChunk {
  const entries = Object.entries(chunk.cells);
  const dictionaries = DIM_NAMES.map(() => new Map<string, number>());
  const codes = new Int32Array(entries.length * WIDTH);
  const n = new Int32Array(entries.length);
  const fen = new Float64Array(entries.length);
  const daysAt = new Int32Array(entries.length + 1);
  const dueAt = new Int32Array(entries.length + 1);
  const days: number[] = [];
  const dueDates: string[] = [];
  const dueCounts: number[] = [];
  entries.forEach(([key, cell], i) => {
    const dims = dimsOfKey(key);
    DIM_NAMES.forEach((name, d) => {
      const dictionary = dictionaries[d] as Map<string, number>;
      let code = dictionary.get(dims[name]);
      if (code === undefined) dictionary.set(dims[name], (code = dictionary.size));
      codes[i * WIDTH + d] = code;
    });
    codes[i * WIDTH + DIM_NAMES.length] = dims.atRisk ? 1 : 0;
    n[i] = cell.n;
    fen[i] = cell.fen;
    for (const [day, count] of Object.entries(cell.days ?? {})) days.push(Number(day), count);
    daysAt[i + 1] = days.length / 2;
    for (const [date, count] of Object.entries(cell.due ?? {})) {
      dueDates.push(date);
      dueCounts.push(count);
    }
    dueAt[i + 1] = dueDates.length;
  });
  return {
    month: chunk.month,
    dictionaries: dictionaries.map((d) => [...d.keys()]),
    codes,
    n,
    fen,
    daysAt,
    days: Int32Array.from(days),
    dueAt,
    dueDates,
    dueCounts: Int32Array.from(dueCounts),
  };
}

/** The cells of a stored month as the figures read them (no key is parsed). */
export function decodeChunk(c: StoredChunk): LoadedCell[] {
  const count = c.n.length;
  const out: LoadedCell[] = new Array(count);
  const dict = c.dictionaries;
  for (let i = 0; i < count; i++) {
    const at = i * WIDTH;
    const cell: Cell = { n: c.n[i] as number, fen: c.fen[i] as number };
    const d0 = c.daysAt[i] as number;
    const d1 = c.daysAt[i + 1] as number;
    if (d1 > d0) {
      const days: Record<string, number> = {};
      for (let k = d0; k < d1; k++) days[String(c.days[2 * k])] = c.days[2 * k + 1] as number;
      cell.days = days;
    }
    const u0 = c.dueAt[i] as number;
    const u1 = c.dueAt[i + 1] as number;
    if (u1 > u0) {
      const due: Record<string, number> = {};
      for (let k = u0; k < u1; k++) due[c.dueDates[k] as string] = c.dueCounts[k] as number;
      cell.due = due;
    }
    out[i] = {
      month: c.month,
      category: (dict[0] as string[])[c.codes[at] as number] as string,
      mediatorKey: (dict[1] as string[])[c.codes[at + 1] as number] as string,
      source: (dict[2] as string[])[c.codes[at + 2] as number] as string,
      status: (dict[3] as string[])[c.codes[at + 3] as number] as string,
      agreedMonth: (dict[4] as string[])[c.codes[at + 4] as number] as string,
      district: (dict[5] as string[])[c.codes[at + 5] as number] as string,
      atRisk: c.codes[at + 6] === 1,
      cell,
    };
  }
  return out;
}

/** A stored month back in the form that is changed (a case written), keyed by cellKey. */
export function chunkOfStored(stored: StoredChunk): MonthChunk {
  const cells: Record<string, Cell> = {};
  for (const loaded of decodeChunk(stored)) cells[cellKey(loaded)] = loaded.cell;
  return { month: stored.month, cells };
}
