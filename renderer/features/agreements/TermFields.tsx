// The fields of one agreed term, by kind: who performs for whom, amounts and due dates as data,
// free text only where the mediator needs words (what is to be done, which property).
import { Button, Checkbox, DatePicker, Flex, Form, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FormItemProps } from 'antd';
import { APOLOGY_FORMS, CLAUSE_MAX, PAYMENT_METHODS, type TermKind } from '../../../shared/agreement/model';

export interface PartyOption {
  value: string;
  label: string;
}

const dateProps: Partial<FormItemProps> = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : null }),
  normalize: (value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : ''),
};

function lengthRule(max: number, message: (actual: number) => string) {
  return {
    validator: async (_: unknown, value: unknown) => {
      const actual = typeof value === 'string' ? [...value].length : 0;
      if (actual > max) throw new Error(message(actual));
    },
  };
}

export function useLengthRule() {
  const { t } = useTranslation('agreements');
  return (max: number) => lengthRule(max, (actual) => t('editor.tooLong', { max, actual }));
}

function PartySelect({ name, label, parties }: { name: (string | number)[]; label: string; parties: PartyOption[] }) {
  return (
    <Form.Item name={name} label={label} style={{ minWidth: 220 }}>
      <Select aria-label={label} options={parties} placeholder={label} />
    </Form.Item>
  );
}

function DueDate({ name, label }: { name: (string | number)[]; label: string }) {
  return (
    <Form.Item name={name} label={label} {...dateProps}>
      <DatePicker aria-label={label} />
    </Form.Item>
  );
}

export function TermFields({ index, kind, parties }: { index: number; kind: TermKind; parties: PartyOption[] }) {
  const { t } = useTranslation('agreements');
  const length = useLengthRule();
  const n = (field: string) => [index, field];
  const textArea = (field: string, label: string, max = CLAUSE_MAX) => (
    <Form.Item name={n(field)} label={label} rules={[length(max)]}>
      <Input.TextArea aria-label={label} autoSize={{ minRows: 2, maxRows: 8 }} showCount={{ formatter: ({ count }) => `${count} / ${max}` }} />
    </Form.Item>
  );
  const method = (
    <Form.Item name={n('method')} label={t('term.method')}>
      <Select aria-label={t('term.method')} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} style={{ minWidth: 180 }} />
    </Form.Item>
  );
  const account = (
    <Form.Item name={n('account')} label={t('term.account')} rules={[length(200)]}>
      <Input aria-label={t('term.account')} />
    </Form.Item>
  );
  switch (kind) {
    case 'payment':
      return (
        <>
          <Flex gap={12} wrap>
            <PartySelect name={n('payerId')} label={t('term.payer')} parties={parties} />
            <PartySelect name={n('payeeId')} label={t('term.payee')} parties={parties} />
            <Form.Item name={n('amount')} label={t('term.amount')}>
              <Input aria-label={t('term.amount')} inputMode="decimal" prefix="¥" style={{ maxWidth: 200 }} />
            </Form.Item>
            <DueDate name={n('dueDate')} label={t('term.dueDate')} />
            {method}
          </Flex>
          {account}
          {textArea('note', t('term.note'))}
        </>
      );
    case 'instalments':
      return (
        <>
          <Flex gap={12} wrap>
            <PartySelect name={n('payerId')} label={t('term.payer')} parties={parties} />
            <PartySelect name={n('payeeId')} label={t('term.payee')} parties={parties} />
            {method}
          </Flex>
          <Form.List name={n('instalments')}>
            {(fields, { add, remove }, { errors }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>{t('term.instalments')}</Typography.Text>
                {fields.map((field, k) => (
                  <Flex key={field.key} gap={12} align="end" wrap>
                    <Form.Item name={[field.name, 'amount']} label={t('term.instalmentAmount', { n: k + 1 })}>
                      <Input aria-label={t('term.instalmentAmount', { n: k + 1 })} inputMode="decimal" prefix="¥" style={{ maxWidth: 200 }} />
                    </Form.Item>
                    <DueDate name={[field.name, 'dueDate']} label={t('term.instalmentDue', { n: k + 1 })} />
                    <Form.Item>
                      <Button onClick={() => remove(field.name)} aria-label={t('term.removeInstalment', { n: k + 1 })}>
                        {t('term.remove')}
                      </Button>
                    </Form.Item>
                  </Flex>
                ))}
                <Button onClick={() => add({ amount: '', dueDate: '' })}>{t('term.addInstalment')}</Button>
                <Form.ErrorList errors={errors} />
              </Space>
            )}
          </Form.List>
          <Form.Item name={n('accelerateOnDefault')} valuePropName="checked">
            <Checkbox>{t('term.accelerate')}</Checkbox>
          </Form.Item>
          {account}
          {textArea('note', t('term.note'))}
        </>
      );
    case 'performance':
    case 'return_property':
      return (
        <>
          <Flex gap={12} wrap>
            <PartySelect name={n('obligorId')} label={t('term.obligor')} parties={parties} />
            <PartySelect name={n('obligeeId')} label={t('term.obligee')} parties={parties} />
            <DueDate name={n('dueDate')} label={t('term.dueDate')} />
          </Flex>
          {kind === 'performance' ? textArea('action', t('term.action')) : textArea('items', t('term.items'))}
          <Form.Item name={n('place')} label={t('term.place')} rules={[length(200)]}>
            <Input aria-label={t('term.place')} />
          </Form.Item>
        </>
      );
    case 'apology':
      return (
        <Flex gap={12} wrap>
          <PartySelect name={n('obligorId')} label={t('term.obligor')} parties={parties} />
          <PartySelect name={n('obligeeId')} label={t('term.obligee')} parties={parties} />
          <DueDate name={n('dueDate')} label={t('term.dueDate')} />
          <Form.Item name={n('form')} label={t('term.apologyForm')}>
            <Select aria-label={t('term.apologyForm')} options={APOLOGY_FORMS.map((f) => ({ value: f, label: t(`apology.${f}`) }))} style={{ minWidth: 140 }} />
          </Form.Item>
        </Flex>
      );
    case 'other':
      return textArea('text', t('term.text'));
  }
}
