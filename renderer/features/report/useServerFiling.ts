// Filing the period's report through the center server (issue 19 item 2), the institution's side:
// the signed report of the latest version submitted to the bureau of its area, the server's rows of
// the period read on opening, every 30 s and on demand, and a bureau's answer recorded on the
// filing as an imported answer file is — so the filing card shows the same states either way.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { reportFilingListResponseSchema, reportFilingResponseSchema, type ReportFilingView } from '../../../shared/server/api';
import { periodCode, type ReportPeriod } from '../../../shared/statistics/report';
import { useServices } from '../../app/services';
import { asResult, StoreError } from '../../kit/result';
import { useCommand } from '../../kit/useCommand';
import type { User } from '../../../shared/domain/model';
import { centerCall, useCenter } from '../center';
import { recordServerAnswer, type ReportFiling } from './store';

const PULL_EVERY_MS = 30_000;

export interface ServerFilingController {
  /** Signed in to the center server now. */
  online: boolean;
  /** The server's rows of this period that this institution sent. */
  rows: ReportFilingView[];
  pullError: StoreError | null;
  submit: ReturnType<typeof useCommand<[], ReportFilingView>>;
  pull(): void;
}

export function useServerFiling(user: User, period: ReportPeriod, latest: ReportFiling | undefined, filings: readonly ReportFiling[], onAnswered: () => void): ServerFilingController {
  const { data, platform } = useServices();
  const { state } = useCenter();
  const online = state.session && (state.phase === 'connected' || state.phase === 'syncing');
  const call = useMemo(() => centerCall(data, platform.centerServer), [data, platform]);
  const [rows, setRows] = useState<ReportFilingView[]>([]);
  const [pullError, setPullError] = useState<StoreError | null>(null);
  const [tick, setTick] = useState(0);
  const code = periodCode(period);
  const unanswered = filings.filter((f) => !f.answer).map((f) => f.id).join(',');

  useEffect(() => {
    if (!online) return;
    let live = true;
    void asResult(() => call('GET', `/report-filings?period=${code}`, reportFilingListResponseSchema)).then(async (result) => {
      if (!live) return;
      setPullError(result.ok ? null : result.error);
      if (!result.ok) return;
      const sent = result.value.filings.filter((f) => f.direction === 'sent');
      setRows(sent);
      // An answer the server has and this workstation not yet: recorded as an imported answer is.
      let recorded = false;
      for (const row of sent) {
        if (row.answer && unanswered.split(',').includes(row.id)) recorded = (await recordServerAnswer(data, user, row.answer)).ok || recorded;
      }
      if (recorded && live) onAnswered();
    });
    const timer = setInterval(() => setTick((n) => n + 1), PULL_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [online, call, code, tick, unanswered, data, user, onAnswered]);

  const pull = useCallback(() => setTick((n) => n + 1), []);

  const submit = useCommand(
    () =>
      asResult(async () => {
        if (!latest) throw new StoreError('report.nothing_filed', 'Nothing of this period has been filed yet.');
        return (await call('POST', '/report-filings', reportFilingResponseSchema, { signed: latest.signed })).filing;
      }),
    { onDone: pull },
  );

  return { online, rows, pullError, submit, pull };
}
