// The scheduled backup's runner, mounted by the signed-in frame for administrators: it looks at
// the schedule when the frame appears, every few minutes, and shortly after the store commits a
// change (the schedule saved, a backup recorded), and makes the backup when one is due
// (./scheduled.ts). It says something only when the administrator has to act: the key is locked
// (a reminder, since no unsigned backup is made in its place) or the backup failed. A host
// without folders (the browser) renders nothing and runs nothing.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { LAST_BACKUP_KEY } from '../../kit/last-backup';
import { translateCode } from '../../kit/translate';
import { useSession } from '../auth';
import { BACKUP_SCHEDULE_KEY } from './schedule';
import { runScheduledBackup, type ScheduledRun } from './scheduled';

const BACKUP_PATH = '/backup';
/** How often the frame looks whether a backup is due. */
export const CHECK_EVERY_MS = 5 * 60 * 1000;
/** After a failed attempt, the next one waits this long (a full disk is not emptied in a minute). */
export const RETRY_AFTER_MS = 30 * 60 * 1000;
/** Changes come in bursts: one look after the burst. */
const SETTLE_MS = 2_000;

type Shown = Extract<ScheduledRun, { kind: 'locked' } | { kind: 'failed' }>;

function useScheduledRuns(): Shown | null {
  const { data, platform } = useServices();
  const { user } = useSession();
  const { message } = App.useApp();
  const { t } = useTranslation('backup');
  const [shown, setShown] = useState<Shown | null>(null);
  const running = useRef(false);
  const failedAt = useRef(0);
  const hasFolders = platform.backups !== undefined;

  const look = useCallback(async () => {
    if (running.current || Date.now() - failedAt.current < RETRY_AFTER_MS) return;
    running.current = true;
    try {
      const run = await runScheduledBackup(data, platform, user);
      if (run.kind === 'failed') failedAt.current = Date.now();
      if (run.kind === 'locked' || run.kind === 'failed') setShown(run);
      else setShown(null);
      if (run.kind === 'done') void message.success(t('scheduler.done', { path: run.path }));
    } finally {
      running.current = false;
    }
  }, [data, platform, user, message, t]);

  useEffect(() => {
    if (!hasFolders || user.role !== 'admin') return undefined;
    void look();
    const every = setInterval(() => void look(), CHECK_EVERY_MS);
    let settle: ReturnType<typeof setTimeout> | undefined;
    // Small named values only (the schedule, the last backup, the identity): cases and evidence
    // changing do not make a backup due. A new schedule may cure a failure, and a backup made by
    // hand answers it: no waiting then.
    const unsubscribe = data.changes.subscribe((changes) => {
      const meta = changes.filter((change) => change.kind === 'meta');
      if (meta.length === 0) return;
      if (meta.some((change) => change.ids.includes(BACKUP_SCHEDULE_KEY) || change.ids.includes(LAST_BACKUP_KEY))) failedAt.current = 0;
      clearTimeout(settle);
      settle = setTimeout(() => void look(), SETTLE_MS);
    });
    return () => {
      clearInterval(every);
      clearTimeout(settle);
      unsubscribe();
    };
  }, [data, hasFolders, user.role, look]);

  return shown;
}

export function BackupScheduler() {
  const { t } = useTranslation(['backup', 'identity']);
  const shown = useScheduledRuns();
  if (!shown) return null;
  const link = <Link to={BACKUP_PATH}>{t('backup:scheduler.open')}</Link>;
  if (shown.kind === 'locked') {
    return <Alert type="warning" showIcon role="note" data-testid="backup-scheduler-locked" style={{ marginBottom: 16 }} message={t('backup:scheduler.lockedTitle')} description={t('backup:scheduler.lockedBody')} action={link} />;
  }
  const folder = shown.folder ?? '';
  return (
    <Alert
      type="error"
      showIcon
      role="note"
      data-testid="backup-scheduler-failed"
      style={{ marginBottom: 16 }}
      message={t('backup:scheduler.failedTitle')}
      description={t('backup:scheduler.failedBody', { folder, reason: translateCode(t, shown.error.code, shown.error.params, ['identity']) })}
      action={link}
    />
  );
}
