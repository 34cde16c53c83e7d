// The order parties are listed in on the case page.
import type { Party } from '../../../../shared/domain/model';

const SIDE_ORDER = { applicant: 0, respondent: 1, third_party: 2 } as const;

/** Applicants, then respondents, then third parties, each followed by the agents acting for them. */
export function orderParties(parties: readonly Party[]): Party[] {
  const principals = parties.filter((p) => p.kind !== 'agent').sort((a, b) => SIDE_ORDER[a.side] - SIDE_ORDER[b.side]);
  const placed = new Set<string>();
  const out: Party[] = [];
  for (const principal of principals) {
    out.push(principal);
    for (const agent of parties) {
      if (agent.kind === 'agent' && agent.principalId === principal.id) {
        out.push(agent);
        placed.add(agent.id);
      }
    }
  }
  return [...out, ...parties.filter((p) => p.kind === 'agent' && !placed.has(p.id))];
}
