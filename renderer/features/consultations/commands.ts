// The register's commands: record a consultation, read one, note an opinion issued, set the
// retention period and apply it. Each write checks the actor's role against the stored account and
// commits with its audit event in one data.transact; refusals are StoreErrors the screen shows
// where the user acted.
import { consultationNumber, consultationSearchTerms } from '../../../shared/consultation/search';
import { validateConsultation } from '../../../shared/consultation/intake';
import {
  CONSULTATION_RETENTION_KEY,
  DEFAULT_RETENTION,
  consultationRetentionSchema,
  type Consultation,
  type ConsultationRetention,
} from '../../../shared/consultation/model';
import { anonymise, isDue, retentionCutoff } from '../../../shared/consultation/retention';
import { retentionActionSchema } from '../../../shared/consultation/model';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import { maskIdNumber, maskPhone } from '../../../shared/domain/identifiers';
import type { User } from '../../../shared/domain/model';
import { z } from 'zod';
import type { DataStore } from '../../data';
import { activeActor, actorOf } from '../../kit/acting-user';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { consultationCatalog } from './catalog';
import { CONSULTATIONS } from './kind';
import { mayRecordConsultation, maySetRetention, mayUseDesk } from './permissions';

const seqSchema = z.number().int().nonnegative();
const seqKey = (institutionId: string, year: number) => `consultation.seq.${institutionId}.${year}`;

function forbidden(): StoreError {
  return new StoreError('auth.forbidden', 'Your role may not do this at the consultation desk.');
}

/** What the audit log keeps of a consultation: no free text, the person's identifiers masked. */
function auditedConsultation(c: Consultation): Record<string, unknown> {
  return {
    registerNumber: c.number,
    topic: c.topic,
    consultationOutcome: c.outcome,
    ...(c.person ? { name: c.person.name, idNumber: maskIdNumber(c.person.idNumber), phone: maskPhone(c.person.phone) } : {}),
  };
}

async function institutionIdOf(data: DataStore): Promise<string> {
  const institution = await data.institution.get();
  if (!institution) throw new StoreError('institution.missing', 'The workstation is not set up yet.');
  return institution.creditCode;
}

/** Records a consultation from the form's values; every wrong field comes back at once. */
export async function recordConsultation(data: DataStore, actor: User, input: unknown, now: Date = new Date()): Promise<StoreResult<Consultation>> {
  return asResult(async () => {
    if (!mayRecordConsultation(actor)) throw forbidden();
    const checked = validateConsultation(input, now);
    if (!checked.ok) throw new StoreError('intake.invalid', 'Some fields of the consultation need correcting.', { count: checked.errors.length }, checked.errors);
    const v = checked.value;
    const year = Number(todayIn(INSTITUTION_TIME_ZONE, new Date(v.receivedAt)).slice(0, 4));
    const at = now.toISOString();
    return data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      if (!mayRecordConsultation(current)) throw forbidden();
      const institutionId = await institutionIdOf(data);
      const seq = ((await data.meta.get(seqKey(institutionId, year), seqSchema)) ?? 0) + 1;
      await data.meta.put(seqKey(institutionId, year), seq);
      const number = consultationNumber(year, seq);
      const record: Consultation = {
        id: crypto.randomUUID(),
        institutionId,
        number,
        year,
        seq,
        channel: v.channel,
        receivedAt: v.receivedAt,
        person: v.person,
        topic: v.topic,
        question: v.question,
        facts: v.facts,
        advice: v.advice,
        legalBases: v.legalBases,
        outcome: v.outcome,
        referredTo: v.referredTo,
        minutesSpent: v.minutesSpent,
        followUp: v.followUp,
        followUpNote: v.followUpNote,
        lawyerId: current.id,
        lawyerName: current.displayName,
        searchTerms: consultationSearchTerms(number, v.person),
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      await data.records(CONSULTATIONS).add(record);
      await data.events.record({ actor: actorOf(current), at, entity: 'consultation', entityId: record.id, action: 'consultation.record', after: auditedConsultation(record) });
      return record;
    });
  });
}

/** One consultation of this institution, for whoever may use the desk; undefined when there is none. */
export async function getConsultation(data: DataStore, viewer: User, id: string): Promise<Consultation | undefined> {
  if (!mayUseDesk(viewer)) throw forbidden();
  const record = await data.records(CONSULTATIONS).get(id);
  if (!record) return undefined;
  return record.institutionId === (await institutionIdOf(data)) ? record : undefined;
}

