// Store and domain error codes as sentences in the user's language: the shared domain messages
// first (validation.<code>), then this feature's errors.<code>, then the shell's generic text.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { translateCode } from '../../../app/translate';

const CASES_NAMESPACE = ['cases'] as const;

export function useErrorText(): (code: string, params?: Record<string, unknown>) => string {
  const { t } = useTranslation(['cases', 'domain', 'app']);
  return useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, CASES_NAMESPACE), [t]);
}
