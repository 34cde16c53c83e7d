// The storage card for administrators (on the backup screen): where the data lives (the origin it
// belongs to), whether the browser keeps it for good and what it means when not, the space used
// and left, and when the last backup was made.
import { Card, Descriptions, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { formatSize } from '../../kit/format';
import { STORAGE_NS } from './names';
import { LARGE_FILE_BYTES, percentUsed, spaceLevel, type Persistence, type SpaceEstimate } from './quota';
import { backupReminder, REMIND_AFTER_DAYS } from './reminder';
import { useStorageStatus, type StorageStatus } from './useStorageStatus';

const PERSISTENCE_TAG: Record<Persistence, { color: string; key: string }> = {
  granted: { color: 'green', key: 'card.granted' },
  not_granted: { color: 'red', key: 'card.notGranted' },
  unknown: { color: 'orange', key: 'card.unknown' },
};

function persistenceBody(persistence: Persistence, host: 'browser' | 'electron'): string {
  if (persistence === 'granted') return host === 'electron' ? 'card.grantedBodyElectron' : 'card.grantedBody';
  return persistence === 'not_granted' ? 'card.notGrantedBody' : 'card.unknownBody';
}

function SpaceValue({ space, host }: { space: SpaceEstimate | null; host: 'browser' | 'electron' }) {
  const { t } = useTranslation(STORAGE_NS);
  const language = useLang();
  const large = formatSize(LARGE_FILE_BYTES, language);
  if (!space) return <Typography.Text>{t('card.spaceUnknown')}</Typography.Text>;
  const { usage, quota } = space;
  if (quota === null) {
    return (
      <Space direction="vertical" size={4}>
        <Typography.Text data-testid="storage-space">{t('card.spaceUsedOnly', { used: formatSize(usage, language) })}</Typography.Text>
        <Typography.Text type="secondary">{t('card.spaceQuotaHidden')}</Typography.Text>
        {host === 'electron' && <Typography.Text type="secondary">{t('card.spaceElectron')}</Typography.Text>}
      </Space>
    );
  }
  const level = spaceLevel(space);
  const percent = percentUsed(usage, quota);
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text data-testid="storage-space">
        {t('card.spaceValue', { used: formatSize(usage, language), quota: formatSize(quota, language), percent, free: formatSize(Math.max(0, quota - usage), language) })}
      </Typography.Text>
      <Progress percent={percent} status={level === 'ok' ? 'normal' : 'exception'} showInfo={false} aria-label={t('card.spaceUsage')} />
      <Typography.Text type={level === 'ok' ? 'secondary' : 'danger'}>{t('card.spaceWarn', { large })}</Typography.Text>
      {host === 'electron' && <Typography.Text type="secondary">{t('card.spaceElectron')}</Typography.Text>}
    </Space>
  );
}

function LastBackupValue({ status }: { status: StorageStatus }) {
  const { t } = useTranslation(STORAGE_NS);
  const language = useLang();
  const last = status.lastBackup;
  const stale = backupReminder(last, status.readAt)?.kind === 'stale';
  return (
    <Space direction="vertical" size={4}>
      <Typography.Text data-testid="storage-last-backup">
        {last ? t('card.lastBackupValue', { time: formatDateTime(last.at, language), name: last.byName }) : t('card.noBackup')}
      </Typography.Text>
      {last?.folder && <Typography.Text type="secondary">{t('card.lastBackupFolder', { folder: last.folder })}</Typography.Text>}
      {stale && <Typography.Text type="warning">{t('card.backupStale', { days: REMIND_AFTER_DAYS })}</Typography.Text>}
    </Space>
  );
}

export function StorageCard() {
  const { t } = useTranslation(STORAGE_NS);
  const { platform } = useServices();
  const status = useStorageStatus();
  const host = platform.kind;
  const tag = PERSISTENCE_TAG[status.persistence];
  return (
    <section aria-label={t('card.title')}>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('card.title')}</h2>} aria-busy={!status.loaded}>
        {status.loaded && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('card.origin')}>
              <Space direction="vertical" size={4}>
                <Typography.Text code data-testid="storage-origin">
                  {globalThis.location?.origin ?? ''}
                </Typography.Text>
                <Typography.Text type="secondary">{t(host === 'electron' ? 'card.originElectron' : 'card.originBrowser')}</Typography.Text>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('card.persistence')}>
              <Space direction="vertical" size={4}>
                <span data-testid="storage-persistence">
                  <Tag color={tag.color}>{t(tag.key)}</Tag>
                </span>
                <Typography.Text>{t(persistenceBody(status.persistence, host))}</Typography.Text>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('card.space')}>
              <SpaceValue space={status.space} host={host} />
            </Descriptions.Item>
            <Descriptions.Item label={t('card.lastBackup')}>
              <LastBackupValue status={status} />
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </section>
  );
}
