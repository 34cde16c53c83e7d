// Beside a legal status, what it rests on when that is not an act performed in the app: a paper
// entered by hand, or (a row from an older version) nothing but a person's choice.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusBasis } from '../../../shared/domain/lifecycle';
import type { Case } from '../../../shared/domain/model';

export function StatusBasisTag({ record }: { record: Pick<Case, 'status' | 'statusAct'> }) {
  const { t } = useTranslation('acts');
  const basis = statusBasis(record);
  if (basis === null || basis === 'act') return null;
  return (
    <Tooltip title={t(`basis.${basis}Help`)}>
      <Tag color={basis === 'set_by_hand' ? 'orange' : 'gold'} data-testid="status-basis" aria-description={t(`basis.${basis}Help`)}>
        {t(`basis.${basis}`)}
      </Tag>
    </Tooltip>
  );
}
