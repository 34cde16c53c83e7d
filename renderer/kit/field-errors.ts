// Domain field errors → the antd Form fields they belong to. A FieldError's path is the path of
// the value in the intake input (['parties', 0, 'idNumber']); the forms are built so that their
// field names are those same paths, and this module decides which paths a form actually shows.
// An error whose path no field shows (a rule about the parties as a whole, say) is returned as
// a general error, so it is shown above the form rather than lost.
import type { FieldErrorLike } from './result';

export type FormName = (string | number)[];

export interface FormShape {
  /** Top-level fields the form has, e.g. 'category', 'amount'. */
  readonly fields: readonly string[];
  /** Fields of each entry of `parties`, when the form edits parties. */
  readonly partyFields?: readonly string[];
  /** Intake paths that the form names differently, e.g. { amountYuan: 'amount' }. */
  readonly aliases?: Readonly<Record<string, string>>;
}

export interface MappedErrors<E extends FieldErrorLike> {
  /** One entry per form field that has errors, in the order the errors came. */
  fields: { name: FormName; errors: E[] }[];
  general: E[];
}

function pathOf(error: FieldErrorLike): (string | number)[] {
  if (error.path === undefined) return [];
  return typeof error.path === 'string' ? error.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [...error.path];
}

/** The form field an error path belongs to, or null when the form has no such field. */
export function formNameFor(path: readonly (string | number)[], shape: FormShape): FormName | null {
  const [head, ...rest] = path;
  if (typeof head !== 'string') return null;
  const top = shape.aliases?.[head] ?? head;
  if (top === 'categoryFields') return rest.length === 1 && typeof rest[0] === 'string' ? ['categoryFields', rest[0]] : null;
  if (top === 'parties') {
    const [index, field] = rest;
    if (typeof index !== 'number' || typeof field !== 'string' || !shape.partyFields) return null;
    const name = shape.aliases?.[field] ?? field;
    return shape.partyFields.includes(name) ? ['parties', index, name] : null;
  }
  return rest.length === 0 && shape.fields.includes(top) ? [top] : null;
}

export function mapFieldErrors<E extends FieldErrorLike>(errors: readonly E[], shape: FormShape): MappedErrors<E> {
  const byKey = new Map<string, { name: FormName; errors: E[] }>();
  const general: E[] = [];
  for (const error of errors) {
    const name = formNameFor(pathOf(error), shape);
    if (!name) {
      general.push(error);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byKey.get(key) ?? { name, errors: [] };
    entry.errors.push(error);
    byKey.set(key, entry);
  }
  return { fields: [...byKey.values()], general };
}

/** The errors of one field, for a Form.Item rule that validates on blur. */
export function errorsAt<E extends FieldErrorLike>(errors: readonly E[], name: FormName, shape: FormShape): E[] {
  const key = JSON.stringify(name);
  return errors.filter((error) => {
    const mapped = formNameFor(pathOf(error), shape);
    return mapped !== null && JSON.stringify(mapped) === key;
  });
}
