// What a verification result says, as data: a key into the texts (check-texts.ts) with the values
// that fill it, and the problems it lists as details of their own. The clerk reads it in the app's
// language, the CLI in English; both render the same detail, so the English message and the
// translations cannot say different things. Dates, fingerprints, names and paths stay values.
import { z } from 'zod';
import { CHECK_TEXTS_EN, type CheckKey, type CheckText } from './check-texts';

export type { CheckKey } from './check-texts';

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED = 10;

export const detailParamsSchema = z.record(z.string().max(40), z.union([z.string().max(4000), z.number()]));
export type DetailParams = z.infer<typeof detailParamsSchema>;

export interface CheckDetail {
  key: string;
  params: DetailParams;
  /** The problems the text lists (or the one it explains), rendered into its {{items}}. */
  items?: CheckDetail[];
  /** How many more problems there were than `items` lists. */
  more?: number;
}

export const checkDetailSchema: z.ZodType<CheckDetail> = z.strictObject({
  key: z.string().min(1).max(80),
  params: detailParamsSchema,
  get items() {
    return z.array(checkDetailSchema).max(MAX_LISTED).optional();
  },
  more: z.number().int().positive().optional(),
});

export const checkResultSchema = z.strictObject({
  id: z.string().min(1),
  ok: z.boolean(),
  /** In English, for the CLI and for records made before details existed. */
  message: z.string(),
  detail: checkDetailSchema,
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** Longest value a detail keeps: a hostile package's entry name may be 65,535 bytes long. */
export const MAX_PARAM_CHARS = 1000;

/** Values cut to MAX_PARAM_CHARS, so that any detail fits its schema wherever it is stored. */
function boundedParams(params: DetailParams): DetailParams {
  const out: DetailParams = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'string' && value.length > MAX_PARAM_CHARS ? `${value.slice(0, MAX_PARAM_CHARS - 1)}…` : value;
  return out;
}

/** A detail; long values are cut, more than MAX_LISTED items are cut to that many and counted. */
export function detail(key: CheckKey, rawParams: DetailParams = {}, items?: readonly CheckDetail[]): CheckDetail {
  const params = boundedParams(rawParams);
  if (!items) return { key, params };
  const out: CheckDetail = { key, params, items: items.slice(0, MAX_LISTED) };
  if (items.length > MAX_LISTED) out.more = items.length - MAX_LISTED;
  return out;
}

/** The text of `key` filled with `params`, or null when the language has no text for it. */
export type TextLookup = (key: string, params: DetailParams) => string | null;

/** Renders a detail with its items; null when any key in it is unknown to `lookup`. */
export function renderDetail(d: CheckDetail, lookup: TextLookup): string | null {
  if (!d.items) return lookup(d.key, d.params);
  const items = d.items.map((item) => renderDetail(item, lookup));
  if (items.some((item) => item === null)) return null;
  const more = d.more ? lookup('list.more', { more: d.more }) : '';
  if (more === null) return null;
  return lookup(d.key, { ...d.params, items: items.join(lookup('list.separator', {}) ?? '; ') + more });
}

/** {{name}} replaced by its value, i18next's syntax; a value not given stays visible. */
export function interpolate(template: string, params: DetailParams): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The form of a text for `count`, as English (i18next's `_one`/`_other`) chooses it. */
export function englishForm(text: CheckText, params: DetailParams): string {
  return typeof text === 'string' ? text : params.count === 1 ? text.one : text.other;
}

const english: TextLookup = (key, params) => {
  const text = (CHECK_TEXTS_EN as Record<string, CheckText>)[key];
  return text === undefined ? null : interpolate(englishForm(text, params), params);
};

/** The English sentence of a detail (every key the verifier uses has one). */
export function englishText(d: CheckDetail): string {
  return renderDetail(d, english) ?? d.key;
}

/** A check result: the detail, and its English for the CLI. */
export function checkResult(id: string, ok: boolean, d: CheckDetail): CheckResult {
  return { id, ok, message: englishText(d), detail: d };
}
