// 转介此纠纷 on a consultation's page (the shell puts it among the consultation's actions): the
// referral form opens with the person, the category and the facts of the consultation, so the
// lawyer types nothing twice. An anonymised consultation has no person left to refer.
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '../../../shared/consultation/model';
import { useSession } from '../auth';
import { mayWorkReferrals } from './permissions';
import { referralFromConsultation, useReferDispute } from './prefill';

export function ReferConsultationButton({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation('referrals');
  const { user } = useSession();
  const refer = useReferDispute();
  if (!user || !mayWorkReferrals(user)) return null;
  if (!consultation.person) return <Typography.Text type="secondary">{t('fromConsultation.anonymised')}</Typography.Text>;
  return (
    <Flex vertical gap={4} align="start">
      <Button onClick={() => refer(referralFromConsultation(consultation))}>{t('fromConsultation.refer')}</Button>
      <Typography.Text type="secondary">{t('fromConsultation.hint')}</Typography.Text>
    </Flex>
  );
}
