// Asks for the institution key's passphrase when signing needs it (the key is sealed by a
// passphrase and not yet unlocked in this window); with the OS keystore it never appears.
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { readIdentity, needsPassphrase, summarizeIdentity } from './store';

type Answer = { passphrase?: string } | null;

/** `ask()` resolves to {} when no passphrase is needed, {passphrase} when given, null when cancelled. */
export function usePassphrasePrompt(): { ask: () => Promise<Answer>; prompt: ReactNode } {
  const { t } = useTranslation('identity');
  const { data } = useServices();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ passphrase: string }>();
  const pending = useRef<((answer: Answer) => void) | null>(null);

  const ask = useCallback(async (): Promise<Answer> => {
    const identity = await readIdentity(data);
    if (!identity) return {};
    const { keyId } = await summarizeIdentity(identity);
    if (!needsPassphrase(identity, keyId)) return {};
    return new Promise<Answer>((resolve) => {
      pending.current = resolve;
      setOpen(true);
    });
  }, [data]);

  const finish = (answer: Answer) => {
    setOpen(false);
    form.resetFields();
    pending.current?.(answer);
    pending.current = null;
  };

  const prompt = (
    <Modal
      open={open}
      title={t('prompt.title')}
      okText={t('prompt.ok')}
      cancelText={t('prompt.cancel')}
      onOk={() => void form.validateFields().then((v) => finish({ passphrase: v.passphrase }), () => undefined)}
      onCancel={() => finish(null)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('prompt.body')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => finish({ passphrase: v.passphrase })}>
        <Form.Item name="passphrase" label={t('prompt.label')} rules={[{ required: true, message: t('prompt.required') }]}>
          <Input.Password autoFocus autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
  return { ask, prompt };
}
