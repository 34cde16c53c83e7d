// What an audit event says: who did what, when, to which record, with the record before and
// after. The log itself is the data layer's EventLog; this is the shape callers hand it.
import type { AuditAction } from '../../shared/audit/actions';
import type { AuditEvent } from '../../shared/domain/model';
import type { Actor } from './actor';

export interface AuditInput {
  actor: Actor;
  at: Date | string;
  entity: AuditEvent['entity'];
  entityId: string;
  caseId?: string | null;
  /** One of shared/audit/actions.ts, so the timeline has words for it. */
  action: AuditAction;
  before?: unknown;
  after?: unknown;
}

/** The fields of `after` whose values differ from `before`, as a pair of partial records. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was, after: now };
}
