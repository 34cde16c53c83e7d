import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../shared/domain/model';

const COLORS: Record<CaseStatus, string> = {
  registered: 'default',
  accepted: 'blue',
  declined: 'default',
  // Not 'processing': its blue on light blue is below 4.5:1 for the tag's small text (axe).
  in_mediation: 'geekblue',
  agreement_reached: 'green',
  failed: 'volcano',
  withdrawn: 'default',
  confirmation_applied: 'cyan',
  confirmed: 'success',
  rejected: 'error',
  archived: 'default',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('domain');
  return <Tag color={COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
