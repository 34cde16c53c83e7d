// The bureau's area report (issue 19 item 3): the period and layout from the URL, the report of
// the bureau's area asked of the center server (computed there, in PostgreSQL), its rows summed
// over the institutions and the institutions side by side, and the XLSX export of the sum.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { areaReportResponseSchema, type AreaReportResponse } from '../../../shared/server/api';
import { fullByCategory, LAYOUT_A, LAYOUT_B, periodCode, periodName, periodRange, REPORT_LAYOUTS, reportRows, type ReportLayoutId, type ReportPeriod, type ReportTableRow } from '../../../shared/statistics/report';
import { useServices } from '../../app/services';
import { institutionToday } from '../../kit/format';
import { StoreError } from '../../kit/result';
import { useLang } from '../../kit/useLang';
import { centerCall, useCenter } from '../center';
import { parseLayout, parsePeriod, viewParams } from './period-param';

export interface AreaReportController {
  period: ReportPeriod;
  layout: ReportLayoutId;
  setView(period: ReportPeriod, layout: ReportLayoutId): void;
  /** Signed in to the center server now. */
  online: boolean;
  loaded: AreaReportResponse | null;
  loading: boolean;
  loadError: StoreError | null;
  reload(): void;
  /** The sum over the area's institutions, by the layout's rows. */
  rows: ReportTableRow[];
  /** The layout row compared across institutions (the total by default). */
  compareRow: string;
  setCompareRow(key: string): void;
  /** One row per institution: its figures of the compared row; the area's sum first. */
  sideBySide: ReportTableRow[];
  header: string[];
  exporting: boolean;
  exportError: string | null;
  exportXlsx(): Promise<void>;
}

/** Each institution's figures of one layout row (its key; 'total' the total), the area's sum first. */
export function institutionRows(report: AreaReportResponse, layoutId: ReportLayoutId, rowKey: string, totalName: string): ReportTableRow[] {
  const layout = REPORT_LAYOUTS[layoutId];
  const pick = (byCategory: AreaReportResponse['total']): ReportTableRow => {
    const all = reportRows(byCategory, layout);
    return (all.find((r) => r.key === rowKey) ?? all[0]) as ReportTableRow;
  };
  const name = (text: string) => ({ 'zh-CN': text, 'en-US': text });
  return [
    { key: 'total', name: name(totalName), level: 0, total: true, figures: pick(report.total).figures },
    ...report.institutions.map((i): ReportTableRow => ({ key: i.id, name: name(i.name), level: 0, figures: pick(fullByCategory(i.byCategory)).figures })),
  ];
}

export function useAreaReport(): AreaReportController {
  const { t } = useTranslation('report');
  const language = useLang();
  const { data, platform } = useServices();
  const { state } = useCenter();
  const { message } = App.useApp();
  const online = state.session && (state.phase === 'connected' || state.phase === 'syncing');
  const call = useMemo(() => centerCall(data, platform.centerServer), [data, platform]);
  const [params, setParams] = useSearchParams();
  const periodParam = params.get('period');
  const period = useMemo(() => parsePeriod(periodParam, institutionToday()), [periodParam]);
  const layout = parseLayout(params.get('layout'));
  const [loaded, setLoaded] = useState<AreaReportResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<StoreError | null>(null);
  const [compareRow, setCompareRow] = useState('total');
  const [revision, setRevision] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    if (!online) return;
    let live = true;
    setLoading(true);
    call('GET', `/oversight/report?period=${periodCode(period)}`, areaReportResponseSchema)
      .then((report) => {
        if (!live) return;
        setLoaded(report);
        setLoadError(null);
      })
      .catch((error: unknown) => {
        if (!live) return;
        setLoaded(null);
        setLoadError(error instanceof StoreError ? error : new StoreError('center.unreachable', String(error)));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [call, online, period, revision]);

  const current = loaded && loaded.period.kind === period.kind && loaded.period.year === period.year && loaded.period.index === period.index ? loaded : null;
  const rows = useMemo(() => (current ? reportRows(current.total, REPORT_LAYOUTS[layout]) : []), [current, layout]);
  const totalName = t('area.sum');
  const sideBySide = useMemo(() => (current ? institutionRows(current, layout, compareRow, totalName) : []), [current, layout, compareRow, totalName]);

  const { from, to } = periodRange(period);
  const headerFor = useCallback(
    (id: ReportLayoutId) =>
      current
        ? [
            t('area.headerArea', { prefix: current.areaPrefix, count: current.institutions.length }),
            t('header.period', { period: periodName(period, language), from, to }),
            `${t('header.layout', { layout: REPORT_LAYOUTS[id].name[language], version: REPORT_LAYOUTS[id].version })} · ${t('header.mediators', { count: current.institutions.reduce((n, i) => n + i.mediators, 0) })}`,
          ]
        : [],
    [current, t, period, language, from, to],
  );

  const exportXlsx = async () => {
    if (!current) return;
    setExporting(true);
    setExportError(null);
    try {
      const { reportWorkbook } = await import('./xlsx');
      const sheets = [
        ...[LAYOUT_A, LAYOUT_B].map((l) => ({ name: l.name[language].slice(0, 31), title: t('area.docTitle'), subtitle: headerFor(l.id), rows: reportRows(current.total, l) })),
        { name: t('area.sheetInstitutions').slice(0, 31), title: t('area.docTitle'), subtitle: headerFor('A'), rows: institutionRows(current, 'A', 'total', totalName), rowHeading: t('area.institution') },
      ];
      const name = `${t('area.docTitle')}-${current.areaPrefix}-${periodCode(period)}.xlsx`.replace(/[\\/:*?"<>|]/g, '');
      const saved = await platform.files.saveFile(name, await reportWorkbook(sheets, language, new Date()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      void (saved ? message.success(t('export.done', { name })) : message.info(t('export.cancelled')));
    } catch (error) {
      setExportError(t('export.failed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setExporting(false);
    }
  };

  return {
    period,
    layout,
    setView: (p, l) => setParams(viewParams(p, l)),
    online,
    loaded: current,
    loading,
    loadError,
    reload: () => setRevision((r) => r + 1),
    rows,
    compareRow,
    setCompareRow,
    sideBySide,
    header: headerFor(layout),
    exporting,
    exportError,
    exportXlsx,
  };
}
