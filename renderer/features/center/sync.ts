// The sync client's queue (issue 17 item 4, the workstation's side of shared/server/sync.ts). The
// data layer's change log is the outbox: every committed write after `pushedVersion` names the
// records to send. A push takes them in the order they were first written, reads each record as
// it is now (several edits of one record go as one), gives each mutation an id and the server
// version the edit started from, and saves that batch *before* sending it: a push that fails or
// whose answer is lost is sent again with the same ids, which the server answers without applying
// twice. Applied mutations move the record's server version on; a conflict keeps both versions for
// the user to decide (nothing is overwritten, here or there); a rejection is kept with the
// server's Problem. Pulls apply the institution's changes since the cursor through the data layer
// as the sync's own actor, whose change records are never pushed back.
import { z } from 'zod';
import type { CenterRequest, CenterResponse } from '../../../shared/protocol/center-link';
import { problemSchema, type Problem } from '../../../shared/problem';
import { API_PREFIX } from '../../../shared/server/api';
import {
  MAX_PUSH_MUTATIONS,
  pullResponseSchema,
  pushResponseSchema,
  SYNC_KINDS,
  SYNC_PATHS,
  type SyncChange,
  type SyncKind,
  type SyncMutation,
} from '../../../shared/server/sync';
import { ledgerEntryRowSchema } from '../../../shared/ledger/rows';
import type { ChangeRecord } from '../../data';
import { StoreError } from '../../kit/result';
import { FileRefusedError, type EntryFile } from './files';
import { refusalProblem } from './join';

/** The actor of records written by a pull: their change records are the server's, not the outbox's. */
export const SYNC_ACTOR = { id: 'center-sync', displayName: 'center server' } as const;

const MAX_REJECTED_SHOWN = 100;

export const recordKey = (kind: string, id: string): string => `${kind}/${id}`;

export const syncConflictSchema = z.strictObject({
  kind: z.enum(SYNC_KINDS as [SyncKind, ...SyncKind[]]),
  id: z.string(),
  /** This workstation's version of the record (null: deleted here). */
  mine: z.unknown(),
  /** The server's, with its version (null: the server has none). */
  theirs: z.strictObject({ version: z.number().int().positive(), body: z.unknown() }).nullable(),
  baseVersion: z.number().int().positive().nullable(),
  at: z.iso.datetime({ offset: true }),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const syncStateSchema = z.strictObject({
  /** Every local change up to this store version has been pushed (or is in `inflight`). */
  pushedVersion: z.number().int().nonnegative(),
  /** The server's change log has been pulled up to here. */
  cursor: z.number().int().nonnegative(),
  /** The server version of each record this workstation knows, by `kind/id`. */
  versions: z.record(z.string(), z.number().int().positive()),
  /** The batch sent and not yet answered: sent again, with the same ids, before anything else. */
  inflight: z.strictObject({ mutations: z.array(z.unknown()), upTo: z.number().int().nonnegative() }).nullable(),
  conflicts: z.array(syncConflictSchema),
  rejected: z.array(z.strictObject({ kind: z.string(), id: z.string(), problem: problemSchema, at: z.iso.datetime({ offset: true }) })),
  /** Ledger entries made here on a case whose ledger another workstation holds: kept pending by the server. */
  pending: z.array(z.strictObject({ id: z.string(), pendingId: z.string() })).default([]),
});
export type SyncState = z.infer<typeof syncStateSchema>;
export const EMPTY_SYNC_STATE: SyncState = { pushedVersion: 0, cursor: 0, versions: {}, inflight: null, conflicts: [], rejected: [], pending: [] };

export interface SyncPorts {
  /** One API request to the pinned server with the session's token. */
  request(request: CenterRequest): Promise<CenterResponse>;
  readState(): Promise<SyncState>;
  writeState(state: SyncState): Promise<void>;
  changesSince(version: number): Promise<ChangeRecord[]>;
  /** The record as it is now, in the body form of its kind; undefined when it is gone. */
  readRecord(kind: SyncKind, id: string): Promise<unknown>;
  /** Writes pulled records through the data layer as SYNC_ACTOR. */
  /**
   * Writes pulled records as SYNC_ACTOR and answers those written. With `seenUpTo`, a record a
   * person wrote here after that change-log version (while the pull was on its way) is left as
   * it is, in the same transaction: its push will meet the server's version and show both.
   */
  applyPulled(changes: readonly SyncChange[], seenUpTo?: number): Promise<readonly SyncChange[]>;
  /**
   * Puts the file a ledger entry names into the server's file store (files.ts uploadFile), before
   * the entry goes; absent where no blob store is at hand (the entries then go alone).
   */
  sendFile?(file: EntryFile): Promise<'stored' | 'sent' | 'absent'>;
  workstationId: string;
  newId(): string;
  now(): Date;
}

/** The server refused the request as a whole: its status and Problem. */
export class SyncRefusedError extends StoreError {
  constructor(readonly status: number, body: unknown) {
    const { key, params, items } = refusalProblem(status, body);
    super(key, `The center server refused the sync request (HTTP ${status}).`, params, [], items);
  }
}

const isSyncKind = (kind: string): kind is SyncKind => (SYNC_KINDS as readonly string[]).includes(kind);

/** Local changes waiting to be pushed: the records written after `pushedVersion` by people, not by pulls. */
export function outboxOf(changes: readonly ChangeRecord[], pushedVersion: number): Array<{ kind: SyncKind; id: string; version: number }> {
  const seen = new Set<string>();
  const out: Array<{ kind: SyncKind; id: string; version: number }> = [];
  for (const change of changes) {
    if (change.version <= pushedVersion || change.who === SYNC_ACTOR.id || change.op === 'replace_all' || !isSyncKind(change.kind)) continue;
    for (const id of change.ids) {
      const key = recordKey(change.kind, id);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: change.kind, id, version: change.version });
    }
  }
  return out;
}

