// The repeat disputes of the hotspots, read from the data layer's index (data.cases.repeats()) and
// the case list's catalog: the keys with at least two cases the dashboard's filter keeps and the
// viewer may see, the most cases first, each named by the party or the address the cases share
// (an identity number and a phone masked as in lists), read from the parties of one of its cases.
import { canViewCase } from '../../../shared/domain/permissions';
import { maskIdNumber, maskPhone } from '../../../shared/domain/identifiers';
import type { Party, User } from '../../../shared/domain/model';
import { keepsRepeatCase, partyRepeatKeys, repeatGroups, type DashboardFilter, type RepeatGroup, type RepeatKind } from '../../../shared/statistics/dashboard';
import type { CatalogEntry, DataStore } from '../../data';

export interface RepeatLine {
  token: string;
  kind: RepeatKind;
  count: number;
  /** Who or where: a party's name with the masked number or phone, or the address. */
  name: string;
}

function nameOf(party: Party | undefined, kind: RepeatKind): string {
  if (!party || party.kind === 'agent') return '';
  if (kind === 'address') return party.address.trim();
  if (kind === 'person') return `${party.name}（${maskPhone(party.phone)}）`;
  return `${party.name}（${maskIdNumber(party.kind === 'legal' ? party.creditCode : party.idNumber)}）`;
}

async function lineOf(data: DataStore, group: RepeatGroup): Promise<RepeatLine> {
  const parties = await data.cases.parties(group.caseIds[0] as string);
  const party = parties.find((p) => partyRepeatKeys(p).some((k) => k.token === group.token));
  return { token: group.token, kind: group.kind, count: group.caseIds.length, name: nameOf(party, group.kind) };
}

/** The repeat disputes among the cases `viewer` may see under `filter`. */
export async function repeatLines(data: DataStore, filter: DashboardFilter, viewer: User): Promise<RepeatLine[]> {
  const [index, catalog] = await Promise.all([data.cases.repeats(), data.cases.catalog()]);
  const entryOf = (id: string): CatalogEntry | undefined => catalog.chunks.get(id.slice(0, 2))?.find((e) => e.id === id);
  const groups = repeatGroups(index.shards.values(), (id) => {
    const e = entryOf(id);
    if (!e || !canViewCase(viewer, e)) return null;
    const c = { category: e.category, source: e.source, mediatorKey: e.mediatorId ?? '' };
    return keepsRepeatCase(filter, c) ? c : null;
  });
  return Promise.all(groups.map((g) => lineOf(data, g)));
}
