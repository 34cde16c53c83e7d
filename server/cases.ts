// Cases on the server: the workstation's case record and its parties (shared/domain/model.ts),
// checked with the workstation's own domain rules before they are stored, and the columns the
// row-level security policies need beside them (institution, mediator, status, number).
import { z } from 'zod';
import { caseSchema, partySchema, type Case, type Party } from '../shared/domain/model';
import { isCategoryCode } from '../shared/domain/categories';
import { validateCreditCode, validateResidentId } from '../shared/domain/identifiers';
import { ACT_STATUSES, LEGAL_STATUSES, TRANSITIONS } from '../shared/domain/lifecycle';
import { problem, type Problem } from '../shared/problem';
import type { Db } from './db/tenant';

export const caseRowSchema = z.object({
  institution_id: z.string(),
  id: z.string(),
  number: z.string(),
  status: z.string(),
  mediator_id: z.string().nullable(),
  record: caseSchema,
  parties: z.array(partySchema),
  version: z.number(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;

function field(path: string, code: string, params: Record<string, string | number> = {}): Problem {
  return problem('server.field_invalid', { field: path, code, ...params });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the workstation's rules find wrong with a case and its parties: the category, each party
 * belonging to the case, identity numbers' and credit codes' check digits, an agent's principal,
 * the mediator an account id, and a status change one the lifecycle allows, a legal status with
 * the act that makes it true.
 */
export function caseProblems(record: Case, parties: readonly Party[], id: string, stored: Case | null, today: string): Problem[] {
  const problems: Problem[] = [];
  if (record.id !== id) problems.push(field('case.id', 'value.invalid'));
  if (!isCategoryCode(record.category)) problems.push(field('case.category', 'category.unknown'));
  if (record.mediatorId !== null && !UUID.test(record.mediatorId)) problems.push(field('case.mediatorId', 'value.invalid'));
  const ids = new Set<string>();
  parties.forEach((party, i) => {
    if (party.caseId !== id) problems.push(field(`parties.${i}.caseId`, 'value.invalid'));
    if (ids.has(party.id)) problems.push(field(`parties.${i}.id`, 'value.invalid'));
    ids.add(party.id);
    if (party.kind === 'natural' && party.idType === 'resident_id' && party.idNumber !== '') {
      const checked = validateResidentId(party.idNumber, { today });
      if (!checked.ok) problems.push(field(`parties.${i}.idNumber`, checked.code, checked.params ?? {}));
    }
    if (party.kind === 'legal') {
      const checked = validateCreditCode(party.creditCode);
      if (!checked.ok) problems.push(field(`parties.${i}.creditCode`, checked.code, checked.params ?? {}));
    }
  });
  parties.forEach((party, i) => {
    if (party.kind === 'agent' && !parties.some((p) => p.id === party.principalId && p.kind !== 'agent')) problems.push(field(`parties.${i}.principalId`, 'agent.principal'));
  });
  const from = stored?.status ?? null;
  if (from !== null && from !== record.status && !TRANSITIONS[from].includes(record.status)) problems.push(field('case.status', 'lifecycle.illegal', { from, to: record.status }));
  if (record.status !== from && LEGAL_STATUSES.includes(record.status) && !(record.statusAct && ACT_STATUSES[record.statusAct].includes(record.status))) {
    problems.push(field('case.statusAct', 'lifecycle.act_required', { to: record.status }));
  }
  return problems;
}

export async function readCase(db: Db, id: string, lock = false): Promise<CaseRow | null> {
  const result = await db.query(`SELECT institution_id, id, number, status, mediator_id, record, parties, version FROM mw.cases WHERE institution_id = mw.current_institution() AND id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return result.rows[0] ? caseRowSchema.parse(result.rows[0]) : null;
}
