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
