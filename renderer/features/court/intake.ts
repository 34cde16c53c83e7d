// The clerk's intake of one package file: stored in the blob store first (hashed while copied, so
// the package's SHA-256 is known before any verification and the same package imported twice
// finds its filing instead of a second one), then verified layer by layer, then recorded as a
// filing with its audit event. A package that is not what its institution signed — or not a
// package at all — is still recorded, refused on receipt with the failures named, so the clerk can
// answer the center; only the legal checklist and the 30-day limit are left to the clerk to weigh.
// A new version answering 补正 continues the case of the version it supersedes (see succession).
import type { User } from '../../../shared/domain/model';
import { courtClock, courtToday } from '../../../shared/confirmation/court/court-clock';
import { deadlineFromFirstFiling, filingIdOf, isIntegrityCheck, unknownCaseId, type CourtFiling, type PredecessorOutcome } from '../../../shared/confirmation/court/filing';
import type { PlatformPort, CancelSignal } from '../../../shared/platform';
import type { AuditAction } from '../../../shared/audit/actions';
import type { DataStore } from '../../data';
import { openedFileFromBrowserFile } from '../../platform/browser';
import { actorOf, personOf } from '../../kit/acting-user';
import { asResult, type StoreResult } from '../../kit/result';
import { readFiling, recordFilingEvent, requireCourtUser, writeFiling } from './filings';
import { readCourtSettings } from './settings-store';
import { cancelled, verifyPackageFile, type Verification } from './verify-package';

export type IntakePhase = 'store' | 'verify';

export interface IntakeOptions {
  onProgress?: (phase: IntakePhase, bytesDone: number, bytesTotal: number) => void;
  signal?: CancelSignal;
  now?: Date;
  /**
   * The day the court's intake endpoint received the package (its answer's receivedOn): the
   * court's clock runs from receipt, not from when the clerk opened the inbox. Ignored unless a
   * date no later than today.
   */
  receivedOn?: string;
}

export interface IntakeResult {
  filing: CourtFiling;
  /** The same package had been received before: this is that filing, unchanged. */
  existing: boolean;
}

const MAX_BAD_FILES = 200;

function filingOf(sha256: string, file: File, actor: User, now: Date, receivedOn: string, verification: Verification): CourtFiling {
  const at = now.toISOString();
  const base = {
    id: filingIdOf(sha256),
    side: 'court' as const,
    packageSha256: sha256,
    size: file.size,
    fileName: file.name.slice(0, 500),
    receivedAt: at,
    receivedBy: personOf(actor),
    docketNumber: null,
    supplements: [],
    ruling: null,
    receipt: null,
    predecessor: null,
    supersededBy: null,
    updatedAt: at,
    rev: 0,
  };
  const refused = (reason: string) => ({
    clock: { receivedOn, acceptedOn: null, refusedOn: receivedOn, extended: false, decidedOn: null },
    refusal: { reason: reason.slice(0, 4000), by: personOf(actor), at, automatic: true },
  });
  if (verification.kind === 'unusable') {
    return { ...base, caseId: unknownCaseId(sha256), verdict: 'unusable', checks: [], badFiles: [], unusableReason: verification.reason.slice(0, 2000), unusableDetail: verification.detail, package: null, ...refused(verification.reason) };
  }
  const { report, particulars } = verification;
  const damaged = report.checks.filter((c) => !c.ok && isIntegrityCheck(c.id));
  // Each with its detail, so the clerk reads it in the screen's language.
  const checks = report.checks.map((c) => ({ id: c.id.slice(0, 60), ok: c.ok, message: c.message.slice(0, 4000), detail: c.detail }));
  const badFiles = report.files.filter((f) => !f.ok).slice(0, MAX_BAD_FILES).map((f) => ({ path: f.path.slice(0, 500), problem: (f.problem ?? '').slice(0, 1000), ...(f.detail ? { detail: f.detail } : {}) }));
  const common = { ...base, caseId: report.summary?.caseId ?? unknownCaseId(sha256), checks, badFiles, unusableReason: null, package: particulars };
  if (damaged.length > 0 || !particulars) {
    const reason = (damaged.length > 0 ? damaged : report.checks.filter((c) => !c.ok)).map((c) => `${c.id}: ${c.message}`).join('\n');
    return { ...common, verdict: 'failed', ...refused(reason || 'The package could not be read.') };
  }
  return { ...common, verdict: 'verified', clock: { receivedOn, acceptedOn: null, refusedOn: null, extended: false, decidedOn: null }, refusal: null };
}

interface Succession {
  filing: CourtFiling;
  /** The earlier version, marked superseded, when the new one takes its place. */
  replaced: CourtFiling | null;
}

/**
 * A new version (补正) continues the case of the package its manifest supersedes when this court
 * has that one still under way: accepted and awaiting its ruling, the new one takes its court case
 * number and its clock (so the same decision deadline runs); awaiting acceptance, it keeps its
 * receipt date. Anything else — a package never received, one already decided or refused, another
 * case's — is recorded as such on the new filing and nothing carries over. Read inside the import's
 * transaction, so the earlier filing cannot change in between.
 */
