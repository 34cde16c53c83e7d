// "Seen before" (issue 18 item 4): before answering, the lawyer sees this institution's earlier
// consultations and cases of the person at the desk, matched by ID number, phone or name
// (shared/consultation/seen-before.ts). Only this workstation's own records are looked at, and
// consultations of another institution (from a restored backup) are left out; cases are shown as
// far as the viewer's role may open them.
import { findSeenBefore, type Candidate, type MatchBasis, type PersonKey, type SeenBefore } from '../../../shared/consultation/seen-before';
import { canViewCase } from '../../../shared/domain/permissions';
import { normalizeSearchText } from '../../../shared/domain/search';
import type { User } from '../../../shared/domain/model';
import type { CatalogEntry, DataStore } from '../../data';
import { consultationCatalog, type ConsultationEntry } from './catalog';

export interface SeenCase {
  id: string;
  number: string;
  category: string;
  status: CatalogEntry['status'];
  registeredAt: string;
  partySummary: string;
}

export interface SeenBeforeResult {
  consultations: SeenBefore<ConsultationEntry>[];
  cases: SeenBefore<SeenCase>[];
}

/** At most this many cases are read for their parties (the few a name or phone finds). */
const CASES_EXAMINED = 200;
const SHOWN = 20;

export function personKey(raw: { name: string; idNumber: string; phone: string }): PersonKey {
  return { name: raw.name.trim(), idNumber: raw.idNumber.trim(), phone: raw.phone.trim() };
}

async function seenCases(data: DataStore, probe: PersonKey, institutionId: string, viewer: User): Promise<SeenBefore<SeenCase>[]> {
  const catalog = await data.cases.catalog();
  // The case index finds cases by a party's phone and by a name's start; the parties of those few
  // are then compared exactly (ID number included).
  const keys = [probe.phone, probe.name].map(normalizeSearchText).filter((k) => k.length >= 2);
  const found = new Set<CatalogEntry>();
  for (const key of keys) for (const entry of catalog.searchTerms(key)) if (canViewCase(viewer, entry)) found.add(entry);
  const candidates: Candidate<SeenCase>[] = [];
  for (const entry of [...found].slice(0, CASES_EXAMINED)) {
    const parties = await data.cases.parties(entry.id);
    candidates.push({
      institutionId,
      persons: parties.map((p) => ({ name: p.name, idNumber: p.kind === 'natural' ? p.idNumber : '', phone: p.phone })),
      item: { id: entry.id, number: entry.number, category: entry.category, status: entry.status, registeredAt: entry.registeredAt, partySummary: entry.partySummary },
    });
  }
  return findSeenBefore(probe, institutionId, candidates).slice(0, SHOWN);
}

/** Earlier consultations and cases of this institution matching the person; `excludeId`: the consultation shown. */
export async function seenBefore(data: DataStore, viewer: User, person: { name: string; idNumber: string; phone: string }, excludeId?: string): Promise<SeenBeforeResult> {
  const probe = personKey(person);
  const institution = await data.institution.get();
  if (!institution || (probe.name === '' && probe.idNumber === '' && probe.phone === '')) return { consultations: [], cases: [] };
  const institutionId = institution.creditCode;
  const catalog = await consultationCatalog(data);
  const candidates = (function* (): Generator<Candidate<ConsultationEntry>> {
    for (let i = catalog.entries.length - 1; i >= 0; i--) {
      const e = catalog.entries[i] as ConsultationEntry;
      if (e.id !== excludeId && !e.anonymised) yield { institutionId: e.institutionId, persons: [e], item: e };
    }
  })();
  const consultations = findSeenBefore(probe, institutionId, candidates).slice(0, SHOWN);
  const cases = await seenCases(data, probe, institutionId, viewer);
  return { consultations, cases };
}

export type { MatchBasis };
