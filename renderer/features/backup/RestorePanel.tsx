// Restore from a backup file: pick, check it, confirm (seeing who made it, and that it replaces
// everything), restore with progress and cancel (useRestore). A refused or cancelled restore
// leaves the current data exactly as it was; this screen says so, and why, in the user's language.
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { useProblemText } from '../../kit/problem-text';
import { useRestore, type RunningProgress } from './useRestore';

export interface RestorePanelProps {
  /** Say that the restore replaces the current data (not on first run, where there is none). */
  confirmReplace: boolean;
  /** Recorded in the audit log of the restored data as the one who restored it. */
  actor?: User;
  onRestored: () => void | Promise<void>;
}

const NAMESPACES = ['backup'] as const;

export function RestorePanel(props: RestorePanelProps) {
  const { t } = useTranslation(['backup', 'domain']);
  const problemText = useProblemText(NAMESPACES);
  const { phase, start, cancel, dialog } = useRestore(props);
  const running = phase.kind === 'running';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {dialog}
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => void start()} disabled={running}>
        {t('backup:restore.button')}
      </Button>
      {running && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t(`backup:phase.${phase.progress.phase}`)}</Typography.Text>
          <Progress percent={progressPercent(phase.progress)} status="active" aria-label={t('backup:restore.progress')} />
          <Button onClick={cancel}>{t('backup:restore.cancel')}</Button>
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
              <Typography.Paragraph style={{ marginBottom: 4 }}>{problemText.text(phase.problem)}</Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{t('backup:restore.whatToDo')}</Typography.Paragraph>
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
