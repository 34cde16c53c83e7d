// A case's details for the statistical report (issue 19 item 2) that are not its intake or its
// acts: the district where the dispute arose, the escalations the mediation prevented (each kind
// with its persons), and a mark that the dispute risks escalating, with its reason. The agreement's
// form is not here: it comes from the act that reached the agreement (commands.ts saveCase).
// Changed like every case field: the actor's permission, the version read, one audit event.
import { cleanText } from '../../../shared/domain/text';
import { ESCALATION_KINDS, type Case, type EscalationPrevented, type User } from '../../../shared/domain/model';
import type { FieldError } from '../../../shared/domain/errors';
import { fromCaseRow } from '../../../shared/backup/rows';
import { StoreError, type StoreResult } from '../../kit/result';
import { changeCase, saveCase } from './commands';

export const DISTRICT_MAX = 50;
export const RISK_REASON_MAX = 500;
export const PERSONS_MAX = 100_000;

export interface CaseStatisticsPatch {
  /** '' clears it. */
  district?: string;
  /** Persons per kind prevented; a kind left out or null was not prevented. */
  escalationPrevented?: Partial<Record<(typeof ESCALATION_KINDS)[number], number | null>>;
  /** The reason of the risk mark; null or '' lifts the mark. */
  riskReason?: string | null;
}

interface Checked {
  changes: Partial<Case>;
  errors: FieldError[];
}

function check(patch: CaseStatisticsPatch, before: Case, actor: User, now: string): Checked {
  const errors: FieldError[] = [];
  const changes: Partial<Case> = {};
  if (patch.district !== undefined) {
    const r = cleanText(patch.district, { maxLength: DISTRICT_MAX });
    if (!r.ok) errors.push({ path: ['district'], code: r.code, params: r.params ?? {} });
    else changes.district = r.value === '' ? undefined : r.value;
  }
  if (patch.escalationPrevented !== undefined) {
    const prevented: EscalationPrevented = {};
    for (const kind of ESCALATION_KINDS) {
      const persons = patch.escalationPrevented[kind];
      if (persons === undefined || persons === null) continue;
      if (!Number.isInteger(persons) || persons < 1 || persons > PERSONS_MAX) errors.push({ path: ['escalationPrevented', kind], code: 'number.range', params: { min: 1, max: PERSONS_MAX } });
      else prevented[kind] = persons;
    }
    changes.escalationPrevented = Object.keys(prevented).length > 0 ? prevented : undefined;
  }
  if (patch.riskReason !== undefined) {
    const r = cleanText(patch.riskReason ?? '', { maxLength: RISK_REASON_MAX, multiline: true });
    if (!r.ok) errors.push({ path: ['riskReason'], code: r.code, params: r.params ?? {} });
    else if (r.value === '') changes.escalationRisk = undefined;
    else if (r.value !== before.escalationRisk?.reason) changes.escalationRisk = { reason: r.value, markedAt: now, markedBy: actor.id };
    else changes.escalationRisk = before.escalationRisk;
  }
  return { changes, errors };
}

/** What the timeline shows of the change, in the audit log's coded words. */
function readable(c: Partial<Case>): Record<string, unknown> {
  const kinds = ESCALATION_KINDS.filter((k) => c.escalationPrevented?.[k]);
  return {
    escalationKinds: kinds,
    escalationPersons: kinds.reduce((s, k) => s + (c.escalationPrevented?.[k] ?? 0), 0) || null,
    riskReason: c.escalationRisk?.reason ?? null,
  };
}

export async function updateCaseStatistics(
  data: Parameters<typeof changeCase>[0],
  actor: User,
  caseId: string,
  expectedVersion: number,
  patch: CaseStatisticsPatch,
  context: { now?: Date } = {},
): Promise<StoreResult<Case>> {
  const now = (context.now ?? new Date()).toISOString();
  return changeCase(data, actor, caseId, expectedVersion, async (current, row) => {
    const before = fromCaseRow(row);
    const { changes, errors } = check(patch, before, current, now);
    if (errors.length > 0) throw new StoreError('case.patch_invalid', 'Some fields need correcting.', { count: errors.length }, errors);
    const after = { ...before, ...changes };
    const was = readable(before);
    const is = readable(after);
    const extra = Object.fromEntries(Object.entries(is).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k])));
    // Undefined removes the field from the row, so rows without these details stay as they were.
    const saved = await saveCase(data, current, row, changes, 'case.statistics', now, extra);
    return saved;
  });
}
