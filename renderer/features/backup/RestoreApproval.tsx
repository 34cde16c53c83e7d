// The question before a restore writes anything, asked once the file has verified: who made the
// backup (the signing institution's name and certificate fingerprint, to compare with what the
// institution says its fingerprint is), or that nobody vouches for it — then the restore waits
// for a tick saying so (issue 14 §5).
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Alert, Checkbox, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RestoreApproval, RestoreProvenance } from './store';
import { useLanguage } from '../../app/useLanguage';
import { formatDateTime } from '../../kit/time';
import { formatSize } from '../../kit/format';

interface Question {
  provenance: RestoreProvenance;
  file: { name: string; size: number };
  replaces: boolean;
}

const REFUSED: RestoreApproval = { restore: false, unsignedAcknowledged: false };

/** `ask` resolves with the person's answer; `dialog` is to be rendered by the caller. */
export function useRestoreApproval(): { ask: (question: Question) => Promise<RestoreApproval>; dialog: ReactNode } {
  const { t } = useTranslation('backup');
  const { language } = useLanguage();
  const [question, setQuestion] = useState<Question | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const pending = useRef<((answer: RestoreApproval) => void) | null>(null);

  const ask = useCallback(
    (next: Question) =>
      new Promise<RestoreApproval>((resolve) => {
        pending.current = resolve;
        setAcknowledged(false);
        setQuestion(next);
      }),
    [],
  );

  const finish = (answer: RestoreApproval) => {
    setQuestion(null);
    pending.current?.(answer);
    pending.current = null;
  };

  const unsigned = question?.provenance.kind === 'unsigned';
  const signer = question?.provenance.kind === 'signed' ? question.provenance.signer : null;
  const dialog = (
    <Modal
      open={question !== null}
      title={t(question?.replaces ? 'restore.confirmTitle' : 'restore.approveTitle')}
      okText={t(question?.replaces ? 'restore.confirmOk' : 'restore.approveOk')}
      okButtonProps={{ danger: question?.replaces === true, disabled: unsigned && !acknowledged }}
      cancelText={t('restore.confirmCancel')}
      onOk={() => finish({ restore: true, unsignedAcknowledged: unsigned && acknowledged })}
      onCancel={() => finish(REFUSED)}
      destroyOnHidden
    >
      {question && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t(question.replaces ? 'restore.confirmBody' : 'restore.approveBody', { name: question.file.name, size: formatSize(question.file.size) })}
          </Typography.Paragraph>
          {signer && (
            <Alert
              type="info"
              showIcon
              message={t('restore.signedBy', { name: signer.name })}
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    {t('restore.signedAt', { time: formatDateTime(signer.signedAt, language) })}
                  </Typography.Paragraph>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    {t('restore.fingerprint')} <Typography.Text code data-testid="backup-signer-fingerprint">{signer.fingerprint256}</Typography.Text>
                  </Typography.Paragraph>
                  <Typography.Paragraph style={{ marginBottom: 0 }}>{t('restore.compareFingerprint')}</Typography.Paragraph>
                </>
              }
            />
          )}
          {unsigned && (
            <Alert
              type="warning"
              showIcon
              message={t('restore.unsignedTitle')}
              description={
                <Space direction="vertical">
                  <Typography.Paragraph style={{ marginBottom: 0 }}>{t('restore.unsignedBody')}</Typography.Paragraph>
                  <Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)}>
                    {t('restore.unsignedAcknowledge')}
                  </Checkbox>
                </Space>
              }
            />
          )}
        </Space>
      )}
    </Modal>
  );
  return { ask, dialog };
}
