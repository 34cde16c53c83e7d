// Category names and field labels in the interface language.
import { useCallback } from 'react';
import { CATEGORIES, getCategory, type LocalizedText } from '../../../../shared/domain/categories';
import type { Language } from '../../../../shared/domain/model';
import { useLang } from '../../../kit/useLang';

export { CATEGORIES, getCategory };

export function categoryName(code: string, language: Language): string {
  return getCategory(code)?.name[language] ?? code;
}

export function localized(text: LocalizedText, language: Language): string {
  return text[language];
}

export function useCategoryName(): (code: string) => string {
  const language = useLang();
  return useCallback((code: string) => categoryName(code, language), [language]);
}
