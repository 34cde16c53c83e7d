// Filing a period's report (issue 19 item 2): the figures are locked in a snapshot, the snapshot
// is signed by the institution (its certificate and RSASSA-PKCS1-v1_5 over the snapshot's
// canonical JSON, as the ledger's checkpoints), and the signed file goes to the justice bureau,
// whose answer — accepted, or returned with a reason — is imported as a file naming the snapshot
// it answers by its SHA-256. A later change to a case of the period never changes a filed
// snapshot: the difference against today's figures is shown (reportDifferences), and a corrected
// version is filed on purpose, superseding the one before.
//
// Through the center server (submission, the bureau's answer, the bureau's area sums) comes with
// the server's sync; the file formats below are what it will carry.
import { z } from 'zod';
import { CATEGORY_CODES, type CategoryCode } from '../../domain/categories';
import { CHECKPOINT_ALGORITHM } from '../../ledger/checkpoint';
import { canonicalJson } from '../../backup/canonical-json';
import { bytesToHex, sha256Bytes } from '../../ledger/hash';
import { figuresSchema, reportRows, FIGURE_KEYS, type ComputedReport, type FigureKey, type Figures } from './compute';
import { LAYOUT_A, LAYOUT_B, type ReportLayout } from './mappings';
import { reportPeriodSchema } from './period';

export const REPORT_FILE_FORMAT = 'mw-statistics-report/1';
export const ANSWER_FILE_FORMAT = 'mw-statistics-report-answer/1';

const instant = z.iso.datetime({ offset: true });

export const reportSnapshotSchema = z.strictObject({
  format: z.literal(REPORT_FILE_FORMAT),
  /** The filing's id (one per version). */
  id: z.string().min(1).max(100),
  /** 1 for the first filing of the period, then one more for each corrected version. */
  version: z.number().int().min(1).max(1000),
  /** The id of the version this one corrects, null for the first. */
  supersedes: z.string().min(1).max(100).nullable(),
  institution: z.strictObject({ name: z.string().min(1).max(100), creditCode: z.string().length(18) }),
  period: reportPeriodSchema,
  /** The mapping versions the figures are shown with. */
  mappings: z.strictObject({ A: z.string().min(1).max(40), B: z.string().min(1).max(40) }),
  lockedAt: instant,
  lockedBy: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(50) }),
  byCategory: z.record(z.enum(CATEGORY_CODES), figuresSchema),
  /** Each counted case's part (compute.ts caseFingerprint), by case id. */
  cases: z.record(z.string().min(1).max(100), z.string().max(1000)),
});
export type ReportSnapshot = z.infer<typeof reportSnapshotSchema>;

export const signedReportSchema = z.strictObject({
  snapshot: reportSnapshotSchema,
  algorithm: z.literal(CHECKPOINT_ALGORITHM),
  keyId: z.string().min(1).max(200),
  /** Base64 of the signature over utf-8 canonical JSON of the snapshot. */
  signature: z.string().min(1).max(4096),
  /** The institution certificate that signed it. */
  certificatePem: z.string().min(1).max(20_000),
});
export type SignedReport = z.infer<typeof signedReportSchema>;

export const ANSWER_OUTCOMES = ['accepted', 'returned'] as const;

export const bureauAnswerSchema = z
  .strictObject({
    format: z.literal(ANSWER_FILE_FORMAT),
    reportId: z.string().min(1).max(100),
    /** SHA-256 (hex) of the canonical JSON of the snapshot answered. */
    snapshotSha256: z.string().regex(/^[0-9a-f]{64}$/),
    outcome: z.enum(ANSWER_OUTCOMES),
    /** Why it was returned; required then. */
    reason: z.string().max(2000).optional(),
    answeredAt: instant,
    bureau: z.string().min(1).max(100),
  })
  .refine((a) => a.outcome !== 'returned' || (a.reason ?? '').trim() !== '', { message: 'a returned report names its reason', path: ['reason'] });
export type BureauAnswer = z.infer<typeof bureauAnswerSchema>;

/** The bytes the institution signs: the snapshot's canonical JSON. */
export function snapshotBytes(snapshot: ReportSnapshot): Uint8Array {
  return new TextEncoder().encode(canonicalJson(reportSnapshotSchema.parse(snapshot)));
}

/** The snapshot's SHA-256 (hex) as the bureau's answer names it. */
export function snapshotSha256(snapshot: ReportSnapshot): string {
  return bytesToHex(sha256Bytes(snapshotBytes(snapshot)));
}

export function snapshotOf(input: Omit<ReportSnapshot, 'format' | 'byCategory' | 'cases' | 'period' | 'mappings'> & { report: ComputedReport }): ReportSnapshot {
  const { report, ...rest } = input;
  return { format: REPORT_FILE_FORMAT, ...rest, period: report.period, mappings: { A: LAYOUT_A.version, B: LAYOUT_B.version }, byCategory: report.byCategory, cases: report.cases };
}

export interface CellDifference {
  rowKey: string;
  figure: FigureKey;
  filed: number;
  now: number;
}

export interface CaseDifference {
  caseId: string;
  /** added: counts now, not when filed; removed: the reverse; changed: counts differently. */
  change: 'added' | 'removed' | 'changed';
}

export interface ReportDifferences {
  cells: CellDifference[];
  cases: CaseDifference[];
}

/** What today's figures say differently from the filed snapshot, row by row of the layout and case by case. */
export function reportDifferences(filed: Pick<ReportSnapshot, 'byCategory' | 'cases'>, now: Pick<ComputedReport, 'byCategory' | 'cases'>, layout: ReportLayout): ReportDifferences {
  const filedRows = reportRows(filed.byCategory as Record<CategoryCode, Figures>, layout);
  const nowRows = reportRows(now.byCategory, layout);
  const cells: CellDifference[] = [];
  for (const [i, row] of filedRows.entries()) {
    const current = nowRows[i] as (typeof nowRows)[number];
    for (const figure of FIGURE_KEYS) {
      if (row.figures[figure] !== current.figures[figure]) cells.push({ rowKey: row.key, figure, filed: row.figures[figure], now: current.figures[figure] });
    }
  }
  const cases: CaseDifference[] = [];
  for (const [caseId, part] of Object.entries(now.cases)) {
    const before = filed.cases[caseId];
    if (before === undefined) cases.push({ caseId, change: 'added' });
    else if (before !== part) cases.push({ caseId, change: 'changed' });
  }
  for (const caseId of Object.keys(filed.cases)) if (!(caseId in now.cases)) cases.push({ caseId, change: 'removed' });
  return { cells, cases };
}

/** Why an answer file does not answer this filing, or null when it does. */
export function answerProblem(answer: BureauAnswer, filing: { id: string; snapshotSha256: string }): 'report.answer_other_report' | 'report.answer_other_snapshot' | null {
  if (answer.reportId !== filing.id) return 'report.answer_other_report';
  if (answer.snapshotSha256 !== filing.snapshotSha256) return 'report.answer_other_snapshot';
  return null;
}
