// Small pieces the court's screens share: errors in the clerk's language, the days a limit has
// left, and several signed files delivered as one download.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { zipBytes as zipSync } from '../../../shared/archive';
import type { CourtClock } from '../../../shared/confirmation/court/court-clock';
import { translateCode } from '../../kit/translate';

export const COURT_NAMESPACES = ['court', 'identity', 'cases'] as const;

/** A store failure as a sentence: the court's own texts, then the identity feature's (passphrases). */
export function useCourtErrorText(): (error: { code: string; params?: Record<string, unknown> }) => string {
  const { t } = useTranslation(['court', 'identity', 'domain', 'app']);
  return useCallback((error) => translateCode(t, error.code, error.params, COURT_NAMESPACES), [t]);
}

/** "3 days left", "due today", "2 days overdue" for the limit that runs now. */
export function useDaysText(): (clock: Pick<CourtClock, 'daysLeft'>) => string {
  const { t } = useTranslation('court');
  return useCallback(
    ({ daysLeft }) => {
      if (daysLeft === null) return t('days.none');
      if (daysLeft === 0) return t('days.today');
      return daysLeft > 0 ? t('days.left', { count: daysLeft }) : t('days.overdue', { count: -daysLeft });
    },
    [t],
  );
}

export function clockColor(clock: Pick<CourtClock, 'state'>): string {
  switch (clock.state) {
    case 'overdue':
      return 'red';
    case 'due_today':
    case 'warning':
      return 'orange';
    case 'ok':
      return 'green';
    default:
      return 'default';
  }
}

/** The files as one stored zip (they are signed bytes: nothing to gain by compressing, nothing to alter). */
export function zipOf(files: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 0 }]])), { mtime: new Date() });
}

/** A file name from a court case number or package id: the characters file systems refuse replaced. */
export function safeName(text: string): string {
  return text.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
}
