// The clerk's intake of one package file: stored in the blob store first (hashed while copied, so
// the package's SHA-256 is known before any verification and the same package imported twice
// finds its filing instead of a second one), then verified layer by layer, then recorded as a
// filing with its audit event. A package that is not what its institution signed — or not a
// package at all — is still recorded, refused on receipt with the failures named, so the clerk can
// answer the center; only the legal checklist and the 30-day limit are left to the clerk to weigh.
import type { User } from '../../../shared/domain/model';
import { courtToday } from '../../../shared/confirmation/court/court-clock';
import { filingIdOf, isIntegrityCheck, unknownCaseId, type CourtFiling } from '../../../shared/confirmation/court/filing';
import type { PlatformPort, CancelSignal } from '../../../shared/platform';
import { recordEvent } from '../../db/audit';
import type { WorkstationDb } from '../../db/db';
import { openedFileFromBrowserFile } from '../../platform/browser';
import { asResult, type StoreResult } from '../cases/store/result';
import { actorOf, readFiling, requireCourtUser, writeFiling } from './filings';
import { readCourtSettings } from './settings-store';
import { cancelled, verifyPackageFile, type Verification } from './verify-package';

export type IntakePhase = 'store' | 'verify';

export interface IntakeOptions {
  onProgress?: (phase: IntakePhase, bytesDone: number, bytesTotal: number) => void;
  signal?: CancelSignal;
  now?: Date;
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
    receivedBy: actorOf(actor),
    docketNumber: null,
    supplements: [],
    ruling: null,
    receipt: null,
    updatedAt: at,
    rev: 0,
  };
  const refused = (reason: string) => ({
    clock: { receivedOn, acceptedOn: null, refusedOn: receivedOn, extended: false, decidedOn: null },
    refusal: { reason: reason.slice(0, 4000), by: actorOf(actor), at, automatic: true },
  });
  if (verification.kind === 'unusable') {
    return { ...base, caseId: unknownCaseId(sha256), verdict: 'unusable', checks: [], badFiles: [], unusableReason: verification.reason.slice(0, 2000), package: null, ...refused(verification.reason) };
  }
  const { report, particulars } = verification;
  const damaged = report.checks.filter((c) => !c.ok && isIntegrityCheck(c.id));
  const checks = report.checks.map((c) => ({ id: c.id.slice(0, 60), ok: c.ok, message: c.message.slice(0, 4000) }));
  const badFiles = report.files.filter((f) => !f.ok).slice(0, MAX_BAD_FILES).map((f) => ({ path: f.path.slice(0, 500), problem: (f.problem ?? '').slice(0, 1000) }));
  const common = { ...base, caseId: report.summary?.caseId ?? unknownCaseId(sha256), checks, badFiles, unusableReason: null, package: particulars };
  if (damaged.length > 0 || !particulars) {
    const reason = (damaged.length > 0 ? damaged : report.checks.filter((c) => !c.ok)).map((c) => `${c.id}: ${c.message}`).join('\n');
    return { ...common, verdict: 'failed', ...refused(reason || 'The package could not be read.') };
  }
  return { ...common, verdict: 'verified', clock: { receivedOn, acceptedOn: null, refusedOn: null, extended: false, decidedOn: null }, refusal: null };
}

/** Receives one package file as `actor` (a clerk or administrator). */
export async function importPackage(db: WorkstationDb, platform: Pick<PlatformPort, 'blobs'>, actor: User, file: File, options: IntakeOptions = {}): Promise<StoreResult<IntakeResult>> {
  return asResult(async () => {
    requireCourtUser(actor);
    const now = options.now ?? new Date();
    const { signal, onProgress } = options;
    const sha256 = await platform.blobs.putFile(openedFileFromBrowserFile(file), {
      ...(signal ? { signal } : {}),
      onProgress: (p) => onProgress?.('store', p.bytesDone, p.bytesTotal ?? file.size),
    });
    const known = await readFiling(db, filingIdOf(sha256));
    if (known) return { filing: known, existing: true };

    const receivedOn = courtToday(now);
    const settings = await readCourtSettings(db);
    const verification = await verifyPackageFile(file, {
      receivedOn,
      trustedPems: settings.trusted.map((t) => t.pem),
      ...(signal ? { signal } : {}),
      onProgress: (done, total) => onProgress?.('verify', done, total),
    });
    if (signal?.aborted) throw cancelled();
    const filing = filingOf(sha256, file, actor, now, receivedOn, verification);
    return db.transaction('rw', [db.packages, db.eventPages], async () => {
      // Imported meanwhile in another window: that filing stands.
      const raced = await readFiling(db, filing.id);
      if (raced) return { filing: raced, existing: true };
      await writeFiling(db, filing);
      await recordEvent(db, {
        actor: { id: actor.id, displayName: actor.displayName },
        at: now,
        entity: 'court_filing',
        entityId: filing.id,
        action: 'court_filing.receive',
        after: { packageSha256: sha256, size: file.size, verdict: filing.verdict, failed: filing.checks.filter((c) => !c.ok).map((c) => c.id), caseId: filing.caseId, packageId: filing.package?.packageId ?? null },
      });
      if (filing.refusal) {
        await recordEvent(db, { actor: { id: actor.id, displayName: actor.displayName }, at: now, entity: 'court_filing', entityId: filing.id, action: 'court_filing.refuse', after: { automatic: true, reason: filing.refusal.reason } });
      }
      return { filing, existing: false };
    });
  });
}
