// A finalised agreement collecting its signatures: each party, agent and the mediator signs by hand
// on screen; then the mediator signs digitally and the institution's seal follows, with a
// progress list; the keys' passphrases are asked for first, in one dialog.
import { Alert, Button, Flex, Form, Input, Modal, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementRecord } from '../../../shared/agreement/model';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import type { Party } from '../../../shared/domain/model';
import { SignatureDialog, type Signer } from '../signatures';
import { RefusalNotice, type RefusalHandle } from '../../kit/refusal';
import { SIGNING_STEPS, type SigningStep } from './signing-steps';
import { requiredSigners } from './store';

export interface SigningPanelProps {
  agreement: AgreementRecord;
  parties: readonly Party[];
  mediator: { id: string; name: string };
  /** Whether the signed-in user is the case's mediator (only they sign digitally). */
  isCaseMediator: boolean;
  needs: { mediatorPassphrase: boolean; institutionPassphrase: boolean };
  busy: boolean;
  step: SigningStep | null;
  onHandSignature(signature: HandSignature): Promise<boolean>;
  onReopen(): void;
  onSign(passphrases: { mediatorPassphrase?: string; institutionPassphrase?: string }): void;
  /** The tab's refusal, shown beside the control that was refused. */
  refusal: RefusalHandle;
}

export function SigningPanel(props: SigningPanelProps) {
  const { t } = useTranslation(['agreements', 'domain']);
  const [signing, setSigning] = useState<Signer | null>(null);
  const [storing, setStoring] = useState(false);
  const [askKeys, setAskKeys] = useState(false);
  const [form] = Form.useForm<{ mediatorPassphrase?: string; institutionPassphrase?: string }>();
  const signers = requiredSigners(props.parties, props.mediator);
  const signedBy = new Map(props.agreement.handSignatures.map((h) => [h.signature.signerId, h]));
  const missing = signers.filter((s) => !signedBy.has(s.id));

  const roleLabel = (s: (typeof signers)[number]) => (s.role === 'mediator' ? t('signing.mediator') : s.role === 'agent' ? t('signing.agent') : t(`domain:side.${s.side}`));

  const startSign = () => {
    if (!props.needs.mediatorPassphrase && !props.needs.institutionPassphrase) props.onSign({});
    else setAskKeys(true);
  };

  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon message={t('signing.intro')} />
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        aria-label={t('signing.tableLabel')}
        dataSource={signers}
        columns={[
          { title: t('signing.who'), key: 'who', render: (_, s) => `${roleLabel(s)} ${s.name}` },
          {
            title: t('signing.state'),
            key: 'state',
            render: (_, s) => (signedBy.has(s.id) ? <Tag color="green">{t('signing.signed')}</Tag> : <Tag>{t('signing.pending')}</Tag>),
          },
          {
            title: t('signing.action'),
            key: 'action',
            render: (_, s) =>
              signedBy.has(s.id) ? null : (
                <Button
                  size="small"
                  disabled={props.busy || (s.role === 'mediator' && !props.isCaseMediator)}
                  onClick={() => setSigning({ id: s.id, role: s.role, name: s.name })}
                  aria-label={t('signing.signFor', { name: s.name })}
                  aria-describedby={props.refusal.describedBy('handSignature')}
                >
                  {t('signing.sign')}
                </Button>
              ),
          },
        ]}
      />
      <RefusalNotice handle={props.refusal} at="handSignature" />
      {props.step && (
        <Steps
          size="small"
          aria-label={t('signing.progress')}
          current={SIGNING_STEPS.indexOf(props.step)}
          items={SIGNING_STEPS.map((step) => ({ title: t(`signing.step.${step}`) }))}
        />
      )}
      <Flex gap={8} wrap>
        <Button onClick={props.onReopen} disabled={props.busy} aria-describedby={props.refusal.describedBy('reopen')}>
          {t('signing.reopen')}
        </Button>
        <Button type="primary" disabled={missing.length > 0 || !props.isCaseMediator} loading={props.busy} onClick={startSign} aria-describedby={props.refusal.describedBy('sign')}>
          {t('signing.signDigitally')}
        </Button>
        {missing.length > 0 && <Typography.Text type="secondary">{t('signing.waitingFor', { names: missing.map((s) => s.name).join('、') })}</Typography.Text>}
        {missing.length === 0 && !props.isCaseMediator && <Typography.Text type="secondary">{t('signing.onlyMediator')}</Typography.Text>}
      </Flex>
      <RefusalNotice handle={props.refusal} at="reopen" />
      <RefusalNotice handle={props.refusal} at="sign" />
      {signing && (
        <SignatureDialog
          open
          signer={signing}
          statement={signing.role === 'mediator' ? t('signing.mediatorStatement') : t('signing.partyStatement')}
          confirming={storing}
          onCancel={() => setSigning(null)}
          onConfirm={(signature) => {
            setStoring(true);
            void props.onHandSignature(signature).then((ok) => {
              setStoring(false);
              if (ok) setSigning(null);
            });
          }}
        />
      )}
      <Modal
        open={askKeys}
        title={t('signing.keysTitle')}
        okText={t('signing.keysOk')}
        cancelText={t('signing.keysCancel')}
        destroyOnHidden
        onCancel={() => setAskKeys(false)}
        onOk={() =>
          void form.validateFields().then((values) => {
            setAskKeys(false);
            props.onSign(values);
          }, () => undefined)
        }
      >
        <Typography.Paragraph type="secondary">{t('signing.keysBody')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          {props.needs.mediatorPassphrase && (
            <Form.Item name="mediatorPassphrase" label={t('signing.mediatorPassphrase')} rules={[{ required: true, message: t('signing.passphraseRequired') }]}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          )}
          {props.needs.institutionPassphrase && (
            <Form.Item name="institutionPassphrase" label={t('signing.institutionPassphrase')} rules={[{ required: true, message: t('signing.passphraseRequired') }]}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
