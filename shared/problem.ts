// One shape for what went wrong (or what a check found), from shared/ to the screen: a key into
// the texts, the values that fill it, and the problems it lists as details of their own. The app
// renders it in the user's language, the CLI in English; nothing is a sentence until then, so no
// English is ever packed into a parameter. Dates, fingerprints, names and paths stay values.
import { z } from 'zod';

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED = 10;

export const problemParamsSchema = z.record(z.string().max(40), z.union([z.string().max(4000), z.number()]));
export type ProblemParams = z.infer<typeof problemParamsSchema>;

export interface Problem {
  key: string;
  params: ProblemParams;
  /** The problems the text lists (or the one it explains), rendered into its {{items}}. */
  items?: Problem[];
  /** How many more problems there were than `items` lists. */
  more?: number;
}

export const problemSchema: z.ZodType<Problem> = z.strictObject({
  key: z.string().min(1).max(80),
  params: problemParamsSchema,
  get items() {
    return z.array(problemSchema).max(MAX_LISTED).optional();
  },
  more: z.number().int().positive().optional(),
});

/** Longest value a problem keeps: a hostile package's entry name may be 65,535 bytes long. */
export const MAX_PARAM_CHARS = 1000;

/** Values cut to MAX_PARAM_CHARS, so that any problem fits its schema wherever it is stored. */
function boundedParams(params: ProblemParams): ProblemParams {
  const out: ProblemParams = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'string' && value.length > MAX_PARAM_CHARS ? `${value.slice(0, MAX_PARAM_CHARS - 1)}…` : value;
  return out;
}

/** A problem; long values are cut, more than MAX_LISTED items are cut to that many and counted. */
export function problem(key: string, rawParams: ProblemParams = {}, items?: readonly Problem[]): Problem {
  const params = boundedParams(rawParams);
  if (!items) return { key, params };
  const out: Problem = { key, params, items: items.slice(0, MAX_LISTED) };
  if (items.length > MAX_LISTED) out.more = items.length - MAX_LISTED;
  return out;
}

/** The text of `key` filled with `params`, or null when the language has no text for it. */
export type TextLookup = (key: string, params: ProblemParams) => string | null;

/** Renders a problem with its items; null when any key in it is unknown to `lookup`. */
export function renderProblem(d: Problem, lookup: TextLookup): string | null {
  if (!d.items) return lookup(d.key, d.params);
  const items = d.items.map((item) => renderProblem(item, lookup));
  if (items.some((item) => item === null)) return null;
  const more = d.more ? lookup('list.more', { more: d.more }) : '';
  if (more === null) return null;
  return lookup(d.key, { ...d.params, items: items.join(lookup('list.separator', {}) ?? '; ') + more });
}

/** {{name}} replaced by its value, i18next's syntax; a value not given stays visible. */
export function interpolate(template: string, params: ProblemParams): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
