// The dashboard's controller: the filter (kept in the URL), the aggregate's cells read through the
// data layer and read again when a case changes (here or in another window), the mediators'
// names, the figures computed from the cells under the filter, the repeat disputes, and the
// consultations of the legal-service desk (from the register's catalog). A mediator or lawyer sees
// only the cases assigned to them: the filter is pinned to their own id.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { User } from '../../../shared/domain/model';
import {
  computeFigures,
  computeHotspots,
  dashboardScope,
  filterFromParams,
  filterToParams,
  type DashboardFigures,
  type DashboardFilter,
  type DashboardScope,
  type Hotspots,
  type LoadedCell,
  consultationFigures,
  type ConsultationCell,
  type ConsultationFigures,
} from '../../../shared/statistics/dashboard';
import { useServices } from '../../app/services';
import { institutionToday } from '../../kit/format';
import { useSession } from '../auth';
import { repeatLines, type RepeatLine } from './repeat-lines';
import { consultationCellsOf } from './consultation-figures';
import { CONSULTATION_OUTCOMES } from '../../../shared/consultation/model';

interface Loaded {
  cells: readonly LoadedCell[];
  users: readonly User[];
  warningDays: number;
}

export interface DashboardState {
  scope: DashboardScope | null;
  filter: DashboardFilter;
  setFilter(next: DashboardFilter): void;
  figures: DashboardFigures | null;
  hotspots: Hotspots | null;
  /** The repeat disputes (from the repeat disputes' index), null while read. */
  repeats: RepeatLine[] | null;
  /** The legal-service desk's consultations under the filter; null while read or when the register holds none. */
  consultations: ConsultationFigures | null;
  /** Years with cases, newest first, and always this year. */
  years: number[];
  users: readonly User[];
  error: unknown;
}

const DEFAULT_WARNING_DAYS = 3;

export function useDashboard(): DashboardState {
  const { data } = useServices();
  const { user } = useSession();
  const scope = useMemo(() => dashboardScope(user), [user]);
  const [params, setParams] = useSearchParams();
  const today = institutionToday();
  const thisYear = Number(today.slice(0, 4));
  const filter = useMemo(() => {
    const read = filterFromParams(params, thisYear);
    return scope?.kind === 'own' ? { ...read, mediatorId: scope.mediatorId } : read;
  }, [params, thisYear, scope]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!scope) return;
    let live = true;
    const read = () =>
      Promise.all([data.cases.dashboard(), scope.kind === 'institution' ? data.accounts.all() : Promise.resolve([user]), data.settings.get()]).then(
        ([dashboard, users, settings]) => {
          if (!live) return;
          setLoaded({ cells: dashboard.cells, users, warningDays: settings?.deadlineWarningDays ?? DEFAULT_WARNING_DAYS });
          setError(null);
        },
        (reason: unknown) => live && setError(reason),
      );
    void read();
    const stop = data.changes.subscribe((changes) => {
      if (changes.some((c) => c.kind === 'cases' || c.kind === 'accounts' || c.kind === 'settings')) void read();
    });
    return () => {
      live = false;
      stop();
    };
  }, [data, scope, user]);

  // The repeat disputes: read again when the filter changes or a case is written.
  const [repeats, setRepeats] = useState<RepeatLine[] | null>(null);
  useEffect(() => {
    if (!scope) return;
    let live = true;
    const read = () =>
      repeatLines(data, filter, user).then(
        (lines) => live && setRepeats(lines),
        (reason: unknown) => live && setError(reason),
      );
    void read();
    const stop = data.changes.subscribe((changes) => {
      if (changes.some((c) => c.kind === 'cases')) void read();
    });
    return () => {
      live = false;
      stop();
    };
  }, [data, scope, filter, user]);

  // The consultations' cells: read again when a consultation is written.
  const [consultationCells, setConsultationCells] = useState<ConsultationCell[] | null>(null);
  useEffect(() => {
    if (!scope) return;
    let live = true;
    const read = () =>
      consultationCellsOf(data).then(
        (cells) => live && setConsultationCells(cells),
        (reason: unknown) => live && setError(reason),
      );
    void read();
    const stop = data.changes.subscribe((changes) => {
      if (changes.some((c) => c.kind === 'consultations')) void read();
    });
    return () => {
      live = false;
      stop();
    };
  }, [data, scope]);
  const consultations = useMemo(
    () => (consultationCells && consultationCells.length > 0 ? consultationFigures(consultationCells, filter, CONSULTATION_OUTCOMES) : null),
    [consultationCells, filter],
  );

  const figures = useMemo(
    () => (loaded ? computeFigures(loaded.cells, filter, { today, warningDays: loaded.warningDays }) : null),
    [loaded, filter, today],
  );
  const hotspots = useMemo(() => (loaded ? computeHotspots(loaded.cells, filter) : null), [loaded, filter]);
  const years = useMemo(() => {
    const found = new Set<number>([thisYear]);
    for (const cell of loaded?.cells ?? []) found.add(Number(cell.month.slice(0, 4)));
    return [...found].sort((a, b) => b - a);
  }, [loaded, thisYear]);
  const setFilter = useCallback((next: DashboardFilter) => setParams(filterToParams(next), { replace: true }), [setParams]);

  return { scope, filter, setFilter, figures, hotspots, repeats, consultations, years, users: loaded?.users ?? [], error };
}
