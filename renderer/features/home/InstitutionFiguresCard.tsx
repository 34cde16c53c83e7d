// The institution's figures on the case list, for those who oversee it (administrator, director).
import { useEffect, useState } from 'react';
import { Card, Flex, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { canSeeInstitutionFigures } from '../../../shared/domain/permissions';
import { useServices } from '../../app/services';
import { useSession } from '../auth';
import { readInstitutionFigures, type InstitutionFigures } from './figures';

export function InstitutionFiguresCard() {
  const { t } = useTranslation(['home', 'domain']);
  const { data } = useServices();
  const { user } = useSession();
  const [figures, setFigures] = useState<InstitutionFigures | null>(null);
  const allowed = canSeeInstitutionFigures(user);

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    readInstitutionFigures(data).then(
      (read) => live && setFigures(read),
      () => live && setFigures(null),
    );
    return () => {
      live = false;
    };
  }, [data, allowed]);

  if (!allowed || !figures) return null;
  return (
    <Card size="small" role="region" aria-label={t('home:figures.title')} title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('home:figures.title')}</h2>}>
      <Flex wrap gap={32}>
        <Statistic title={t('home:figures.total')} value={figures.total} />
        {figures.byStatus.map(({ status, count }) => (
          <Statistic key={status} title={t(`domain:status.${status}`)} value={count} />
        ))}
      </Flex>
    </Card>
  );
}
