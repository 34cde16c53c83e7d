// Who mediates the case. Administrators assign any active mediator or lawyer (or none); a mediator
// or lawyer takes an unassigned case or hands their own back to the pool.
import { App, Button, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case, User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { assignMediator } from '../../case-store';
import type { UsersIndex } from '../common/useUsers';
import { useCaseSave } from './useCaseSave';

const NONE = '__none__';

export interface AssignMediatorProps {
  record: Case;
  user: User;
  users: UsersIndex;
  canEdit: boolean;
  onSaved(saved: Case): void;
  onChanged(current: Case): void;
}

export function AssignMediator({ record, user, users, canEdit, onSaved, onChanged }: AssignMediatorProps) {
  const { t } = useTranslation('cases');
  const { data } = useServices();
  const { message } = App.useApp();
  const { busy, save: saveCase } = useCaseSave({ onSaved, onChanged, onRefused: (text) => void message.error(text) });
  const current = record.mediatorId ? (users.names.get(record.mediatorId) ?? record.mediatorId) : null;

  const save = (mediatorId: string | null) =>
    saveCase(
      () => assignMediator(data, user, record.id, record.version, mediatorId),
      () => void message.success(mediatorId ? t('assign.done', { name: users.byId.get(mediatorId)?.displayName ?? mediatorId }) : t('assign.released')),
    );

  const label = <Typography.Text type="secondary">{t('assign.label')}:</Typography.Text>;
  if (canEdit && user.role === 'admin') {
    return (
      <Flex gap={8} align="center">
        {label}
        <Select
          aria-label={t('assign.label')}
          value={record.mediatorId ?? NONE}
          loading={busy}
          disabled={busy}
          style={{ minWidth: 180 }}
          options={[{ value: NONE, label: t('list.unassigned') }, ...users.assignable.map((u) => ({ value: u.id, label: u.displayName }))]}
          onChange={(value: string) => void save(value === NONE ? null : value)}
        />
      </Flex>
    );
  }
  return (
    <Flex gap={8} align="center">
      {label}
      <Typography.Text data-testid="case-mediator">{current ?? t('list.unassigned')}</Typography.Text>
      {canEdit && (user.role === 'mediator' || user.role === 'lawyer') && record.mediatorId === null && (
        <Button size="small" loading={busy} onClick={() => void save(user.id)}>
          {t('assign.take')}
        </Button>
      )}
      {canEdit && record.mediatorId === user.id && user.role !== 'admin' && (
        <Button size="small" loading={busy} onClick={() => void save(null)}>
          {t('assign.release')}
        </Button>
      )}
    </Flex>
  );
}
