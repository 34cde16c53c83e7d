// Switching the interface language at run time: i18next, antd (through ConfigProvider, which
// re-renders on the change), dayjs, the page's lang attribute, and the stored preference.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Language } from '../../shared/domain/model';
import { applyDayjsLocale } from './antd-locale';
import { DEFAULT_LANGUAGE, isLanguage, storeLanguage } from '../kit/language';

export async function applyLanguage(i18n: I18n, language: Language): Promise<void> {
  applyDayjsLocale(language);
  document.documentElement.lang = language;
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

export function useLanguage(): { language: Language; setLanguage(language: Language): Promise<void> } {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  const setLanguage = useCallback((next: Language) => applyLanguage(i18n, next), [i18n]);
  return { language, setLanguage };
}
