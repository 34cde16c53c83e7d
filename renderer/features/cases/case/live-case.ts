// Which of one case's records a batch of committed changes touched (renderer/data change records,
// from this window or another window of the same store): the case itself, only the audit log (an
// exhibit, a session, a signature recorded without changing the case), or everything at once (a
// restore).
import type { ChangeRecord, DataStore } from '../../../data';

export type CaseChange = 'case' | 'events' | 'everything';

export function caseChangeOf(changes: readonly ChangeRecord[], caseId: string): CaseChange | null {
  if (changes.some((c) => c.op === 'replace_all')) return 'everything';
  if (changes.some((c) => c.kind === 'cases' && c.ids.includes(caseId))) return 'case';
  if (changes.some((c) => c.kind === 'events')) return 'events';
  return null;
}

/** Calls `onChange` after each committed batch that touched the case; returns the unsubscribe. */
export function watchCase(data: Pick<DataStore, 'changes'>, caseId: string, onChange: (change: CaseChange) => void): () => void {
  return data.changes.subscribe((changes) => {
    const change = caseChangeOf(changes, caseId);
    if (change) onChange(change);
  });
}
