// What was registered: the category's own fields, source, claims, amount and description.
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/domain/model';
import { formatFen } from '../../../../shared/domain/money';
import { getCategory } from '../common/categories';
import { useLang } from '../../../kit/useLang';

export function CaseDetails({ record }: { record: Case }) {
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();
  const category = getCategory(record.category);

  const fieldValue = (key: string): string => {
    const field = category?.fields.find((f) => f.key === key);
    const value = record.categoryFields[key];
    if (value === null || value === undefined || value === '') return '—';
    if (!field) return String(value);
    switch (field.type) {
      case 'money':
        return typeof value === 'number' ? formatFen(value, language) : String(value);
      case 'boolean':
        return value === true ? t('cases:common.yes') : t('cases:common.no');
      case 'select':
        return field.options?.find((o) => o.value === value)?.label[language] ?? String(value);
      case 'number':
        return field.unit ? `${String(value)} ${field.unit[language]}` : String(value);
      default:
        return String(value);
    }
  };

  const categoryItems = (category?.fields ?? []).map((field) => ({ key: field.key, label: field.label[language], children: fieldValue(field.key) }));
  const multiline = (text: string) => (text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{text}</Typography.Paragraph> : '—');

  return (
    <>
      {categoryItems.length > 0 && (
        <Descriptions title={t('cases:page.categoryFields')} size="small" bordered column={{ xs: 1, md: 2 }} items={categoryItems} style={{ marginBottom: 16 }} />
      )}
      <Descriptions
        title={t('cases:page.details')}
        size="small"
        bordered
        column={1}
        items={[
          { key: 'source', label: t('cases:intake.source'), children: t(`domain:source.${record.source}`) },
          { key: 'amount', label: t('cases:intake.amount'), children: record.amountFen === null ? '—' : formatFen(record.amountFen, language) },
          { key: 'claims', label: t('cases:intake.claims'), children: multiline(record.claims) },
          { key: 'description', label: t('cases:intake.description'), children: multiline(record.description) },
        ]}
      />
    </>
  );
}
