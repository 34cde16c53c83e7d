// Results shared by every feature: a role without access, and an address with no page.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { ReactNode } from 'react';
import type { Role } from '../../shared/domain/model';
import { useSession } from '../features/auth/session';

export function NoPermission() {
  const { t } = useTranslation(['app', 'domain']);
  const { user } = useSession();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('app:noPermission.title')}
      subTitle={t('app:noPermission.description', { role: t(`domain:role.${user.role}`) })}
      extra={
        <Button type="primary" onClick={() => navigate('/cases')}>
          {t('app:noPermission.back')}
        </Button>
      }
    />
  );
}

/** Renders children only for the given roles; everyone else gets the "no permission" result. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  return roles.includes(user.role) ? <>{children}</> : <NoPermission />;
}

export function NotFound() {
  const { t } = useTranslation('app');
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.description', { path: location.pathname })}
      extra={
        <Button type="primary" onClick={() => navigate('/cases')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
