// The report screen's controller: the view from the URL, the figures and the period's filings
// loaded (again whenever a case or a filing changes, in this window or another), the exports, and
// the filing steps with their refusals.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  LAYOUT_A,
  LAYOUT_B,
  periodCode,
  periodName,
  periodRange,
  REPORT_LAYOUTS,
  reportDifferences,
  reportRows,
  type Figures,
  type ReportDifferences,
  type ReportLayoutId,
  type ReportPeriod,
  type ReportTableRow,
} from '../../../shared/statistics/report';
import type { CategoryCode } from '../../../shared/domain/categories';
import { useServices } from '../../app/services';
import { institutionToday } from '../../kit/format';
import { useLang } from '../../kit/useLang';
import { useCommand } from '../../kit/useCommand';
import { formatDateTime } from '../../kit/time';
import type { StoreError, StoreResult } from '../../kit/result';
import { useSession } from '../auth';
import { usePassphrasePrompt } from '../identity';
import { fileReport, filingFileBytes, filingFileName, filingsOf, importAnswer, institutionReport, type InstitutionReport, type ReportFiling } from './store';
import { parseLayout, parsePeriod, viewParams } from './period-param';
import { useServerFiling, type ServerFilingController } from './useServerFiling';

export interface ReportController {
  period: ReportPeriod;
  layout: ReportLayoutId;
  setView(period: ReportPeriod, layout: ReportLayoutId): void;
  loaded: InstitutionReport | null;
  loadError: StoreError | null;
  rows: ReportTableRow[];
  filings: ReportFiling[];
  latest: ReportFiling | undefined;
  diff: ReportDifferences | null;
  /** The filed figures of the latest version, row by row of the layout shown. */
  filedRows: ReportTableRow[] | null;
  caseNumbers: Record<string, string>;
  header: string[];
  exporting: 'xlsx' | 'pdf' | null;
  exportError: string | null;
  exportXlsx(): Promise<void>;
  exportPdf(): Promise<void>;
  file: ReturnType<typeof useCommand<[], ReportFiling | null>>;
  answer: ReturnType<typeof useCommand<[], ReportFiling | null>>;
  download(filing: ReportFiling): Promise<void>;
  prompt: React.ReactNode;
  /** Filing through the center server, when signed in to it. */
  server: ServerFilingController;
}

