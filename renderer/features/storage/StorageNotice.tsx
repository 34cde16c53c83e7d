// The signed-in frame's storage notices, above every screen and only when there is something to
// say: to administrators in browser mode, that the browser may evict the store (until they
// acknowledge it in this start of the app); to everyone, that the store is near or at its quota;
// to administrators, that there is no recent backup, with a link to make one. Notes, not alerts:
// they do not interrupt a screen reader and name no control of the screen below.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { formatSize } from '../../kit/format';
import { STORAGE_NS } from './names';
import { storageNotices, type StorageNoticeItem } from './notices';
import { rememberOrigin, pageOrigin } from './origins';
import { LARGE_FILE_BYTES, percentUsed } from './quota';
import { useStorageStatus } from './useStorageStatus';

const BACKUP_PATH = '/backup';
const ACKNOWLEDGED_KEY = 'mw.storage.persistenceAcknowledged';

function acknowledgedBefore(): boolean {
  try {
    return sessionStorage.getItem(ACKNOWLEDGED_KEY) === '1';
  } catch {
    return false;
  }
}

function remember(): void {
  try {
    sessionStorage.setItem(ACKNOWLEDGED_KEY, '1');
  } catch {
    // Without session storage the notice simply stays hidden until the page is reloaded.
  }
}

/** The signed-in frame shows a workstation with data: this origin's store is one to remember. */
function useRememberedOrigin(host: 'browser' | 'electron'): void {
  useEffect(() => {
    const page = host === 'browser' ? pageOrigin() : null;
    if (page) rememberOrigin(page.jar, page.origin);
  }, [host]);
}

function NoticeItem({ item, admin, onAcknowledge }: { item: StorageNoticeItem; admin: boolean; onAcknowledge: () => void }) {
  const { t } = useTranslation(STORAGE_NS);
  const language = useLang();
  if (item.key === 'persistence') {
    return (
      <Alert
        type="warning"
        showIcon
        role="note"
        data-testid="storage-notice-persistence"
        message={t('notice.persistence.title')}
        description={t('notice.persistence.body')}
        action={
          <Space direction="vertical" align="end">
            <Link to={BACKUP_PATH}>{t('notice.persistence.details')}</Link>
            <Button size="small" onClick={onAcknowledge}>
              {t('notice.persistence.acknowledge')}
            </Button>
          </Space>
        }
      />
    );
  }
  if (item.key === 'space') {
    const values = { percent: percentUsed(item.usage, item.quota), used: formatSize(item.usage, language), quota: formatSize(item.quota, language), large: formatSize(LARGE_FILE_BYTES, language) };
    return (
      <Alert
        type={item.level === 'full' ? 'error' : 'warning'}
        showIcon
        role="note"
        data-testid="storage-notice-space"
        message={t(`notice.space.${item.level}`, values)}
        description={t(admin ? 'notice.space.whatToDoAdmin' : 'notice.space.whatToDo')}
        action={admin ? <Link to={BACKUP_PATH}>{t('notice.backup.link')}</Link> : undefined}
      />
    );
  }
  const { reminder } = item;
  return (
    <Alert
      type="info"
      showIcon
      role="note"
      data-testid="storage-notice-backup"
      message={reminder.kind === 'none' ? t('notice.backup.none') : t('notice.backup.stale', { days: reminder.days, time: formatDateTime(reminder.at, language) })}
      description={t('notice.backup.remind')}
      action={<Link to={BACKUP_PATH}>{t('notice.backup.link')}</Link>}
    />
  );
}

/** Mounted once in the signed-in frame, above the screen; `admin`: the signed-in user administers the workstation. */
export function StorageNotice({ admin }: { admin: boolean }) {
  const { t } = useTranslation(STORAGE_NS);
  const { platform } = useServices();
  const status = useStorageStatus();
  const [acknowledged, setAcknowledged] = useState(acknowledgedBefore);
  useRememberedOrigin(platform.kind);
  const items = storageNotices(status, { admin, host: platform.kind, persistenceAcknowledged: acknowledged });
  if (items.length === 0) return null;
  const acknowledge = () => {
    remember();
    setAcknowledged(true);
  };
  return (
    <div aria-label={t('notice.label')} role="group" data-testid="storage-notices" style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 16 }}>
      {items.map((item) => (
        <NoticeItem key={item.key} item={item} admin={admin} onAcknowledge={acknowledge} />
      ))}
    </div>
  );
}
