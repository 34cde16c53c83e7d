// The server account's username and password, as the join and sign-in forms ask for them.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export function CredentialFields({ usernameLabel }: { usernameLabel: string }) {
  const { t } = useTranslation('center');
  return (
    <>
      <Form.Item name="username" label={usernameLabel} rules={[{ required: true, whitespace: true, message: t('card.required', { field: usernameLabel }) }]}>
        <Input autoComplete="username" />
      </Form.Item>
      <Form.Item name="password" label={t('card.password')} rules={[{ required: true, message: t('card.required', { field: t('card.password') }) }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
    </>
  );
}
