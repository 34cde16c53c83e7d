// The institution's accounts on the center server, in the Settings card while a director's or an
// administrator's server session is signed in (issue 17 items 8 and 9): who is there, and which of
// them are local accounts of this workstation. The local administrator makes a server account a
// local account here in an explicit step (same id, names and role; a local password): nothing is
// matched by guessing, and the cases that account registers here are its cases on the server.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/server/api';
import { useServices } from '../../app/services';
import type { StoreError } from '../../kit/result';
import { useSession } from '../auth';
import { enableServerAccount, useCenterAccounts } from './accounts';
import { useRefusalText } from './useCenter';

function EnableDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { t } = useTranslation('center');
  const { data } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const refusalText = useRefusalText();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<StoreError | null>(null);
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setRefusal(null);
    const result = await enableServerAccount(data, user, account, password);
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    message.success(t('accounts.enabled', { name: account.displayName, username: account.username }));
    onClose();
  };
  return (
    <Modal open title={t('accounts.enableTitle', { name: account.displayName })} onCancel={onClose} okText={t('accounts.enableOk')} cancelText={t('accounts.cancel')} okButtonProps={{ htmlType: 'submit', form: 'enable-server-account', loading: busy }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('accounts.enableIntro', { username: account.username })}</Typography.Paragraph>
      <Form id="enable-server-account" form={form} layout="vertical" onFinish={(values) => void submit(values)} aria-label={t('accounts.enableTitle', { name: account.displayName })}>
        <Form.Item name="password" label={t('accounts.localPassword')} rules={[{ required: true, message: t('card.required', { field: t('accounts.localPassword') }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('accounts.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('card.required', { field: t('accounts.confirmPassword') }) },
            ({ getFieldValue }) => ({ validator: (_rule, value) => (value && value !== getFieldValue('password') ? Promise.reject(new Error(t('accounts.passwordsDiffer'))) : Promise.resolve()) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon role="alert" message={t('accounts.enableRefused')} description={refusalText(refusal)} />}
    </Modal>
  );
}

export function ServerAccounts() {
  const { t } = useTranslation(['center', 'domain']);
  const { data } = useServices();
  const { user } = useSession();
  const center = useCenterAccounts();
  const refusalText = useRefusalText();
  const [local, setLocal] = useState<ReadonlySet<string>>(new Set());
  const [enabling, setEnabling] = useState<AccountView | null>(null);
  useEffect(() => {
    const read = () => void data.accounts.all().then((all) => setLocal(new Set(all.map((u) => u.id))));
    read();
    return data.changes.subscribe((changes) => {
      if (changes.some((c) => c.kind === 'accounts')) read();
    });
  }, [data]);
  if (!center.manager) return null;
  return (
    <section aria-labelledby="center-accounts-title">
      <Typography.Title level={3} id="center-accounts-title" style={{ fontSize: 16 }}>
        {t('accounts.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('accounts.intro')}</Typography.Paragraph>
      {center.error && <Alert type="warning" showIcon message={refusalText(center.error)} style={{ marginBottom: 8 }} />}
      <Table<AccountView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...center.accounts]}
        locale={{ emptyText: t('accounts.empty') }}
        columns={[
          { key: 'name', title: t('accounts.name'), render: (_v, a) => a.displayName },
          { key: 'username', title: t('accounts.username'), render: (_v, a) => a.username },
          { key: 'role', title: t('accounts.role'), render: (_v, a) => t(`domain:role.${a.role}`) },
          {
            key: 'here',
            title: t('accounts.here'),
            render: (_v, a) =>
              local.has(a.id) ? (
                <Tag color="green">{t('accounts.isLocal')}</Tag>
              ) : !a.active ? (
                <Tag>{t('accounts.inactive')}</Tag>
              ) : user.role === 'admin' ? (
                <Button size="small" aria-label={t('accounts.enableLabel', { name: a.displayName })} onClick={() => setEnabling(a)}>
                  {t('accounts.enable')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('accounts.notLocal')}</Typography.Text>
              ),
          },
        ]}
      />
      {enabling && <EnableDialog account={enabling} onClose={() => setEnabling(null)} />}
    </section>
  );
}
