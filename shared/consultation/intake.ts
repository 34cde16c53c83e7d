// What the consultation form submits and the one validator that turns it into clean values or a
// complete list of problems, each at its field's path, with the case intake's codes (so the form
// names an invalid ID number or phone in the same words as the case form does). The person's
// checks are the case intake's own (shared/domain).
import { z } from 'zod';
import { ID_TYPES, type IdType } from '../domain/model';
import { Collector, idNumberCheck, isRecord } from '../domain/intake';
import { validateMobile } from '../domain/identifiers';
import { INSTITUTION_TIME_ZONE, todayIn } from '../domain/deadlines';
import { cleanText, validatePersonName } from '../domain/text';
import { ARTICLE_MAX, ARTICLE_PATTERN, STATUTE_IDS, type StatuteId } from './statutes';
import { CONSULTATION_TOPICS, type ConsultationTopic } from './topics';
import {
  CONSULTATION_CHANNELS,
  CONSULTATION_OUTCOMES,
  LIMITS,
  type ConsultationChannel,
  type ConsultationOutcome,
  type LegalBasis,
} from './model';
import type { FieldError } from '../domain/errors';

export const legalBasisInputSchema = z.object({ statute: z.string(), article: z.string(), note: z.string().optional() });

export const consultationInputSchema = z.object({
  channel: z.string(),
  /** When it took place; the form offers now. */
  receivedAt: z.string(),
  name: z.string(),
  idType: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  topic: z.string(),
  question: z.string(),
  facts: z.string(),
  advice: z.string(),
  legalBases: z.array(legalBasisInputSchema),
  outcome: z.string(),
  referredTo: z.string(),
  /** Whole minutes as typed. */
  minutesSpent: z.string(),
  followUp: z.boolean(),
  followUpNote: z.string(),
});
export type ConsultationInput = z.infer<typeof consultationInputSchema>;

export interface NormalizedConsultation {
  channel: ConsultationChannel;
  receivedAt: string;
  person: { name: string; idType: IdType; idNumber: string; phone: string };
  topic: ConsultationTopic;
  question: string;
  facts: string;
  advice: string;
  legalBases: LegalBasis[];
  outcome: ConsultationOutcome;
  referredTo: string;
  minutesSpent: number;
  followUp: boolean;
  followUpNote: string;
}

export type ConsultationCheck = { ok: true; value: NormalizedConsultation } | { ok: false; errors: FieldError[] };

/** Which fields the form marks as required, for the checker and the form's asterisks alike. */
export function consultationFieldRequired(field: string, outcome?: string): boolean {
  if (field === 'referredTo') return outcome === 'referred_agency';
  return ['channel', 'receivedAt', 'name', 'topic', 'question', 'advice', 'outcome', 'minutesSpent'].includes(field);
}

const single = (max: number) => (s: string) => cleanText(s, { maxLength: max });
const multi = (max: number) => (s: string) => cleanText(s, { maxLength: max, multiline: true });

function checkArticle(s: string) {
  const r = cleanText(s, { maxLength: ARTICLE_MAX, required: true });
  if (!r.ok) return r;
  const compact = r.value.replace(/\s+/g, '');
  return ARTICLE_PATTERN.test(compact) ? { ok: true as const, value: compact } : { ok: false as const, code: 'value.invalid' as const };
}

function checkBases(c: Collector, raw: unknown): LegalBasis[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    c.add(['legalBases'], 'value.invalid');
    return [];
  }
  if (raw.length > LIMITS.legalBases) c.add(['legalBases'], 'too_long', { max: LIMITS.legalBases, actual: raw.length });
  const bases: LegalBasis[] = [];
  raw.slice(0, LIMITS.legalBases).forEach((b: unknown, i) => {
    if (!isRecord(b)) {
      c.add(['legalBases', i], 'value.invalid');
      return;
    }
    const statute = c.oneOf<StatuteId>(['legalBases', i, 'statute'], b.statute, STATUTE_IDS);
    const article = c.text(['legalBases', i, 'article'], b.article, checkArticle, true);
    const note = c.text(['legalBases', i, 'note'], b.note ?? '', multi(LIMITS.basisNote), false);
    if (statute !== null && article !== null && note !== null) bases.push({ statute, article, note });
  });
  return bases;
}