/** The next batch: whole commits, in order, up to MAX_PUSH_MUTATIONS records; with the version it reaches. */
async function nextBatch(ports: SyncPorts, state: SyncState): Promise<{ mutations: SyncMutation[]; upTo: number } | null> {
  // Only changes that name records to push: the sync's own writes (its state, pulled records) would
  // otherwise make a batch of nothing whose saving is a change again, without end.
  const changes = (await ports.changesSince(state.pushedVersion)).filter((c) => c.version > state.pushedVersion && outboxOf([c], state.pushedVersion).length > 0);
  if (changes.length === 0) return null;
  let upTo = state.pushedVersion;
  const taken: Array<{ kind: SyncKind; id: string }> = [];
  const keys = new Set<string>();
  for (const change of changes) {
    const records = outboxOf([change], state.pushedVersion).filter((r) => !keys.has(recordKey(r.kind, r.id)));
    if (taken.length > 0 && taken.length + records.length > MAX_PUSH_MUTATIONS) break;
    records.forEach((r) => keys.add(recordKey(r.kind, r.id)));
    taken.push(...records);
    upTo = change.version;
  }
  const mutations: SyncMutation[] = [];
  for (const { kind, id } of taken) {
    const body = await ports.readRecord(kind, id);
    const baseVersion = state.versions[recordKey(kind, id)] ?? null;
    if (body === undefined) {
      // Gone here and never on the server: nothing to say.
      if (baseVersion !== null) mutations.push({ mutationId: ports.newId(), kind, id, op: 'delete', baseVersion });
    } else {
      mutations.push({ mutationId: ports.newId(), kind, id, op: 'put', baseVersion, body });
    }
  }
  return { mutations, upTo };
}

async function send<T>(ports: SyncPorts, request: CenterRequest, schema: z.ZodType<T>): Promise<T> {
  const response = await ports.request(request);
  if (response.status < 200 || response.status >= 300) throw new SyncRefusedError(response.status, response.body);
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) throw new StoreError('center.bad_answer', 'The center server’s answer could not be read.');
  return parsed.data;
}

/** Applies a push's answer to the state: versions moved on, conflicts and rejections kept. */
export function settlePush(state: SyncState, mutations: readonly SyncMutation[], results: z.infer<typeof pushResponseSchema>['results'], upTo: number, now: Date): SyncState {
  const versions = { ...state.versions };
  const conflicts = [...state.conflicts];
  const rejected = [...state.rejected];
  const pending = [...state.pending];
  const at = now.toISOString();
  results.forEach((result, index) => {
    const key = recordKey(result.kind, result.id);
    if (result.status === 'applied') {
      versions[key] = result.version;
      return;
    }
    if (result.status === 'pending') {
      if (!pending.some((p) => p.id === result.id)) pending.push({ id: result.id, pendingId: result.pendingId });
      return;
    }
    if (result.status === 'conflict') {
      const mine = mutations[index]?.op === 'put' ? mutations[index]?.body : null;
      // One conflict per record: the latest replaces an older one still undecided.
      const at_ = conflicts.findIndex((c) => c.kind === result.kind && c.id === result.id);
      const conflict: SyncConflict = { kind: result.kind, id: result.id, mine, theirs: result.current, baseVersion: result.baseVersion, at };
      if (at_ >= 0) conflicts[at_] = conflict;
      else conflicts.push(conflict);
      return;
    }
    rejected.push({ kind: result.kind, id: result.id, problem: result.problem, at });
  });
  // The latest refusals are what the user needs to read; older ones beyond these are let go.
  return { ...state, versions, conflicts, rejected: rejected.slice(-MAX_REJECTED_SHOWN), pending, inflight: null, pushedVersion: Math.max(state.pushedVersion, upTo) };
}

