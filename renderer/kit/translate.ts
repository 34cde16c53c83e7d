// Error codes from the db and domain layers become sentences in the user's language: the shared
// domain messages (namespace `domain`, validation.<code>) first, then the account layer's codes
// (auth:errors.<code>) and the backup codes (backup:errors.<code>); a code nobody translated
// still tells the user what to do.
import type { i18n as I18n, TFunction } from 'i18next';

type AnyT = TFunction<readonly string[]> | TFunction<string> | I18n['t'];

/** `featureNamespaces`: a feature's own `<ns>:errors.<code>` texts, looked up after the shared ones. */
export function translateCode(t: AnyT, code: string, params?: Record<string, unknown>, featureNamespaces: readonly string[] = []): string {
  const tf = t as unknown as (keys: string[], options?: Record<string, unknown>) => string;
  const feature = featureNamespaces.map((ns) => `${ns}:errors.${code}`);
  return tf([`domain:validation.${code}`, `auth:errors.${code}`, `backup:errors.${code}`, ...feature, 'app:error.unknownCode'], { ...(params ?? {}), code });
}

export interface FieldErrorLike {
  readonly path?: string | readonly (string | number)[];
  readonly code: string;
  readonly params?: Record<string, unknown>;
}

/** antd Form field names from the db layer's error paths ("institution.court.name"). */
export function fieldName(path: FieldErrorLike['path']): (string | number)[] {
  if (path === undefined) return [];
  return typeof path === 'string' ? path.split('.') : [...path];
}

/** The errors grouped by field, translated, ready for form.setFields (typed loosely, as field paths come from the db layer). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function formFieldErrors(t: AnyT, errors: readonly FieldErrorLike[], prefix: (string | number)[] = [], featureNamespaces: readonly string[] = []): { name: any; errors: string[] }[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const error of errors) {
    const path = fieldName(error.path);
    if (path.length === 0) continue;
    const name = [...prefix, ...path];
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(translateCode(t, error.code, error.params, featureNamespaces));
    byField.set(key, entry);
  }
  return [...byField.values()];
}
