// The clerk's steps on a received package that need no signature: accepting it under a court case
// number (立案), refusing it (不予受理) with the reason, and the one extension of the decision
// period. Each is checked against the court's clock (shared/confirmation/court/court-clock.ts) and
// refused with a reason the clerk can act on; a refused step changes nothing.
import type { User } from '../../../shared/domain/model';
import { acceptOn, courtClock, courtToday, extendDecision } from '../../../shared/confirmation/court/court-clock';
import { formatDocketNumber, nextDocketNumber, parseDocketNumber } from '../../../shared/confirmation/court/docket-number';
import type { CourtFiling } from '../../../shared/confirmation/court/filing';
import type { DataStore } from '../../data';
import { personOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { changeFiling, listFilings } from './filings';
import { docketSettingsOf } from './settings-store';

/** The next number of the court's sequence for this year, or null until the court code is set. */
export async function proposeDocketNumber(data: DataStore, now = new Date()): Promise<string | null> {
  const settings = await docketSettingsOf(data);
  if (!settings) return null;
  const numbers = (await listFilings(data)).map((f) => f.docketNumber).filter((n): n is string => n !== null);
  return nextDocketNumber(numbers, settings, Number(courtToday(now).slice(0, 4)));
}

/** The number in its canonical form (full-width brackets), or a field error naming what is wrong. */
function canonicalDocketNumber(text: string): string {
  const parts = parseDocketNumber(text);
  if (!parts) throw new StoreError('court.docket_invalid', 'The court case number is not one such as （2026）皖0202民特123号.', {}, [{ path: 'docketNumber', code: 'court.docket_invalid' }]);
  return formatDocketNumber(parts);
}

export function acceptFiling(data: DataStore, actor: User, id: string, rev: number, docketText: string, now = new Date()): Promise<StoreResult<CourtFiling>> {
  return asResult(async () => {
    const docketNumber = canonicalDocketNumber(docketText);
    return changeFiling(
      data,
      actor,
      { id, rev, now, action: 'court_filing.accept' },
      async (filing) => {
        if (filing.verdict !== 'verified') throw new StoreError('court.not_verified', 'A package that did not pass verification cannot be accepted; it was refused on receipt.');
        const taken = (await listFilings(data)).find((f) => f.docketNumber === docketNumber && f.id !== filing.id);
        if (taken) throw new StoreError('court.docket_taken', 'This court case number is already given to another package.', { number: docketNumber }, [{ path: 'docketNumber', code: 'court.docket_taken', params: { number: docketNumber } }]);
        const step = acceptOn(filing.clock, courtToday(now));
        if (!step.ok) throw new StoreError('court.already_answered', 'This package was already accepted or refused.');
        return { ...filing, clock: step.record, docketNumber };
      },
      (next) => ({ docketNumber: next.docketNumber, acceptedOn: next.clock.acceptedOn }),
    );
  });
}

export function refuseFiling(data: DataStore, actor: User, id: string, rev: number, reasonText: string, now = new Date()): Promise<StoreResult<CourtFiling>> {
  return asResult(async () => {
    const reason = reasonText.trim();
    if (reason === '' || [...reason].length > 4000) throw new StoreError('court.reason_required', 'Give the reason for not accepting (at most 4000 characters).', {}, [{ path: 'reason', code: 'court.reason_required' }]);
    return changeFiling(
      data,
      actor,
      { id, rev, now, action: 'court_filing.refuse' },
      (filing) => {
        if (filing.clock.acceptedOn || filing.clock.refusedOn) throw new StoreError('court.already_answered', 'This package was already accepted or refused.');
        return { ...filing, clock: { ...filing.clock, refusedOn: courtToday(now) }, refusal: { reason, by: personOf(actor), at: now.toISOString(), automatic: false } };
      },
      (next) => ({ reason: next.refusal?.reason ?? '', refusedOn: next.clock.refusedOn }),
    );
  });
}

/** Why the period cannot be extended, as a code and the day it ended (the clock's reason is English, for logs). */
function extendRefusal(filing: CourtFiling, today: string, reason: string): StoreError {
  const clock = courtClock(filing.clock, today);
  if (clock.stage !== 'awaiting_decision') return new StoreError('court.extend_stage', reason);
  return new StoreError('court.extend_ended', reason, { date: clock.decideBy ?? '' });
}

export function extendFiling(data: DataStore, actor: User, id: string, rev: number, now = new Date()): Promise<StoreResult<CourtFiling>> {
  return asResult(() =>
    changeFiling(
      data,
      actor,
      { id, rev, now, action: 'court_filing.extend' },
      (filing) => {
        if (filing.clock.extended) throw new StoreError('court.extended_already', 'The decision period may be extended only once, and it was.');
        const today = courtToday(now);
        const step = extendDecision(filing.clock, today);
        if (!step.ok) throw extendRefusal(filing, today, step.reason);
        return { ...filing, clock: step.record };
      },
      () => ({ extended: true }),
    ),
  );
}
