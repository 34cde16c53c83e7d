// Restore from a backup file: pick, check it, confirm (seeing who made it, and that it replaces
// everything), restore with progress and cancel. The db layer restores in one transaction, so a
// refused or cancelled restore leaves the current data exactly as it was; this screen says so.
import { useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { BACKUP_EXTENSION, BACKUP_MEDIA_TYPE } from '../../../shared/backup/codec';
import { useServices } from '../../app/services';
import { restoreBackup, type RestoreProgress } from '../../db/backup';
import { translateCode } from '../../app/translate';
import { useRestoreApproval } from './RestoreApproval';

/** Reading the file happens here, before the db layer's own phases. */
type RunningProgress = RestoreProgress | { phase: 'read'; done: number; total: number };

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; progress: RunningProgress }
  | { kind: 'failed'; message: string; detail: string }
  | { kind: 'cancelled' };

export interface RestorePanelProps {
  /** Say that the restore replaces the current data (not on first run, where there is none). */
  confirmReplace: boolean;
  /** Recorded in the audit log of the restored data as the one who restored it. */
  actor?: User;
  onRestored: () => void | Promise<void>;
}

export function RestorePanel({ confirmReplace, actor, onRestored }: RestorePanelProps) {
  const { t } = useTranslation(['backup', 'domain']);
  const { db, platform } = useServices();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const approval = useRestoreApproval();

  const pickAndRestore = async () => {
    const file = await platform.files.openFile({ accept: [BACKUP_EXTENSION, BACKUP_MEDIA_TYPE], title: t('backup:restore.pickTitle') });
    if (!file) return;
    const abort = new AbortController();
    controller.current = abort;
    setPhase({ kind: 'running', progress: { phase: 'read', done: 0, total: file.size } });
    try {
      const bytes = await file.readBytes();
      const result = await restoreBackup(db, bytes, {
        signal: abort.signal,
        onProgress: (progress) => setPhase({ kind: 'running', progress }),
        // Asked after the file verified and its signer is acceptable, before anything is written.
        approve: (provenance) => approval.ask({ provenance, file: { name: file.name, size: file.size }, replaces: confirmReplace }),
        // Electron keeps blobs as files; the browser keeps them in the database, written in the
        // restore's own transaction (the default).
        ...(platform.kind === 'electron' ? { blobStore: platform.blobs } : {}),
        ...(actor ? { actor } : {}),
      });
      if (result.ok) {
        setPhase({ kind: 'idle' });
        await onRestored();
      } else if (result.code === 'backup.cancelled' || abort.signal.aborted) {
        setPhase({ kind: 'cancelled' });
      } else {
        setPhase({ kind: 'failed', message: translateCode(t, result.code, result.params), detail: result.detail });
      }
    } catch (error) {
      if (abort.signal.aborted) setPhase({ kind: 'cancelled' });
      else setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error), detail: '' });
    } finally {
      controller.current = null;
    }
  };

  const running = phase.kind === 'running';
  const percent = running ? progressPercent(phase.progress) : 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {approval.dialog}
      <Button icon={<UploadOutlined aria-hidden />} onClick={pickAndRestore} disabled={running}>
        {t('backup:restore.button')}
      </Button>
      {running && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t(`backup:phase.${phase.progress.phase}`)}
          </Typography.Text>
          <Progress percent={percent} status="active" aria-label={t('backup:restore.progress')} />
          <Button onClick={() => controller.current?.abort()}>{t('backup:restore.cancel')}</Button>
        </Space>
      )}
      {phase.kind === 'cancelled' && <Alert type="info" showIcon role="status" message={t('backup:restore.cancelled')} />}
      {phase.kind === 'failed' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('backup:restore.failedTitle')}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{phase.message}</Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{t('backup:restore.whatToDo')}</Typography.Paragraph>
              {phase.detail && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {t('backup:restore.technicalDetail', { detail: phase.detail })}
                </Typography.Paragraph>
              )}
            </>
          }
        />
      )}
    </Space>
  );
}

/** Reading and checking are the first tenth of the bar, writing the rest. */
function progressPercent(progress: RunningProgress): number {
  const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  if (progress.phase === 'read') return Math.floor(share * 5);
  if (progress.phase === 'verify') return 5 + Math.floor(share * 5);
  return 10 + Math.floor(share * 90);
}
