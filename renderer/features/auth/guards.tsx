// Guards shared by every feature's screens: a role without access, and a feature this kind of
// institution does not have. Each leads back to the start page of the user's kind.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ReactNode } from 'react';
import type { Role } from '../../../shared/domain/model';
import { institutionKindOf, kindProfileOf } from '../../../shared/domain/institution-kinds';
import { useSession } from './context';

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
        <Button type="primary" onClick={() => navigate('/')}>
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

/**
 * Renders children only where the institution's kind has the feature: a court's clerk following an
 * old bookmark to the case list is told so instead of seeing an empty center's screen.
 */
export function RequireKindFeature({ feature, children }: { feature: 'mediatesCases' | 'receivesPackages'; children: ReactNode }) {
  const { t } = useTranslation(['app', 'domain']);
  const { institution } = useSession();
  const navigate = useNavigate();
  if (kindProfileOf(institution)[feature]) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('app:notForKind.title')}
      subTitle={t('app:notForKind.description', { kind: t(`domain:kind.${institutionKindOf(institution)}`) })}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('app:noPermission.back')}
        </Button>
      }
    />
  );
}
