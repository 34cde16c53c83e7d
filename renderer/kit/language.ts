// The interface language: a per-workstation preference in localStorage (so the sign-in screen is
// already in the user's language), falling back to the institution's default in settings, then
// to zh-CN.
import { LANGUAGES, type Language } from '../../shared/domain/model';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGE_STORAGE_KEY = 'mediation-workstation.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function readStoredLanguage(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be disabled by policy; the language then simply is not remembered.
    return null;
  }
}

export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // See readStoredLanguage.
  }
}

/** The other language, for the one-click switch in the header. */
export function otherLanguage(language: Language): Language {
  return language === 'zh-CN' ? 'en-US' : 'zh-CN';
}
