// Sizes as people read them: 1536 → "1.5 KB". The units are the same in both languages; the
// number follows the language's digits and separators.
import type { Language } from '../../../shared/domain/model';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatSize(bytes: number, language: Language = 'zh-CN'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let unit = 0;
  let value = bytes;
  for (; value >= 1024 && unit < UNITS.length - 1; unit += 1) value /= 1024;
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${UNITS[unit]}`;
}
