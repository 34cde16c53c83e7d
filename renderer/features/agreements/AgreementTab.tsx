// The case's 协议 tab (issue 4): draft → finalise → hand signatures → digital signatures → signed,
// read-only; a change to a signed agreement is a new version, the old one kept and listed. The
// controller (useAgreementTab) reads and runs the steps; these are the tab's parts.
import { Alert, Button, Empty, Flex, List, Select, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementRecord } from '../../../shared/agreement/model';
import type { Case, User } from '../../../shared/domain/model';
import { RefusalNotice } from '../../kit/refusal';
import { AgreementEditor } from './AgreementEditor';
import { AgreementPreview, unsignedPreviewInput } from './AgreementPreview';
import { SignedAgreement } from './SignedAgreement';
import { SigningPanel } from './SigningPanel';
import { useAgreementTab, type AgreementTabController } from './useAgreementTab';

/** What the signers read before they sign: the finalised text with the signatures so far. */
function FinalPreview({ agreement, caseNumber, institutionName, mediator }: { agreement: AgreementRecord; caseNumber: string; institutionName: string; mediator: { id: string; name: string } }) {
  const input = useMemo(
    () => unsignedPreviewInput(agreement, agreement.content, agreement.parties ?? [], { caseNumber, institutionName, mediator }),
    [agreement, caseNumber, institutionName, mediator],
  );
  return <AgreementPreview input={input} />;
}

function StatusTag({ agreement }: { agreement: AgreementRecord }) {
  const { t } = useTranslation('agreements');
  return <Tag color={{ draft: 'default', final: 'blue', signed: 'green', superseded: 'orange' }[agreement.status]}>{t(`status.${agreement.status}`)}</Tag>;
}

/** The version shown, its status, and the choice of another version. */
function VersionHeader({ tab, shown }: { tab: AgreementTabController; shown: AgreementRecord }) {
  const { t } = useTranslation('agreements');
  const agreements = tab.loaded?.agreements ?? [];
  return (
    <Flex gap={12} align="center" wrap>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {t('tab.title', { version: shown.version })}
      </Typography.Title>
      <StatusTag agreement={shown} />
      {agreements.length > 1 && (
        <Select
          aria-label={t('tab.versions')}
          value={shown.version}
          onChange={(v) => tab.setSelected(v)}
          options={agreements.map((a) => ({ value: a.version, label: `${t('tab.versionLabel', { version: a.version })} · ${t(`status.${a.status}`)}` }))}
          style={{ minWidth: 200 }}
        />
      )}
    </Flex>
  );
}

/** The step the shown version is at: editing the draft, collecting signatures, or reading it. */
function ShownAgreement({ tab, record, shown }: { tab: AgreementTabController; record: Case; shown: AgreementRecord }) {
  const loaded = tab.loaded;
  if (!loaded) return null;
  // What the editor and the signing panel both take from the controller for the shown version.
  const shownProps = { agreement: shown, mediator: tab.mediator, busy: tab.busy, refusal: tab.refusal };
  if (tab.editing) {
    return (
      <AgreementEditor
        key={`${shown.id}-${shown.rev}`}
        {...shownProps}
        parties={loaded.parties}
        category={record.category}
        amountFen={record.amountFen}
        caseNumber={record.number}
        institutionName={loaded.institutionName}
        fieldErrors={tab.fieldErrors}
        onSave={(content, then) => void tab.onSave(content, then)}
        onInvalid={tab.onInvalid}
        translateErrors={tab.translateErrors}
        goToFieldRef={tab.goToField}
      />
    );
  }
  if (tab.signing) {
    return (
      <>
        <SigningPanel
          {...shownProps}
          parties={shown.parties ?? loaded.parties}
          isCaseMediator={tab.isCaseMediator}
          needs={loaded.needs}
          step={tab.step}
          onHandSignature={tab.onHandSignature}
          onReopen={() => void tab.onReopen()}
          onSign={(p) => void tab.onSign(p)}
        />
        <FinalPreview agreement={shown} caseNumber={record.number} institutionName={loaded.institutionName} mediator={tab.mediator} />
      </>
    );
  }
  return <SignedAgreement tab={tab} shown={shown} />;
}

export function AgreementTab({ record, user, onCaseChanged }: { record: Case; user: User; onCaseChanged: () => void }) {
  const { t } = useTranslation(['agreements', 'domain', 'app']);
  const tab = useAgreementTab(record, user, onCaseChanged);
  if (!tab.loaded) return <Spin aria-label={t('tab.loading')} />;
  const { shown, error, refusal } = tab;

  return (
    <Flex vertical gap={12}>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error.text}
          description={error.list.length > 0 ? <List size="small" dataSource={error.list} renderItem={(item) => <List.Item>{item}</List.Item>} aria-label={t('editor.problems')} /> : undefined}
          closable
          onClose={tab.clearError}
        />
      )}
      {!shown ? (
        <Empty description={t('tab.none')}>
          {tab.canEdit && (
            <Flex vertical gap={8} align="center">
              <Button type="primary" onClick={() => void tab.startDraft()} loading={tab.busy} aria-describedby={refusal.describedBy('draft')}>
                {t('tab.draft')}
              </Button>
              <RefusalNotice handle={refusal} at="draft" />
            </Flex>
          )}
        </Empty>
      ) : (
        <>
          <VersionHeader tab={tab} shown={shown} />
          <ShownAgreement tab={tab} record={record} shown={shown} />
        </>
      )}
    </Flex>
  );
}
