// The sync queue's ports over the data layer: its state in `meta` (key `center.sync`), the change
// log as the outbox, records read in the body form of their kind (shared/server/sync.ts
// SYNC_BODY_SCHEMAS), and pulled records written inside `data.transact` as the sync's own actor.
// The audit log (`events`) is not sent yet: its local ids are numbers of this workstation (the
// protocol wants `<workstation>:<id>`), so it stays out until the data layer can read one event.
import type { CenterPin } from '../../../shared/protocol/center-link';
import type { CenterServerLink } from '../../../shared/platform';
import { fromCaseRow, toCaseRow } from '../../../shared/backup/rows';
import { SYNC_BODY_SCHEMAS, type SyncChange, type SyncKind } from '../../../shared/server/sync';
import { ID_KINDS, type DataStore } from '../../data';
import { uploadFile, type CenterFileAccess, type EntryFile } from './files';
import { EMPTY_SYNC_STATE, outboxOf, recordKey, SYNC_ACTOR, syncStateSchema, type SyncPorts, type SyncState } from './sync';

export const CENTER_SYNC_KEY = 'center.sync';

type IdKind = keyof typeof ID_KINDS;
const isIdKind = (kind: string): kind is IdKind => kind in ID_KINDS;

export async function readSyncState(data: DataStore): Promise<SyncState> {
  try {
    return (await data.meta.get(CENTER_SYNC_KEY, syncStateSchema)) ?? EMPTY_SYNC_STATE;
  } catch {
    return EMPTY_SYNC_STATE;
  }
}

async function readRecord(data: DataStore, kind: SyncKind, id: string): Promise<unknown> {
  if (kind === 'cases') {
    const row = await data.cases.get(id);
    return row ? { case: fromCaseRow(row), parties: await data.cases.parties(id) } : undefined;
  }
  if (kind === 'settings') return id === 'settings' ? await data.settings.get() : undefined;
  if (isIdKind(kind)) return (await data[kind].get(id)) ?? undefined;
  return undefined;
}

/** Parses every pulled body first (outside the transaction), then writes them all in one. */
async function applyPulled(data: DataStore, changes: readonly SyncChange[], seenUpTo?: number): Promise<readonly SyncChange[]> {
  const writes: Array<{ change: SyncChange; write: () => Promise<void> }> = [];
  for (const change of changes) {
    if (!(change.kind in SYNC_BODY_SCHEMAS)) continue;
    const deleting = change.op === 'delete';
    const body = deleting ? null : SYNC_BODY_SCHEMAS[change.kind as SyncKind].parse(change.body);
    const { kind } = change;
    if (kind === 'cases') {
      // A case is never deleted on a workstation: a withdrawn one keeps its number and history.
      if (body) {
        const { case: record, parties } = SYNC_BODY_SCHEMAS.cases.parse(body);
        writes.push({ change, write: () => data.cases.put(toCaseRow(record), parties) });
      }
    } else if (kind === 'settings') {
      if (body) writes.push({ change, write: () => data.settings.put(SYNC_BODY_SCHEMAS.settings.parse(body)) });
    } else if (isIdKind(kind)) {
      const repository = data[kind] as unknown as { put(record: unknown): Promise<void>; delete(id: string): Promise<void> };
      writes.push({ change, write: deleting ? () => repository.delete(change.id) : () => repository.put(body) });
    }
  }
  if (writes.length === 0) return [];
  return data.transact(SYNC_ACTOR, async () => {
    // Edited here meanwhile: kept, never overwritten by what was pulled before the edit was seen.
    const edited = seenUpTo === undefined ? new Set<string>() : new Set(outboxOf(await data.changesSince(seenUpTo), seenUpTo).map((r) => recordKey(r.kind, r.id)));
    const written: SyncChange[] = [];
    for (const { change, write } of writes) {
      if (edited.has(recordKey(change.kind, change.id))) continue;
      await write();
      written.push(change);
    }
    return written;
  });
}

/** The user has read the server's refusals: the list is emptied (the records stay as they are here; a later edit is sent again). */
export async function clearRejected(data: DataStore): Promise<void> {
  await data.transact(SYNC_ACTOR, async () => {
    const state = await readSyncState(data);
    await data.meta.put(CENTER_SYNC_KEY, syncStateSchema.parse({ ...state, rejected: [] }));
  });
}

/** The sync's ports; with `files` (the platform's blob store and hasher), evidence files go up with their entries. */
export function dataSyncPorts(data: DataStore, link: CenterServerLink, session: { pin: CenterPin; token: string; workstationId: string }, files?: CenterFileAccess | null): SyncPorts {
  const request: SyncPorts['request'] = (request) => link.request(session.pin, { ...request, token: session.token });
  return {
    request,
    ...(files ? { sendFile: (file: EntryFile) => uploadFile({ ...files, request }, file) } : {}),
    readState: () => readSyncState(data),
    writeState: (state) => data.transact(SYNC_ACTOR, () => data.meta.put(CENTER_SYNC_KEY, syncStateSchema.parse(state))),
    changesSince: (version) => data.changesSince(version),
    readRecord: (kind, id) => readRecord(data, kind, id),
    applyPulled: (changes, seenUpTo) => applyPulled(data, changes, seenUpTo),
    workstationId: session.workstationId,
    newId: () => crypto.randomUUID(),
    now: () => new Date(),
  };
}
