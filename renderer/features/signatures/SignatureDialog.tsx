// One person signs by hand (design.md §5): the statement they confirm, the pad, and "确认签名" once
// the drawing is a signature. The caller stores the result (PDF, evidence ledger); the dialog uses
// no workstation service, so it can run on a party's own device too.
import { useId, useState } from 'react';
import { Alert, Button, Flex, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { handSignatureSchema, signatureProblem, type HandSignature, type SignatureStroke, type Size } from '../../../shared/agreement/hand-signature';
import { translateCode } from '../../kit/translate';
import { SignaturePad } from './SignaturePad';

export interface Signer {
  /** The party's id (party, agent) or the user's id (mediator). */
  id: string;
  role: HandSignature['signerRole'];
  name: string;
}

export interface SignatureDialogProps {
  open: boolean;
  signer: Signer;
  /** What the signer confirms by signing, e.g. "本人已阅读本协议全部内容，自愿签署。" */
  statement: string;
  onConfirm: (signature: HandSignature) => void;
  onCancel: () => void;
  /** While the caller stores the signature: the confirm button spins and the drawing is locked. */
  confirming?: boolean;
  /** The clock for capturedAt. */
  now?: () => Date;
}

export function SignatureDialog({ open, signer, statement, onConfirm, onCancel, confirming = false, now = () => new Date() }: SignatureDialogProps) {
  const { t } = useTranslation('signatures');
  const reasonId = useId();
  const [drawing, setDrawing] = useState<{ strokes: SignatureStroke[]; size: Size } | null>(null);
  const [invalid, setInvalid] = useState(false);
  const problem = drawing ? signatureProblem({ strokes: drawing.strokes, ...drawing.size }) : 'signature.empty';
  const drawn = (drawing?.strokes.length ?? 0) > 0;

  const confirm = () => {
    if (!drawing || problem) return;
    const parsed = handSignatureSchema.safeParse({
      version: 1,
      signerId: signer.id,
      signerRole: signer.role,
      signerName: signer.name,
      capturedAt: now().toISOString(),
      width: drawing.size.width,
      height: drawing.size.height,
      strokes: drawing.strokes,
    });
    if (!parsed.success) {
      setInvalid(true);
      return;
    }
    onConfirm(parsed.data);
  };

  const reason = invalid ? 'signature.invalid' : problem;
  return (
    <Modal
      open={open}
      title={t('dialog.title', { name: signer.name })}
      onCancel={onCancel}
      // A click beside the dialog must not throw a signature away; Esc may close it only while
      // nothing is drawn. The close button and "取消" are deliberate.
      mask={{ closable: false }}
      keyboard={!drawn}
      closable={!confirming}
      destroyOnHidden
      afterClose={() => {
        setDrawing(null);
        setInvalid(false);
      }}
      width={720}
      footer={
        <Flex justify="space-between" align="center" wrap gap={8}>
          {reason === 'signature.invalid' ? (
            <Alert id={reasonId} type="error" showIcon role="alert" title={translateCode(t, reason, {}, ['signatures'])} />
          ) : reason ? (
            <Typography.Text id={reasonId} type={reason === 'signature.empty' ? 'secondary' : 'warning'}>
              {translateCode(t, reason, {}, ['signatures'])}
            </Typography.Text>
          ) : (
            <span />
          )}
          <Space>
            <Button size="large" onClick={onCancel} disabled={confirming}>
              {t('dialog.cancel')}
            </Button>
            <Button size="large" type="primary" onClick={confirm} disabled={reason !== null} loading={confirming} aria-describedby={reason ? reasonId : undefined}>
              {t('dialog.confirm')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('dialog.signer', { name: signer.name, role: t(`role.${signer.role}`) })}</Typography.Text>
        <Typography.Paragraph strong style={{ fontSize: 16, marginBottom: 0 }}>
          {statement}
        </Typography.Paragraph>
        <SignaturePad
          label={t('dialog.padLabel', { name: signer.name })}
          disabled={confirming}
          onChange={(strokes, size) => {
            setDrawing({ strokes, size });
            setInvalid(false);
          }}
        />
      </Flex>
    </Modal>
  );
}
