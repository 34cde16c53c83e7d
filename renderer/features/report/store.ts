// The statistical report's store (issue 19 item 2): the figures of one institution for a period
// computed from its case rows, and the period's filings — each a signed snapshot kept as a record
// of its own kind, with the bureau's answer once imported. Seen and filed by the institution's
// administrator and director (canSeeInstitutionFigures).
import { z } from 'zod';
import { canSeeInstitutionFigures } from '../../../shared/domain/permissions';
import { fromCaseRow } from '../../../shared/backup/rows';
import type { User } from '../../../shared/domain/model';
import type { PlatformPort } from '../../../shared/platform';
import {
  answerProblem,
  bureauAnswerSchema,
  computeReport,
  periodCode,
  periodRange,
  reportDifferences,
  shanghaiDate,
  signedReportSchema,
  snapshotBytes,
  snapshotOf,
  snapshotSha256,
  LAYOUT_A,
  type BureauAnswer,
  type ComputedReport,
  type ReportPeriod,
  type ReportCase,
} from '../../../shared/statistics/report';
import { CHECKPOINT_ALGORITHM } from '../../../shared/ledger/checkpoint';
import { defineRecordKind, type DataStore } from '../../data';
import { actorOf, activeActor, personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { institutionSigner } from '../identity';

export const filingSchema = z.strictObject({
  id: z.string().min(1),
  periodCode: z.string().min(4).max(10),
  signed: signedReportSchema,
  snapshotSha256: z.string().regex(/^[0-9a-f]{64}$/),
  answer: z
    .strictObject({
      outcome: z.enum(['accepted', 'returned']),
      reason: z.string().max(2000).optional(),
      answeredAt: z.iso.datetime({ offset: true }),
      bureau: z.string().min(1).max(100),
      importedAt: z.iso.datetime({ offset: true }),
      importedBy: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }),
    })
    .optional(),
});
export type ReportFiling = z.infer<typeof filingSchema>;

export const REPORT_FILINGS = defineRecordKind('statisticsReportFilings', filingSchema);

function mayReport(user: User): void {
  if (!canSeeInstitutionFigures(user)) throw new StoreError('auth.forbidden', 'Only the administrator and the director see and file the institution’s report.');
}

/** Statuses a case can only be in after an agreement took effect (it may settle in a later period than it was received). */
const AFTER_AGREEMENT = new Set(['agreement_reached', 'confirmation_applied', 'confirmed', 'rejected', 'archived']);

/**
 * The rows of the cases that can count in the period: received in it, or received before its end
 * and past an agreement. The catalog (in memory) chooses them; only those rows are read.
 */
export async function reportCases(data: DataStore, period: ReportPeriod): Promise<ReportCase[]> {
  const { from, to } = periodRange(period);
  const catalog = await data.cases.catalog();
  const ids: string[] = [];
  for (const entry of catalog.entries) {
    const day = shanghaiDate(entry.registeredAt);
    if (day > to) continue;
    if (day >= from || AFTER_AGREEMENT.has(entry.status)) ids.push(entry.id);
  }
  const rows = await Promise.all(ids.map((id) => data.cases.get(id)));
  return rows.filter((r) => r !== undefined).map(fromCaseRow);
}

export interface InstitutionReport {
  report: ComputedReport;
  institution: { name: string; creditCode: string };
  /** Active mediators and lawyers who mediate: the header block's 调解员. */
  mediators: number;
}

export async function institutionReport(data: DataStore, viewer: User, period: ReportPeriod): Promise<StoreResult<InstitutionReport>> {
  return asResult(async () => {
    mayReport(viewer);
    const institution = await data.institution.get();
    if (!institution) throw new StoreError('institution.missing', 'The workstation is not set up yet.');
    const [cases, accounts] = await Promise.all([reportCases(data, period), data.accounts.all()]);
    return {
      report: computeReport(cases, period),
      institution: { name: institution.name, creditCode: institution.creditCode },
      mediators: accounts.filter((a) => a.active && (a.role === 'mediator' || a.role === 'lawyer')).length,
    };
  });
}

/** The period's filings, the first version first. */
export async function filingsOf(data: DataStore, period: ReportPeriod): Promise<ReportFiling[]> {
  const code = periodCode(period);
  const all = await data.records(REPORT_FILINGS).all();
  return all.filter((f) => f.periodCode === code).sort((a, b) => a.signed.snapshot.version - b.signed.snapshot.version);
}

export function filingFileName(filing: ReportFiling): string {
  return `统计报表-${filing.periodCode}-v${filing.signed.snapshot.version}.mwreport.json`;
}

export function filingFileBytes(filing: ReportFiling): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(filing.signed, null, 2));
}

/**
 * Locks the period's figures as they are now in a snapshot, signs it with the institution's key
 * and keeps it as the period's next filing (a corrected version supersedes the one before, and is
 * refused when nothing changed). The file to submit is filingFileBytes of the result.
 */
