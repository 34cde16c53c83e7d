// The center server's sync protocol (issue 17 item 4), as zod schemas with the types derived from
// them. The workstation keeps working offline: every committed write leaves a change record
// (renderer/data/changes.ts); its sync client turns its outbox into mutations and pushes them in
// order when connected, pulls what the institution's other workstations changed since its cursor,
// and listens on a WebSocket for a nudge that there is something to pull.
//
// Push (`POST /api/v1/sync/push`, a session's bearer token):
//   - A batch of at most MAX_PUSH_MUTATIONS mutations, each with an id the client made (a UUID,
//     kept with the outbox entry: a retry sends the same id). The server applies them in order,
//     each in its own transaction with its permission and version check, and answers one result
//     per mutation, in the same order.
//   - Idempotent: a mutation id already applied answers its earlier result (`replayed: true`) and
//     changes nothing; the same id sent again with another content is `rejected`
//     (server.sync_mutation_reused). Conflicts and rejections change nothing and are not kept, so
//     sending them again answers afresh.
//   - `baseVersion` is the server version the client's edit started from (null: the record is new
//     on the server). When the server's version differs, the answer is `conflict` with the
//     server's current version and body (null when it has none, e.g. deleted meanwhile): nothing
//     is ever silently overwritten. The client shows both and, if the user keeps theirs, pushes a
//     new mutation (a new id) at the server's version.
//   - A rejection (body not valid for its kind, role not allowed, a case of another institution or
//     unknown, an append-only record changed, a ledger chain broken or forked) carries a Problem
//     (shared/problem.ts, words in shared/server/problems.ts) and the HTTP-like status it would
//     have had alone. Later mutations of the batch are still tried: a mutation of the same record
//     after a refused one conflicts by its version, a ledger entry after a refused one breaks the
//     chain, so nothing is applied out of order.
//   - A request the server cannot read at all (bad JSON, over MAX_REQUEST_BYTES, unknown fields, a
//     duplicate mutation id within the batch) is refused whole, as every route of the API.
//
// Pull (`GET /api/v1/sync/pull?since=<seq>&limit=<n>`): the institution's change log
// (mw.changes, numbered 1, 2, 3 … without gaps) after `since`, at most `limit` entries read,
// with the current body of each record the role may see (a record it may not see is left out; the
// cursor still moves past it). Several changes of one record in a page come as one, the latest.
// `next` is the cursor for the next pull; `more` says whether the log goes on past it.
//
// Nudge (WebSocket `GET /api/v1/sync/nudge`, the bearer token in the Authorization header of the
// upgrade request): the server sends `{type:'hello', seq}` with the institution's latest change
// on connecting and `{type:'changed', seq}` within a second of every commit of the institution;
// the client then pulls. The socket closes with NUDGE_CLOSE_SESSION_ENDED when the session ends.
//
// Ledger (evidence ledger entries, append-only): one workstation holds a case's ledger at a time.
// The first workstation to push an entry of a case becomes its holder; the case's writer or the
// director hands it to another (`POST /api/v1/sync/ledger-holder`). The holder's entry is stored
// only where it continues the stored chain (its seq the next, its prevEntryHash the last stored
// entry's hash, its entryHash its canonical hash), else refused (server.sync_ledger_chain).
// An entry pushed by another workstation (made there while offline) is not refused and not linked
// into the chain: it is kept as a record of kind PENDING_LEDGER_KIND, id
// `pending:<workstationId>:<its id>`, answered `pending`, and pulled by whoever sees the case, marked
// so. The holder accepts it by appending an entry of the same content (every field but seq,
// prevEntryHash and refersTo, which it maps to its own chain) after its latest and pushing that;
// the server then removes the pending record (a `delete` change of PENDING_LEDGER_KIND) — the
// entry that replaced it is the holder's, with its own seq and hash. An entry that a checkpoint of
// its own workstation covers, or that went out in a package, is never relinked (the workstation
// keeps it and says so); a pending entry whose hash does not match its content is refused.
import { z } from 'zod';
import { agreementRecordSchema } from '../agreement/model';
import { centerApplicationSchema } from '../confirmation/center-record';
import { courtFilingSchema } from '../confirmation/court/filing';
import { MAX_PARTIES } from '../domain/intake';
import { auditEventSchema, caseSchema, instantSchema, partySchema, settingsSchema } from '../domain/model';
import { refuseUnsealedKeys } from '../identity/sealed-keys';
import { checkpointRowSchema, ledgerEntryRowSchema } from '../ledger/rows';
import { problemSchema } from '../problem';
import { minutesRecordSchema, videoSessionSchema } from '../sessions/model';

