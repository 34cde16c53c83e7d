// What a verification result says, as data: a key into the texts (check-texts.ts) with the values
// that fill it, and the problems it lists as details of their own. The clerk reads it in the app's
// language, the CLI in English; both render the same detail, so the English message and the
// translations cannot say different things. Dates, fingerprints, names and paths stay values.
import { z } from 'zod';
import { interpolate, problem, problemParamsSchema, problemSchema, renderProblem, type Problem, type ProblemParams, type TextLookup } from '../problem';
import { CHECK_TEXTS_EN, type CheckKey, type CheckText } from './check-texts';

export type { CheckKey } from './check-texts';

export { MAX_LISTED, MAX_PARAM_CHARS, interpolate, type TextLookup } from '../problem';

/** A verifier's finding is a Problem (../problem.ts) whose key is one of check-texts.ts. */
export type CheckDetail = Problem;
export type DetailParams = ProblemParams;
export const detailParamsSchema = problemParamsSchema;
export const checkDetailSchema = problemSchema;

export const checkResultSchema = z.strictObject({
  id: z.string().min(1),
  ok: z.boolean(),
  /** In English, for the CLI and for records made before details existed. */
  message: z.string(),
  detail: checkDetailSchema,
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** A detail; long values are cut, more than MAX_LISTED items are cut to that many and counted. */
export function detail(key: CheckKey, rawParams: DetailParams = {}, items?: readonly CheckDetail[]): CheckDetail {
  return problem(key, rawParams, items);
}

/** Renders a detail with its items; null when any key in it is unknown to `lookup`. */
export const renderDetail = renderProblem;

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
