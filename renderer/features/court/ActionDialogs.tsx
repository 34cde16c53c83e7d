// The dialogs of the clerk's steps. Each only collects and checks what the clerk enters; the step
// itself (and what it refuses) is FilingActions' call into the store, whose answer the dialog shows
// without closing, so nothing typed is lost on a refused step.
import { useEffect, useId, useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/domain/deadlines';
import { REJECTION_GROUNDS, type RejectionGround, type RulingOutcome } from '../../../shared/confirmation/court/ruling';
import { SUPPLEMENT_ITEMS } from '../../../shared/confirmation/court/supplement';

export interface DialogProps<V> {
  open: boolean;
  busy: boolean;
  /** What the last attempt was refused for, shown in the dialog. */
  error: string | null;
  onCancel(): void;
  onSubmit(values: V): void;
}

/** The dialog's refusal, tied to its OK button (okRefusedBy) so a screen reader reads why with the button. */
function DialogError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <div id={id}>
      <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />
    </div>
  ) : null;
}

function okRefusedBy(id: string, error: string | null): { 'aria-describedby'?: string } {
  return error ? { 'aria-describedby': id } : {};
}

export function AcceptDialog({ proposed, checklistMissing, ...props }: DialogProps<{ docketNumber: string }> & { proposed: string | null; checklistMissing: boolean }) {
  const { t } = useTranslation('court');
  const errorId = useId();
  const [form] = Form.useForm<{ docketNumber: string }>();
  useEffect(() => {
    if (props.open) form.setFieldsValue({ docketNumber: proposed ?? '' });
  }, [props.open, proposed, form]);
  return (
    <Modal open={props.open} title={t('acceptDialog.title')} okText={t('acceptDialog.ok')} okButtonProps={okRefusedBy(errorId, props.error)} cancelText={t('acceptDialog.cancel')} confirmLoading={props.busy} onCancel={props.onCancel} onOk={() => form.submit()} forceRender>
      <DialogError id={errorId} error={props.error} />
      {proposed === null && <Alert type="warning" showIcon message={t('acceptDialog.noSettings')} style={{ marginBottom: 16 }} />}
      {checklistMissing && <Alert type="warning" showIcon message={t('acceptDialog.checklistWarn')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="courtAccept" onFinish={props.onSubmit}>
        <Form.Item name="docketNumber" label={t('acceptDialog.docket')} extra={t('acceptDialog.docketHelp')} rules={[{ required: true, message: t('errors.court.docket_invalid') }]}>
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RefuseDialog(props: DialogProps<{ reason: string }>) {
  const { t } = useTranslation('court');
  const errorId = useId();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open={props.open} title={t('refuseDialog.title')} okText={t('refuseDialog.ok')} okButtonProps={{ danger: true, ...okRefusedBy(errorId, props.error) }} cancelText={t('refuseDialog.cancel')} confirmLoading={props.busy} onCancel={props.onCancel} onOk={() => form.submit()} forceRender>
      <DialogError id={errorId} error={props.error} />
      <Form form={form} layout="vertical" name="courtRefuse" onFinish={props.onSubmit}>
        <Form.Item name="reason" label={t('refuseDialog.reason')} extra={t('refuseDialog.reasonHelp')} rules={[{ required: true, whitespace: true, message: t('errors.court.reason_required') }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type SupplementItem = (typeof SUPPLEMENT_ITEMS)[number];
export interface SupplementValues {
  missing: { item: SupplementItem; detail: string }[];
  dueOn: Dayjs;
}

export function SupplementDialog({ suggested, today, ...props }: DialogProps<{ missing: SupplementValues['missing']; dueOn: string }> & { suggested: SupplementValues['missing']; today: string }) {
  const { t } = useTranslation('court');
  const errorId = useId();
  const [form] = Form.useForm<SupplementValues>();
  useEffect(() => {
    if (props.open) form.setFieldsValue({ missing: suggested.length > 0 ? suggested : [{ item: 'other', detail: '' }], dueOn: dayjs(addDays(today, 7)) });
  }, [props.open, suggested, today, form]);
  const items = SUPPLEMENT_ITEMS.map((item) => ({ value: item, label: t(`supplementDialog.items.${item}`) }));
  return (
    <Modal open={props.open} width={640} title={t('supplementDialog.title')} okText={t('supplementDialog.ok')} okButtonProps={okRefusedBy(errorId, props.error)} cancelText={t('supplementDialog.cancel')} confirmLoading={props.busy} onCancel={props.onCancel} onOk={() => form.submit()} forceRender>
      <DialogError id={errorId} error={props.error} />
      <Typography.Paragraph type="secondary">{t('supplementDialog.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="courtSupplement" onFinish={(v) => props.onSubmit({ missing: v.missing, dueOn: v.dueOn.format('YYYY-MM-DD') })}>
        <Form.List name="missing">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'item']} label={`${t('supplementDialog.item')} ${index + 1}`} style={{ width: 170, marginBottom: 0 }}>
                    <Select options={items} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'detail']} label={`${t('supplementDialog.detail')} ${index + 1}`} rules={[{ required: true, whitespace: true, message: t('errors.court.supplement_empty') }]} style={{ width: 330, marginBottom: 0 }}>
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                  {fields.length > 1 && <Button type="text" aria-label={`${t('supplementDialog.remove')} ${index + 1}`} icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ item: 'other', detail: '' })} style={{ width: 'fit-content' }}>
                {t('supplementDialog.add')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="dueOn" label={t('supplementDialog.dueOn')} rules={[{ required: true, message: t('errors.court.supplement_due') }]} style={{ marginTop: 16 }}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') <= today || d.format('YYYY-MM-DD') > addDays(today, 90)} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ExtendDialog({ from, ...props }: DialogProps<void> & { from: string | null }) {
  const { t } = useTranslation('court');
  const errorId = useId();
  return (
    <Modal open={props.open} title={t('extendDialog.title')} okText={t('extendDialog.ok')} okButtonProps={okRefusedBy(errorId, props.error)} cancelText={t('extendDialog.cancel')} confirmLoading={props.busy} onCancel={props.onCancel} onOk={() => props.onSubmit()}>
      <DialogError id={errorId} error={props.error} />
      {from && <Typography.Paragraph>{t('extendDialog.body', { from, to: addDays(from, 10) })}</Typography.Paragraph>}
    </Modal>
  );
}

export interface RuleValues {
  outcome: RulingOutcome;
  grounds: RejectionGround[];
  reasoning: string;
  judge: string;
  acknowledgeUnauthenticated?: boolean;
}

export interface UnauthenticatedInstitution {
  institution: string;
  mismatch: boolean;
}

/**
 * The ruling in two steps: what the clerk decides, then every word of the ruling as it will be
 * signed (previewRuling), signed only from there. Any change to the form takes the preview back.
 * Confirming for an institution whose identity is not authenticated needs an explicit tick.
 */
export function RuleDialog({ judge, unauthenticated, onPreview, ...props }: DialogProps<RuleValues & { shownText: string }> & { judge: string; unauthenticated: UnauthenticatedInstitution | null; onPreview(values: RuleValues): Promise<string | null> }) {
  const { t } = useTranslation('court');
  const errorId = useId();
  const [form] = Form.useForm<RuleValues>();
  const outcome = Form.useWatch('outcome', form);
  const [shown, setShown] = useState(false);
  const [preview, setPreview] = useState<{ text: string; values: RuleValues } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  useEffect(() => {
    if (props.open && !shown) {
      form.setFieldsValue({ outcome: 'confirmed', grounds: [], reasoning: '', judge, acknowledgeUnauthenticated: false });
      setPreview(null);
    }
    setShown(props.open);
  }, [props.open, shown, judge, form]);
  const grounds = (Object.keys(REJECTION_GROUNDS) as RejectionGround[]).map((g) => ({ value: g, label: t(`grounds.${g}`) }));
  const warn = unauthenticated !== null && outcome === 'confirmed';
  const finish = async (v: RuleValues) => {
    const values = { ...v, grounds: v.outcome === 'rejected' ? (v.grounds ?? []) : [], acknowledgeUnauthenticated: v.acknowledgeUnauthenticated === true };
    setPreviewing(true);
    try {
      const text = await onPreview(values);
      setPreview(text === null ? null : { text, values });
    } finally {
      setPreviewing(false);
    }
  };
  return (
    <Modal
      open={props.open}
      width={720}
      title={t('ruleDialog.title')}
      okText={preview ? t('ruleDialog.ok') : t('ruleDialog.preview')}
      cancelText={t('ruleDialog.cancel')}
      confirmLoading={props.busy}
      okButtonProps={{ disabled: previewing, ...okRefusedBy(errorId, props.error) }}
      onCancel={props.onCancel}
      onOk={() => (preview ? props.onSubmit({ ...preview.values, shownText: preview.text }) : form.submit())}
      forceRender
    >
      <DialogError id={errorId} error={props.error} />
      {props.busy && <Alert type="info" showIcon role="status" message={t('ruleDialog.signing')} style={{ marginBottom: 16 }} />}
      {warn && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          message={t('ruleDialog.unauthenticatedTitle')}
          description={t(unauthenticated.mismatch ? 'ruleDialog.unauthenticatedMismatch' : 'ruleDialog.unauthenticatedBody', { name: unauthenticated.institution })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" name="courtRule" onFinish={(v) => void finish(v)} onValuesChange={() => setPreview(null)}>
        <Form.Item name="outcome" label={t('ruleDialog.outcome')}>
          <Radio.Group
            options={[
              { value: 'confirmed', label: t('ruleDialog.confirmed') },
              { value: 'rejected', label: t('ruleDialog.rejected') },
            ]}
          />
        </Form.Item>
        {outcome === 'rejected' && (
          <Form.Item name="grounds" label={t('ruleDialog.grounds')} rules={[{ required: true, type: 'array', min: 1, message: t('errors.court.grounds_required') }]}>
            <Checkbox.Group options={grounds} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
          </Form.Item>
        )}
        <Form.Item name="reasoning" label={t('ruleDialog.reasoning')} extra={t('ruleDialog.reasoningHelp')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="judge" label={t('ruleDialog.judge')} rules={[{ required: true, whitespace: true, message: t('errors.court.judge_required') }]}>
          <Input maxLength={50} style={{ width: 200 }} />
        </Form.Item>
        {warn && (
          <Form.Item
            name="acknowledgeUnauthenticated"
            valuePropName="checked"
            rules={[{ validator: (_, value) => (value === true ? Promise.resolve() : Promise.reject(new Error(t('errors.court.identity_ack_required', { name: unauthenticated.institution })))) }]}
          >
            <Checkbox>{t('ruleDialog.acknowledge')}</Checkbox>
          </Form.Item>
        )}
      </Form>
      {preview && (
        <section aria-labelledby="ruling-preview-title">
          <Typography.Title level={5} id="ruling-preview-title">
            {t('ruleDialog.previewTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('ruleDialog.previewHelp')}</Typography.Paragraph>
          <div data-testid="ruling-preview" tabIndex={0} style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflowY: 'auto', border: '1px solid #d9d9d9', borderRadius: 6, padding: 12, fontFamily: 'serif', lineHeight: 1.8 }}>
            {preview.text}
          </div>
        </section>
      )}
    </Modal>
  );
}