async function succession(data: DataStore, filing: CourtFiling, now: Date): Promise<Succession> {
  const named = filing.package?.supersedes;
  if (!named || !filing.package) return { filing, replaced: null };
  const outcome = (o: PredecessorOutcome): CourtFiling => ({ ...filing, predecessor: { packageSha256: named.packageSha256, outcome: o } });
  if (filing.verdict !== 'verified') return { filing: outcome('not_verified'), replaced: null };
  const earlier = await readFiling(data, filingIdOf(named.packageSha256));
  if (!earlier) return { filing: outcome('unknown'), replaced: null };
  const sameCase =
    earlier.package !== null &&
    earlier.caseId === filing.caseId &&
    earlier.package.packageId === named.packageId &&
    earlier.package.institution.creditCode === filing.package.institution.creditCode &&
    filing.package.institution.pinned !== false;
  if (!sameCase) return { filing: outcome('mismatch'), replaced: null };
  if (earlier.supersededBy) return { filing: outcome('superseded'), replaced: null };
  const stage = courtClock(earlier.clock, courtToday(now)).stage;
  if (stage === 'decided') return { filing: outcome('decided'), replaced: null };
  if (stage === 'refused') return { filing: outcome('refused'), replaced: null };
  const carried = stage === 'awaiting_decision';
  const next: CourtFiling = {
    ...outcome(carried ? 'carried_over' : 'receipt_kept'),
    clock: { ...filing.clock, receivedOn: earlier.clock.receivedOn, ...(carried ? { acceptedOn: earlier.clock.acceptedOn, extended: earlier.clock.extended } : {}) },
    docketNumber: carried ? earlier.docketNumber : null,
  };
  const at = now.toISOString();
  const replaced: CourtFiling = { ...earlier, supersededBy: { packageSha256: filing.packageSha256, packageId: filing.package.packageId, at }, rev: earlier.rev + 1, updatedAt: at };
  // Judged against the 30-day limit from the first filing's receipt, as it will be stored.
  return { filing: deadlineFromFirstFiling(next), replaced };
}

/** Receives one package file as `actor` (a clerk or administrator). */
export async function importPackage(data: DataStore, platform: Pick<PlatformPort, 'blobs'>, actor: User, file: File, options: IntakeOptions = {}): Promise<StoreResult<IntakeResult>> {
  return asResult(async () => {
    requireCourtUser(actor);
    const now = options.now ?? new Date();
    const { signal, onProgress } = options;
    const sha256 = await platform.blobs.putFile(openedFileFromBrowserFile(file), {
      ...(signal ? { signal } : {}),
      onProgress: (p) => onProgress?.('store', p.bytesDone, p.bytesTotal ?? file.size),
    });
    const known = await readFiling(data, filingIdOf(sha256));
    if (known) return { filing: known, existing: true };

    const today = courtToday(now);
    const receivedOn = options.receivedOn && /^\d{4}-\d{2}-\d{2}$/.test(options.receivedOn) && options.receivedOn <= today ? options.receivedOn : today;
    const settings = await readCourtSettings(data);
    const verification = await verifyPackageFile(file, {
      receivedOn,
      trustedPems: settings.trusted.map((t) => t.pem),
      ...(signal ? { signal } : {}),
      onProgress: (done, total) => onProgress?.('verify', done, total),
    });
    if (signal?.aborted) throw cancelled();
    const received = filingOf(sha256, file, actor, now, receivedOn, verification);
    return data.transact(actorOf(actor), async () => {
      // Imported meanwhile in another window: that filing stands.
      const raced = await readFiling(data, received.id);
      if (raced) return { filing: raced, existing: true };
      const { filing, replaced } = await succession(data, received, now);
      const record = (entityId: string, action: AuditAction, after: unknown) => recordFilingEvent(data, actor, now, entityId, action, after);
      await writeFiling(data, filing);
      await record(filing.id, 'court_filing.receive', {
        packageSha256: sha256,
        size: file.size,
        verdict: filing.verdict,
        failed: filing.checks.filter((c) => !c.ok).map((c) => c.id),
        caseId: filing.caseId,
        packageId: filing.package?.packageId ?? null,
        predecessor: filing.predecessor,
      });
      if (filing.refusal) await record(filing.id, 'court_filing.refuse', { automatic: true, reason: filing.refusal.reason });
      if (replaced) {
        await writeFiling(data, replaced);
        const { docketNumber, clock } = filing;
        await record(filing.id, 'court_filing.carry_over', { from: replaced.packageSha256, outcome: filing.predecessor?.outcome ?? null, docketNumber, receivedOn: clock.receivedOn, acceptedOn: clock.acceptedOn, extended: clock.extended });
        await record(replaced.id, 'court_filing.supersede', { by: filing.packageSha256, packageId: replaced.supersededBy?.packageId ?? null });
      }
      return { filing, existing: false };
    });
  });
}