function checkMinutes(c: Collector, raw: unknown): number | null {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (s === '') {
    c.add(['minutesSpent'], 'required');
    return null;
  }
  if (!/^\d+$/.test(s)) {
    c.add(['minutesSpent'], 'number.integer');
    return null;
  }
  const n = Number(s);
  if (n < 1 || n > LIMITS.minutes) {
    c.add(['minutesSpent'], 'number.range', { min: 1, max: LIMITS.minutes });
    return null;
  }
  return n;
}

function checkInstant(c: Collector, raw: unknown, now: Date): string | null {
  if (typeof raw !== 'string' || raw === '') {
    c.add(['receivedAt'], 'required');
    return null;
  }
  const parsed = z.iso.datetime({ offset: true }).safeParse(raw);
  if (!parsed.success) {
    c.add(['receivedAt'], 'date.invalid');
    return null;
  }
  if (Date.parse(raw) > now.getTime() + 5 * 60_000) {
    c.add(['receivedAt'], 'lifecycle.act_date_future', { today: todayIn(INSTITUTION_TIME_ZONE, now) });
    return null;
  }
  return new Date(raw).toISOString();
}

/** Every problem of a submitted consultation at once, or its clean values. */
export function validateConsultation(input: unknown, now: Date = new Date()): ConsultationCheck {
  const c = new Collector();
  if (!isRecord(input)) return { ok: false, errors: [{ path: [], code: 'value.invalid' }] };
  const req = (f: string) => consultationFieldRequired(f, typeof input.outcome === 'string' ? input.outcome : undefined);
  // In the form's order, so the first error listed is the first wrong field on screen.
  const channel = c.oneOf(['channel'], input.channel, CONSULTATION_CHANNELS);
  const receivedAt = checkInstant(c, input.receivedAt, now);
  const name = c.text(['name'], input.name, validatePersonName, req('name'));
  const idType = c.oneOf(['idType'], input.idType === '' || input.idType === undefined ? 'resident_id' : input.idType, ID_TYPES);
  const idNumber = idType === null ? null : c.id(['idNumber'], input.idNumber, idNumberCheck(idType), false);
  const phone = c.id(['phone'], input.phone, validateMobile, false);
  const topic = c.oneOf<ConsultationTopic>(['topic'], input.topic, CONSULTATION_TOPICS);
  const question = c.text(['question'], input.question, multi(LIMITS.question), req('question'));
  const facts = c.text(['facts'], input.facts, multi(LIMITS.facts), false);
  const advice = c.text(['advice'], input.advice, multi(LIMITS.advice), req('advice'));
  const legalBases = checkBases(c, input.legalBases);
  const outcome = c.oneOf(['outcome'], input.outcome, CONSULTATION_OUTCOMES);
  const referredTo = c.text(['referredTo'], input.referredTo, single(LIMITS.agency), req('referredTo'));
  const minutesSpent = checkMinutes(c, input.minutesSpent);
  const followUp = input.followUp === true;
  const followUpNote = c.text(['followUpNote'], input.followUpNote, multi(LIMITS.followUpNote), false);
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: {
      channel: channel!,
      receivedAt: receivedAt!,
      person: { name: name!, idType: idType!, idNumber: idNumber!, phone: phone! },
      topic: topic!,
      question: question!,
      facts: facts!,
      advice: advice!,
      legalBases,
      outcome: outcome!,
      referredTo: referredTo!,
      minutesSpent: minutesSpent!,
      followUp,
      followUpNote: followUpNote!,
    },
  };
}
