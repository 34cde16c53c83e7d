// What the details form sends: only the fields this window changed since it read the case, so a
// save made on top of another window's change never reverts a field this window did not touch.
import type { Case } from '../../../../shared/domain/model';
import { fenToYuanString } from '../../../../shared/domain/money';
import type { CaseDetailsPatch } from '../../case-store';
import { categoryValuesFromForm, categoryValuesToForm, type CategoryFormValues } from '../../../kit/category-values';

export interface DetailsValues {
  category: string;
  categoryFields: CategoryFormValues;
  source: Case['source'];
  claims: string;
  amountYuan: string;
  description: string;
}

export function valuesOf(record: Case): DetailsValues {
  return {
    category: record.category,
    categoryFields: categoryValuesToForm(record.category, record.categoryFields),
    source: record.source,
    claims: record.claims,
    amountYuan: record.amountFen === null ? '' : fenToYuanString(record.amountFen),
    description: record.description,
  };
}

/** The details this window changed since it read the case, as a patch of only those fields. */
export function changedFields(read: DetailsValues, edited: DetailsValues): CaseDetailsPatch {
  const patch: CaseDetailsPatch = {};
  const categoryFields = categoryValuesFromForm(edited.category, edited.categoryFields) as Case['categoryFields'];
  if (edited.category !== read.category) patch.category = edited.category;
  if (patch.category !== undefined || JSON.stringify(categoryFields) !== JSON.stringify(categoryValuesFromForm(read.category, read.categoryFields))) {
    patch.categoryFields = categoryFields;
  }
  if (edited.source !== read.source) patch.source = edited.source;
  if ((edited.claims ?? '') !== read.claims) patch.claims = edited.claims ?? '';
  if ((edited.amountYuan ?? '') !== read.amountYuan) patch.amountYuan = edited.amountYuan ?? '';
  if ((edited.description ?? '') !== read.description) patch.description = edited.description ?? '';
  return patch;
}