/** Notes in the audit log that the opinion was issued (printed or downloaded), with its hash. */
export async function recordOpinionIssued(
  data: DataStore,
  actor: User,
  consultation: Consultation,
  pdf: { sha256: string; pages: number },
  now: Date = new Date(),
): Promise<StoreResult<void>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      if (!mayUseDesk(current)) throw forbidden();
      await data.events.record({
        actor: actorOf(current),
        at: now,
        entity: 'consultation',
        entityId: consultation.id,
        action: 'consultation.opinion',
        after: { registerNumber: consultation.number, pdfSha256: pdf.sha256, pages: pdf.pages },
      });
    }),
  );
}

// ---- retention ----

export type RetentionSetting = Pick<ConsultationRetention, 'months' | 'action'> & { isDefault: boolean };

export async function getRetention(data: DataStore): Promise<RetentionSetting> {
  const stored = await data.meta.get(CONSULTATION_RETENTION_KEY, consultationRetentionSchema);
  return stored ? { months: stored.months, action: stored.action, isDefault: false } : { ...DEFAULT_RETENTION, isDefault: true };
}

const retentionInputSchema = z.object({ months: z.number().int().min(1).max(600), action: retentionActionSchema });

/** The administrator sets how long consultation records are kept and what happens after. */
export async function setRetention(data: DataStore, actor: User, input: { months: number; action: string }, now: Date = new Date()): Promise<StoreResult<RetentionSetting>> {
  return asResult(async () => {
    if (!maySetRetention(actor)) throw forbidden();
    const parsed = retentionInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new StoreError('intake.invalid', 'The retention period must be 1 to 600 whole months.', { count: 1 }, [
        { path: ['months'], code: 'number.range', params: { min: 1, max: 600 } },
      ]);
    }
    return data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      if (!maySetRetention(current)) throw forbidden();
      const before = await getRetention(data);
      const value: ConsultationRetention = { ...parsed.data, updatedAt: now.toISOString(), updatedBy: current.id };
      await data.meta.put(CONSULTATION_RETENTION_KEY, value);
      await data.events.record({
        actor: actorOf(current),
        at: now,
        entity: 'settings',
        entityId: CONSULTATION_RETENTION_KEY,
        action: 'consultation.retention_set',
        before: { retentionMonths: before.months, retentionAction: before.action },
        after: { retentionMonths: value.months, retentionAction: value.action },
      });
      return { months: value.months, action: value.action, isDefault: false };
    });
  });
}

export interface RetentionRun {
  anonymised: number;
  removed: number;
}

/**
 * Applies the institution's retention period: consultations received before it are anonymised or
 * removed, all in one transaction with one audit event naming the counts. Nothing due: nothing is
 * written and nothing recorded. Run when the desk opens after sign-in and from the desk.
 */
export async function runRetention(data: DataStore, actor: User, now: Date = new Date()): Promise<StoreResult<RetentionRun>> {
  return asResult(async () => {
    if (!mayUseDesk(actor)) throw forbidden();
    const setting = await getRetention(data);
    const catalog = await consultationCatalog(data);
    const institutionId = await institutionIdOf(data);
    const cutoff = retentionCutoff(setting.months, now).toISOString();
    // The index narrows the run to the records that may be due; each is re-read and checked inside.
    const candidates = catalog.entries
      .filter((e) => e.institutionId === institutionId && e.receivedAt < cutoff && (setting.action === 'remove' || !e.anonymised))
      .map((e) => e.id);
    if (candidates.length === 0) return { anonymised: 0, removed: 0 };
    const repo = data.records(CONSULTATIONS);
    return data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      if (!mayUseDesk(current)) throw forbidden();
      const run: RetentionRun = { anonymised: 0, removed: 0 };
      for (const id of candidates) {
        const record = await repo.get(id);
        if (!record || !isDue(record, setting, now)) continue;
        if (setting.action === 'remove') {
          await repo.delete(id);
          run.removed += 1;
        } else {
          await repo.put(anonymise(record, now));
          run.anonymised += 1;
        }
      }
      if (run.anonymised + run.removed > 0) {
        await data.events.record({
          actor: actorOf(current),
          at: now,
          entity: 'consultation',
          entityId: CONSULTATION_RETENTION_KEY,
          action: 'consultation.retention',
          after: { anonymisedCount: run.anonymised, removedCount: run.removed, retentionMonths: setting.months, retentionAction: setting.action },
        });
      }
      return run;
    });
  });
}
