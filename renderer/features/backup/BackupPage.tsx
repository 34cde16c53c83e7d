// Backup and restore (administrators only).
import { useState } from 'react';
import { Alert, App, Button, Card, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BACKUP_EXTENSION, BACKUP_MEDIA_TYPE } from '../../../shared/backup/codec';
import { useServices } from '../../app/services';
import type { CertificateSummary } from '../../../shared/identity/certificate';
import { RequireRole } from '../../app/results';
import { translateCode } from '../../app/translate';
import { useAuth, useSession } from '../auth/session';
import { usePassphrasePrompt } from '../identity/PassphrasePrompt';
import { RestorePanel } from './RestorePanel';
import { backupFileName, formatBytes } from './format';
import { exportWorkstationBackup } from './signed-export';

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; name: string; size: number; signedBy: CertificateSummary | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; reason: string };

function ExportPanel() {
  const { t } = useTranslation(['backup', 'domain', 'identity']);
  const { db, platform } = useServices();
  const { user } = useSession();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  // The institution's key signs the backup; a passphrase-sealed key asks for its passphrase.
  const { ask, prompt } = usePassphrasePrompt();

  const run = async () => {
    const answer = await ask();
    if (answer === null) return;
    setState({ kind: 'running' });
    try {
      const made = await exportWorkstationBackup(db, platform, user, answer);
      if (!made.ok) {
        setState({ kind: 'failed', reason: translateCode(t, made.error.code, made.error.params, ['identity']) });
        return;
      }
      const { bytes, signedBy } = made.value;
      const saved = await platform.files.saveFile(backupFileName(new Date(), BACKUP_EXTENSION), bytes, BACKUP_MEDIA_TYPE);
      setState(saved ? { kind: 'done', name: saved.name, size: bytes.byteLength, signedBy } : { kind: 'cancelled' });
    } catch (error) {
      setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {prompt}
      <Button type="primary" icon={<DownloadOutlined aria-hidden />} onClick={run} loading={state.kind === 'running'}>
        {t('backup:export.button')}
      </Button>
      {state.kind === 'running' && <Spin aria-label={t('backup:export.running')} tip={t('backup:export.running')} />}
      {state.kind === 'done' && (
        <Alert
          type={state.signedBy ? 'success' : 'warning'}
          showIcon
          role="status"
          message={t('backup:export.done', { name: state.name, size: formatBytes(state.size) })}
          description={
            state.signedBy
              ? t('backup:export.signed', { name: state.signedBy.subject, fingerprint: state.signedBy.fingerprint256 })
              : t('backup:export.unsigned')
          }
        />
      )}
      {state.kind === 'cancelled' && <Alert type="info" showIcon role="status" message={t('backup:export.cancelled')} />}
      {state.kind === 'failed' && <Alert type="error" showIcon role="alert" message={t('backup:export.failed', { reason: state.reason })} />}
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
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('export.section')}</h2>}>
        <ExportPanel />
      </Card>
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
