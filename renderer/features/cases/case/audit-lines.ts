// What one audit event says, in the reader's words: the action, and the fields it names or
// changed with their values. Every word comes from shared/audit (enums with texts in both
// languages), so no raw key (confirmation.trust_court, fingerprint256, package_exported) reaches
// the screen; a field the enums do not list is bookkeeping and stays in the log, unshown.
import { AUDIT_HASH_FIELDS, AUDIT_INSTANT_FIELDS, AUDIT_LEDGER_POSITION_FIELDS, auditCodedValues, isAuditAction, isAuditField, type AuditCodedField, type AuditField } from '../../../../shared/audit/actions';
import { auditTexts } from '../../../../shared/audit/texts';
import type { Language } from '../../../../shared/domain/model';
import type { EventRow } from '../../../data';
import { formatDateTime } from '../../../kit/time';
import { categoryFieldChanges, changesOf } from './audit-changes';

/** A change row's field inside the case's category fields: 'categoryFields.liability'. */
export const CATEGORY_FIELD_PREFIX = 'categoryFields.';

/** Actions whose record is the whole new thing; the action's name says it all. */
const WHOLE_RECORD_ACTIONS = new Set(['case.register', 'institution.create', 'user.create', 'settings.create']);

export interface AuditValue {
  text: string;
  /** A hash or fingerprint: shown in a code font, read by comparing. */
  code?: boolean;
  /** Nothing was there (shown dimmed). */
  empty?: boolean;
}

export interface AuditDetail {
  field: string;
  value: AuditValue;
}

export interface AuditChange {
  field: string;
  before: AuditValue;
  after: AuditValue;
}

export interface AuditLines {
  action: string;
  details: AuditDetail[];
  changes: AuditChange[];
  /** The reason of a change: a code's text or the words a person typed. */
  reason: string | null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

function isCoded(field: string): field is AuditCodedField {
  return Object.hasOwn(auditCodedValues, field);
}

/** How a field's value reads, without what only the case screen knows (categories, users, money). */
export function auditValue(field: AuditField | string, raw: unknown, language: Language): AuditValue {
  const texts = auditTexts[language];
  if (raw === null || raw === undefined || raw === '') return { text: texts.empty, empty: true };
  if (typeof raw === 'boolean') return { text: raw ? texts.yes : texts.no };
  if (isCoded(field) && typeof raw === 'string') {
    const parsed = auditCodedValues[field].safeParse(raw);
    if (parsed.success) return { text: (texts.code[field] as Record<string, string>)[parsed.data] ?? raw };
  }
  if (isAuditField(field)) {
    if (AUDIT_INSTANT_FIELDS.has(field) && typeof raw === 'string') return { text: formatDateTime(raw, language) };
    if (AUDIT_LEDGER_POSITION_FIELDS.has(field) && typeof raw === 'number') return { text: fill(texts.ledgerPosition, { n: raw + 1 }) };
    if (AUDIT_HASH_FIELDS.has(field)) return { text: String(raw), code: true };
    if (field === 'size' && typeof raw === 'number') return { text: fill(texts.bytes, { size: raw.toLocaleString(language) }) };
  }
  if (Array.isArray(raw)) return { text: raw.map((v) => auditValue(field, v, language).text).join(language === 'zh-CN' ? '、' : ', ') };
  if (typeof raw === 'object') return { text: JSON.stringify(raw) };
  return { text: String(raw) };
}

/** The reason's text: a code's words, or what a person typed. */
export function auditReason(raw: unknown, language: Language): string | null {
  if (typeof raw !== 'string' || raw === '') return null;
  return auditValue('reason', raw, language).text;
}

/**
 * The lines of one event. `value` may show a field better than auditValue can (a category's name,
 * a mediator's name, an amount); it returns null to leave a field to auditValue.
 */
export function auditLines(event: Pick<EventRow, 'action' | 'before' | 'after'>, language: Language, value: (field: string, raw: unknown) => AuditValue | null = () => null): AuditLines {
  const texts = auditTexts[language];
  const action = isAuditAction(event.action) ? texts.action[event.action] : fill(texts.unknownAction, { action: event.action });
  const after = asRecord(event.after);
  const show = (field: string, raw: unknown): AuditValue => value(field, raw) ?? auditValue(field, raw, language);
  const reason = auditReason(after.reason, language);
  if (WHOLE_RECORD_ACTIONS.has(event.action)) return { action, details: [], changes: [], reason: null };
  if (event.before !== null && event.before !== undefined) {
    const changes = changesOf(event)
      .filter((c) => isAuditField(c.field))
      .flatMap((c) =>
        c.field === 'categoryFields'
          ? // One row per category field that changed; the case screen labels them (CATEGORY_FIELD_PREFIX).
            categoryFieldChanges(c.before, c.after).map((f) => ({ field: `${CATEGORY_FIELD_PREFIX}${f.field}`, before: show(f.field, f.before), after: show(f.field, f.after) }))
          : [{ field: c.field, before: show(c.field, c.before), after: show(c.field, c.after) }],
      );
    return { action, details: [], changes, reason };
  }
  const details = Object.entries(after)
    .filter(([field]) => isAuditField(field) && field !== 'reason')
    .map(([field, raw]) => ({ field, value: show(field, raw) }));
  return { action, details, changes: [], reason };
}

/** A field's label (category fields are labelled by the case screen). */
export function auditFieldLabel(field: string, language: Language): string {
  return isAuditField(field) ? auditTexts[language].field[field] : field;
}
