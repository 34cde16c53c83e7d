// The case's audit timeline: who did what and when, and for each change the value before and
// after, in the reader's language.
import { Timeline as AntTimeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { formatFen } from '../../../../shared/domain/money';
import type { EventRow } from '../../../data';
import { getCategory } from '../common/categories';
import { formatDateTime } from '../../../kit/time';
import { useLang } from '../../../kit/useLang';
import type { UsersIndex } from '../common/useUsers';
import { CATEGORY_FIELD_PREFIX, auditFieldLabel, auditLines, type AuditValue } from './audit-lines';

export function CaseTimeline({ events, users, category }: { events: readonly EventRow[]; users: UsersIndex; category: string }) {
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();

  const fieldLabel = (field: string): string => {
    if (field.startsWith(CATEGORY_FIELD_PREFIX)) {
      const key = field.slice(CATEGORY_FIELD_PREFIX.length);
      return getCategory(category)?.fields.find((f) => f.key === key)?.label[language] ?? key;
    }
    return auditFieldLabel(field, language);
  };

  // What only the case screen knows: a status's, source's and category's name, a mediator's name, an amount.
  const caseValue = (field: string, raw: unknown): AuditValue | null => {
    if (raw === null || raw === undefined || raw === '') return null;
    switch (field) {
      case 'status':
        return { text: t(`domain:status.${String(raw)}`) };
      case 'source':
        return { text: t(`domain:source.${String(raw)}`) };
      case 'category':
        return { text: getCategory(String(raw))?.name[language] ?? String(raw) };
      case 'mediatorId':
        return { text: users.names.get(String(raw)) ?? String(raw) };
      case 'amountFen':
        return typeof raw === 'number' ? { text: formatFen(raw, language) } : null;
      default:
        return null;
    }
  };

  const shown = (value: AuditValue): ReactNode =>
    value.empty ? <Typography.Text type="secondary">{value.text}</Typography.Text> : value.code ? <Typography.Text code>{value.text}</Typography.Text> : value.text;

  const colon = language === 'zh-CN' ? '：' : ': ';

  const items = events.map((event) => {
    const lines = auditLines(event, language, caseValue);
    const rows = [
      ...lines.details.map((d) => (
        <li key={d.field}>
          {fieldLabel(d.field)}{colon}{shown(d.value)}
        </li>
      )),
      ...lines.changes.map((c) => (
        <li key={c.field}>
          {fieldLabel(c.field)}{colon}{shown(c.before)} → {shown(c.after)}
        </li>
      )),
    ];
    return {
      key: event.id,
      children: (
        <div>
          <Typography.Text strong>{lines.action}</Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {t('cases:timeline.byAt', { name: event.actorName, at: formatDateTime(event.at, language) })}
            </Typography.Text>
          </div>
          {rows.length > 0 && <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>{rows}</ul>}
          {lines.reason && <div>{t('cases:timeline.reason', { reason: lines.reason })}</div>}
        </div>
      ),
    };
  });

  if (events.length === 0) return <Typography.Text type="secondary">{t('cases:timeline.none')}</Typography.Text>;
  return (
    <section aria-label={t('cases:timeline.title')}>
      <AntTimeline items={items} />
    </section>
  );
}
