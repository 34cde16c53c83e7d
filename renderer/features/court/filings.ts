// The court's filings (data.courtFilings: the data layer keeps them apart from the center's
// applications), read with the 30-day check counted from the first filing and written only
// through `changeFiling`, one transaction with the audit event, refused when someone else changed
// the filing since the clerk's screen read it, or when a newer version superseded it.
import type { User } from '../../../shared/domain/model';
import { courtFilingSchema, deadlineFromFirstFiling, type CourtFiling } from '../../../shared/confirmation/court/filing';
import type { AuditAction } from '../../../shared/audit/actions';
import type { DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { StoreError } from '../../kit/result';
import { mayUseCourtIntake } from './permissions';

/** A stored row as a filing, or null when it is none (a row of another kind, a damaged one). */
export function parseFiling(row: unknown): CourtFiling | null {
  const parsed = courtFilingSchema.safeParse(row);
  // Also on reading: rows recorded before the limit was counted from the first filing read right.
  return parsed.success ? deadlineFromFirstFiling(parsed.data) : null;
}

/** Every filing of this court, newest first. */
export async function listFilings(data: DataStore): Promise<CourtFiling[]> {
  const filings = await data.courtFilings.all();
  return filings.map(deadlineFromFirstFiling).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

export async function readFiling(data: DataStore, id: string): Promise<CourtFiling | null> {
  const filing = await data.courtFilings.get(id);
  return filing ? deadlineFromFirstFiling(filing) : null;
}

export function requireCourtUser(actor: User): void {
  if (!mayUseCourtIntake(actor)) throw new StoreError('auth.forbidden', 'Only the court clerk or an administrator works on received packages.');
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
 * Inside the caller's transaction.
 */
export async function writeFiling(data: DataStore, filing: CourtFiling): Promise<void> {
  await data.courtFilings.put(deadlineFromFirstFiling(filing));
}

/** The audit event of a step on a filing, inside the step's transaction. */
export async function recordFilingEvent(data: DataStore, actor: User, at: Date, entityId: string, action: AuditAction, after: unknown): Promise<void> {
  await data.events.record({ actor: actorOf(actor), at, entity: 'court_filing', entityId, action, after });
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
  data: DataStore,
  actor: User,
  { id, rev, now, action }: FilingStep,
  change: (filing: CourtFiling) => CourtFiling | Promise<CourtFiling>,
  after: (next: CourtFiling) => unknown,
): Promise<CourtFiling> {
  requireCourtUser(actor);
  return data.transact(actorOf(actor), async () => {
    const current = await readFiling(data, id);
    if (!current) throw new StoreError('court.filing_not_found', 'The received package is not on this workstation.');
    if (current.rev !== rev) throw new StoreError('court.filing_changed', 'Someone else changed this filing meanwhile; it was reloaded. Look at it again and repeat your step.');
    refuseSuperseded(current);
    const changed = await change(current);
    const next: CourtFiling = { ...changed, rev: current.rev + 1, updatedAt: now.toISOString() };
    await writeFiling(data, next);
    await recordFilingEvent(data, actor, now, id, action, after(next));
    return next;
  });
}
