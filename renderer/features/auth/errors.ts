// Sign-in and lock errors in the user's language.
import type { TFunction } from 'i18next';
import { translateCode } from '../../kit/translate';

export function authErrorText(t: TFunction<readonly string[]> | TFunction<string>, code: string, params?: Record<string, unknown>): string {
  return translateCode(t, code, params);
}
