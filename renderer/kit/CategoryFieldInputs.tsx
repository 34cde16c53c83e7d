// The inputs of one category's own intake fields, rendered from the CategoryField data of
// shared/domain/categories.ts. Values stay as typed (strings, or booleans for yes/no); the domain
// validator parses them, so the form never rounds a number or an amount on the way. In the kit
// because the case intake, the case's details and the referral form all ask for them.
import { DatePicker, Form, Input, Select, type FormItemProps } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { getCategory, type CategoryField } from '../../shared/domain/categories';
import { useLang } from './useLang';
import { cleanPastedText } from './text-input';
import { KIT_NS } from './i18n';

export interface CategoryFieldInputsProps {
  category: string | undefined;
  /** Extra rules per field (the intake form checks each field on blur). */
  rulesFor?(name: (string | number)[]): FormItemProps['rules'];
}

export function CategoryFieldInputs({ category, rulesFor }: CategoryFieldInputsProps) {
  const language = useLang();
  const { t } = useTranslation(KIT_NS);
  const definition = getCategory(category ?? '');
  if (!definition) return null;
  return (
    <>
      {definition.fields.map((field) => {
        const name = ['categoryFields', field.key];
        const label = field.label[language];
        return (
          <Form.Item
            key={`${definition.code}-${field.key}`}
            name={name}
            label={label}
            required={field.required}
            rules={rulesFor?.(name)}
            validateTrigger={['onBlur', 'onChange']}
            {...valueProps(field)}
          >
            {input(field, label, language, t)}
          </Form.Item>
        );
      })}
    </>
  );
}

function valueProps(field: CategoryField): Partial<FormItemProps> {
  if (field.type === 'date') {
    return {
      getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : null }),
      normalize: (value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : ''),
    };
  }
  if (field.type === 'text' || field.type === 'textarea' || field.type === 'number' || field.type === 'money') {
    return { normalize: cleanPastedText };
  }
  return {};
}

function input(field: CategoryField, label: string, language: 'zh-CN' | 'en-US', t: (key: string) => string) {
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} showCount={field.maxLength ? { formatter: ({ count }) => `${count} / ${field.maxLength}` } : false} />;
    case 'number':
      return <Input inputMode="decimal" suffix={field.unit?.[language]} style={{ maxWidth: 240 }} />;
    case 'money':
      return <Input inputMode="decimal" prefix="¥" style={{ maxWidth: 240 }} />;
    case 'date':
      return <DatePicker aria-label={label} />;
    case 'select':
      return <Select allowClear aria-label={label} options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label[language] }))} style={{ maxWidth: 320 }} />;
    case 'boolean':
      return (
        <Select
          allowClear
          aria-label={label}
          options={[
            { value: 'true', label: t('categoryFields.yes') },
            { value: 'false', label: t('categoryFields.no') },
          ]}
          style={{ maxWidth: 160 }}
        />
      );
    default:
      return <Input />;
  }
}
