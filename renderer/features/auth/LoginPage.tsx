// Sign-in. After signing in the user returns to the address they asked for (?next=), so a
// bookmark to a case works across sign-ins.
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useAuth } from './context';
import { FullPageSpinner } from './session';
import { authErrorText } from './errors';

/**
 * Only addresses inside the app are followed after sign-in (never another origin); otherwise the
 * start page, which depends on the kind of institution (a court has no case list).
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login') || next.startsWith('/setup')) return '/';
  return next;
}

interface Credentials {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation(['auth', 'app']);
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (!auth.loaded) return <FullPageSpinner />;
  if (!auth.institution) return <Navigate to="/setup" replace />;
  if (auth.user) return <Navigate to={next} replace />;

  const onFinish = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const result = await auth.signIn(username.trim(), password);
      if (result.ok) navigate(next, { replace: true });
      else setError(authErrorText(t, result.code, result.params));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 'min(400px, 100%)' }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
              {t('auth:login.title')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Text type="secondary">{auth.institution.name}</Typography.Text>
          {error && <Alert type="error" showIcon message={error} role="alert" />}
          <Form<Credentials> name="sign-in" layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item name="username" label={t('auth:login.username')} rules={[{ required: true, whitespace: true, message: t('auth:login.usernameRequired') }]}>
              <Input autoFocus autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('auth:login.password')} rules={[{ required: true, message: t('auth:login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('auth:login.submit')}
            </Button>
          </Form>
          <Typography.Text type="secondary">{t('auth:login.forgotten')}</Typography.Text>
        </Space>
      </Card>
    </main>
  );
}
