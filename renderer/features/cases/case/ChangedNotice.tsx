// Shown when a save found the case changed by someone else since this window read it. Nothing was
// written; the user's edits stay in the form, and reloading brings the other changes in.
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/domain/model';
import { formatDateTime } from '../../../kit/time';
import { useLang } from '../../../kit/useLang';
import type { UsersIndex } from '../common/useUsers';

export function ChangedNotice({ current, users, onReload, keepsEdits }: { current: Case; users: UsersIndex; onReload(): void; keepsEdits: boolean }) {
  const { t } = useTranslation('cases');
  const language = useLang();
  const name = users.names.get(current.updatedBy) ?? current.updatedBy;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      message={t('changed.title')}
      description={t(keepsEdits ? 'changed.descriptionEdits' : 'changed.description', { name, at: formatDateTime(current.updatedAt, language) })}
      action={
        <Button size="small" onClick={onReload}>
          {t('changed.reload')}
        </Button>
      }
    />
  );
}
