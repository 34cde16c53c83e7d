// The case list's data: pages read by key as the user scrolls (never an offset, never the whole
// table), and the total count beside them. A new query discards whatever an older one was still
// loading, so fast typing in the search box never shows rows of a previous search.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseQuery } from '../../../../shared/domain/case-query';
import type { User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { countCases, queryCases, type CaseCount, type CaseListRow, type Cursor } from '../../case-store';

export const PAGE_SIZE = 100;
const REREAD_AFTER_MS = 300;

export interface CasePagesState {
  rows: CaseListRow[];
  count: CaseCount | null;
  /** True while the first page of the current query is loading. */
  loading: boolean;
  /** True while a further page is loading. */
  loadingMore: boolean;
  hasMore: boolean;
  error: unknown;
  loadMore(): void;
  retry(): void;
}

interface Loaded {
  key: string;
  rows: CaseListRow[];
  next?: Cursor;
  error: unknown;
}

export function useCasePages(query: CaseQuery, queryKey: string, viewer: User, today: string): CasePagesState {
  const { data } = useServices();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [count, setCount] = useState<{ key: string; value: CaseCount } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // The query whose rows are wanted now; answers for any other key are dropped.
  const current = useRef(queryKey);
  const inFlight = useRef(false);

  // `query` is derived from `queryKey` by the caller (memoised), so both change together.
  useEffect(() => {
    const key = queryKey;
    current.current = key;
    inFlight.current = true;
    queryCases(data, query, viewer, { limit: PAGE_SIZE }, { today })
      .then((page) => {
        if (current.current === key) setLoaded({ key, rows: page.rows, next: page.next, error: null });
      })
      .catch((error: unknown) => {
        if (current.current === key) setLoaded({ key, rows: [], error });
      })
      .finally(() => {
        if (current.current === key) inFlight.current = false;
      });
    countCases(data, query, viewer, { today })
      .then((value) => {
        if (current.current === key) setCount({ key, value });
      })
      .catch(() => {
        // The rows still show; only the total is missing, and the list says "counting…".
      });
  }, [data, query, queryKey, viewer, today, attempt]);

  const fresh = loaded?.key === queryKey ? loaded : null;
  const rowsShown = useRef(0);
  const shownNow = fresh?.rows.length ?? 0;
  useEffect(() => {
    rowsShown.current = shownNow;
  }, [shownNow]);

  // A case written meanwhile (in another window, or pulled from the center server) shows without
  // reopening the list; while the reader has loaded further pages the list stays as it is, so
  // their place is not lost.
  // A pull writes page after page: the list reads again once they have settled, not at each.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = data.changes.subscribe((changes) => {
      if (rowsShown.current > PAGE_SIZE || !changes.some((c) => c.kind === 'cases' || c.op === 'replace_all')) return;
      clearTimeout(timer);
      timer = setTimeout(() => setAttempt((n) => n + 1), REREAD_AFTER_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [data]);

  const loadMore = useCallback(() => {
    if (!fresh || !fresh.next || inFlight.current) return;
    const key = fresh.key;
    const after = fresh.next;
    inFlight.current = true;
    setLoadingMore(true);
    queryCases(data, query, viewer, { limit: PAGE_SIZE, after }, { today })
      .then((page) => {
        if (current.current !== key) return;
        setLoaded((previous) =>
          previous && previous.key === key ? { key, rows: [...previous.rows, ...page.rows], next: page.next, error: null } : previous,
        );
      })
      .catch((error: unknown) => {
        if (current.current === key) setLoaded((previous) => (previous && previous.key === key ? { ...previous, error } : previous));
      })
      .finally(() => {
        if (current.current === key) inFlight.current = false;
        setLoadingMore(false);
      });
  }, [data, fresh, query, viewer, today]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    rows: fresh?.rows ?? [],
    count: count?.key === queryKey ? count.value : null,
    loading: !fresh,
    loadingMore,
    hasMore: Boolean(fresh?.next),
    error: fresh?.error ?? null,
    loadMore,
    retry,
  };
}
