// The case list: filters and sort in the URL, a total, and the virtualized grid.
import { useCallback, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canRegisterCase } from '../../../../shared/domain/permissions';
import { useSession } from '../../auth';
import { InstitutionFiguresCard, SetupChecklist } from '../../home';
import { formatCount, institutionToday } from '../../../kit/format';
import { useLang } from '../../../kit/useLang';
import { useUsers } from '../common/useUsers';
import { CaseFilters } from './CaseFilters';
import { CaseGrid } from './CaseGrid';
import { HandOver } from './HandOver';
import { useCasePages } from './useCasePages';
import { useDistricts } from './useDistricts';
import { CLEAR_FILTERS, hasFilters, paramsForPatch, viewFromParams, viewKey, type ViewPatch } from './view';

export default function CaseListPage() {
  const { t } = useTranslation('cases');
  const language = useLang();
  const { user, settings } = useSession();
  const users = useUsers();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const rawKey = params.toString();
  const view = useMemo(() => viewFromParams(new URLSearchParams(rawKey)), [rawKey]);
  const key = viewKey(view);
  // One "today" per visit of the list; the date rolling over during a session is not worth a re-query.
  const today = useMemo(() => institutionToday(), []);
  const pages = useCasePages(view, key, user, today);
  const districts = useDistricts(user);

  const onChange = useCallback(
    (patch: ViewPatch, options?: { replace?: boolean }) => setParams(paramsForPatch(view, patch), { replace: options?.replace ?? false }),
    [view, setParams],
  );

  const total = pages.count ? formatCount(pages.count.count, language) : null;
  const filtered = hasFilters(view);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
          {t('list.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <HandOver />
          {canRegisterCase(user) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/cases/new')}>
              {t('list.register')}
            </Button>
          )}
        </Flex>
      </Flex>
      <SetupChecklist />
      <InstitutionFiguresCard />
      <CaseFilters
        view={view}
        onChange={onChange}
        users={users}
        districts={districts}
        showMediatorFilter={user.role === 'admin' || user.role === 'clerk' || user.role === 'director'}
      />
      <Typography.Text role="status" aria-live="polite" data-testid="case-count">
        {total === null ? t('list.counting') : filtered ? t('list.countFiltered', { count: total }) : t('list.countAll', { count: total })}
      </Typography.Text>
      {pages.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('list.loadFailed')}
          description={pages.error instanceof Error ? pages.error.message : String(pages.error)}
          action={<Button onClick={pages.retry}>{t('list.retry')}</Button>}
        />
      ) : pages.loading ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin aria-label={t('list.loading')} />
        </Flex>
      ) : pages.rows.length === 0 ? (
        <Empty description={filtered ? t('list.emptyFiltered') : t('list.empty')}>
          {filtered ? (
            <Button onClick={() => onChange(CLEAR_FILTERS)}>
              {t('list.clearFilters')}
            </Button>
          ) : (
            canRegisterCase(user) && (
              <Button type="primary" onClick={() => navigate('/cases/new')}>
                {t('list.register')}
              </Button>
            )
          )}
        </Empty>
      ) : (
        <CaseGrid
          rows={pages.rows}
          totalRows={pages.count?.count}
          hasMore={pages.hasMore}
          loadingMore={pages.loadingMore}
          loadMore={pages.loadMore}
          names={users.names}
          today={today}
          warningDays={settings.deadlineWarningDays}
        />
      )}
    </Flex>
  );
}
