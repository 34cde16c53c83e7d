// The one translator of a Problem (shared/problem.ts) for the screens: a key with its values and
// the problems it lists become sentences in the user's language. A key of the package verifier
// (shared/confirmation/check-texts.ts) reads the verifier's texts; any other key is a store's
// code, read as kit/translate.ts reads codes (the shared domain texts, then each feature's
// `<ns>:errors.<key>`, then the shell's "unknown code" text). Nothing here is ever an English
// sentence carried inside a value: values stay names, numbers, dates and fingerprints.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { CHECK_TEXTS_EN } from '../../shared/confirmation/check-texts';
import { languageSchema } from '../../shared/domain/model';
import { renderProblem, type Problem, type ProblemParams } from '../../shared/problem';
import { DEFAULT_LANGUAGE } from './language';
import { readableValues } from './time';
import { translateCode } from './translate';
import { VERIFICATION_NS } from './verifier-texts';

type Translator = Pick<I18n, 't'> & { language?: string };

/** The text of one key with its values (items already rendered into `items`, if any). */
function lookup(i18n: Translator, namespaces: readonly string[], key: string, params: ProblemParams): string {
  const language = languageSchema.safeParse(i18n.language).data ?? DEFAULT_LANGUAGE;
  // A signing time is kept as an ISO instant (exact, and what the CLI prints); a person reads it in Beijing time.
  const values = readableValues(params, language);
  if (Object.hasOwn(CHECK_TEXTS_EN, key)) return i18n.t(key, { ns: VERIFICATION_NS, ...values });
  return translateCode(i18n.t, key, values, namespaces);
}

/** The whole problem as one sentence: its items rendered into the text's {{items}}. */
export function problemText(i18n: Translator, problem: Problem, namespaces: readonly string[] = []): string {
  return renderProblem(problem, (key, params) => lookup(i18n, namespaces, key, params)) ?? problem.key;
}

/** A problem as a refusal shows it: its own sentence as the title, and each listed problem a line. */
export interface ProblemLines {
  title: string;
  items: string[];
}

export function problemLines(i18n: Translator, problem: Problem, namespaces: readonly string[] = []): ProblemLines {
  const items = (problem.items ?? []).map((item) => problemText(i18n, item, namespaces));
  if (problem.more) items.push(lookup(i18n, namespaces, 'list.more', { more: problem.more }).replace(/^[；;]\s*/, ''));
  return { title: lookup(i18n, namespaces, problem.key, problem.params), items };
}

export interface ProblemTexts {
  text: (problem: Problem) => string;
  lines: (problem: Problem) => ProblemLines;
}

/**
 * The translator in the screen's language, following language switches. `namespaces`: the
 * features whose `<ns>:errors.<key>` texts the screen's problems may use, in the order to try.
 */
export function useProblemText(namespaces: readonly string[] = []): ProblemTexts {
  const { i18n } = useTranslation([...namespaces, VERIFICATION_NS, 'domain', 'app']);
  const joined = namespaces.join('\u0000');
  const text = useCallback((problem: Problem) => problemText(i18n, problem, joined ? joined.split('\u0000') : []), [i18n, joined]);
  const lines = useCallback((problem: Problem) => problemLines(i18n, problem, joined ? joined.split('\u0000') : []), [i18n, joined]);
  return useMemo(() => ({ text, lines }), [text, lines]);
}
