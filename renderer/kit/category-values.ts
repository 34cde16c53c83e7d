// Stored category-field values ↔ what the form holds. The form keeps everything as the user would
// type it (amounts in yuan, numbers as text, yes/no as 'true'/'false'), because the domain
// validator reads typed text; stored values are normalised (amounts in fen, numbers as numbers).
import { getCategory } from '../../shared/domain/categories';
import type { CategoryFieldValues } from '../../shared/domain/model';
import { fenToYuanString } from '../../shared/domain/money';

export type CategoryFormValues = Record<string, string | undefined>;

export function categoryValuesToForm(category: string, stored: CategoryFieldValues): CategoryFormValues {
  const out: CategoryFormValues = {};
  for (const field of getCategory(category)?.fields ?? []) {
    const value = stored[field.key];
    if (value === null || value === undefined) continue;
    if (field.type === 'money' && typeof value === 'number') out[field.key] = fenToYuanString(value);
    else out[field.key] = String(value);
  }
  return out;
}

/** Form values as the domain validator takes them: blanks left out, yes/no as booleans. */
export function categoryValuesFromForm(category: string, values: CategoryFormValues | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of getCategory(category)?.fields ?? []) {
    const value = values?.[field.key];
    if (value === undefined || value === null || value === '') continue;
    out[field.key] = field.type === 'boolean' ? value === 'true' : value;
  }
  return out;
}
