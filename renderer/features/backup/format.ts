// Small display helpers of the backup screens.

/** 1536 → "1.5 KB"; sizes are shown to people deciding whether a file is the right one. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A file name that sorts by date and says what it is, e.g. mediation-backup-20261122-0830.mwbackup (ASCII, as some file systems and mail gateways still mangle Han characters in names). */
export function backupFileName(now: Date, extension: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `mediation-backup-${stamp}${extension}`;
}
