// The name a backup file is given.

/** A file name that sorts by date and says what it is, e.g. mediation-backup-20261122-0830.mwbackup (ASCII, as some file systems and mail gateways still mangle Han characters in names). */
export function backupFileName(now: Date, extension: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `mediation-backup-${stamp}${extension}`;
}
