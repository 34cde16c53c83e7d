import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/domain/model';
import { DEFAULT_LANGUAGE, isLanguage } from './language';

/** The interface language now in use (for domain data that carries names in both languages). */
export function useLang(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}
