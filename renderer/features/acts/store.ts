// The legal acts a person records rather than performs in the app (issue 15 item 1): an oral
// agreement with its content (人民调解法 art. 28), a filing for judicial confirmation made on paper
// (the court, the day it received it, a scan of its acknowledgement), and a paper ruling (the
// court's case number, its date and outcome, a scan). Each is kept in the case's ledger, and only
// then moves the case to the status the act makes true, in one transaction: the entry, the status
// and the audit event, or none of them. The paper ones are marked as entered by hand (statusBasis).
import { checkTransition } from '../../../shared/domain/lifecycle';
import { codePointLength } from '../../../shared/domain/text';
import { isIsoDate } from '../../../shared/domain/deadlines';
import type { Case, CaseStatus, LegalAct, User } from '../../../shared/domain/model';
import type { LedgerEntry } from '../../../shared/ledger/entry';
import type { PlatformPort } from '../../../shared/platform';
import type { RulingOutcome } from '../../../shared/confirmation/court/ruling';
import type { DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { asResult, StoreError, type FieldErrorLike, type StoreResult } from '../../kit/result';
import { readAgreements } from '../agreements';
import { transitionCase } from '../case-store';
import { appendLedgerEntry, bytesFile, NOTE_MAX, recordEntry, visibleCase, type EvidenceFile } from '../evidence';

type Blobs = Pick<PlatformPort, 'blobs'>;

export interface ActContext {
  /** The institution's date, 'YYYY-MM-DD'. */
  today: string;
  now?: Date;
}

export interface OralAgreementInput {
  /** What the parties agreed, as the mediator records it. */
  content: string;
  /** The day they agreed, which starts the 30-day window as a written agreement's would. */
  reachedOn: string;
}

export interface PaperFilingInput {
  court: string;
  /** The day the court received the application, as its acknowledgement states. */
  receivedOn: string;
  /** The scan of the court's acknowledgement (收件回执 / 受理通知书). */
  scan: EvidenceFile;
}

export interface PaperRulingInput {
  court: string;
  /** The court's case number on the ruling, e.g. （2026）皖0202民特123号. */
  courtCaseNumber: string;
  decidedOn: string;
  outcome: RulingOutcome;
  /** The ruling's grounds for rejecting, as it states them. */
  grounds: string;
  /** The scan of the ruling (民事裁定书). */
  scan: EvidenceFile;
}

const COURT_MAX = 100;
const DOCKET_MAX = 60;
const GROUNDS_MAX = 2000;

/** Trimmed text, or a field error for `path` when it is empty or longer than `max`. */
function required(value: string, path: string, max: number, errors: FieldErrorLike[]): string {
  const text = value.trim();
  if (text === '') errors.push({ path, code: 'required' });
  else if (codePointLength(text) > max) errors.push({ path, code: 'too_long', params: { max, actual: codePointLength(text) } });
  return text;
}

function date(value: string, path: string, today: string, errors: FieldErrorLike[]): void {
  if (!isIsoDate(value)) errors.push({ path, code: 'date.invalid' });
  else if (value > today) errors.push({ path, code: 'lifecycle.act_date_future', params: { today } });
}

function refuseFields(errors: readonly FieldErrorLike[]): void {
  if (errors.length > 0) throw new StoreError('acts.invalid', 'Some fields need correcting.', { count: errors.length }, errors);
}

type LedgerEntryInput = Omit<Parameters<typeof recordEntry>[0], 'author' | 'at'>;
type ActResult = { case: Case; entry: LedgerEntry };

/** The move an act proves: the status it makes true, with the dates and reason the lifecycle asks. */
interface ActMove {
  to: CaseStatus;
  act: LegalAct;
  actOn?: string;
  agreementEffectiveOn?: string;
  reason?: string;
  /** What the audit event of the move records of the act. */
  details: Record<string, unknown>;
}

/**
 * Asks the lifecycle before anything is stored, so a refused act leaves no file behind in the
 * ledger; the same check runs again inside the write.
 */
function precheck(record: Case, move: ActMove, context: ActContext, datePath: string): void {
  const check = checkTransition(record.status, move.to, {
    today: context.today,
    act: move.act,
    agreementEffectiveOn: move.agreementEffectiveOn ?? record.agreementEffectiveOn,
    confirmationDeadline: record.confirmationDeadline,
    ...(move.actOn !== undefined ? { actOn: move.actOn } : {}),
    ...(move.reason ? { reason: move.reason } : {}),
  });
  if (check.ok) return;
  // Refusals about the date belong beside the date field; the rest (the case's status) above the form.
  const aboutDate = check.code === 'lifecycle.confirmation_window' || check.code === 'lifecycle.agreement_date_future' || check.code === 'date.invalid';
  throw new StoreError(check.code, `The case cannot move from ${record.status} to ${move.to}.`, { from: record.status, to: move.to, ...check.params }, aboutDate ? [{ path: datePath, code: check.code, ...(check.params ? { params: check.params } : {}) }] : []);
}

/** An act as its form gives it: the move it proves, the field of its date, and how its document is kept. */
interface ActPlan {
  move: ActMove;
  datePath: string;
  /** Checks that need the store (after the fields, before the lifecycle). */
  check?: () => Promise<void>;
  /** Stores the act's document once everything agreed, and describes its ledger entry. */
  store: () => Promise<LedgerEntryInput>;
}

/**
 * Records one act, the same way for each: the case read as the actor may change it, the act's
 * fields checked (`plan` pushes what is wrong to `errors`, all refused together), the lifecycle
 * asked, the document stored, and then the ledger entry and the move it proves in one
 * transaction: a case changed meanwhile leaves neither.
 */
function recordAct(data: DataStore, actor: User, caseId: string, expectedVersion: number, context: ActContext, plan: (record: Case, errors: FieldErrorLike[]) => ActPlan): Promise<StoreResult<ActResult>> {
  return asResult(async () => {
    const record = await visibleCase(data, actor, caseId, true);
    const errors: FieldErrorLike[] = [];
    const { move, datePath, check, store } = plan(record, errors);
    refuseFields(errors);
    await check?.();
    precheck(record, move, context, datePath);
    const entry = await store();
    const now = context.now ?? new Date();
    const at = now.toISOString();
    return data.transact(actorOf(actor), async () => {
      const added = await appendLedgerEntry(data, actor, caseId, recordEntry({ ...entry, author: actor, at }), { act: move.act });
      const moved = await transitionCase(data, actor, caseId, expectedVersion, move.to, {
        today: context.today,
        now,
        act: move.act,
        ...(move.actOn !== undefined ? { actOn: move.actOn } : {}),
        ...(move.agreementEffectiveOn ? { agreementEffectiveOn: move.agreementEffectiveOn } : {}),
        ...(move.reason ? { reason: move.reason } : {}),
        actDetails: { ...move.details, ledgerSeq: added.seq },
      });
      if (!moved.ok) throw moved.error;
      return { case: moved.value, entry: added };
    });
  });
}

/** The oral agreement as the document kept in the ledger: what was agreed, when, in which case. */
export function oralAgreementText(record: Pick<Case, 'number'>, input: { content: string; reachedOn: string }, recordedBy: string): string {
  return [`口头调解协议记录`, `案号：${record.number}`, `达成日期：${input.reachedOn}`, `记录人：${recordedBy}`, ``, `协议内容：`, input.content.trim(), ``].join('\n');
}

/** An oral agreement recorded with its content: the case has reached agreement on that day. */
export function recordOralAgreement(data: DataStore, platform: Blobs, actor: User, caseId: string, expectedVersion: number, input: OralAgreementInput, context: ActContext): Promise<StoreResult<ActResult>> {
  return recordAct(data, actor, caseId, expectedVersion, context, (record, errors) => {
    const content = required(input.content, 'content', NOTE_MAX, errors);
    date(input.reachedOn, 'reachedOn', context.today, errors);
    return {
      move: { to: 'agreement_reached', act: 'oral_agreement', agreementEffectiveOn: input.reachedOn, details: { effectiveOn: input.reachedOn } },
      datePath: 'reachedOn',
      store: async () => {
        const bytes = new TextEncoder().encode(oralAgreementText(record, { content, reachedOn: input.reachedOn }, actor.displayName));
        const sha256 = await platform.blobs.putFile(bytesFile('oral-agreement.txt', bytes));
        return { kind: 'agreement', title: `口头调解协议（${input.reachedOn}）`, mediaType: 'text/plain; charset=utf-8', size: bytes.length, sha256 };
      },
    };
  });
}

async function storeScan(platform: Blobs, scan: EvidenceFile): Promise<string> {
  try {
    return await platform.blobs.putFile(scan.file);
  } catch {
    throw new StoreError('acts.scan_unreadable', 'The scan could not be read; choose the file again.', { name: scan.file.name }, [{ path: 'scan', code: 'acts.scan_unreadable', params: { name: scan.file.name } }]);
  }
}

/** A scan that must be there, as the `scan` field's error when it is empty. */
function scanRequired(scan: EvidenceFile, errors: FieldErrorLike[]): void {
  if (scan.file.size === 0) errors.push({ path: 'scan', code: 'acts.scan_required' });
}

/** The ledger entry of a scanned paper document, stored once everything agreed. */
function scanEntry(platform: Blobs, scan: EvidenceFile, kind: 'file' | 'ruling', title: string): () => Promise<LedgerEntryInput> {
  return async () => ({ kind, title, mediaType: scan.mediaType || 'application/octet-stream', size: scan.file.size, sha256: await storeScan(platform, scan) });
}

/**
 * An application for judicial confirmation filed on paper: the court's acknowledgement, scanned,
 * goes into the ledger; the case is "confirmation applied" as of the day the court received it,
 * which must lie within the 30-day window. Only a signed written agreement can be filed.
 */
export function recordPaperFiling(data: DataStore, platform: Blobs, actor: User, caseId: string, expectedVersion: number, input: PaperFilingInput, context: ActContext): Promise<StoreResult<ActResult>> {
  return recordAct(data, actor, caseId, expectedVersion, context, (_record, errors) => {
    const court = required(input.court, 'court', COURT_MAX, errors);
    date(input.receivedOn, 'receivedOn', context.today, errors);
    scanRequired(input.scan, errors);
    return {
      move: { to: 'confirmation_applied', act: 'paper_filing', actOn: input.receivedOn, details: { name: court, effectiveOn: input.receivedOn } },
      datePath: 'receivedOn',
      check: async () => {
        if (!(await readAgreements(data, caseId)).some((a) => a.status === 'signed')) {
          throw new StoreError('acts.no_written_agreement', 'Judicial confirmation is applied for with a signed written agreement; this case has none.');
        }
      },
      store: scanEntry(platform, input.scan, 'file', `法院收件回执（手工录入）${court} ${input.receivedOn}`),
    };
  });
}

/**
 * A ruling the court gave on paper, registered from its scan: the case is confirmed or rejected
 * (with the grounds the ruling states), and the scan is in the ledger as the ruling.
 */
export function registerPaperRuling(data: DataStore, platform: Blobs, actor: User, caseId: string, expectedVersion: number, input: PaperRulingInput, context: ActContext): Promise<StoreResult<ActResult>> {
  return recordAct(data, actor, caseId, expectedVersion, context, (_record, errors) => {
    const court = required(input.court, 'court', COURT_MAX, errors);
    const docket = required(input.courtCaseNumber, 'courtCaseNumber', DOCKET_MAX, errors);
    date(input.decidedOn, 'decidedOn', context.today, errors);
    const grounds = input.outcome === 'rejected' ? required(input.grounds, 'grounds', GROUNDS_MAX, errors) : '';
    scanRequired(input.scan, errors);
    const reason = input.outcome === 'rejected' ? `${docket}：${grounds}` : undefined;
    return {
      move: { to: input.outcome, act: 'paper_ruling', actOn: input.decidedOn, ...(reason ? { reason } : {}), details: { name: court, docket, outcome: input.outcome, effectiveOn: input.decidedOn } },
      datePath: 'decidedOn',
      store: scanEntry(platform, input.scan, 'ruling', `民事裁定书 ${docket}（${input.outcome === 'confirmed' ? '确认有效' : '驳回申请'}，手工录入）`),
    };
  });
}
