// Extending the mediation time limit when the parties agree to more time: a button beside the
// limit, a dialog asking how many days and who agreed, checked by the same domain rule the store
// applies; the audit event keeps the old and new limit and the reason.
import { useId, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkMediationExtension, MAX_EXTENSION_DAYS } from '../../../../shared/domain/deadlines';
import type { Case, User } from '../../../../shared/domain/model';
import { useServices } from '../../../app/services';
import { extendMediationDeadline } from '../../case-store';
import { stripControlChars } from '../../../kit/text-input';
import { useErrorText } from '../../../kit/useErrorText';
import { CASES_NAMESPACES } from '../i18n';
import { useCaseSave } from './useCaseSave';

interface ExtendValues {
  days?: number | null;
  reason?: string;
}

export interface ExtendDeadlineProps {
  record: Case;
  user: User;
  onSaved(saved: Case): void;
  onChanged(current: Case): void;
}

export function ExtendDeadline({ record, user, onSaved, onChanged }: ExtendDeadlineProps) {
  const { t } = useTranslation(['cases']);
  const [open, setOpen] = useState(false);
  if (!checkMediationExtension(record, 1, '-').ok) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('cases:extend.button')}
      </Button>
      {open && (
        <ExtendDialog
          record={record}
          user={user}
          onClose={() => setOpen(false)}
          onSaved={(saved) => {
            setOpen(false);
            onSaved(saved);
          }}
          onChanged={(current) => {
            setOpen(false);
            onChanged(current);
          }}
        />
      )}
    </>
  );
}

function ExtendDialog({ record, user, onClose, onSaved, onChanged }: Omit<ExtendDeadlineProps, 'record'> & { record: Case; onClose(): void }) {
  const { t } = useTranslation(['cases']);
  const { data } = useServices();
  const { message } = App.useApp();
  const errorText = useErrorText(CASES_NAMESPACES);
  const [form] = Form.useForm<ExtendValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  // The refusal is tied to the OK button, so a screen reader reads why with it.
  const refusalId = useId();
  const { busy, save } = useCaseSave({ onSaved, onChanged, onRefused: setRefusal });
  const days = Form.useWatch('days', form);
  const preview = typeof days === 'number' ? checkMediationExtension(record, days, '-') : null;

  const submit = async () => {
    const values = form.getFieldsValue();
    const extension = { days: values.days ?? 0, reason: values.reason ?? '' };
    const check = checkMediationExtension(record, extension.days, extension.reason);
    if (!check.ok) {
      form.setFields(check.errors.filter((e) => e.path.length > 0).map((e) => ({ name: e.path[0] as keyof ExtendValues, errors: [errorText(e.code, e.params)] })));
      const general = check.errors.find((e) => e.path.length === 0);
      setRefusal(general ? errorText(general.code, general.params) : null);
      return;
    }
    await save(
      () => extendMediationDeadline(data, user, record.id, record.version, extension),
      (saved) => void message.success(t('cases:extend.done', { deadline: saved.mediationDeadline })),
    );
  };

  return (
    <Modal
      open
      title={t('cases:extend.title')}
      okText={t('cases:extend.submit')}
      cancelText={t('cases:common.cancel')}
      okButtonProps={{ loading: busy, 'aria-describedby': refusal ? refusalId : undefined }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('cases:extend.body', { number: record.number, deadline: record.mediationDeadline })}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ days: 15 }}>
          <Form.Item
            name="days"
            label={t('cases:extend.days')}
            required
            extra={preview?.ok ? t('cases:extend.newDeadline', { deadline: preview.deadline }) : t('cases:extend.daysHelp', { max: MAX_EXTENSION_DAYS })}
          >
            <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('cases:extend.reason')} required extra={t('cases:extend.reasonHelp')} normalize={(v: string) => stripControlChars(v)}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Form>
        {refusal && (
          <div id={refusalId}>
            <Alert type="error" showIcon role="alert" message={t('cases:extend.refused')} description={refusal} />
          </div>
        )}
      </Flex>
    </Modal>
  );
}
