// The package: built with progress and cancel once the checklist passes; then its identity, its
// submission to the court's intake or export as a file, a request for supplementary materials and
// a new version; and the court's receipt, imported, which closes the case.
import { confirmationCourt } from '../../../shared/confirmation/court-of-case';
import { Alert, Button, Card, Descriptions, Flex, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CenterApplication } from '../../../shared/confirmation/center-record';
import type { User } from '../../../shared/domain/model';
import { RefusalNotice } from '../../kit/refusal';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { useSession } from '../auth';
import { PassphraseField } from './ApplicationCard';
import { LastSubmission, SubmitToCourt } from './SubmitToCourt';
import type { useCourtExchange } from './useCourtExchange';
import type { ConfirmationTabController } from './useConfirmationTab';

type Exchange = ReturnType<typeof useCourtExchange>;

function BuiltPackage({ tab, exchange, built, current, user, onCaseChanged }: { tab: ConfirmationTabController; exchange: Exchange; built: NonNullable<CenterApplication['built']>; current: CenterApplication; user: User; onCaseChanged: () => void }) {
  const { t } = useTranslation('confirmation');
  const { institution } = useSession();
  const lang = useLang();
  const { refusal, supplement } = tab;
  // The intake in the settings is that court's: a package made for the court that entrusted the
  // dispute goes there only when it is the same court; otherwise it is exported and delivered.
  const court = confirmationCourt(tab.origin, institution.court);
  const otherCourt = court.name !== institution.court.name;
  const intakeUrl = otherCourt ? '' : institution.court.intakeUrl;
  return (
    <Flex vertical gap={8}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('package.id')}>{built.packageId}</Descriptions.Item>
        <Descriptions.Item label="SHA-256">
          <Typography.Text code copyable>
            {built.sha256}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('package.size')}>{(built.size / 1024 / 1024).toFixed(2)} MiB</Descriptions.Item>
        <Descriptions.Item label={t('package.ledger')}>{t('package.ledgerItem', { seq: built.ledgerSeq + 1 })}</Descriptions.Item>
      </Descriptions>
      {otherCourt && !current.receipt && <Alert type="info" showIcon message={t('package.otherCourt', { court: court.name, settings: institution.court.name || t('application.noCourt') })} />}
      {tab.canEdit && !current.receipt && (
        <Space wrap>
          {intakeUrl && (
            <SubmitToCourt
              application={current}
              user={user}
              intakeUrl={intakeUrl}
              onError={(failure) => ('text' in failure ? tab.refuse('submit', failure.text) : tab.fail(failure, 'submit'))}
              describedBy={refusal.describedBy('submit')}
              onRecorded={async () => {
                await tab.reload();
                onCaseChanged();
              }}
            />
          )}
          <Button type={intakeUrl ? 'default' : 'primary'} loading={tab.busy === 'export'} onClick={() => void exchange.exportPackage()} aria-describedby={refusal.describedBy('export')}>
            {t('package.export')}
          </Button>
          <Button onClick={() => void exchange.openSupplement()} aria-describedby={refusal.describedBy('supplement')}>
            {t('supplement.import')}
          </Button>
          <Button onClick={() => void tab.start()} aria-describedby={refusal.describedBy('start')}>
            {t('package.newVersion')}
          </Button>
        </Space>
      )}
      {['submit', 'export', 'supplement', 'start'].map((at) => (
        <RefusalNotice key={at} handle={refusal} at={at} />
      ))}
      {supplement && (
        <Alert
          type="warning"
          showIcon
          role="status"
          message={t('supplement.received', { court: supplement.court.name, date: supplement.dueOn })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {supplement.missing.map((m) => (
                <li key={`${m.item}-${m.detail}`}>
                  {t(`supplement.item.${m.item}`)}：{m.detail}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <LastSubmission built={built} />
      {built.exportedAt && <Typography.Text type="secondary">{t('package.exportedAt', { time: formatDateTime(built.exportedAt, lang) })}</Typography.Text>}
    </Flex>
  );
}

export function PackageCard(props: { tab: ConfirmationTabController; exchange: Exchange; current: CenterApplication; user: User; onCaseChanged: () => void }) {
  const { t } = useTranslation('confirmation');
  const { tab, current } = props;
  const { progress, refusal } = tab;
  return (
    <Card title={t('package.title')} size="small" role="region" aria-label={t('package.title')}>
      {current.built ? (
        <BuiltPackage {...props} built={current.built} />
      ) : progress ? (
        <Flex vertical gap={8}>
          <Progress percent={Math.floor((progress.bytesDone / Math.max(1, progress.bytesTotal)) * 100)} aria-label={t('package.progress')} />
          <Typography.Text type="secondary">{progress.path}</Typography.Text>
          <Button onClick={tab.cancelBuild}>{t('package.cancel')}</Button>
        </Flex>
      ) : (
        tab.canEdit && (
          <Space wrap>
            {current.application && <PassphraseField tab={tab} />}
            <Button type="primary" loading={tab.busy === 'build'} onClick={() => void tab.build()} aria-describedby={refusal.describedBy('build')}>
              {t('package.build')}
            </Button>
          </Space>
        )
      )}
      <RefusalNotice handle={refusal} at="build" />
    </Card>
  );
}

export function ReceiptCard({ tab, exchange, current }: { tab: ConfirmationTabController; exchange: Exchange; current: CenterApplication }) {
  const { t } = useTranslation('confirmation');
  if (!current.built) return null;
  return (
    <Card title={t('receipt.title')} size="small" role="region" aria-label={t('receipt.title')}>
      {current.receipt ? (
        <Alert
          type={current.receipt.outcome === 'confirmed' ? 'success' : 'warning'}
          showIcon
          role="status"
          message={t(current.receipt.outcome === 'confirmed' ? 'receipt.confirmed' : 'receipt.rejected', { docket: current.receipt.courtCaseNumber })}
          description={t('receipt.detail', { court: current.receipt.courtName, signer: current.receipt.signerName, seq: (current.receipt.rulingLedgerSeq ?? 0) + 1 })}
        />
      ) : (
        tab.canEdit && (
          <Button loading={tab.busy === 'receipt'} onClick={() => void exchange.openReceipt()} aria-describedby={tab.refusal.describedBy('receipt')}>
            {t('receipt.import')}
          </Button>
        )
      )}
      <RefusalNotice handle={tab.refusal} at="receipt" />
    </Card>
  );
}
