// One chart with its data table beside it (a real <table> with a caption, for those who read rather
// than look, and for screen readers). A click on a bar or slice, or on a row's name in the table,
// opens the case list of that row. ECharts is loaded on first draw (./echarts.ts).
import { useEffect, useRef, useState } from 'react';
import { Alert, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCount } from '../../kit/format';
import { useLang } from '../../kit/useLang';
import { chartOption, type ChartData } from './chart-data';

const tableStyle = { borderCollapse: 'collapse', minWidth: 260, fontSize: 13 } as const;
const cellStyle = { borderBottom: '1px solid #f0f0f0', padding: '4px 8px', textAlign: 'left' } as const;
const numberStyle = { ...cellStyle, textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

function useDrawnChart(chart: ChartData, onOpen: (href: string) => void): { ref: React.RefObject<HTMLDivElement | null>; failed: boolean } {
  const ref = useRef<HTMLDivElement | null>(null);
  const [failed, setFailed] = useState(false);
  const open = useRef(onOpen);
  useEffect(() => {
    open.current = onOpen;
  }, [onOpen]);
  useEffect(() => {
    const element = ref.current;
    if (!element || chart.rows.length === 0) return;
    let disposed = false;
    let dispose = () => {};
    import('./echarts').then(
      ({ drawChart }) => {
        if (disposed) return;
        const drawn = drawChart(element, chartOption(chart), (row, series) => {
          const href = chart.rows[row]?.href;
          if (href && (chart.kind === 'pie' || chart.series[series]?.opens)) open.current(href);
        });
        const resize = () => drawn.resize();
        window.addEventListener('resize', resize);
        dispose = () => {
          window.removeEventListener('resize', resize);
          drawn.dispose();
        };
      },
      () => !disposed && setFailed(true),
    );
    return () => {
      disposed = true;
      dispose();
    };
  }, [chart]);
  return { ref, failed };
}

export function ChartPanel({ chart, onOpen, note }: { chart: ChartData; onOpen: (href: string) => void; note?: string }) {
  const { t } = useTranslation('statistics');
  const language = useLang();
  const { ref, failed } = useDrawnChart(chart, onOpen);
  const height = chart.kind === 'hbar' ? Math.max(160, chart.rows.length * 28 + 60) : 280;
  return (
    <Card
      size="small"
      role="region"
      aria-labelledby={`chart-title-${chart.id}`}
      title={
        <h2 id={`chart-title-${chart.id}`} style={{ margin: 0, fontSize: 16 }}>
          {chart.title}
        </h2>
      }
    >
      {chart.rows.length === 0 ? (
        <Typography.Text type="secondary">{t('chart.empty')}</Typography.Text>
      ) : (
        <Flex wrap gap={24} align="flex-start">
          <div style={{ flex: '1 1 420px', minWidth: 300 }}>
            {failed && <Alert type="warning" showIcon message={t('chart.loadFailed')} />}
            <div ref={ref} role="img" aria-label={t('chart.imageLabel', { title: chart.title })} data-testid={`chart-${chart.id}`} style={{ width: '100%', height }} />
          </div>
          <div style={{ flex: '0 1 auto', overflowX: 'auto' }}>
            <table style={tableStyle} data-testid={`table-${chart.id}`}>
              <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 500, paddingBottom: 4 }}>{t('chart.tableCaption', { title: chart.title })}</caption>
              <thead>
                <tr>
                  <th scope="col" style={cellStyle}>
                    {t('chart.item')}
                  </th>
                  {chart.series.map((s) => (
                    <th key={s.name} scope="col" style={numberStyle}>
                      {s.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {chart.rows.map((row, i) => (
                  <tr key={row.label}>
                    <th scope="row" style={{ ...cellStyle, fontWeight: 400 }}>
                      {row.href ? (
                        <Link to={`/cases?${row.href}`} aria-label={t('chart.openCases', { label: row.label })}>
                          {row.label}
                        </Link>
                      ) : (
                        row.label
                      )}
                    </th>
                    {chart.series.map((s) => (
                      <td key={s.name} style={numberStyle}>
                        {formatCount(s.values[i] ?? 0, language)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {note && (
              <Typography.Paragraph type="secondary" style={{ maxWidth: 360, fontSize: 12, marginTop: 8, marginBottom: 0 }}>
                {note}
              </Typography.Paragraph>
            )}
          </div>
        </Flex>
      )}
    </Card>
  );
}
