// A pull: the institution's change log after a cursor, each record's current body as the role may
// see it. The log itself is the institution's (every role reads its entries); the records come
// through their own row-level policies, so a mediator is given only the records of cases they see,
// and told of a deletion only in a case they see.
import { z } from 'zod';
import { pulledKindSchema, type PulledKind, type PullResponse, type SyncChange } from '../../shared/server/sync';
import type { Db } from '../db/tenant';

const changeRowSchema = z.object({
  seq: z.coerce.number(),
  kind: z.string(),
  record_id: z.string(),
  op: z.enum(['put', 'delete']),
  case_id: z.string().nullable(),
  at: z.date(),
  account_id: z.string().nullable(),
});
type ChangeRow = z.infer<typeof changeRowSchema>;

const caseRowSchema = z.object({ id: z.string(), record: z.unknown(), parties: z.unknown(), version: z.number() });
const recordRowSchema = z.object({ kind: z.string(), id: z.string(), case_id: z.string().nullable(), version: z.number(), body: z.unknown() });

interface Current {
  readonly caseId: string | null;
  readonly version: number;
  readonly body: unknown;
}

const key = (kind: string, id: string): string => `${kind}\u0000${id}`;

/** The current records of the changes (those the role may see), by kind and id. */
async function currentRecords(db: Db, rows: readonly ChangeRow[]): Promise<Map<string, Current>> {
  const found = new Map<string, Current>();
  const caseIds = rows.filter((r) => r.kind === 'cases').map((r) => r.record_id);
  if (caseIds.length) {
    const cases = await db.query('SELECT id, record, parties, version FROM mw.cases WHERE institution_id = mw.current_institution() AND id = ANY($1)', [caseIds]);
    for (const raw of cases.rows) {
      const row = caseRowSchema.parse(raw);
      found.set(key('cases', row.id), { caseId: row.id, version: row.version, body: { case: row.record, parties: row.parties } });
    }
  }
  const others = rows.filter((r) => r.kind !== 'cases');
  if (others.length) {
    const records = await db.query('SELECT kind, id, case_id, version, body FROM mw.records WHERE institution_id = mw.current_institution() AND (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [others.map((r) => r.kind), others.map((r) => r.record_id)]);
    for (const raw of records.rows) {
      const row = recordRowSchema.parse(raw);
      found.set(key(row.kind, row.id), { caseId: row.case_id, version: row.version, body: row.body });
    }
  }
  return found;
}

/** The cases among `ids` this role sees. */
async function visibleCases(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await db.query('SELECT id FROM mw.cases WHERE institution_id = mw.current_institution() AND id = ANY($1)', [ids]);
  return new Set(result.rows.map((r) => (r as { id: string }).id));
}

/** The institution's latest change (0 before any). */
export async function institutionHead(db: Db): Promise<number> {
  const result = await db.query('SELECT change_seq FROM mw.institutions WHERE id = mw.current_institution()');
  return Number((result.rows[0] as { change_seq: string } | undefined)?.change_seq ?? 0);
}

export async function pullChanges(db: Db, since: number, limit: number): Promise<PullResponse> {
  const log = await db.query('SELECT seq, kind, record_id, op, case_id, at, account_id FROM mw.changes WHERE seq > $1 ORDER BY seq LIMIT $2', [since, limit]);
  const read = log.rows.map((raw) => changeRowSchema.parse(raw));
  // The latest change of each record in this page stands for all of its changes here.
  const latest = new Map<string, ChangeRow>();
  for (const row of read) if (pulledKindSchema.safeParse(row.kind).success) latest.set(key(row.kind, row.record_id), row);
  const rows = [...latest.values()].sort((a, b) => a.seq - b.seq);
  const current = await currentRecords(db, rows);
  const deletedIn = await visibleCases(db, [...new Set(rows.filter((r) => r.op === 'delete' && r.case_id !== null && !current.has(key(r.kind, r.record_id))).map((r) => r.case_id as string))]);
  const changes: SyncChange[] = [];
  for (const row of rows) {
    const base = { seq: row.seq, kind: row.kind as PulledKind, id: row.record_id, at: row.at.toISOString(), by: row.account_id };
    const record = current.get(key(row.kind, row.record_id));
    if (record) changes.push({ ...base, op: 'put', caseId: record.caseId, version: record.version, body: record.body });
    else if (row.op === 'delete' && (row.case_id === null || deletedIn.has(row.case_id))) changes.push({ ...base, op: 'delete', caseId: row.case_id, version: null, body: null });
    // Otherwise the record is one this role may not see (or gone, which a later change says).
  }
  const next = read.at(-1)?.seq ?? since;
  const latestSeq = await institutionHead(db);
  return { changes, next, more: next < latestSeq, head: latestSeq };
}
