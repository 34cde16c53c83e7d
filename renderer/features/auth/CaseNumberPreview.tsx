// Shows what the institution's first case number of this year will look like, as the pattern is typed.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCaseNumber, validateCaseNumberPattern } from '../../../shared/domain/case-number';
import { translateCode } from '../../kit/translate';

export function CaseNumberPreview({ pattern, prefix, seq = 1, year = new Date().getFullYear() }: { pattern: string; prefix: string; seq?: number; year?: number }) {
  const { t } = useTranslation(['auth', 'domain']);
  const checked = validateCaseNumberPattern(pattern);
  return (
    <Typography.Paragraph aria-live="polite" data-testid="case-number-preview" type={checked.ok ? undefined : 'danger'}>
      {checked.ok
        ? t('auth:setup.preview', { number: formatCaseNumber(checked.normalized, { year, prefix: prefix.trim(), seq }) })
        : t('auth:setup.previewInvalid', { reason: translateCode(t, checked.code, checked.params) })}
    </Typography.Paragraph>
  );
}
