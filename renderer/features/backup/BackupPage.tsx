// Backup and restore (administrators only).
import { Alert, App, Button, Card, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { translateCode } from '../../kit/translate';
import { RequireRole, useAuth, useSession } from '../auth';
import { StorageCard } from '../storage';
import { RestorePanel } from './RestorePanel';
import { ScheduleCard } from './ScheduleCard';
import { formatSize } from '../../kit/format';
import { useBackupExport } from './useBackupExport';

function ExportPanel() {
  const { t } = useTranslation(['backup', 'domain', 'identity']);
  const { run, busy, outcome, error, prompt } = useBackupExport();

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {prompt}
      <Button type="primary" icon={<DownloadOutlined aria-hidden />} onClick={() => void run()} loading={busy}>
        {t('backup:export.button')}
      </Button>
      {busy && <Spin aria-label={t('backup:export.running')} tip={t('backup:export.running')} />}
      {outcome?.kind === 'done' && (
        <Alert
          type={outcome.signedBy ? 'success' : 'warning'}
          showIcon
          role="status"
          message={t('backup:export.done', { name: outcome.name, size: formatSize(outcome.size) })}
          description={outcome.signedBy ? t('backup:export.signed', { name: outcome.signedBy.subject, fingerprint: outcome.signedBy.fingerprint256 }) : t('backup:export.unsigned')}
        />
      )}
      {outcome?.kind === 'cancelled' && <Alert type="info" showIcon role="status" message={t('backup:export.cancelled')} />}
      {error && !busy && <Alert type="error" showIcon role="alert" message={t('backup:export.failed', { reason: translateCode(t, error.code, error.params, ['identity']) })} />}
    </Space>
  );
}

function BackupScreen() {
  const { t } = useTranslation('backup');
  const { message } = App.useApp();
  const auth = useAuth();
  const { user } = useSession();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 800 }}>
      <Typography.Title level={1} style={{ fontSize: 30 }}>{t('title')}</Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <StorageCard />
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('export.section')}</h2>}>
        <ExportPanel />
      </Card>
      <ScheduleCard />
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('restore.section')}</h2>}>
        <Typography.Paragraph>{t('restore.intro')}</Typography.Paragraph>
        <RestorePanel
          confirmReplace
          actor={user}
          onRestored={async () => {
            // The users and institution may all be different now: start again from sign-in.
            message.success(t('restore.done'));
            auth.signOut();
            await auth.reload();
          }}
        />
      </Card>
    </Space>
  );
}

export default function BackupPage() {
  return (
    <RequireRole roles={['admin']}>
      <BackupScreen />
    </RequireRole>
  );
}
