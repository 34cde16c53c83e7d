// What an audit event changed, as rows "field: before → after" for the case timeline. The stored
// event keeps every changed field; bookkeeping the user never edits (version, who saved last,
// derived search and summary keys) is left out of the display, not out of the record.
import type { EventRow } from '../../../data';

const HIDDEN_FIELDS = new Set(['reason', 'parties', 'updatedAt', 'updatedBy', 'version', 'partySummary', 'searchTerms', 'activeDeadline', 'mediatorKey', 'deadlineKey']);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The changed fields of an update, transition or assignment, in a stable order. */
export function changesOf(event: Pick<EventRow, 'before' | 'after'>): FieldChange[] {
  const before = asRecord(event.before);
  const after = asRecord(event.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !HIDDEN_FIELDS.has(f));
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** Category field values that changed, one row per key ({"liability":"full"} → {"liability":"major"}). */
export function categoryFieldChanges(before: unknown, after: unknown): FieldChange[] {
  return changesOf({ before: asRecord(before), after: asRecord(after) });
}
