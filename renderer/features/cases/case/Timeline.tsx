// The case's audit timeline: who did what and when, and for each change the value before and
// after, in the reader's language.
import { Timeline as AntTimeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { formatFen } from '../../../../shared/domain/money';
import type { EventRow } from '../../../db/db';
import { getCategory } from '../common/categories';
import { formatDateTime } from '../common/format';
import { useLang } from '../common/useLang';
import type { UsersIndex } from '../common/useUsers';
import { categoryFieldChanges, changesOf, type FieldChange } from './audit-changes';

const EVIDENCE_ACTIONS = new Set(['evidence.add', 'evidence.correct', 'evidence.withdraw', 'evidence.checkpoint']);
const AGREEMENT_ACTIONS = new Set(['agreement.draft', 'agreement.save', 'agreement.finalise', 'agreement.reopen', 'agreement.hand_signature', 'agreement.sign']);
const SESSION_ACTIONS = new Set(['video_session.schedule', 'video_session.cancel', 'video_session.start', 'video_session.consent', 'video_session.end', 'video_session.minutes_finalise', 'video_session.recording']);
const CONFIRMATION_ACTIONS = new Set(['confirmation.start', 'confirmation.hand_signature', 'confirmation.application_signed', 'confirmation.build', 'confirmation.export', 'confirmation.receipt']);
const KNOWN_ACTIONS = new Set([...SESSION_ACTIONS, ...CONFIRMATION_ACTIONS, 'case.register', 'case.update', 'case.transition', 'case.assign', 'case.extend', 'case.agreement_effective', 'party.reveal_id', ...EVIDENCE_ACTIONS, ...AGREEMENT_ACTIONS]);
/** Actions whose event names one thing (shown after the action) rather than changing fields. */
const NAMING_ACTIONS = new Set(['case.register', 'party.reveal_id', ...EVIDENCE_ACTIONS, ...AGREEMENT_ACTIONS, ...SESSION_ACTIONS, ...CONFIRMATION_ACTIONS]);

export function CaseTimeline({ events, users, category }: { events: readonly EventRow[]; users: UsersIndex; category: string }) {
  const { t } = useTranslation(['cases', 'domain']);
  const language = useLang();

  const fieldLabel = (field: string): string => {
    const categoryField = getCategory(category)?.fields.find((f) => f.key === field);
    if (categoryField) return categoryField.label[language];
    return t(`cases:field.${field}`, { defaultValue: field });
  };

  const value = (field: string, raw: unknown): ReactNode => {
    if (raw === null || raw === undefined || raw === '') return <Typography.Text type="secondary">{t('cases:timeline.empty')}</Typography.Text>;
    switch (field) {
      case 'status':
        return t(`domain:status.${String(raw)}`);
      case 'source':
        return t(`domain:source.${String(raw)}`);
      case 'category':
        return getCategory(String(raw))?.name[language] ?? String(raw);
      case 'mediatorId':
        return users.byId.get(String(raw))?.displayName ?? String(raw);
      case 'amountFen':
        return typeof raw === 'number' ? formatFen(raw, language) : String(raw);
      case 'closedAt':
        return formatDateTime(String(raw), language);
      default:
        if (typeof raw === 'boolean') return raw ? t('cases:common.yes') : t('cases:common.no');
        if (typeof raw === 'object') return JSON.stringify(raw);
        return String(raw);
    }
  };

  const changeRows = (changes: FieldChange[]): ReactNode[] =>
    changes.flatMap((change) =>
      change.field === 'categoryFields'
        ? categoryFieldChanges(change.before, change.after).map((c) => (
            <li key={`cf-${c.field}`}>
              {fieldLabel(c.field)}: {value(c.field, c.before)} → {value(c.field, c.after)}
            </li>
          ))
        : [
            <li key={change.field}>
              {fieldLabel(change.field)}: {value(change.field, change.before)} → {value(change.field, change.after)}
            </li>,
          ],
    );

  const items = events.map((event) => {
    const after = (event.after ?? {}) as Record<string, unknown>;
    const action = KNOWN_ACTIONS.has(event.action) ? t(`cases:timeline.action.${event.action}`) : event.action;
    const changes = NAMING_ACTIONS.has(event.action) ? [] : changesOf(event);
    const reason = typeof after.reason === 'string' ? after.reason : null;
    return {
      key: event.id,
      children: (
        <div>
          <Typography.Text strong>{action}</Typography.Text>
          {event.action === 'party.reveal_id' && typeof after.name === 'string' && <> · {after.name}</>}
          {EVIDENCE_ACTIONS.has(event.action) && typeof after.title === 'string' && <> · {after.title}</>}
          {event.action === 'evidence.checkpoint' && typeof after.treeSize === 'number' && <> · {t('cases:timeline.checkpointSize', { size: after.treeSize })}</>}
          {AGREEMENT_ACTIONS.has(event.action) && typeof after.version === 'number' && <> · {t('cases:timeline.agreementVersion', { version: after.version })}</>}
          {event.action === 'agreement.hand_signature' && typeof after.signer === 'string' && <> · {after.signer}</>}
          {SESSION_ACTIONS.has(event.action) && typeof after.number === 'number' && <> · {t('cases:timeline.sessionNumber', { number: after.number })}</>}
          {event.action === 'confirmation.receipt' && typeof after.docket === 'string' && <> · {after.docket}</>}
          {event.action === 'confirmation.hand_signature' && typeof after.signer === 'string' && <> · {after.signer}</>}
          {event.action === 'video_session.consent' && typeof after.participant === 'string' && <> · {after.participant}</>}
          <div>
            <Typography.Text type="secondary">
              {t('cases:timeline.byAt', { name: event.actorName, at: formatDateTime(event.at, language) })}
            </Typography.Text>
          </div>
          {changes.length > 0 && <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>{changeRows(changes)}</ul>}
          {reason && <div>{t('cases:timeline.reason', { reason })}</div>}
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
