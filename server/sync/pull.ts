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

/** A page's change of a record, the record's latest in the page, with the record as the role may see it now (null: unseen or gone). */
const pageRowSchema = changeRowSchema.extend({
  version: z.number().nullable(),
  body: z.unknown(),
  record_case_id: z.string().nullable(),
  found: z.boolean(),
  last_seq: z.coerce.number(),
  head: z.coerce.number(),
});

/**
 * The page in one statement: the log after the cursor, the latest change of each record in it,
 * each record's current body through its own row-level policies (a row the role may not see joins
 * as nothing), the page's last number and the institution's head. A pull is mostly its
 * statements' round trips, and a commit nudges every workstation of the institution to pull.
 */
const PAGE_SQL = `
  WITH log AS (
    SELECT seq, kind, record_id, op, case_id, at, account_id FROM mw.changes
     WHERE institution_id = mw.current_institution() AND seq > $1 ORDER BY seq LIMIT $2),
  latest AS (SELECT DISTINCT ON (kind, record_id) * FROM log ORDER BY kind, record_id, seq DESC)
  SELECT l.seq, l.kind, l.record_id, l.op, l.case_id, l.at, l.account_id,
         CASE WHEN l.kind = 'cases' THEN c.version ELSE r.version END AS version,
         CASE WHEN l.kind = 'cases' THEN jsonb_build_object('case', c.record, 'parties', c.parties) ELSE r.body END AS body,
         CASE WHEN l.kind = 'cases' THEN c.id ELSE r.case_id END AS record_case_id,
         (c.id IS NOT NULL OR r.id IS NOT NULL) AS found,
         (SELECT max(seq) FROM log) AS last_seq,
         (SELECT change_seq FROM mw.institutions WHERE id = mw.current_institution()) AS head
    FROM latest l
    LEFT JOIN mw.cases c ON l.kind = 'cases' AND c.institution_id = mw.current_institution() AND c.id = l.record_id
    LEFT JOIN mw.records r ON l.kind <> 'cases' AND r.institution_id = mw.current_institution() AND r.kind = l.kind AND r.id = l.record_id
   ORDER BY l.seq`;

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
  const page = (await db.query(PAGE_SQL, [since, limit])).rows.map((raw) => pageRowSchema.parse(raw));
  const first = page[0];
  // An empty page: nothing after the cursor.
  if (!first) {
    const head = await institutionHead(db);
    return { changes: [], next: since, more: since < head, head };
  }
  const rows = page.filter((row) => pulledKindSchema.safeParse(row.kind).success);
  const deletedIn = await visibleCases(db, [...new Set(rows.filter((r) => r.op === 'delete' && r.case_id !== null && !r.found).map((r) => r.case_id as string))]);
  const changes: SyncChange[] = [];
  for (const row of rows) {
    const base = { seq: row.seq, kind: row.kind as PulledKind, id: row.record_id, at: row.at.toISOString(), by: row.account_id };
    if (row.found) changes.push({ ...base, op: 'put', caseId: row.record_case_id, version: row.version as number, body: row.body });
    else if (row.op === 'delete' && (row.case_id === null || deletedIn.has(row.case_id))) changes.push({ ...base, op: 'delete', caseId: row.case_id, version: null, body: null });
    // Otherwise the record is one this role may not see (or gone, which a later change says).
  }
  return { changes, next: first.last_seq, more: first.last_seq < first.head, head: first.head };
}
