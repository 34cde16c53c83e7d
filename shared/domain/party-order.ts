// The one order in which the parties of a case appear in every legal document and form (the
// agreement, the application, the package's manifest, the ruling, the case page, the signing
// lists): applicants, then respondents, then third parties, each principal followed by the agents
// acting for them. Storage keeps parties by id, so the order a list arrives in says nothing; within
// a side they are ordered by name in code-point order (for Chinese names the radical-and-stroke
// order of the character tables, the same in the app and the CLI whatever their locale data), then
// by id, so that any shuffle of the same parties gives the same order.
import type { PartySide } from './model';

/** What ordering needs of a party: a stored Party, a package's PackageParty and a court filing's party have it. */
export interface OrderableParty {
  /** Absent where a court's filing keeps the parties without their ids. */
  id?: string;
  kind: 'natural' | 'legal' | 'agent';
  side: PartySide;
  name: string;
}

const SIDE_ORDER: Record<PartySide, number> = { applicant: 0, respondent: 1, third_party: 2 };

const principalOf = (p: OrderableParty): string | null => (p.kind === 'agent' && 'principalId' in p && typeof p.principalId === 'string' ? p.principalId : null);

function byCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Side, then name, then id. */
export function compareParties(a: OrderableParty, b: OrderableParty): number {
  return SIDE_ORDER[a.side] - SIDE_ORDER[b.side] || byCodePoints(a.name, b.name) || byCodePoints(a.id ?? '', b.id ?? '');
}

/** Applicants, then respondents, then third parties, each followed by the agents acting for them; an agent whose principal is missing comes last. */
export function orderParties<T extends OrderableParty>(parties: readonly T[]): T[] {
  const principals = parties.filter((p) => p.kind !== 'agent').sort(compareParties);
  const agents = parties.filter((p) => p.kind === 'agent').sort(compareParties);
  const out: T[] = [];
  for (const principal of principals) out.push(principal, ...agents.filter((a) => principal.id !== undefined && principalOf(a) === principal.id));
  const placed = new Set(out);
  return [...out, ...agents.filter((a) => !placed.has(a))];
}
