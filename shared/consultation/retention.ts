// Retention of the consultation register (issue 18 item 4): records older than the institution's
// period are removed or anonymised. Pure: which records are due, and what an anonymised record
// keeps (what the statistics count — channel, topic, outcome, legal bases, time spent, dates — and
// nothing that names or describes the person).
import type { Consultation, ConsultationRetention } from './model';
import { consultationSearchTerms } from './search';

/** The instant before which a consultation is due: `months` calendar months before `now` (UTC). */
export function retentionCutoff(months: number, now: Date): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** Whether a record is due under the setting: received before the cutoff and, to anonymise, not yet anonymised. */
export function isDue(c: Consultation, setting: Pick<ConsultationRetention, 'months' | 'action'>, now: Date): boolean {
  if (Date.parse(c.receivedAt) >= retentionCutoff(setting.months, now).getTime()) return false;
  return setting.action === 'remove' || c.anonymisedAt === undefined;
}

/** The record with everything that names or describes the person removed. */
export function anonymise(c: Consultation, now: Date): Consultation {
  const at = now.toISOString();
  return {
    ...c,
    person: null,
    question: '',
    facts: '',
    advice: '',
    legalBases: c.legalBases.map((b) => ({ ...b, note: '' })),
    referredTo: c.referredTo,
    followUpNote: '',
    searchTerms: consultationSearchTerms(c.number, null),
    anonymisedAt: at,
    updatedAt: at,
    version: c.version + 1,
  };
}
