// Repeat disputes (issue 19 item 4): cases that share a party — the same identity number (or a
// legal person's credit code), or the same name with the same phone — or a party's address. Each
// party of a case (agents left out: a lawyer acting in many cases is no repeat dispute) gives keys;
// two or more cases under one key are a repeat. A key is kept and shown as a token (the first 16
// hex digits of its SHA-256), so neither an identity number nor a phone goes into a URL or a
// bookmark. The index is an aggregate kept up to date on every write of a case's parties
// (renderer/data/aggregates/repeats.ts), stored in shards by the token's first two hex digits; this
// module is its pure side: the keys of a case, a change as old keys out and new keys in, and the
// repeat groups under the dashboard's filter.
import { z } from 'zod';
import { normalizeSearchText } from '../../domain/search';
import { validateMobile } from '../../domain/identifiers';
import type { Party } from '../../domain/model';
import { bytesToHex, sha256Bytes } from '../../ledger/hash';
import { UNASSIGNED_MEDIATOR, type DashboardFilter } from './figures';

export const REPEATS_VERSION = 1;
export const REPEAT_KINDS = ['id', 'person', 'address'] as const;
export type RepeatKind = (typeof REPEAT_KINDS)[number];
export const repeatTokenSchema = z.string().regex(/^[0-9a-f]{16}$/);

/** An address names a place precise enough to be one household or site: long, and with a number or a unit. */
const ADDRESS_MIN = 10;
const PRECISE = /[0-9号室栋幢组]/;

export interface RepeatKey {
  kind: RepeatKind;
  token: string;
}

function tokenOf(text: string): string {
  return bytesToHex(sha256Bytes(new TextEncoder().encode(text))).slice(0, 16);
}

/**
 * A field as stored. The index is also built while a database of an older schema is upgraded in
 * place, from rows that may lack a field a party has today: read as empty, never a crash that
 * stops the upgrade (seen with a version-1 party of only a name).
 */
const stored = (value: string | undefined): string => value ?? '';

/** The keys one party gives (none for an agent). */
export function partyRepeatKeys(party: Party): RepeatKey[] {
  if (party.kind === 'agent') return [];
  const keys: RepeatKey[] = [];
  const number = stored(party.kind === 'legal' ? party.creditCode : party.idNumber).trim().toUpperCase();
  if (number !== '') keys.push({ kind: 'id', token: tokenOf(`id:${number}`) });
  const name = normalizeSearchText(stored(party.name));
  const rawPhone = stored(party.phone);
  const mobile = validateMobile(rawPhone);
  const phone = mobile.ok ? mobile.normalized : rawPhone.replace(/\D/g, '');
  if (name !== '' && phone.length >= 7) keys.push({ kind: 'person', token: tokenOf(`person:${name}|${phone}`) });
  const address = normalizeSearchText(stored(party.address)).replace(/\s+/g, '');
  if ([...address].length >= ADDRESS_MIN && PRECISE.test(address)) keys.push({ kind: 'address', token: tokenOf(`address:${address}`) });
  return keys;
}

/** The distinct keys of a case's parties. */
export function caseRepeatKeys(parties: readonly Party[]): RepeatKey[] {
  const seen = new Map<string, RepeatKey>();
  for (const p of parties) for (const k of partyRepeatKeys(p)) seen.set(k.token, k);
  return [...seen.values()];
}

/** A shard of the index: each token's kind and the cases under it (ids ascending). */
export const repeatShardSchema = z.record(repeatTokenSchema, z.strictObject({ kind: z.enum(REPEAT_KINDS), ids: z.array(z.string().min(1)).min(1) }));
export type RepeatShard = z.infer<typeof repeatShardSchema>;

export function shardOf(token: string): string {
  return token.slice(0, 2);
}

/**
 * Moves a case from its old keys to its new ones in the shards `shardFor` hands out (created empty
 * when missing); returns the shards it changed.
 */
