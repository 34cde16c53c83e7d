// The full-screen lock. It is drawn over the app, which stays mounted underneath (route, open
// dialogs and unsaved input survive); everything else on the page is made inert so that neither
// the mouse nor the keyboard reaches it, and the content is hidden from view.
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Button, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from './context';
import { authErrorText } from './errors';

export function LockScreen() {
  const { t } = useTranslation(['auth', 'domain']);
  const { user, unlock, signOut } = useAuth();
  const [host] = useState(() => {
    const element = document.createElement('div');
    element.dataset.lockScreen = 'true';
    return element;
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();

  useEffect(() => {
    document.body.appendChild(host);
    const madeInert: Element[] = [];
    for (const element of Array.from(document.body.children)) {
      if (element === host || element.hasAttribute('inert')) continue;
      element.setAttribute('inert', '');
      madeInert.push(element);
    }
    return () => {
      for (const element of madeInert) element.removeAttribute('inert');
      host.remove();
    };
  }, [host]);

  const onFinish = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await unlock(password);
      if (!result.ok) {
        setError(authErrorText(t, result.code, result.params));
        form.setFieldValue('password', '');
      }
    } finally {
      setBusy(false);
    }
  };

  return createPortal(
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-screen-title"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 5000,
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(160deg, #0b2545 0%, #13315c 100%)',
      }}
    >
      <div style={{ background: '#fff', borderRadius: 12, padding: 32, width: 'min(420px, 92vw)' }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={3} id="lock-screen-title" style={{ margin: 0 }}>
            <LockOutlined aria-hidden /> {t('auth:lock.title')}
          </Typography.Title>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('auth:lock.description', { name: user?.displayName ?? '', username: user?.username ?? '' })}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} role="alert" />}
          <Form form={form} name="unlock" layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="password"
              label={t('auth:lock.password')}
              rules={[{ required: true, message: t('auth:lock.passwordRequired') }]}
            >
              <Input.Password autoFocus autoComplete="current-password" />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('auth:lock.unlock')}
              </Button>
              <Popconfirm
                title={t('auth:lock.signOutConfirm')}
                okText={t('auth:lock.signOut')}
                cancelText={t('auth:lock.stay')}
                onConfirm={signOut}
                getPopupContainer={() => host}
              >
                <Button>{t('auth:lock.signOutInstead')}</Button>
              </Popconfirm>
            </Space>
          </Form>
        </Space>
      </div>
    </div>,
    host,
  );
}
