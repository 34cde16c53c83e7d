// Results of the shell: an address with no page. The guards every feature uses (a role without
// access, a feature this kind of institution does not have) live in the auth feature and are
// re-exported here for screens that still import them from the shell.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

export { NoPermission, RequireKindFeature, RequireRole } from '../features/auth';

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
        <Button type="primary" onClick={() => navigate('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
