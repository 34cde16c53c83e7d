// The court's filings in the `packages` table: read by the `court:` id prefix (a primary-key range,
// so the center's rows are never even loaded) and parsed with the filing schema; written only
// through `changeFiling`, one Dexie transaction with the audit event, refused when someone else
// changed the filing since the clerk's screen read it, or when a newer version superseded it.
import type { User } from '../../../shared/domain/model';
import { courtFilingSchema, deadlineFromFirstFiling, FILING_ID_PREFIX, type CourtFiling } from '../../../shared/confirmation/court/filing';
import type { AuditAction } from '../../../shared/audit/actions';
import { recordEvent } from '../../db/audit';
import type { LaterRow, WorkstationDb } from '../../db/db';
import { StoreError } from '../../kit/result';
import { mayUseCourtIntake } from './permissions';

export function parseFiling(row: unknown): CourtFiling | null {
  const parsed = courtFilingSchema.safeParse(row);
  // Also on reading: rows recorded before the limit was counted from the first filing read right.
  return parsed.success ? deadlineFromFirstFiling(parsed.data) : null;
}

/** Every filing of this court, newest first. */
export async function listFilings(db: WorkstationDb): Promise<CourtFiling[]> {
  const rows = await db.packages.where('id').startsWith(FILING_ID_PREFIX).toArray();
  return rows
    .map(parseFiling)
    .filter((f): f is CourtFiling => f !== null)
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

export async function readFiling(db: WorkstationDb, id: string): Promise<CourtFiling | null> {
  if (!id.startsWith(FILING_ID_PREFIX)) return null;
  return parseFiling(await db.packages.get(id));
}

export function requireCourtUser(actor: User): void {
  if (!mayUseCourtIntake(actor)) throw new StoreError('auth.forbidden', 'Only the court clerk or an administrator works on received packages.');
}

export function actorOf(actor: User): { id: string; name: string } {
  return { id: actor.id, name: actor.displayName };
}

/** A filing a newer version (补正) replaced takes no more steps: its case continues on the new one. */
export function refuseSuperseded(filing: CourtFiling): void {
  if (filing.supersededBy) {
    throw new StoreError('court.superseded', 'A newer version of this package (the supplemented one) replaced it; the case continues there.', { packageId: filing.supersededBy.packageId });
  }
}

/**
 * Every filing is stored through here — whichever way it was received — so this is where the
 * 30-day check of a version continuing its predecessor's case is counted from the first filing.
 */
export async function writeFiling(db: WorkstationDb, filing: CourtFiling): Promise<void> {
  await db.packages.put(courtFilingSchema.parse(deadlineFromFirstFiling(filing)) as unknown as LaterRow);
}

/**
 * Applies `change` to the filing at revision `rev` and records `action` — all or nothing. The
 * change throws a StoreError to refuse; the stored filing is then untouched.
 */
export interface FilingStep {
  id: string;
  /** The revision the clerk's screen showed. */
  rev: number;
  now: Date;
  /** The audit action, e.g. court_filing.accept. */
  action: AuditAction;
}

export async function changeFiling(
  db: WorkstationDb,
  actor: User,
  { id, rev, now, action }: FilingStep,
  change: (filing: CourtFiling) => CourtFiling | Promise<CourtFiling>,
  after: (next: CourtFiling) => unknown,
): Promise<CourtFiling> {
  requireCourtUser(actor);
  return db.transaction('rw', [db.packages, db.eventPages], async () => {
    const current = await readFiling(db, id);
    if (!current) throw new StoreError('court.filing_not_found', 'The received package is not on this workstation.');
    if (current.rev !== rev) throw new StoreError('court.filing_changed', 'Someone else changed this filing meanwhile; it was reloaded. Look at it again and repeat your step.');
    refuseSuperseded(current);
    const changed = await change(current);
    const next: CourtFiling = { ...changed, rev: current.rev + 1, updatedAt: now.toISOString() };
    await writeFiling(db, next);
    await recordEvent(db, { actor: { id: actor.id, displayName: actor.displayName }, at: now, entity: 'court_filing', entityId: id, action, after: after(next) });
    return next;
  });
}
