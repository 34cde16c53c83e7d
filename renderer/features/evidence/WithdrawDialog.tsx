// Withdrawing an item: a new entry that names the withdrawn one and why; nothing is deleted.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import { translateCode } from '../../app/translate';
import { withdrawEvidence } from './store';

export function WithdrawDialog({ target, caseId, user, onClose, onDone }: { target: { seq: number; title: string } | null; caseId: string; user: User; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation(['evidence', 'cases']);
  const { db } = useServices();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !target) return;
    setBusy(true);
    try {
      const result = await withdrawEvidence(db, user, caseId, target.seq, t('withdraw.entryTitle', { seq: target.seq + 1, reason: values.reason.trim() }));
      if (!result.ok) {
        setError(translateCode(t, result.error.code, result.error.params, ['evidence', 'cases']));
        return;
      }
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={t('withdraw.title', { seq: (target?.seq ?? 0) + 1, title: target?.title })}
      okText={t('withdraw.ok')}
      okButtonProps={{ danger: true, loading: busy }}
      cancelText={t('add.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('withdraw.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('withdraw.reason')} rules={[{ required: true, whitespace: true, message: t('add.required', { field: t('withdraw.reason') }) }, { max: 120 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
