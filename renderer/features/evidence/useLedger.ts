// The evidence tab's view of the ledger: its rows and signed checkpoints, read at once, then the
// verification's marks when every file has been re-hashed ("verify now" runs the same steps).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, User } from '../../../shared/domain/model';
import type { LedgerReport } from '../../../shared/ledger/verify';
import { useServices } from '../../app/services';
import type { CheckpointRow, LedgerEntryRow } from '../../data';
import { useErrorText } from '../../kit/useErrorText';
import { STORAGE_NS } from '../storage';
import { readCheckpoints } from './checkpoints';
import { readLedgerRows } from './store';
import { verifyCaseEvidence, type VerifyProgress } from './verification';
import { verifyOutcome, type VerifyOutcome } from './verify-outcome';

export type Check = 'ok' | 'mismatch' | 'missing' | 'remote' | 'broken' | 'unchecked';

/** Where the evidence tab's refusals find their texts (a full store is the storage feature's). */
export const ERROR_NAMESPACES: readonly string[] = ['evidence', 'identity', 'cases', STORAGE_NS, 'center'];

/** Which later entries withdrew or corrected each item. */
export interface Relations {
  withdrawnBy: Map<number, number>;
  correctedBy: Map<number, number[]>;
}

/** Each entry's mark; `notHere`: entries whose file another workstation added, not downloaded yet. */
function checksOf(report: LedgerReport, notHere: readonly number[]): Map<number, Check> {
  const away = new Set(notHere);
  const fileCheck = (e: LedgerReport['entries'][number]): Check => (e.file === 'mismatch' ? 'mismatch' : away.has(e.seq) ? 'remote' : 'missing');
  return new Map(report.entries.map((e) => [e.seq, e.file === 'mismatch' || e.file === 'missing' ? fileCheck(e) : !e.chain ? 'broken' : 'ok']));
}

function relationsOf(rows: readonly LedgerEntryRow[]): Relations {
  const withdrawnBy = new Map<number, number>();
  const correctedBy = new Map<number, number[]>();
  for (const { entry } of rows) {
    if (entry.refersTo === null) continue;
    if (entry.action === 'withdraw') withdrawnBy.set(entry.refersTo, entry.seq);
    else correctedBy.set(entry.refersTo, [...(correctedBy.get(entry.refersTo) ?? []), entry.seq]);
  }
  return { withdrawnBy, correctedBy };
}

export interface LedgerView {
  rows: LedgerEntryRow[];
  checkpoints: CheckpointRow[];
  report: LedgerReport | null;
  checks: Map<number, Check>;
  relations: Relations;
  /** While verifying: the files re-hashed so far. */
  verifying: VerifyProgress | null;
  outcome: VerifyOutcome | null;
  /** Why a file could not be had from the center server at the last verification, in words. */
  fetchProblem: string | null;
  /** Verifies; with `fetchRemote`, files added on another workstation are downloaded first. */
  verify: (fetchRemote?: boolean) => Promise<void>;
}

export function useLedger(record: Case, user: User): LedgerView {
  const { t } = useTranslation('evidence');
  const { data, platform } = useServices();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const [rows, setRows] = useState<LedgerEntryRow[]>([]);
  const [checkpoints, setCheckpoints] = useState<CheckpointRow[]>([]);
  const [report, setReport] = useState<LedgerReport | null>(null);
  const [verifying, setVerifying] = useState<VerifyProgress | null>(null);
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);
  const [notHere, setNotHere] = useState<readonly number[]>([]);
  const [fetchProblem, setFetchProblem] = useState<string | null>(null);
  const checks = useMemo(() => (report ? checksOf(report, notHere) : new Map<number, Check>()), [report, notHere]);
  const relations = useMemo(() => relationsOf(rows), [rows]);

  const verify = useCallback(async (fetchRemote = false) => {
    setVerifying({ filesDone: 0, filesTotal: 0 });
    try {
      // The list shows at once; the marks follow when every file has been re-hashed.
      const [loaded, signed] = await Promise.all([readLedgerRows(data, record.id), readCheckpoints(data, record.id)]);
      setRows(loaded);
      setCheckpoints(signed);
      const result = await verifyCaseEvidence(data, platform, user, record.id, setVerifying, fetchRemote);
      if (!result.ok) {
        setOutcome({ ok: false, text: errorText(result.error.code, result.error.params) });
        return;
      }
      const { notHere: away, fetchProblem: problem, ...checked } = result.value;
      setReport(checked);
      setNotHere(away);
      setFetchProblem(problem ? errorText(problem.code, problem.params) : null);
      setOutcome(verifyOutcome(checked, loaded.map((r) => r.entry.title), (key, values) => t(key, values), away));
    } finally {
      setVerifying(null);
    }
  }, [data, platform, user, record.id, errorText, t]);

  useEffect(() => {
    void verify();
  }, [verify]);

  return { rows, checkpoints, report, checks, relations, verifying, outcome, fetchProblem, verify };
}