/** Pushes everything waiting, batch by batch; the number of mutations the server answered. */
export async function pushAll(ports: SyncPorts): Promise<number> {
  let answered = 0;
  for (;;) {
    let state = await ports.readState();
    const batch = state.inflight ? { mutations: state.inflight.mutations as SyncMutation[], upTo: state.inflight.upTo } : await nextBatch(ports, state);
    if (!batch) return answered;
    if (batch.mutations.length === 0) {
      // Only records gone here that the server never had.
      await ports.writeState({ ...state, pushedVersion: batch.upTo });
      continue;
    }
    if (!state.inflight) {
      state = { ...state, inflight: { mutations: batch.mutations, upTo: batch.upTo } };
      await ports.writeState(state);
    }
    const refusedFiles = await sendFilesOf(ports, batch.mutations);
    const results = await pushBatch(ports, batch.mutations);
    const settled = settlePush(await ports.readState(), batch.mutations, results, batch.upTo, ports.now());
    await ports.writeState({ ...settled, rejected: [...settled.rejected, ...refusedFiles].slice(-MAX_REJECTED_SHOWN) });
    answered += results.length;
  }
}

type PushResults = z.infer<typeof pushResponseSchema>['results'];

/** The file of each ledger entry of the batch that names one (not a withdrawal). */
function filesOf(mutations: readonly SyncMutation[]): Array<{ id: string; file: EntryFile }> {
  const files: Array<{ id: string; file: EntryFile }> = [];
  for (const mutation of mutations) {
    if (mutation.kind !== 'ledgerEntries' || mutation.op !== 'put') continue;
    const row = ledgerEntryRowSchema.safeParse(mutation.body);
    const entry = row.success ? row.data.entry : null;
    if (entry?.contentSha256) files.push({ id: mutation.id, file: { sha256: entry.contentSha256, size: entry.size, caseId: entry.caseId, mediaType: entry.mediaType } });
  }
  return files;
}

/**
 * Sends the batch's evidence files before its entries, so no workstation pulls an entry whose file
 * the server lacks (a file not on this workstation cannot go: its entry goes alone, and every
 * workstation's verification names it missing). Sent again with a batch sent again: the server
 * answers a file it has as stored, an upload half done with its offset. A failure to reach the
 * server stops the push (it is tried again); a file the server refuses as such (too large, its
 * bytes not its hash) is kept among the rejected with the server's reason, and its entry still
 * goes: the ledger is the record.
 */
async function sendFilesOf(ports: SyncPorts, mutations: readonly SyncMutation[]): Promise<SyncState['rejected']> {
  const refused: SyncState['rejected'] = [];
  if (!ports.sendFile) return refused;
  for (const { id, file } of filesOf(mutations)) {
    try {
      await ports.sendFile(file);
    } catch (error) {
      // Gone from this workstation's store since: nothing to send, as for a file never here.
      if (error instanceof StoreError && error.code === 'center.file_absent') continue;
      if (!(error instanceof FileRefusedError) || !refusesFile(error)) throw error;
      const problem = { key: error.code, params: error.params as Problem['params'], ...(error.items.length > 0 ? { items: [...error.items] } : {}) };
      refused.push({ kind: 'ledgerEntries', id, problem, at: ports.now().toISOString() });
    }
  }
  return refused;
}

/**
 * A refusal of the file itself, or a server that keeps no files: sending it again would be refused
 * again. A full disk (507), a conflict (409) and the session's refusals are for later.
 */
function refusesFile(error: FileRefusedError): boolean {
  if (error.code === 'server.files_unconfigured') return true;
  return error.status >= 400 && error.status < 500 && ![401, 408, 409, 429].includes(error.status);
}

/** The server refused what was sent, not the session or the moment: sending it again would be refused again. */
function refusesContent(error: unknown): error is SyncRefusedError {
  return error instanceof SyncRefusedError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
}

async function pushOnce(ports: SyncPorts, mutations: readonly SyncMutation[]): Promise<PushResults> {
  const answer = await send(ports, { method: 'POST', path: `${API_PREFIX}${SYNC_PATHS.push}`, body: { workstationId: ports.workstationId, mutations } }, pushResponseSchema);
  if (answer.results.length !== mutations.length) throw new StoreError('center.bad_answer', 'The center server answered another number of results than mutations sent.');
  return answer.results;
}

/**
 * A batch's results. When the server refuses the batch as a whole (one mutation too large, or
 * carrying what may not travel), each is sent alone, so the one refused is kept among the rejected
 * with the server's reason and the others go on; sending the batch again would be refused for ever.
 */