export const SYNC_PATHS = {
  push: '/sync/push',
  pull: '/sync/pull',
  nudge: '/sync/nudge',
  ledgerHolder: '/sync/ledger-holder',
} as const;

/** Mutations per push (the request body is also bounded by MAX_REQUEST_BYTES, 1 MiB). */
export const MAX_PUSH_MUTATIONS = 200;
/** Changes per pull when no limit is asked, and the most a pull gives. */
export const DEFAULT_PULL_LIMIT = 200;
export const MAX_PULL_LIMIT = 1000;

/** The WebSocket close code when the nudge's session ends (expired, revoked, signed out). */
export const NUDGE_CLOSE_SESSION_ENDED = 4401;

/** A case and its parties, as PUT /cases/:id takes them. */
export const syncCaseBodySchema = z.strictObject({
  case: caseSchema,
  parties: z.array(partySchema).max(MAX_PARTIES),
});
export type SyncCaseBody = z.infer<typeof syncCaseBodySchema>;

/**
 * The kinds a case has (and the institution's shared settings), each with the workstation's own
 * schema of its body. The kind names are the data layer's (renderer/data/registry.ts).
 * - `cases`: id is the case id; body {case, parties}.
 * - `events`: the audit log; id is made by the workstation unique in the institution (e.g.
 *   `<workstationId>:<local event id>`); body is the event (its local numeric `id` left out).
 * - `settings`: the institution's shared settings; the one id is `settings`.
 * - the others: id and caseId are the record's own.
 */
export const SYNC_BODY_SCHEMAS = {
  cases: syncCaseBodySchema,
  events: z.strictObject(auditEventSchema.omit({ id: true }).shape),
  settings: settingsSchema,
  ledgerEntries: ledgerEntryRowSchema,
  checkpoints: checkpointRowSchema,
  agreements: agreementRecordSchema,
  sessions: videoSessionSchema,
  minutes: minutesRecordSchema,
  centerApplications: centerApplicationSchema,
  courtFilings: courtFilingSchema,
} as const;
export type SyncKind = keyof typeof SYNC_BODY_SCHEMAS;
export const SYNC_KINDS = Object.keys(SYNC_BODY_SCHEMAS) as SyncKind[];
export const syncKindSchema = z.enum(SYNC_KINDS as [SyncKind, ...SyncKind[]]);
export type SyncBody<K extends SyncKind> = z.infer<(typeof SYNC_BODY_SCHEMAS)[K]>;

/** Records the server keeps of ledger entries pushed by a workstation that does not hold the case's ledger. */
export const PENDING_LEDGER_KIND = 'pendingLedgerEntries' as const;
export type PulledKind = SyncKind | typeof PENDING_LEDGER_KIND;
/** Every kind a pull may give: the pushed kinds and the pending ledger entries. */
export const pulledKindSchema = z.enum([PENDING_LEDGER_KIND, ...SYNC_KINDS] as [PulledKind, ...PulledKind[]]);

/** Kinds whose records are written once and never changed or deleted. */
export const APPEND_ONLY_KINDS: readonly SyncKind[] = ['events', 'ledgerEntries', 'checkpoints'];

/** A workstation's own id (made once when it joins); it names the holder of a case's ledger. */
export const workstationIdSchema = z.uuid();
export const mutationIdSchema = z.uuid();
export const syncRecordIdSchema = z.string().min(1).max(200);
/** A record's version on the server: 1 when first stored, one more per change. */
export const syncVersionSchema = z.number().int().positive();

export const syncMutationSchema = z
  .strictObject({
    mutationId: mutationIdSchema,
    kind: syncKindSchema,
    id: syncRecordIdSchema,
    op: z.enum(['put', 'delete']),
    /** The server version this edit started from; null: new on the server. */
    baseVersion: syncVersionSchema.nullable(),
    /** For `put`, the record as SYNC_BODY_SCHEMAS[kind] (checked per mutation); absent for `delete`. */
    body: z.unknown().optional(),
  })
  .refine((m) => (m.op === 'put') === (m.body !== undefined), { message: 'a put has a body, a delete none', path: ['body'] })
  .refine((m) => m.op === 'put' || m.baseVersion !== null, { message: 'a delete names the version it deletes', path: ['baseVersion'] });
