// The desk list's rows: the first page of the query and further pages as the user asks, read from
// the register's in-memory index; an answer for an older query is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../../../app/services';
import { queryConsultations, type ConsultationEntry, type ConsultationQuery } from '../store';

export const PAGE_SIZE = 200;

export interface DeskPages {
  rows: ConsultationEntry[];
  total: number | null;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  retry(): void;
}

export function useDeskPages(institutionId: string, query: ConsultationQuery, key: string): DeskPages {
  const { data } = useServices();
  const [state, setState] = useState<{ key: string; rows: ConsultationEntry[]; total: number; error: unknown } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const current = useRef(key);

  useEffect(() => {
    current.current = key;
    queryConsultations(data, institutionId, query, { offset: 0, limit: PAGE_SIZE })
      .then((page) => {
        if (current.current === key) setState({ key, rows: page.rows, total: page.total, error: null });
      })
      .catch((error: unknown) => {
        if (current.current === key) setState({ key, rows: [], total: 0, error });
      });
    // `query` is derived from `key` by the caller.
  }, [data, institutionId, query, key, attempt]);

  // A consultation recorded in another window shows here too.
  useEffect(() => data.changes.subscribe((changes) => changes.some((c) => c.kind === 'consultations' || c.op === 'replace_all') && setAttempt((n) => n + 1)), [data]);

  const fresh = state?.key === key ? state : null;
  const loadMore = useCallback(() => {
    if (!fresh) return;
    queryConsultations(data, institutionId, query, { offset: fresh.rows.length, limit: PAGE_SIZE })
      .then((page) => {
        if (current.current === key) setState((s) => (s && s.key === key ? { ...s, rows: [...s.rows, ...page.rows], total: page.total } : s));
      })
      .catch((error: unknown) => setState((s) => (s && s.key === key ? { ...s, error } : s)));
  }, [data, institutionId, query, key, fresh]);

  return {
    rows: fresh?.rows ?? [],
    total: fresh ? fresh.total : null,
    loading: !fresh,
    error: fresh?.error ?? null,
    hasMore: fresh ? fresh.rows.length < fresh.total : false,
    loadMore,
    retry: () => setAttempt((n) => n + 1),
  };
}