export function useReport(): ReportController {
  const { t } = useTranslation('report');
  const language = useLang();
  const { data, platform } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const { ask, prompt } = usePassphrasePrompt();
  const [params, setParams] = useSearchParams();
  const periodParam = params.get('period');
  const period = useMemo(() => parsePeriod(periodParam, institutionToday()), [periodParam]);
  const layout = parseLayout(params.get('layout'));
  const [loaded, setLoaded] = useState<InstitutionReport | null>(null);
  const [loadError, setLoadError] = useState<StoreError | null>(null);
  const [filings, setFilings] = useState<ReportFiling[]>([]);
  const [caseNumbers, setCaseNumbers] = useState<Record<string, string>>({});
  const [exporting, setExporting] = useState<'xlsx' | 'pdf' | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => data.changes.subscribe(() => setRevision((r) => r + 1)), [data]);

  useEffect(() => {
    let live = true;
    void Promise.all([institutionReport(data, user, period), filingsOf(data, period)]).then(([result, list]) => {
      if (!live) return;
      setLoaded(result.ok ? result.value : null);
      setLoadError(result.ok ? null : result.error);
      setFilings(list);
    });
    return () => {
      live = false;
    };
  }, [data, user, period, revision]);

  const rows = useMemo(() => (loaded ? reportRows(loaded.report.byCategory, REPORT_LAYOUTS[layout]) : []), [loaded, layout]);
  const latest = filings[filings.length - 1];
  const diff = useMemo(() => (latest && loaded ? reportDifferences(latest.signed.snapshot, loaded.report, REPORT_LAYOUTS[layout]) : null), [latest, loaded, layout]);
  const filedRows = useMemo(() => (latest ? reportRows(latest.signed.snapshot.byCategory as Record<CategoryCode, Figures>, REPORT_LAYOUTS[layout]) : null), [latest, layout]);

  useEffect(() => {
    let live = true;
    const ids = (diff?.cases ?? []).map((c) => c.caseId);
    void Promise.all(ids.map(async (id) => [id, (await data.cases.get(id))?.number ?? id] as const)).then((pairs) => {
      if (live) setCaseNumbers(Object.fromEntries(pairs));
    });
    return () => {
      live = false;
    };
  }, [data, diff]);

  const { from, to } = periodRange(period);
  const headerFor = useCallback(
    (id: ReportLayoutId) =>
      loaded
        ? [
            t('header.institution', { name: loaded.institution.name }),
            t('header.period', { period: periodName(period, language), from, to }),
            `${t('header.layout', { layout: REPORT_LAYOUTS[id].name[language], version: REPORT_LAYOUTS[id].version })} · ${t('header.mediators', { count: loaded.mediators })}`,
          ]
        : [],
    [loaded, t, period, language, from, to],
  );

  const save = async (name: string, bytes: Uint8Array, type: string) => {
    const saved = await platform.files.saveFile(name, bytes, type);
    void (saved ? message.success(t('export.done', { name })) : message.info(t('export.cancelled')));
    return saved !== null;
  };
  const baseName = `${t('docTitle')}-${periodCode(period)}`.replace(/[\\/:*?"<>|]/g, '');

  const runExport = async (kind: 'xlsx' | 'pdf', make: () => Promise<Uint8Array>, name: string, type: string) => {
    setExporting(kind);
    setExportError(null);
    try {
      await save(name, await make(), type);
    } catch (error) {
      setExportError(t('export.failed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setExporting(null);
    }
  };

  const exportXlsx = () =>
    runExport(
      'xlsx',
      async () => {
        const { reportWorkbook } = await import('./xlsx');
        const sheets = [LAYOUT_A, LAYOUT_B].map((l) => ({ name: l.name[language].slice(0, 31), title: t('docTitle'), subtitle: headerFor(l.id), rows: reportRows(loaded?.report.byCategory ?? ({} as Record<CategoryCode, Figures>), l) }));
        return reportWorkbook(sheets, language, new Date());
      },
      `${baseName}.xlsx`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );

  const exportPdf = () =>
    runExport(
      'pdf',
      async () => {
        const [{ renderReportPdf }, { agreementFonts }] = await Promise.all([import('../../../shared/statistics/report/pdf'), import('../../kit/pdf-fonts')]);
        return renderReportPdf({ language, title: t('docTitle'), subtitle: headerFor(layout), rows }, await agreementFonts(), { creationDate: new Date() });
      },
      `${baseName}-${layout}.pdf`,
      'application/pdf',
    );

  const download = async (filing: ReportFiling) => {
    await save(filingFileName(filing), filingFileBytes(filing), 'application/json');
  };

  const file = useCommand(
    async (): Promise<StoreResult<ReportFiling | null>> => {
      const answer = await ask();
      if (answer === null) return { ok: true as const, value: null };
      return fileReport(data, platform, user, period, answer.passphrase !== undefined ? { passphrase: answer.passphrase } : {});
    },
    {
      onDone: async (filing) => {
        if (!filing) return;
        await download(filing);
        setRevision((r) => r + 1);
      },
    },
  );

  const answer = useCommand(
    async (): Promise<StoreResult<ReportFiling | null>> => {
      const opened = await platform.files.openFile({ accept: ['.json'], title: t('filing.answerTitle') });
      if (!opened) return { ok: true as const, value: null };
      return importAnswer(data, user, await opened.readBytes());
    },
    {
      onDone: (filing) => {
        if (!filing) return;
        void message.success(t('filing.answerImported', { version: filing.signed.snapshot.version }));
        setRevision((r) => r + 1);
      },
    },
  );

  const setView = (p: ReportPeriod, l: ReportLayoutId) => setParams(viewParams(p, l));
  const onAnswered = useCallback(() => setRevision((r) => r + 1), []);
  const server = useServerFiling(user, period, latest, filings, onAnswered);

  return {
    period,
    layout,
    setView,
    loaded,
    loadError,
    rows,
    filings,
    latest,
    diff,
    filedRows,
    caseNumbers,
    header: headerFor(layout),
    exporting,
    exportError,
    exportXlsx,
    exportPdf,
    file,
    answer,
    download,
    prompt,
    server,
  };
}

/** When a filing was made, in the user's words. */
export function filedAt(filing: ReportFiling, language: 'zh-CN' | 'en-US'): string {
  return formatDateTime(filing.signed.snapshot.lockedAt, language);
}
