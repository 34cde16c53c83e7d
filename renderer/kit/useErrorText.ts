// Store and domain error codes as sentences in the user's language: the shared domain messages
// first (validation.<code>), then the account and backup codes, then the feature's own
// `<ns>:errors.<code>` texts, then the shell's generic text.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { translateCode } from './translate';

const NONE: readonly string[] = [];

/** `featureNamespaces`: a constant (a new array each render would make a new function each render). */
export function useErrorText(featureNamespaces: readonly string[] = NONE): (code: string, params?: Record<string, unknown>) => string {
  const { t } = useTranslation([...featureNamespaces, 'domain', 'app']);
  return useCallback((code: string, params?: Record<string, unknown>) => translateCode(t, code, params, featureNamespaces), [t, featureNamespaces]);
}
