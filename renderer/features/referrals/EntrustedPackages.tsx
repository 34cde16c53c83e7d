// The link between a court's entrustment and the confirmation packages it received for it: on the
// entrustment (a sent court_entrusted referral) the packages, each with where it stands and a way
// to it; on a received package, the entrustment it belongs to (none for a dispute not entrusted).
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { courtToday } from '../../../shared/confirmation/court/court-clock';
import { filingStage, type CourtFiling } from '../../../shared/confirmation/court/filing';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { useServices } from '../../app/services';
import { entrustmentOfPackage } from './entrusted-packages';
import type { ReferralRecord } from './kinds';
import { listReferrals } from './store';

export function EntrustedPackages({ packages }: { packages: readonly CourtFiling[] }) {
  const { t } = useTranslation('referrals');
  const lang = useLang();
  const today = courtToday(new Date());
  return (
    <Flex vertical gap={4}>
      {packages.map((f) => {
        const packageId = f.package?.packageId ?? f.fileName;
        return (
          <span key={f.id}>
            {t('package.line', { packageId, caseNumber: f.package?.caseNumber ?? '', at: formatDateTime(f.receivedAt, lang), stage: t(`package.stage.${filingStage(f, today)}`) })}{' '}
            <Link to={`/court/${f.packageSha256}`} style={{ textDecoration: 'underline' }}>
              {t('package.open', { packageId })}
            </Link>
          </span>
        );
      })}
    </Flex>
  );
}

/** On a received package's page: the dispute this court entrusted that it belongs to, if any. */
export function EntrustmentOfPackage({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation(['referrals', 'domain']);
  const lang = useLang();
  const { data } = useServices();
  const [record, setRecord] = useState<ReferralRecord | null>(null);
  useEffect(() => {
    let live = true;
    void listReferrals(data).then((list) => live && setRecord(entrustmentOfPackage(filing, list)));
    return () => {
      live = false;
    };
  }, [data, filing]);
  if (!record) return null;
  const person = record.referral.parties.find((p) => p.side === 'applicant')?.name ?? '';
  return (
    <Alert
      type="info"
      showIcon
      role="note"
      aria-label={t('referrals:package.entrustedLabel')}
      message={t('referrals:package.entrusted', { date: formatDateTime(record.at, lang), receiver: record.referral.receiver.name, person, status: t(`referrals:status.${record.status}`) })}
      action={<Link to="/referrals">{t('referrals:package.openReferral')}</Link>}
    />
  );
}