async function pushBatch(ports: SyncPorts, mutations: readonly SyncMutation[]): Promise<PushResults> {
  try {
    return await pushOnce(ports, mutations);
  } catch (error) {
    if (!refusesContent(error)) throw error;
    if (mutations.length === 1) return [rejectedResult(mutations[0] as SyncMutation, error)];
  }
  const results: PushResults = [];
  for (const mutation of mutations) {
    try {
      results.push(...(await pushOnce(ports, [mutation])));
    } catch (error) {
      if (!refusesContent(error)) throw error;
      results.push(rejectedResult(mutation, error));
    }
  }
  return results;
}

function rejectedResult(mutation: SyncMutation, error: SyncRefusedError): PushResults[number] {
  const problem = { key: error.code, params: error.params as Problem['params'], ...(error.items.length > 0 ? { items: [...error.items] } : {}) };
  return { status: 'rejected', mutationId: mutation.mutationId, kind: mutation.kind, id: mutation.id, httpStatus: error.status, problem };
}

/** Pulls the institution's changes since the cursor and applies them; the number of changes applied. */
export async function pullAll(ports: SyncPorts): Promise<number> {
  let applied = 0;
  for (;;) {
    const state = await ports.readState();
    const page = await send(ports, { method: 'GET', path: `${API_PREFIX}${SYNC_PATHS.pull}?since=${state.cursor}` }, pullResponseSchema);
    // A record with a local edit not yet pushed is left as it is here: its push will conflict and show both.
    const local = await ports.changesSince(state.pushedVersion);
    const seenUpTo = local.reduce((latest, change) => Math.max(latest, change.version), state.pushedVersion);
    const waiting = new Set(outboxOf(local, state.pushedVersion).map((r) => recordKey(r.kind, r.id)));
    (state.inflight?.mutations as SyncMutation[] | undefined)?.forEach((m) => waiting.add(recordKey(m.kind, m.id)));
    // So is a record whose conflict the user has not decided: the decision takes theirs or keeps mine.
    state.conflicts.forEach((c) => waiting.add(recordKey(c.kind, c.id)));
    // Pending ledger entries of other workstations are not kept here yet (docs/server.md).
    const mine = page.changes.filter((c) => isSyncKind(c.kind) && !waiting.has(recordKey(c.kind, c.id)));
    const written = mine.length > 0 ? await ports.applyPulled(mine, seenUpTo) : [];
    const versions = { ...state.versions };
    for (const change of written) {
      const key = recordKey(change.kind, change.id);
      if (change.op === 'delete' || change.version === null) delete versions[key];
      else versions[key] = change.version;
    }
    await ports.writeState({ ...(await ports.readState()), versions, cursor: page.next });
    applied += written.length;
    if (!page.more) return applied;
  }
}

/** The user's decision on a conflict: keep mine (pushed again at the server's version) or take theirs. */
export async function decideConflict(ports: SyncPorts, kind: SyncKind, id: string, keep: 'mine' | 'theirs'): Promise<void> {
  const state = await ports.readState();
  const conflict = state.conflicts.find((c) => c.kind === kind && c.id === id);
  if (!conflict) return;
  if (state.inflight && keep === 'mine') throw new StoreError('center.sync_busy', 'A push is still waiting for the server; decide again once it has gone.');
  const rest = state.conflicts.filter((c) => c !== conflict);
  const key = recordKey(kind, id);
  const versions = { ...state.versions };
  if (conflict.theirs) versions[key] = conflict.theirs.version;
  else delete versions[key];
  if (keep === 'theirs') {
    if (conflict.theirs) await ports.applyPulled([{ seq: 1, kind, id, op: 'put', caseId: null, version: conflict.theirs.version, body: conflict.theirs.body, at: ports.now().toISOString(), by: null }]);
    await ports.writeState({ ...(await ports.readState()), conflicts: rest, versions });
    return;
  }
  // Mine: a new mutation (a new id) at the server's version, sent at once.
  const body = await ports.readRecord(kind, id);
  const mutation: SyncMutation =
    body === undefined
      ? { mutationId: ports.newId(), kind, id, op: 'delete', baseVersion: conflict.theirs?.version ?? null }
      : { mutationId: ports.newId(), kind, id, op: 'put', baseVersion: conflict.theirs?.version ?? null, body };
  if (mutation.op === 'delete' && mutation.baseVersion === null) {
    await ports.writeState({ ...state, conflicts: rest, versions });
    return;
  }
  await ports.writeState({ ...state, conflicts: rest, versions, inflight: { mutations: [mutation], upTo: state.pushedVersion } });
  await pushAll(ports);
}
