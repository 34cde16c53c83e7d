// The Settings card of the center server: join (administrators), or, once joined, the server and
// its pinned certificate, signing in through it, syncing, the conflicts to decide, leaving.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { StoreError } from '../../kit/result';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { useSession } from '../auth';
import { ConflictList } from './ConflictList';
import { CredentialFields } from './CredentialFields';
import { CenterStatus } from './CenterIndicator';
import { JoinForm } from './JoinForm';
import { ServerAccounts } from './ServerAccounts';
import type { ConnectionState } from './connection';
import { leaveCenter, type CenterLink } from './link';
import { linkRefusal } from './join';
import { useCenter, useRefusalText } from './useCenter';

function LinkDetails({ link }: { link: CenterLink }) {
  const { t } = useTranslation('center');
  const language = useLang();
  return (
    <Descriptions bordered size="small" column={1}>
      <Descriptions.Item label={t('card.address')}>{link.address}</Descriptions.Item>
      <Descriptions.Item label={t('card.fingerprint')}>
        <Typography.Text code style={{ wordBreak: 'break-all' }}>
          {link.fingerprint}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('card.institution')}>
        {link.institutionName}（{link.creditCode}）
      </Descriptions.Item>
      <Descriptions.Item label={t('card.joinedAt')}>{formatDateTime(link.joinedAt, language)}</Descriptions.Item>
      <Descriptions.Item label={t('card.grace')}>{t('card.graceDays', { days: link.offlineGraceDays })}</Descriptions.Item>
      <Descriptions.Item label={t('card.workstation')}>{link.workstationId}</Descriptions.Item>
    </Descriptions>
  );
}

function SignInForm() {
  const { t } = useTranslation('center');
  const { connection } = useCenter();
  const { message } = App.useApp();
  const refusalText = useRefusalText();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<StoreError | null>(null);
  const [form] = Form.useForm<{ username: string; password: string }>();
  const signIn = async ({ username, password }: { username: string; password: string }) => {
    setBusy(true);
    setRefusal(null);
    try {
      const result = await connection.signIn(username.trim(), password);
      form.resetFields(['password']);
      message.success(t(result.mode === 'online' ? 'card.signedInOnline' : 'card.signedInOffline', { name: result.account.displayName }));
    } catch (error) {
      setRefusal(linkRefusal(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(values) => void signIn(values)} aria-label={t('card.signInTitle')}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('card.signInTitle')}
      </Typography.Title>
      <CredentialFields usernameLabel={t('card.serverUsername')} />
      {refusal && <Alert type="error" showIcon role="alert" message={t('card.signInRefused')} description={refusalText(refusal)} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('card.signIn')}
      </Button>
    </Form>
  );
}

/** Changes the server refused, each with the server's reason. */
function RejectedList({ rejected, onClear }: { rejected: ConnectionState['rejected']; onClear: () => void }) {
  const { t } = useTranslation('center');
  const refusalText = useRefusalText();
  if (rejected.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      message={t('card.rejectedTitle')}
      action={
        <Button size="small" onClick={onClear}>
          {t('card.rejectedClear')}
        </Button>
      }
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {rejected.map((r) => (
            <li key={`${r.kind}/${r.id}/${r.at}`}>
              {t('conflicts.record', { kind: t(`conflicts.kind.${r.kind}`, { defaultValue: r.kind }), id: r.id })}：{refusalText(new StoreError(r.problem.key, r.problem.key, r.problem.params ?? {}, [], r.problem.items ?? []))}
            </li>
          ))}
        </ul>
      }
    />
  );
}


function Joined({ link }: { link: CenterLink }) {
  const { t } = useTranslation('center');
  const { data } = useServices();
  const { user } = useSession();
  const { connection, state } = useCenter();
  const { message } = App.useApp();
  const refusalText = useRefusalText();
  const [leaveError, setLeaveError] = useState<StoreError | null>(null);
  const leave = async () => {
    await connection.signOut();
    const result = await leaveCenter(data, user);
    if (!result.ok) return setLeaveError(result.error);
    await connection.refresh();
    message.success(t('card.left'));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <LinkDetails link={link} />
      <CenterStatus />
      {state.problem && state.phase !== 'connected' && <Alert type="warning" showIcon message={refusalText(state.problem)} />}
      {state.account && (
        <Typography.Text>{t('card.signedInAs', { name: state.account.displayName })}</Typography.Text>
      )}
      {state.session ? (
        <Space wrap>
          <Button onClick={() => void connection.syncNow()} loading={state.phase === 'syncing'}>
            {t('card.syncNow')}
          </Button>
          <Button onClick={() => void connection.signOut()}>{t('card.signOut')}</Button>
        </Space>
      ) : (
        <SignInForm />
      )}
      <ServerAccounts />
      <ConflictList />
      <RejectedList rejected={state.rejected} onClear={() => void connection.clearRejected()} />
      {state.pending > 0 && <Alert type="info" showIcon message={t('card.pendingNote', { count: state.pending })} />}
      {user.role === 'admin' && (
        <Popconfirm title={t('card.leaveConfirm')} okText={t('card.leaveOk')} cancelText={t('card.leaveCancel')} onConfirm={() => void leave()}>
          <Button danger>{t('card.leave')}</Button>
        </Popconfirm>
      )}
      {leaveError && <Alert type="error" showIcon role="alert" message={refusalText(leaveError)} />}
    </Space>
  );
}

export function CenterCard() {
  const { t } = useTranslation('center');
  const { user } = useSession();
  const { state } = useCenter();
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('card.title')}</Typography.Title>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('card.intro')}</Typography.Paragraph>
        {state.link ? (
          <Joined link={state.link} />
        ) : (
          <>
            <Alert type="info" showIcon message={t('card.notJoined')} />
            {user.role === 'admin' ? <JoinForm /> : <Typography.Text>{t('card.adminOnly')}</Typography.Text>}
          </>
        )}
      </Space>
    </Card>
  );
}
