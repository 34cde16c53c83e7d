// A version that is neither being edited nor signed: when signed, its signatures and the 30-day
// window, the signed PDF to save or print; the English translation of any version; and, on the
// latest signed one, the start of a new version.
import { Alert, Button, Descriptions, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgreementRecord } from '../../../shared/agreement/model';
import { confirmationDeadline } from '../../../shared/domain/deadlines';
import { RefusalNotice } from '../../kit/refusal';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import type { AgreementTabController } from './useAgreementTab';

export function SignedAgreement({ tab, shown }: { tab: AgreementTabController; shown: AgreementRecord }) {
  const { t } = useTranslation(['agreements', 'domain', 'app']);
  const lang = useLang();
  const { busy, refusal } = tab;
  return (
    <Flex vertical gap={8}>
      {shown.signed ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'signedAt', label: t('signed.signedAt'), children: formatDateTime(shown.signed.signedAt, lang) },
            { key: 'effective', label: t('signed.effectiveOn'), children: shown.signed.effectiveOn },
            { key: 'deadline', label: t('signed.confirmationDeadline'), children: confirmationDeadline(shown.signed.effectiveOn) },
            { key: 'sha', label: t('signed.sha256'), children: <Typography.Text copyable={{ text: shown.signed.pdfSha256 }} code>{shown.signed.pdfSha256.slice(0, 16)}…</Typography.Text> },
            { key: 'mediator', label: t('signed.mediatorCertificate'), children: <Typography.Text code>{shown.signed.mediatorFingerprint.slice(0, 23)}…</Typography.Text> },
            { key: 'institution', label: t('signed.institutionCertificate'), children: <Typography.Text code>{shown.signed.institutionFingerprint.slice(0, 23)}…</Typography.Text> },
          ]}
        />
      ) : (
        <Alert type="info" showIcon message={t('tab.readOnly')} />
      )}
      {shown.status === 'superseded' && <Alert type="warning" showIcon message={t('signed.superseded')} />}
      <Space wrap>
        {shown.signed && (
          <>
            <Button onClick={() => void tab.savePdf(shown)} disabled={busy}>
              {t('signed.save')}
            </Button>
            <Button onClick={() => void tab.printAgreement(shown)} disabled={busy}>
              {t('signed.print')}
            </Button>
          </>
        )}
        <Button onClick={() => void tab.translation(shown)} disabled={busy}>
          {t('signed.translation')}
        </Button>
        {tab.canEdit && shown === tab.latest && shown.status === 'signed' && (
          <Button onClick={() => void tab.startDraft('newVersion')} disabled={busy} aria-describedby={refusal.describedBy('newVersion')}>
            {t('signed.newVersion')}
          </Button>
        )}
      </Space>
      <RefusalNotice handle={refusal} at="newVersion" />
    </Flex>
  );
}
