// Withdrawing an item: a new entry that names the withdrawn one and why; nothing is deleted.
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import { useServices } from '../../app/services';
import { useCommand } from '../../kit/useCommand';
import { useErrorText } from '../../kit/useErrorText';
import { withdrawEvidence } from './store';

const ERROR_NAMESPACES: readonly string[] = ['evidence', 'cases'];

export function WithdrawDialog({ target, caseId, user, onClose, onDone }: { target: { seq: number; title: string } | null; caseId: string; user: User; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation(['evidence', 'cases']);
  const { data } = useServices();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useCommand((seq: number, reason: string) => withdrawEvidence(data, user, caseId, seq, t('withdraw.entryTitle', { seq: seq + 1, reason })), { onDone });
  const error = withdraw.error ? errorText(withdraw.error.code, withdraw.error.params) : null;

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !target) return;
    await withdraw.run(target.seq, values.reason.trim());
  };

  return (
    <Modal
      open={target !== null}
      title={t('withdraw.title', { seq: (target?.seq ?? 0) + 1, title: target?.title })}
      okText={t('withdraw.ok')}
      okButtonProps={{ danger: true, loading: withdraw.busy }}
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