export async function fileReport(
  data: DataStore,
  platform: Pick<PlatformPort, 'keys'>,
  actor: User,
  period: ReportPeriod,
  options: { passphrase?: string; now?: Date } = {},
): Promise<StoreResult<ReportFiling>> {
  return asResult(async () => {
    const now = options.now ?? new Date();
    mayReport(await activeActor(data, actor));
    const institution = await data.institution.get();
    if (!institution) throw new StoreError('institution.missing', 'The workstation is not set up yet.');
    const before = await filingsOf(data, period);
    const latest = before[before.length - 1];
    const report = computeReport(await reportCases(data, period), period);
    if (latest) {
      const diff = reportDifferences(latest.signed.snapshot, report, LAYOUT_A);
      if (diff.cells.length === 0 && diff.cases.length === 0) throw new StoreError('report.nothing_changed', 'The filed report already says this; a corrected version is filed only when the figures changed.', { version: latest.signed.snapshot.version });
    }
    const snapshot = snapshotOf({
      id: crypto.randomUUID(),
      version: (latest?.signed.snapshot.version ?? 0) + 1,
      supersedes: latest?.id ?? null,
      institution: { name: institution.name, creditCode: institution.creditCode },
      lockedAt: now.toISOString(),
      lockedBy: personOf(actor),
      report,
    });
    // Signing happens before the transaction (IndexedDB commits an idle one).
    const { signer, identity } = await institutionSigner(data, platform, options.passphrase, now);
    const { signature, keyId } = await signer(snapshotBytes(snapshot));
    const filing: ReportFiling = {
      id: snapshot.id,
      periodCode: periodCode(period),
      signed: { snapshot, algorithm: CHECKPOINT_ALGORITHM, keyId, signature, certificatePem: identity.certificatePem },
      snapshotSha256: snapshotSha256(snapshot),
    };
    return data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      mayReport(current);
      const again = await filingsOf(data, period);
      if (again.length !== before.length) throw new StoreError('report.filed_meanwhile', 'Another window filed this period’s report meanwhile; look at it again before filing.');
      await data.records(REPORT_FILINGS).add(filing);
      await data.events.record({
        actor: actorOf(current),
        at: now,
        entity: 'statistics_report',
        entityId: filing.id,
        action: 'statistics_report.file',
        after: { period: filing.periodCode, version: snapshot.version, sha256: filing.snapshotSha256 },
      });
      return filing;
    });
  });
}

/** Reads the bureau's answer file and records it on the filing it names. */
export async function importAnswer(data: DataStore, actor: User, bytes: Uint8Array, options: { now?: Date } = {}): Promise<StoreResult<ReportFiling>> {
  return asResult(async () => {
    let answer: BureauAnswer;
    try {
      answer = bureauAnswerSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    } catch {
      throw new StoreError('report.answer_unreadable', 'This file is not a bureau’s answer to a statistical report.');
    }
    return recordAnswer(data, actor, answer, options.now ?? new Date());
  });
}

/** Records the bureau's answer the center server gave (the same answer its file would carry) on the filing it names. */
export async function recordServerAnswer(data: DataStore, actor: User, answer: BureauAnswer, options: { now?: Date } = {}): Promise<StoreResult<ReportFiling>> {
  return asResult(() => recordAnswer(data, actor, bureauAnswerSchema.parse(answer), options.now ?? new Date()));
}

async function recordAnswer(data: DataStore, actor: User, answer: BureauAnswer, now: Date): Promise<ReportFiling> {
  return data.transact(actorOf(actor), async () => {
    const current = await activeActor(data, actor);
    mayReport(current);
    const filing = await data.records(REPORT_FILINGS).get(answer.reportId);
    if (!filing) throw new StoreError('report.answer_other_report', 'The answer is for a report this workstation did not file.');
    const problem = answerProblem(answer, filing);
    if (problem) throw new StoreError(problem, 'The answer does not answer this filing.', { version: filing.signed.snapshot.version });
    if (filing.answer) throw new StoreError('report.already_answered', 'This filing already has the bureau’s answer.', { version: filing.signed.snapshot.version });
    const answered: ReportFiling = {
      ...filing,
      answer: {
        outcome: answer.outcome,
        ...(answer.reason ? { reason: answer.reason.trim() } : {}),
        answeredAt: answer.answeredAt,
        bureau: answer.bureau,
        importedAt: now.toISOString(),
        importedBy: personOf(current),
      },
    };
    await data.records(REPORT_FILINGS).put(answered);
    await data.events.record({
      actor: actorOf(current),
      at: now,
      entity: 'statistics_report',
      entityId: filing.id,
      action: 'statistics_report.answer',
      after: { period: filing.periodCode, version: filing.signed.snapshot.version, filingAnswer: answer.outcome, ...(answer.reason ? { reason: answer.reason.trim() } : {}) },
    });
    return answered;
  });
}
