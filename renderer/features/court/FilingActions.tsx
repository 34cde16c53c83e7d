// 处理: the steps the court's clock allows now — accept with a case number, refuse, request
// supplements, extend once, rule — and, once ruled, the ruling to view and download and the receipt
// to export. Steps that sign ask for the court key's passphrase first (as agreement signing does).
// A refused step keeps its dialog open with the reason; a filing changed elsewhere is reloaded.
// What runs is the controller's (useFilingActions); this is what the clerk sees.
import { Alert, Button, Descriptions, Flex, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { layerOf, type CourtFiling } from '../../../shared/confirmation/court/filing';
import { formatDateTime } from '../../kit/time';
import { useLang } from '../../kit/useLang';
import { AcceptDialog, ExtendDialog, RefuseDialog, RuleDialog, SupplementDialog } from './ActionDialogs';
import { unauthenticatedInstitution } from './documents';
import { Section } from './Section';
import { RulingViewer } from './RulingViewer';
import { useFilingActions, type FilingActionsController } from './useFilingActions';

/** The ruling as recorded: its outcome, grounds, the identity acknowledged, the receipt issued. */
function RulingRecord({ filing }: { filing: CourtFiling }) {
  const { t } = useTranslation('court');
  const lang = useLang();
  const ruling = filing.ruling;
  if (!ruling) return null;
  return (
    <Descriptions size="small" column={1} title={t('ruling.title')}>
      <Descriptions.Item label={t('ruling.title')}>{t('ruling.summary', { date: ruling.decidedOn, outcome: t(`ruling.${ruling.outcome}`), judge: ruling.judge, clerk: ruling.clerk })}</Descriptions.Item>
      {ruling.grounds.length > 0 && <Descriptions.Item label={t('ruleDialog.grounds')}>{ruling.grounds.map((g) => t(`grounds.${g}`)).join('；')}</Descriptions.Item>}
      {ruling.identityAcknowledged && (
        <Descriptions.Item label={t('ruling.identityAcknowledged')}>
          {t('ruling.identityAcknowledgedText', { name: ruling.identityAcknowledged.institution, mismatch: ruling.identityAcknowledged.mismatch ? t('ruling.identityMismatch') : '' })}
        </Descriptions.Item>
      )}
      {filing.receipt && <Descriptions.Item label={t('actions.exportReceipt')}>{t('ruling.receiptIssued', { date: formatDateTime(filing.receipt.issuedAt, lang) })}</Descriptions.Item>}
    </Descriptions>
  );
}

/** The 补正 requests made, each to download again as it was signed. */
function SupplementHistory({ filing, onDownload }: { filing: CourtFiling; onDownload: FilingActionsController['downloadSupplement'] }) {
  const { t } = useTranslation('court');
  const lang = useLang();
  if (filing.supplements.length === 0) return null;
  return (
    <List
      size="small"
      header={t('supplementDialog.history')}
      dataSource={filing.supplements}
      renderItem={(record) => (
        <List.Item
          actions={[
            <Button key="download" size="small" onClick={() => onDownload(record)}>
              {t('supplementDialog.download')}
            </Button>,
          ]}
        >
          {t('supplementDialog.historyItem', { date: formatDateTime(record.requestedAt, lang), due: record.dueOn, items: record.missing.map((m) => `${t(`supplementDialog.items.${m.item}`)}（${m.detail}）`).join('；') })}
        </List.Item>
      )}
    />
  );
}

/** The buttons of the steps the clock allows now, and of the ruling once there is one. */
function StepButtons({ filing, c }: { filing: CourtFiling; c: FilingActionsController }) {
  const { t } = useTranslation('court');
  const { clock } = c;
  // A superseded filing takes no more steps: the case continues on the new version.
  const awaiting = !filing.supersededBy && (clock.stage === 'awaiting_acceptance' || clock.stage === 'awaiting_decision');
  const verified = filing.verdict === 'verified';
  return (
    <>
      <Space wrap>
        {awaiting && clock.stage === 'awaiting_acceptance' && verified && (
          <Button type="primary" onClick={() => void c.show('accept')}>
            {t('actions.accept')}
          </Button>
        )}
        {awaiting && clock.stage === 'awaiting_acceptance' && (
          <Button danger onClick={() => void c.show('refuse')}>
            {t('actions.refuse')}
          </Button>
        )}
        {awaiting && verified && <Button onClick={() => void c.show('supplement')}>{t('actions.supplement')}</Button>}
        {awaiting && clock.mayExtend && <Button onClick={() => void c.show('extend')}>{t('actions.extend')}</Button>}
        {awaiting && clock.stage === 'awaiting_decision' && (
          <Button type="primary" onClick={() => void c.show('rule')}>
            {t('actions.rule')}
          </Button>
        )}
        {filing.ruling && (
          <>
            <Button onClick={() => void c.viewRuling()}>{t('actions.viewRuling')}</Button>
            <Button onClick={() => void c.downloadRuling()}>{t('actions.downloadRuling')}</Button>
            <Button type="primary" loading={c.busy} onClick={c.receipt}>
              {t('actions.exportReceipt')}
            </Button>
          </>
        )}
      </Space>
      {!awaiting && !filing.ruling && <Typography.Text type="secondary">{t('actions.noneLeft')}</Typography.Text>}
    </>
  );
}

export function FilingActions({ filing, onChanged, onReload }: { filing: CourtFiling; onChanged(filing: CourtFiling): void; onReload(): Promise<void> }) {
  const { t } = useTranslation('court');
  const c = useFilingActions(filing, onChanged, onReload);
  const checklistMissing = filing.checks.some((check) => !check.ok && layerOf(check.id) === 'checklist');

  return (
    <Section title={t('actions.title')}>
      <Flex vertical gap={12}>
        {c.pageError && <Alert type="error" showIcon role="alert" message={c.pageError} />}
        <StepButtons filing={filing} c={c} />
        <RulingRecord filing={filing} />
        <SupplementHistory filing={filing} onDownload={c.downloadSupplement} />
      </Flex>

      <AcceptDialog {...c.dialog('accept')} proposed={c.proposed} checklistMissing={checklistMissing} onSubmit={(v) => c.accept(v.docketNumber)} />
      <RefuseDialog {...c.dialog('refuse')} onSubmit={(v) => c.refuse(v.reason)} />
      <SupplementDialog {...c.dialog('supplement')} suggested={c.suggested} today={c.today} onSubmit={c.supplement} />
      <ExtendDialog {...c.dialog('extend')} from={c.clock.decideBy} onSubmit={c.extend} />
      <RuleDialog {...c.dialog('rule')} judge={c.judge} unauthenticated={unauthenticatedInstitution(filing)} onPreview={c.preview} onSubmit={c.rule} />
      <RulingViewer bytes={c.viewing} title={t('ruling.viewer', { number: filing.docketNumber ?? '' })} onClose={c.closeViewer} />
      {c.prompt}
    </Section>
  );
}
