// The director's hand-over on the case list (issue 17 item 3): a leaving mediator's open cases to
// another mediator, in one step done and recorded on the center server (features/center
// handOverCases), offered while a director's or administrator's server session is signed in. The
// mediators are the server's accounts; a refusal shows in the dialog, and nothing is changed here
// but by the sync that follows.
import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Select, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../../app/services';
import { StoreError } from '../../../kit/result';
import { centerConnectionOf, handOverCases, useCenterAccounts, useRefusalText } from '../../center';

interface Choice {
  from?: string;
  to?: string;
}

export function HandOver() {
  const { t } = useTranslation('cases');
  const { data, platform } = useServices();
  const center = useCenterAccounts();
  const refusalText = useRefusalText();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<StoreError | null>(null);
  const [form] = Form.useForm<Choice>();
  if (!center.manager) return null;
  const workers = center.accounts.filter((a) => a.role === 'mediator' || a.role === 'lawyer');
  const nameOf = (id: string) => workers.find((a) => a.id === id)?.displayName ?? id;
  const fromOptions = workers.map((a) => ({ value: a.id, label: a.displayName }));
  const toOptions = workers.filter((a) => a.active).map((a) => ({ value: a.id, label: a.displayName }));

  const submit = async ({ from, to }: Choice) => {
    if (!from || !to) return;
    setBusy(true);
    setRefusal(null);
    try {
      const count = await handOverCases(centerConnectionOf(data, platform.centerServer), { fromAccountId: from, toAccountId: to });
      message.success(count > 0 ? t('handOver.done', { count, from: nameOf(from), to: nameOf(to) }) : t('handOver.none', { from: nameOf(from) }));
      setOpen(false);
      form.resetFields();
    } catch (error) {
      setRefusal(error instanceof StoreError ? error : new StoreError('center.link_unreachable', String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<SwapOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('handOver.open')}
      </Button>
      <Modal
        open={open}
        title={t('handOver.title')}
        onCancel={() => setOpen(false)}
        okText={t('handOver.submit')}
        cancelText={t('handOver.cancel')}
        okButtonProps={{ htmlType: 'submit', loading: busy, form: 'hand-over' }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('handOver.intro')}</Typography.Paragraph>
        {workers.length === 0 && <Alert type="info" showIcon message={t('handOver.noAccounts')} style={{ marginBottom: 16 }} />}
        <Form id="hand-over" form={form} layout="vertical" onFinish={(values) => void submit(values)} aria-label={t('handOver.title')}>
          <Form.Item name="from" label={t('handOver.from')} rules={[{ required: true, message: t('handOver.required', { field: t('handOver.from') }) }]}>
            <Select placeholder={t('handOver.fromPlaceholder')} options={fromOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item
            name="to"
            label={t('handOver.to')}
            dependencies={['from']}
            rules={[
              { required: true, message: t('handOver.required', { field: t('handOver.to') }) },
              ({ getFieldValue }) => ({
                validator: (_rule, value) => (value && value === getFieldValue('from') ? Promise.reject(new Error(t('handOver.same'))) : Promise.resolve()),
              }),
            ]}
          >
            <Select placeholder={t('handOver.toPlaceholder')} options={toOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Form>
        {refusal && <Alert type="error" showIcon role="alert" message={t('handOver.refused')} description={refusalText(refusal)} />}
      </Modal>
    </>
  );
}
