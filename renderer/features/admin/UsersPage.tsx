// User administration (administrators only): list, add, change role, deactivate/reactivate,
// reset password. The accounts store checks the actor's role, audits every change and refuses a save
// based on a stale version; a refusal reloads the list so the administrator sees the latest.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import { translateCode } from '../../kit/translate';
import { createUser, listUsers, RequireRole, updateUser, useSession } from '../auth';
import { AddUserDialog, ResetPasswordDialog, RoleDialog } from './UserDialogs';

function UsersScreen() {
  const { t } = useTranslation(['admin', 'domain', 'auth']);
  const { data } = useServices();
  const { user: me, reload: reloadSession } = useSession();
  const { message } = App.useApp();
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [roleOf, setRoleOf] = useState<User | null>(null);
  const [passwordOf, setPasswordOf] = useState<User | null>(null);

  const load = useCallback(async () => {
    try {
      setUsers(await listUsers(data));
      setLoadError(null);
    } catch (error) {
      setLoadError(t('admin:loadFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }, [data, t]);

  useEffect(() => {
    void load();
  }, [load]);

  /** A save refused because the account changed meanwhile: close the dialog and show the latest. */
  const guard = async (result: Awaited<ReturnType<typeof updateUser>>) => {
    if (!result.ok && (result.error.code === 'user.changed' || result.error.code === 'user.not_found')) {
      message.error(translateCode(t, result.error.code, result.error.params));
      setRoleOf(null);
      setPasswordOf(null);
      await load();
    }
    return result;
  };

  const afterChange = async (changed: User) => {
    await load();
    // The administrator may have changed their own account.
    if (changed.id === me.id) await reloadSession();
  };

  const setActive = async (user: User, active: boolean) => {
    const result = await updateUser(data, me, user.id, user.version, { active });
    if (result.ok) {
      message.success(t(active ? 'admin:saved.reactivated' : 'admin:saved.deactivated', { name: user.displayName }));
      await afterChange(result.value);
    } else {
      message.error(translateCode(t, result.error.code, result.error.params));
      await load();
    }
  };

  const columns: TableProps<User>['columns'] = [
    {
      title: t('admin:column.displayName'),
      dataIndex: 'displayName',
      render: (_value, user) => (
        <>
          {user.displayName}
          {user.id === me.id ? t('admin:you') : ''}
        </>
      ),
    },
    { title: t('admin:column.username'), dataIndex: 'username' },
    {
      title: t('admin:column.role'),
      dataIndex: 'role',
      render: (_value, user) => <Tag color={user.role === 'admin' ? 'gold' : 'blue'}>{t(`domain:role.${user.role}`)}</Tag>,
    },
    { title: t('admin:column.licenseNo'), dataIndex: 'licenseNo', render: (value?: string) => value || '—' },
    {
      title: t('admin:column.active'),
      dataIndex: 'active',
      render: (_value, user) => (user.active ? <Tag color="green">{t('admin:status.active')}</Tag> : <Tag>{t('admin:status.inactive')}</Tag>),
    },
    {
      title: t('admin:column.actions'),
      key: 'actions',
      render: (_value, user) => (
        <Space wrap size="small">
          <Button size="small" aria-label={t('admin:actions.changeRoleOf', { name: user.displayName })} onClick={() => setRoleOf(user)}>
            {t('admin:actions.changeRole')}
          </Button>
          <Button size="small" aria-label={t('admin:actions.resetPasswordOf', { name: user.displayName })} onClick={() => setPasswordOf(user)}>
            {t('admin:actions.resetPassword')}
          </Button>
          {user.active ? (
            <Popconfirm
              title={t('admin:actions.deactivateConfirm', { name: user.displayName })}
              okText={t('admin:actions.deactivate')}
              cancelText={t('admin:actions.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setActive(user, false)}
            >
              <Button size="small" danger aria-label={t('admin:actions.deactivateOf', { name: user.displayName })}>
                {t('admin:actions.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" aria-label={t('admin:actions.reactivateOf', { name: user.displayName })} onClick={() => setActive(user, true)}>
              {t('admin:actions.reactivate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
          {t('admin:title')}
        </Typography.Title>
        <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setAdding(true)}>
          {t('admin:add')}
        </Button>
      </div>
      <Typography.Paragraph>{t('admin:intro')}</Typography.Paragraph>
      {loadError && <Alert type="error" showIcon role="alert" message={loadError} />}
      <Table<User> rowKey="id" columns={columns} dataSource={users ?? []} loading={users === null && !loadError} pagination={false} />
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        save={(input) => createUser(data, me, input)}
        onSaved={async (user) => {
          setAdding(false);
          message.success(t('admin:saved.created', { name: user.displayName }));
          await load();
        }}
      />
      <RoleDialog
        user={roleOf}
        onClose={() => setRoleOf(null)}
        save={async (user, role) => guard(await updateUser(data, me, user.id, user.version, { role }))}
        onSaved={async (user) => {
          setRoleOf(null);
          message.success(t('admin:saved.role', { name: user.displayName, role: t(`domain:role.${user.role}`) }));
          await afterChange(user);
        }}
      />
      <ResetPasswordDialog
        user={passwordOf}
        onClose={() => setPasswordOf(null)}
        save={async (user, password) => guard(await updateUser(data, me, user.id, user.version, { password }))}
        onSaved={async (user) => {
          setPasswordOf(null);
          message.success(t('admin:saved.password', { name: user.displayName }));
          await afterChange(user);
        }}
      />
    </Space>
  );
}

export default function UsersPage() {
  return (
    <RequireRole roles={['admin']}>
      <UsersScreen />
    </RequireRole>
  );
}
