// Scheduled backups to a folder, on the Backup page: in the desktop app the folder (chosen in the
// host's dialog), how often, and when the next backup is due; in the browser, that only the
// desktop app can do it.
import { Alert, Button, Card, Descriptions, Radio, Space, Typography } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../kit/time';
import { translateCode } from '../../kit/translate';
import { useLang } from '../../kit/useLang';
import { BACKUP_INTERVALS, type ScheduleState } from './schedule';
import { useBackupSchedule, type ScheduleView } from './useBackupSchedule';

function NextBackup({ state }: { state: ScheduleState }) {
  const { t } = useTranslation('backup');
  const language = useLang();
  const text =
    state.kind === 'off' ? t('schedule.nextOff') : state.kind === 'due' ? t('schedule.nextDue') : t('schedule.nextAt', { time: formatDateTime(state.nextAt, language) });
  return <Typography.Text data-testid="backup-schedule-next">{text}</Typography.Text>;
}

function ScheduleSettings({ view, busy, chooseFolder, changeInterval }: { view: ScheduleView } & Pick<ReturnType<typeof useBackupSchedule>, 'busy' | 'chooseFolder' | 'changeInterval'>) {
  const { t } = useTranslation('backup');
  const { schedule, state } = view;
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('schedule.folder')}>
        <Space direction="vertical" size={4}>
          {schedule.folder ? <Typography.Text code data-testid="backup-schedule-folder">{schedule.folder}</Typography.Text> : <Typography.Text type="secondary">{t('schedule.noFolder')}</Typography.Text>}
          <Button icon={<FolderOpenOutlined aria-hidden />} onClick={() => void chooseFolder()} disabled={busy}>
            {t(schedule.folder ? 'schedule.chooseOther' : 'schedule.choose')}
          </Button>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('schedule.interval')}>
        <Space direction="vertical" size={4}>
          <Radio.Group value={schedule.interval} disabled={busy} onChange={(event) => void changeInterval(event.target.value as typeof schedule.interval)} aria-label={t('schedule.interval')}>
            {BACKUP_INTERVALS.map((interval) => (
              <Radio.Button key={interval} value={interval} disabled={interval !== 'off' && schedule.folder === null}>
                {t(`schedule.${interval}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
          {schedule.folder === null && <Typography.Text type="secondary">{t('schedule.needFolder')}</Typography.Text>}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('schedule.next')}>
        <Space direction="vertical" size={4}>
          <NextBackup state={state} />
          {state.kind !== 'off' && view.locked && <Typography.Text type="warning">{t('schedule.lockedNote')}</Typography.Text>}
          {state.kind !== 'off' && view.unsigned && <Typography.Text type="secondary">{t('schedule.unsignedNote')}</Typography.Text>}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}

export function ScheduleCard() {
  const { t } = useTranslation(['backup', 'identity']);
  const { available, view, busy, error, chooseFolder, changeInterval } = useBackupSchedule();
  return (
    <section aria-label={t('backup:schedule.section')}>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('backup:schedule.section')}</h2>} aria-busy={available && view === null}>
        {!available && <Alert type="info" showIcon role="note" data-testid="backup-schedule-desktop-only" message={t('backup:schedule.desktopOnly')} />}
        {available && view && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <ScheduleSettings view={view} busy={busy} chooseFolder={chooseFolder} changeInterval={changeInterval} />
            {error && !busy && <Alert type="error" showIcon role="alert" message={t('backup:schedule.saveFailed', { reason: translateCode(t, error.code, error.params, ['identity']) })} />}
          </Space>
        )}
      </Card>
    </section>
  );
}
