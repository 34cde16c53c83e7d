// What the sync tests build: mutations as a workstation's outbox would send them, evidence ledger
// chains made with the ledger's own code, minutes and audit events of a case, and a push.
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../../shared/domain/model';
import { nextEntry, sealEntry, type EntryInput } from '../../../shared/ledger/entry';
import { ledgerRowId, type LedgerEntryRow } from '../../../shared/ledger/rows';
import type { MinutesRecord } from '../../../shared/sessions/model';
import { pushResponseSchema, type PushResponse, type SyncKind, type SyncMutation } from '../../../shared/server/sync';
import { PASSWORD, type Answer, type Api } from './fixtures';

export function put(kind: SyncKind, id: string, body: unknown, baseVersion: number | null = null): SyncMutation {
  return { mutationId: randomUUID(), kind, id, op: 'put', baseVersion, body };
}

export function remove(kind: SyncKind, id: string, baseVersion: number): SyncMutation {
  return { mutationId: randomUUID(), kind, id, op: 'delete', baseVersion };
}

/** Pushes and, for a 200, parses the answer with the protocol's schema. */
export async function push(api: Api, token: string, workstationId: string, mutations: readonly SyncMutation[]): Promise<Answer & { parsed: PushResponse | null }> {
  const answer = await api.call('POST', '/sync/push', { token, body: { workstationId, mutations } });
  return { ...answer, parsed: answer.status === 200 ? pushResponseSchema.parse(answer.body) : null };
}

export function minutes(caseId: string, id: string, texts: readonly string[], rev = 1): MinutesRecord {
  const author = { id: 'workstation-user', name: '调解员' };
  return { id, caseId, entries: texts.map((text, i) => ({ id: `e${i}`, at: '2026-03-01T09:00:00.000Z', text, author })), finalised: null, rev };
}

export function auditEvent(caseId: string | null, action: string, n: number): Omit<AuditEvent, 'id'> {
  return { at: new Date(Date.UTC(2026, 2, 1, 9, 0, n % 60)).toISOString(), actorId: 'workstation-user', actorName: '调解员', entity: 'case', entityId: caseId ?? 'none', caseId, action, before: null, after: { n } };
}

const ITEM: EntryInput = {
  action: 'add',
  refersTo: null,
  kind: 'note',
  title: '现场照片说明',
  mediaType: 'text/plain',
  size: 12,
  contentSha256: 'a'.repeat(64),
  author: { id: 'workstation-user', name: '调解员' },
  submittedBy: 'applicant',
  shownToOtherParty: false,
  createdAt: '2026-03-01T09:00:00.000Z',
};

/** `count` ledger rows continuing `after` (or starting the case's ledger), made as the workstation makes them. */
export function ledgerRows(caseId: string, count: number, after: LedgerEntryRow | null = null, title = ITEM.title): LedgerEntryRow[] {
  const rows: LedgerEntryRow[] = [];
  let last = after ? { entry: after.entry, hash: after.entryHash } : null;
  for (let i = 0; i < count; i++) {
    const entry = nextEntry(caseId, last, { ...ITEM, title: `${title} ${i}` });
    const { hash } = sealEntry(entry);
    rows.push({ id: ledgerRowId(caseId, entry.seq), caseId, seq: entry.seq, entry, entryHash: hash });
    last = { entry, hash };
  }
  return rows;
}

/** A new account of the institution, signed in: its id and token. */
export async function accountOf(api: Api, adminToken: string, institution: { creditCode: string; id: string; adminId: string }, username: string, role: string): Promise<{ id: string; token: string }> {
  const made = await api.call('POST', '/accounts', { token: adminToken, body: { username, displayName: username, role, password: PASSWORD } });
  if (made.status !== 201) throw new Error(`account ${username}: ${made.status} ${JSON.stringify(made.body)}`);
  return { id: made.body.id as string, token: await api.signIn(institution, username) };
}