export type SyncMutation = z.infer<typeof syncMutationSchema>;

export const pushRequestSchema = z
  .strictObject({
    workstationId: workstationIdSchema,
    mutations: z.array(syncMutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
  })
  .refine((r) => new Set(r.mutations.map((m) => m.mutationId)).size === r.mutations.length, { message: 'each mutation id once per push', path: ['mutations'] })
  // A private key travels only sealed (issue 17 item 6): a push carrying one in clear is refused whole, the field named.
  .superRefine(refuseUnsealedKeys);
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** The server's record as it is now: its version and body. */
export const serverRecordSchema = z.strictObject({ version: syncVersionSchema, body: z.unknown() });
export type ServerRecord = z.infer<typeof serverRecordSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('applied'),
    mutationId: mutationIdSchema,
    kind: syncKindSchema,
    id: syncRecordIdSchema,
    /** The record's version now (for a delete: the version deleted). */
    version: syncVersionSchema,
    /** The change log entry this mutation made. */
    seq: z.number().int().positive(),
    /** true: applied by an earlier push; this answer repeats that one and changed nothing. */
    replayed: z.boolean(),
  }),
  z.strictObject({
    status: z.literal('conflict'),
    mutationId: mutationIdSchema,
    kind: syncKindSchema,
    id: syncRecordIdSchema,
    baseVersion: syncVersionSchema.nullable(),
    /** The server's record now; null when it has none (deleted meanwhile, or never stored). */
    current: serverRecordSchema.nullable(),
  }),
  z.strictObject({
    /** A ledger entry from a workstation that does not hold the case's ledger, kept pending. */
    status: z.literal('pending'),
    mutationId: mutationIdSchema,
    kind: z.literal('ledgerEntries'),
    id: syncRecordIdSchema,
    /** The pending record's id (kind PENDING_LEDGER_KIND). */
    pendingId: syncRecordIdSchema,
    seq: z.number().int().positive(),
    replayed: z.boolean(),
  }),
  z.strictObject({
    status: z.literal('rejected'),
    mutationId: mutationIdSchema,
    kind: syncKindSchema,
    id: syncRecordIdSchema,
    /** The HTTP status the refusal would have had alone (403, 404, 409, 422 …). */
    httpStatus: z.number().int().min(400).max(599),
    problem: problemSchema,
  }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.strictObject({
  /** One per mutation, in the order sent. */
  results: z.array(mutationResultSchema),
  /** The institution's latest change after this push. */
  head: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** The query of a pull, as the server reads it. */
export const pullQuerySchema = z.strictObject({
  since: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

export const syncChangeSchema = z.strictObject({
  seq: z.number().int().positive(),
  kind: pulledKindSchema,
  id: syncRecordIdSchema,
  /** `delete`: the record is gone from the server (body and version null). */
  op: z.enum(['put', 'delete']),
  caseId: z.string().nullable(),
  version: syncVersionSchema.nullable(),
  body: z.unknown(),
  at: instantSchema,
  /** The account that made the change; null for the operator's commands. */
  by: z.uuid().nullable(),
});
export type SyncChange = z.infer<typeof syncChangeSchema>;

export const pullResponseSchema = z.strictObject({
  changes: z.array(syncChangeSchema),
  /** Pass as `since` next time. */
  next: z.number().int().nonnegative(),
  /** true: the log goes on past `next`; pull again at once. */
  more: z.boolean(),
  head: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const nudgeMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), seq: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('changed'), seq: z.number().int().positive() }),
]);
export type NudgeMessage = z.infer<typeof nudgeMessageSchema>;

export const ledgerHolderRequestSchema = z.strictObject({
  caseId: z.string().min(1).max(100),
  workstationId: workstationIdSchema,
});
export const ledgerHolderResponseSchema = z.strictObject({
  caseId: z.string(),
  workstationId: workstationIdSchema,
  since: instantSchema,
});
