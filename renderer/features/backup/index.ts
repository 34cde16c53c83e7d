// The backup feature's door: the administrators' backup page, the restore panel the first-run
// screen shows too, the store's export and restore (a scheduled backup makes and records a file
// as the page does), and the file-name helper.
export { default as BackupPage } from './BackupPage';
export { RestorePanel, type RestorePanelProps } from './RestorePanel';
export { backupFileName } from './format';
export {
  DEFAULT_RESTORE_LIMITS,
  exportBackup,
  makeBackup,
  recordBackupExport,
  restoreBackup,
  type ExportOptions,
  type ExportRecord,
  type RestoreApproval,
  type RestoreErrorCode,
  type RestoreFailure,
  type RestoreOptions,
  type RestoreProgress,
  type RestoreProvenance,
  type RestoreResult,
} from './store';
export { exportWorkstationBackup, type WorkstationBackup } from './signed-export';
// Scheduled backups to a folder (Electron): the frame's runner for administrators, the setting
// and the pure rule of when one is due.
export { BackupScheduler } from './BackupScheduler';
export {
  BACKUP_SCHEDULE_KEY,
  readBackupSchedule,
  saveBackupSchedule,
  scheduledBackupState,
  type BackupInterval,
  type BackupSchedule,
  type ScheduleState,
} from './schedule';
export { runScheduledBackup, type ScheduledRun } from './scheduled';
