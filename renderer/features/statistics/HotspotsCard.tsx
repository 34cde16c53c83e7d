// Hotspots and early warning (issue 19 item 4): categories and districts where disputes rise
// against the same period a year before, open cases marked at risk of escalation, and repeat
// disputes (cases between the same party, or at the same address). Every line opens the case list
// filtered to the cases it counts: a rising category or district its cases in the period, a
// category's cases at risk its open cases marked at risk, a repeat dispute its cases.
import { useId } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getCategory } from '../../../shared/domain/categories';
import { caseListSearch, RISE_MIN_CASES, type DashboardFilter, type Hotspots, type Period } from '../../../shared/statistics/dashboard';
import { useLang } from '../../kit/useLang';
import type { RepeatLine } from './repeat-lines';

function periodText(period: Period, t: (key: string, values?: Record<string, unknown>) => string): string {
  switch (period.kind) {
    case 'all':
      return t('filters.periodKind.all');
    case 'year':
      return t('filters.yearValue', { year: period.year });
    case 'quarter':
      return `${t('filters.yearValue', { year: period.year })} ${t('filters.quarterValue', { quarter: period.quarter })}`;
    case 'month':
      return `${t('filters.yearValue', { year: period.year })} ${t('filters.monthValue', { month: period.month })}`;
  }
}

function Section({ title, lines, none }: { title: string; lines: React.ReactNode[]; none: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id} style={{ fontSize: 14, margin: '0 0 8px' }}>
        {title}
      </h3>
      {lines.length === 0 ? (
        <Typography.Text type="secondary">{none}</Typography.Text>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HotspotsCard({ hotspots, repeats, filter }: { hotspots: Hotspots; repeats: readonly RepeatLine[] | null; filter: DashboardFilter }) {
  const { t } = useTranslation('statistics');
  const language = useLang();
  const categoryName = (code: string) => getCategory(code)?.name[language] ?? code;
  const none = t('hotspots.none');
  return (
    <Card size="small" role="region" aria-labelledby="hotspots-title" title={<h2 id="hotspots-title" style={{ margin: 0, fontSize: 16 }}>{t('hotspots.title')}</h2>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {hotspots.comparedWith ? t('hotspots.comparedWith', { period: periodText(hotspots.comparedWith, t) }) : t('hotspots.allTime')}
      </Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} md={12} xl={6}>
          <Section
            title={t('hotspots.risingCategories')}
            none={none}
            lines={hotspots.categories.map((r) => (
              <Link key={r.key} to={`/cases?${caseListSearch(filter, { category: r.key })}`}>
                {t('hotspots.rise', { name: categoryName(r.key), current: r.current, before: r.before, increase: r.current - r.before })}
              </Link>
            ))}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Section
            title={t('hotspots.risingDistricts')}
            none={none}
            lines={hotspots.districts.map((r) => (
              <Link key={r.key} to={`/cases?${caseListSearch(filter, { district: r.key })}`}>
                {t('hotspots.rise', { name: r.key, current: r.current, before: r.before, increase: r.current - r.before })}
              </Link>
            ))}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Section
            title={t('hotspots.atRisk')}
            none={none}
            lines={hotspots.atRisk.map((r) => (
              <Link key={r.category} to={`/cases?${caseListSearch(filter, { category: r.category, atRisk: true })}`}>
                {t('hotspots.riskLine', { name: categoryName(r.category), count: r.open })}
              </Link>
            ))}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Section
            title={t('hotspots.repeats')}
            none={repeats === null ? t('loading') : none}
            lines={(repeats ?? []).map((r) => (
              <Link key={r.token} to={`/cases?${caseListSearch(filter, { repeat: r.token })}`}>
                {t(`hotspots.repeatLine.${r.kind}`, { name: r.name, count: r.count })}
              </Link>
            ))}
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
        {t('hotspots.note', { min: RISE_MIN_CASES })}
      </Typography.Paragraph>
    </Card>
  );
}
