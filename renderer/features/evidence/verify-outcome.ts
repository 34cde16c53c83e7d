// What "verify now" tells the user about a case's ledger. Entries added since the last signed
// checkpoint are the normal state of a case in progress: they keep their marks and are counted as
// awaiting a checkpoint, never shown as a failure (an export, by contrast, must be covered whole).
import type { LedgerReport } from '../../../shared/ledger/verify';

export interface VerifyOutcome {
  ok: boolean;
  text: string;
  /** Nothing failed, but files added on another workstation are not here to be checked yet. */
  partial?: boolean;
}

/** The evidence namespace's t, as the tab has it (keys relative to the namespace). */
export type EvidenceText = (key: string, values: Record<string, unknown>) => string;

/**
 * The sentence for `report` over `titles` (the entries' titles by seq), or null for an empty
 * ledger. `notHere`: entries whose file another workstation added and this one has not downloaded;
 * when they are all that is wrong, the outcome says so rather than that a file is missing.
 */
export function verifyOutcome(report: LedgerReport, titles: readonly string[], t: EvidenceText, notHere: readonly number[] = []): VerifyOutcome | null {
  const away = new Set(notHere);
  const onlyAway = report.problems.every((p) => p.code === 'file.missing' && p.seq !== null && away.has(p.seq));
  if (!report.ok && away.size > 0 && onlyAway) return { ok: false, partial: true, text: t('verify.notDownloaded', { count: away.size }) };
  const firstBad = report.entries.find((e) => e.file !== 'ok' && e.file !== 'not_checked');
  if (!report.ok) {
    if (firstBad) return { ok: false, text: t('verify.firstBad', { seq: firstBad.seq + 1, title: titles[firstBad.seq] }) };
    return { ok: false, text: t('verify.problem', { detail: report.firstProblem?.detail ?? '' }) };
  }
  if (report.entries.length === 0) return null;
  const covered = report.entries.filter((e) => e.coveredBy !== null).length;
  const all = t('verify.allOk', { count: report.entries.length, covered });
  return { ok: true, text: report.awaitingCheckpoint > 0 ? `${all} ${t('verify.awaiting', { count: report.awaitingCheckpoint })}` : all };
}
