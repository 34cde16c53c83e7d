// The case list's view (filters and sort) as a value that lives in the URL, so a view can be
// bookmarked and shared. Reading it back is forgiving: a hand-edited or stale link drops what it
// cannot understand and still opens the list.
import { z } from 'zod';
import { CATEGORY_CODES } from './categories';
import { caseSourceSchema, caseStatusSchema, dateSchema } from './model';

export const CASE_SORTS = ['registeredAt', 'number', 'activeDeadline'] as const;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
/** The value of `mediatorId` that selects cases no mediator has taken. */
export const UNASSIGNED = 'unassigned';
export const QUERY_TEXT_MAX = 100;
/** As long as a case's district may be (shared/domain/model.ts). */
export const QUERY_DISTRICT_MAX = 50;

export const caseQuerySchema = z.object({
  category: z.enum(CATEGORY_CODES).optional(),
  status: caseStatusSchema.optional(),
  mediatorId: z.string().min(1).max(100).optional(),
  source: caseSourceSchema.optional(),
  /** The district where the dispute arose, exactly as recorded on the case. */
  district: z.string().min(1).max(QUERY_DISTRICT_MAX).optional(),
  /** The cases of one repeat dispute: a token of the repeat disputes' index (shared/statistics/dashboard/repeats.ts). */
  repeat: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  /** Only open cases marked at risk of escalation (the early warning a director acts on). */
  risk: z.boolean().optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  overdue: z.boolean().optional(),
  text: z.string().min(1).max(QUERY_TEXT_MAX).optional(),
  sort: z.enum(CASE_SORTS).default('registeredAt'),
  dir: z.enum(SORT_DIRECTIONS).default('desc'),
});
export type CaseQuery = z.infer<typeof caseQuerySchema>;
export type CaseSort = (typeof CASE_SORTS)[number];

export const DEFAULT_CASE_QUERY: CaseQuery = { sort: 'registeredAt', dir: 'desc' };

/** What fromSearchParams needs of URLSearchParams, so shared/ stays free of DOM types. */
export interface SearchParamsLike {
  get(name: string): string | null;
}

const OPTIONAL_KEYS = ['category', 'status', 'mediatorId', 'source', 'district', 'repeat', 'from', 'to', 'text'] as const;

/** The query as URL parameters, leaving out defaults and unset filters (short, stable URLs). */
export function toSearchParams(q: CaseQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of OPTIONAL_KEYS) {
    const v = q[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  if (q.overdue !== undefined) out.overdue = q.overdue ? '1' : '0';
  if (q.risk !== undefined) out.risk = q.risk ? '1' : '0';
  if (q.sort !== DEFAULT_CASE_QUERY.sort) out.sort = q.sort;
  if (q.dir !== DEFAULT_CASE_QUERY.dir) out.dir = q.dir;
  return out;
}

/** At most `max` UTF-16 units, cut between code points so no half of a rare character remains. */
function clip(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Reads a query from URL parameters; every value that does not validate is dropped, never thrown. */
export function fromSearchParams(p: SearchParamsLike): CaseQuery {
  const q: CaseQuery = { ...DEFAULT_CASE_QUERY };
  const shape = caseQuerySchema.shape;
  const read = (key: string): string | undefined => {
    const v = p.get(key);
    return v === null ? undefined : v.trim();
  };
  const pick = <K extends keyof CaseQuery>(key: K, schema: z.ZodType<CaseQuery[K]>, raw: unknown): void => {
    const r = schema.safeParse(raw);
    if (r.success && r.data !== undefined) q[key] = r.data;
  };
  pick('category', shape.category, read('category'));
  pick('status', shape.status, read('status'));
  pick('mediatorId', shape.mediatorId, read('mediatorId'));
  pick('source', shape.source, read('source'));
  pick('district', shape.district, read('district'));
  pick('repeat', shape.repeat, read('repeat'));
  pick('from', shape.from, read('from'));
  pick('to', shape.to, read('to'));
  const text = read('text');
  // A pasted over-long search is shortened rather than dropped: the start is what the user meant.
  if (text) pick('text', shape.text, clip(text, QUERY_TEXT_MAX));
  const flag = (key: 'overdue' | 'risk'): void => {
    const v = read(key);
    if (v === '1' || v === 'true') q[key] = true;
    else if (v === '0' || v === 'false') q[key] = false;
  };
  flag('overdue');
  flag('risk');
  pick('sort', shape.sort, read('sort'));
  pick('dir', shape.dir, read('dir'));
  return q;
}
