// The rules a termination record must meet before it ends a mediation, as field errors the form
// shows beside each field: only a mediation under way ends this way; the reason is one of the
// known ones and explained; a party who refused or withdrew is named and is a party; "no agreement
// in time" only once the time limit has run out; the parties are told at least one remaining path.
import type { Case, Party } from '../domain/model';
import { cleanText } from '../domain/text';
import { isIsoDate } from '../domain/deadlines';
import { MATERIALS, REMAINING_PATHS, TERMINATION_REASONS, TOLD_HOW, type Material, type RemainingPath, type TerminationReason } from './model';

/** A rule broken, beside its field: the domain's codes ('required', 'date.invalid') and termination.* of this module. */
export interface RuleError {
  path: (string | number)[];
  code: string;
  params?: Record<string, string | number>;
}

export interface TerminationDraft {
  reason: string;
  partyName: string;
  explanation: string;
  paths: readonly string[];
  toldHow: string;
  materials: readonly string[];
  endedOn: string;
}

export interface CheckedTermination {
  reason: TerminationReason;
  partyName: string;
  explanation: string;
  paths: RemainingPath[];
  toldHow: (typeof TOLD_HOW)[number];
  materials: Material[];
  endedOn: string;
}

export type TerminationCheck = { ok: true; value: CheckedTermination } | { ok: false; errors: RuleError[] };

const oneOf = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

export function checkTermination(record: Pick<Case, 'status' | 'mediationDeadline' | 'registeredAt'>, parties: readonly Pick<Party, 'kind' | 'name'>[], draft: TerminationDraft, today: string): TerminationCheck {
  const errors: RuleError[] = [];
  if (record.status !== 'in_mediation') errors.push({ path: [], code: 'termination.not_in_mediation', params: { status: record.status } });
  const reason = draft.reason;
  if (!oneOf(TERMINATION_REASONS, reason)) errors.push({ path: ['reason'], code: 'required' });
  const partyName = draft.partyName.trim();
  if ((reason === 'party_refused' || reason === 'party_withdrew') && !parties.some((p) => p.kind !== 'agent' && p.name === partyName)) {
    errors.push({ path: ['partyName'], code: 'termination.party_required' });
  }
  if (reason === 'no_agreement_in_time' && record.mediationDeadline !== null && today <= record.mediationDeadline) {
    errors.push({ path: ['reason'], code: 'termination.time_not_over', params: { deadline: record.mediationDeadline } });
  }
  const explained = cleanText(draft.explanation, { multiline: true, maxLength: 2000, required: true });
  const explanation = explained.ok ? explained.value : '';
  if (!explained.ok) errors.push({ path: ['explanation'], code: explained.code, ...(explained.params ? { params: explained.params } : {}) });
  const paths = REMAINING_PATHS.filter((p) => draft.paths.includes(p));
  if (paths.length === 0) errors.push({ path: ['paths'], code: 'termination.paths_required' });
  if (!oneOf(TOLD_HOW, draft.toldHow)) errors.push({ path: ['toldHow'], code: 'required' });
  if (!isIsoDate(draft.endedOn)) errors.push({ path: ['endedOn'], code: 'date.invalid' });
  else if (draft.endedOn > today) errors.push({ path: ['endedOn'], code: 'termination.date_future', params: { today } });
  else if (draft.endedOn < record.registeredAt.slice(0, 10)) errors.push({ path: ['endedOn'], code: 'termination.date_before_case' });
  const materials = MATERIALS.filter((m) => draft.materials.includes(m));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      reason: reason as TerminationReason,
      partyName: reason === 'party_refused' || reason === 'party_withdrew' ? partyName : '',
      explanation,
      paths,
      toldHow: draft.toldHow as CheckedTermination['toldHow'],
      materials: materials.includes('termination_record') ? materials : [...materials, 'termination_record'],
      endedOn: draft.endedOn,
    },
  };
}
