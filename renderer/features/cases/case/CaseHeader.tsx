// The case page's top card: number, category, status and what it rests on, the dates, who
// mediates, a notice when the case changed elsewhere, and the lifecycle moves for those who may
// change the case.
import { Alert, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/domain/model';
import { StatusBasisTag } from '../../acts';
import { StatusTag } from '../common/StatusTag';
import { useCategoryName } from '../common/categories';
import { AssignMediator } from './AssignMediator';
import { CaseDeadlines } from './CaseDeadlines';
import { ChangedNotice } from './ChangedNotice';
import { LifecycleActions } from './LifecycleActions';
import type { CasePageModel } from './useCasePage';

export function CaseHeader({ page, record }: { page: CasePageModel; record: Case }) {
  const { t } = useTranslation(['cases', 'domain']);
  const categoryName = useCategoryName();
  const { user, users, canEdit, onSaved, onChanged } = page;
  return (
    <Card>
      <Flex vertical gap={12}>
        <Flex gap={12} align="center" wrap>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }} data-testid="case-number">
            {record.number}
          </Typography.Title>
          <Tag>{categoryName(record.category)}</Tag>
          <span data-testid="case-status">
            <StatusTag status={record.status} />
          </span>
          <StatusBasisTag record={record} />
        </Flex>
        <CaseDeadlines record={record} user={user} settings={page.settings} today={page.today} canEdit={canEdit} onSaved={onSaved} onChanged={onChanged} />
        <AssignMediator record={record} user={user} users={users} canEdit={canEdit} onSaved={onSaved} onChanged={onChanged} />
        {page.changed && <ChangedNotice current={page.changed} users={users} onReload={page.reloadAfterChange} keepsEdits={page.editing} />}
        {canEdit ? (
          <LifecycleActions record={record} user={user} today={page.today} onSaved={onSaved} onChanged={onChanged} />
        ) : (
          <Alert type="info" showIcon message={t('cases:page.readOnly', { role: t(`domain:role.${user.role}`) })} />
        )}
      </Flex>
    </Card>
  );
}
