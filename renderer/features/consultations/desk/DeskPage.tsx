// The consultation desk: the register with its filters and total, "record a consultation", and
// for the administrator the retention setting.
import { useCallback, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../../app/services';
import { formatCount } from '../../../kit/format';
import { useLang } from '../../../kit/useLang';
import { useSession } from '../../auth';
import { mayRecordConsultation, maySetRetention } from '../permissions';
import { DeskFilters } from './DeskFilters';
import { DeskTable } from './DeskTable';
import { RetentionCard } from './RetentionCard';
import { useDeskPages } from './useDeskPages';
import { useRetentionAtSignIn } from './useRetentionAtSignIn';
import { hasFilters, paramsOf, queryFromParams } from './view';
import type { ConsultationQuery } from '../query';

export default function DeskPage() {
  const { t } = useTranslation('consultations');
  const language = useLang();
  const { data } = useServices();
  const { user, institution } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const query = useMemo(() => queryFromParams(new URLSearchParams(key)), [key]);
  const pages = useDeskPages(institution.creditCode, query, key);
  const { retry } = pages;
  useRetentionAtSignIn(data, user, retry);
  const onChange = useCallback((patch: Partial<ConsultationQuery>) => setParams(paramsOf({ ...query, ...patch }), { replace: true }), [query, setParams]);
  const filtered = hasFilters(query);
  const total = pages.total === null ? null : formatCount(pages.total, language);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
          {t('desk.title')}
        </Typography.Title>
        {mayRecordConsultation(user) && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/consultations/new')}>
            {t('desk.record')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('desk.intro')}
      </Typography.Paragraph>
      <DeskFilters query={query} onChange={onChange} />
      <Typography.Text role="status" aria-live="polite" data-testid="consultation-count">
        {total === null ? t('desk.counting') : filtered ? t('desk.countFiltered', { count: total }) : t('desk.countAll', { count: total })}
      </Typography.Text>
      {pages.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('desk.loadFailed')}
          description={pages.error instanceof Error ? pages.error.message : String(pages.error)}
          action={<Button onClick={pages.retry}>{t('desk.retry')}</Button>}
        />
      ) : pages.loading ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin aria-label={t('desk.loading')} />
        </Flex>
      ) : pages.rows.length === 0 ? (
        <Empty description={filtered ? t('desk.emptyFiltered') : t('desk.empty')}>
          {filtered && <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('desk.clearFilters')}</Button>}
        </Empty>
      ) : (
        <DeskTable rows={pages.rows} hasMore={pages.hasMore} loadMore={pages.loadMore} />
      )}
      {maySetRetention(user) && <RetentionCard />}
    </Flex>
  );
}