export function applyRepeatChange(caseId: string, before: readonly RepeatKey[], after: readonly RepeatKey[], shardFor: (shard: string) => RepeatShard): Set<string> {
  const changed = new Set<string>();
  const kept = new Set(after.map((k) => k.token));
  for (const k of before) {
    if (kept.has(k.token)) continue;
    const shard = shardFor(shardOf(k.token));
    const entry = shard[k.token];
    if (!entry) continue;
    const ids = entry.ids.filter((id) => id !== caseId);
    if (ids.length === 0) delete shard[k.token];
    else shard[k.token] = { ...entry, ids };
    changed.add(shardOf(k.token));
  }
  for (const k of after) {
    const shard = shardFor(shardOf(k.token));
    const entry = shard[k.token];
    if (entry?.ids.includes(caseId)) continue;
    shard[k.token] = { kind: k.kind, ids: [...(entry?.ids ?? []), caseId].sort() };
    changed.add(shardOf(k.token));
  }
  return changed;
}

/** The shards of the index of every case, built at once (a restore, a first read). */
export function buildRepeatShards(cases: Iterable<{ id: string; parties: readonly Party[] }>): Map<string, RepeatShard> {
  const shards = new Map<string, RepeatShard>();
  const shardFor = (s: string) => {
    let shard = shards.get(s);
    if (!shard) shards.set(s, (shard = {}));
    return shard;
  };
  for (const c of cases) applyRepeatChange(c.id, [], caseRepeatKeys(c.parties), shardFor);
  return shards;
}

/** A repeat dispute: a key with the cases under it that the filter keeps. */
export interface RepeatGroup {
  token: string;
  kind: RepeatKind;
  caseIds: string[];
}

/** A case as the grouping reads it: what the dashboard's filters and the viewer's visibility ask. */
export interface RepeatCase {
  category: string;
  source: string;
  mediatorKey: string;
}

export const REPEAT_LINES = 10;

/** Whether the dashboard's category, mediator and source filters keep a case (the period does not narrow repeats). */
export function keepsRepeatCase(filter: DashboardFilter, c: RepeatCase): boolean {
  const mediatorKey = filter.mediatorId === undefined ? undefined : filter.mediatorId === UNASSIGNED_MEDIATOR ? '' : filter.mediatorId;
  return (filter.category === undefined || c.category === filter.category) && (filter.source === undefined || c.source === filter.source) && (mediatorKey === undefined || c.mediatorKey === mediatorKey);
}

/**
 * The repeat disputes among the cases `caseOf` keeps (null: filtered out or not visible): keys with
 * at least two such cases, the most cases first; a key whose cases are exactly those of a key listed
 * before (the same person by number and by name and phone) is listed once, the number first.
 */
export function repeatGroups(shards: Iterable<RepeatShard>, caseOf: (id: string) => RepeatCase | null, limit = REPEAT_LINES): RepeatGroup[] {
  const found: RepeatGroup[] = [];
  for (const shard of shards) {
    for (const [token, entry] of Object.entries(shard)) {
      if (entry.ids.length < 2) continue;
      const caseIds = entry.ids.filter((id) => caseOf(id) !== null);
      if (caseIds.length >= 2) found.push({ token, kind: entry.kind, caseIds });
    }
  }
  const rank = (k: RepeatKind) => REPEAT_KINDS.indexOf(k);
  found.sort((a, b) => b.caseIds.length - a.caseIds.length || rank(a.kind) - rank(b.kind) || (a.token < b.token ? -1 : 1));
  const seen = new Set<string>();
  const out: RepeatGroup[] = [];
  for (const g of found) {
    const set = g.caseIds.join(',');
    if (seen.has(set)) continue;
    seen.add(set);
    out.push(g);
    if (out.length >= limit) break;
  }
  return out;
}

/** The cases under one token (the case list's repeat filter), or an empty list for an unknown token. */
export function casesOfToken(shards: ReadonlyMap<string, RepeatShard>, token: string): readonly string[] {
  return shards.get(shardOf(token))?.[token]?.ids ?? [];
}
