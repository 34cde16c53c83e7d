// The case's 司法确认 tab (issue 6, the mediation center's side): the joint application from the
// signed agreement (court, jurisdiction, service addresses, the parties' undertakings and hand
// signatures, the institution's digital signature), the materials chosen from the ledger, the
// legal checklist and the 30-day window, the package built with progress and cancel, saved for the
// court, and the court's receipt imported. The controller (useConfirmationTab, useCourtExchange)
// reads and runs the steps; the cards are its parts.
import { Alert, Button, Empty, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import type { Case, User } from '../../../shared/domain/model';
import { orderParties } from '../../../shared/domain/party-order';
import { RefusalNotice } from '../../kit/refusal';
import { SignatureDialog } from '../signatures';
import { ApplicationCard } from './ApplicationCard';
import { ChecklistCard, MaterialsCard } from './MaterialsCard';
import { PackageCard, ReceiptCard } from './PackageCard';
import { useConfirmationTab } from './useConfirmationTab';
import { useCourtExchange } from './useCourtExchange';

export function ConfirmationTab({ record, user, onCaseChanged }: { record: Case; user: User; onCaseChanged: () => void }) {
  const { t } = useTranslation(['confirmation', 'domain', 'app']);
  const tab = useConfirmationTab(record, user, onCaseChanged);
  const exchange = useCourtExchange(tab, user, onCaseChanged);
  const { applications, current, parties, entries, refusal } = tab;

  if (!applications) return <Spin aria-label={t('confirmation:loading')} />;
  const principals = orderParties(parties).filter((p) => p.kind !== 'agent');
  const agents = orderParties(parties).filter((p) => p.kind === 'agent');
  const files = entries.filter((e) => e.kind === 'file' && e.action !== 'withdraw' && !entries.some((w) => w.action === 'withdraw' && w.refersTo === e.seq));
  const errorBox = <RefusalNotice handle={refusal} at="tab" />;

  if (!current) {
    const agreementSigned = record.agreementEffectiveOn !== null;
    return (
      <Flex vertical gap={12}>
        {errorBox}
        <Empty description={agreementSigned ? t('confirmation:start.ready') : t('confirmation:start.needAgreement')}>
          {agreementSigned && tab.canEdit && (
            <Flex vertical gap={8} align="center">
              <Button type="primary" loading={tab.busy === 'start'} onClick={() => void tab.start()} aria-describedby={refusal.describedBy('start')}>
                {t('confirmation:start.button')}
              </Button>
              <RefusalNotice handle={refusal} at="start" />
            </Flex>
          )}
        </Empty>
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      {errorBox}
      {applications.length > 1 && <Alert type="info" showIcon message={t('confirmation:version', { version: current.version })} />}
      <ApplicationCard tab={tab} current={current} principals={principals} />
      <MaterialsCard tab={tab} current={current} files={files} agents={agents} />
      <ChecklistCard tab={tab} current={current} />
      <PackageCard tab={tab} exchange={exchange} current={current} user={user} onCaseChanged={onCaseChanged} />
      <ReceiptCard tab={tab} exchange={exchange} current={current} />
      {tab.signing && (
        <SignatureDialog
          open
          signer={tab.signing}
          statement={t('confirmation:application.statement')}
          confirming={tab.busy === 'hand'}
          onCancel={() => tab.setSigning(null)}
          onConfirm={(signature: HandSignature) => tab.handSignature(signature)}
        />
      )}
    </Flex>
  );
}
