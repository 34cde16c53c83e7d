// The joint application for judicial confirmation (司法确认申请书) as data: what 最高人民法院《关于
// 人民调解协议司法确认程序的若干规定》 art. 3 and 民事诉讼法 art. 205 require of it (domain.md) —
// both parties with their particulars, service addresses and phone numbers, the court and why it
// has jurisdiction, the agreement, the request, the parties' undertakings and the date.
// applicationProblems lists every missing item, so the screen can show them all at once.
import { z } from 'zod';
import { CONFIRMATION_WINDOW_DAYS, daysBetween, isIsoDate } from '../../domain/deadlines';
import { validateCreditCode, validateMobile, validateResidentId } from '../../domain/identifiers';
import { partySchema, type Party } from '../../domain/model';
import { sha256HexSchema } from '../../ledger/entry';
import { JURISDICTION_REASONS } from '../manifest';

/** The undertakings every applicant gives (domain.md: voluntary, true, lawful, not harming others, aware of consequences). */
export const UNDERTAKINGS = ['voluntary', 'truthful', 'lawful', 'noHarmToOthers', 'awareOfConsequences'] as const;
export type Undertaking = (typeof UNDERTAKINGS)[number];

export const applicationSchema = z.strictObject({
  /** The mediation case's own number. */
  caseNumber: z.string().max(200),
  /** Both parties (and their agents), as the case holds them. */
  parties: z.array(partySchema).max(50),
  /** 送达地址 by party id: where the court serves its documents on each party (principals only). */
  serviceAddresses: z.record(z.string(), z.string().max(200)),
  court: z.strictObject({ name: z.string().max(100), code: z.string().max(20) }),
  jurisdiction: z.strictObject({
    reason: z.enum(JURISDICTION_REASONS),
    /** In words: where the organisation sits, or the court's entrustment (委派) reference. */
    basis: z.string().max(300),
  }),
  institution: z.strictObject({ name: z.string().max(100), creditCode: z.string().max(18) }),
  agreement: z.strictObject({
    number: z.string().max(200),
    /** The day the agreement took effect (every signature made). */
    effectiveOn: z.string(),
    /** SHA-256 of the signed agreement PDF, so the application names exactly that file. */
    pdfSha256: z.string(),
  }),
  undertakings: z.strictObject(Object.fromEntries(UNDERTAKINGS.map((u) => [u, z.boolean()])) as Record<Undertaking, z.ZodBoolean>),
  /** The application's date. */
  date: z.string(),
});
export type ApplicationInput = z.infer<typeof applicationSchema>;

export interface ApplicationProblem {
  /** Where in the input: ['parties', 0, 'phone'], ['undertakings', 'lawful'], … */
  path: (string | number)[];
  code: string;
  message: string;
}

const principalsOf = (parties: readonly Party[]) => parties.filter((p) => p.kind !== 'agent');

function partyProblems(party: Party, index: number, input: ApplicationInput): ApplicationProblem[] {
  const out: ApplicationProblem[] = [];
  const add = (field: string, code: string, message: string) => out.push({ path: ['parties', index, field], code, message });
  const who = party.name.trim() === '' ? `party ${index + 1}` : party.name;
  if (party.name.trim() === '') add('name', 'application.party_name', `The name of party ${index + 1} is missing.`);
  if (party.kind === 'natural') {
    if (party.idNumber.trim() === '') add('idNumber', 'application.party_id', `${who}'s identity document number is missing.`);
    else if (party.idType === 'resident_id' && !validateResidentId(party.idNumber).ok) add('idNumber', 'application.party_id', `${who}'s resident ID number is not valid.`);
  }
  if (party.kind === 'legal') {
    if (!validateCreditCode(party.creditCode).ok) add('creditCode', 'application.party_credit_code', `${who}'s unified social credit code is not valid.`);
    if (party.legalRepresentative.trim() === '') add('legalRepresentative', 'application.party_representative', `${who}'s legal representative is missing.`);
  }
  if (party.kind !== 'agent') {
    if (party.address.trim() === '') add('address', 'application.party_address', `${who}'s address (domicile) is missing.`);
    if ((input.serviceAddresses[party.id] ?? '').trim() === '') out.push({ path: ['serviceAddresses', party.id], code: 'application.service_address', message: `${who}'s service address (送达地址) is missing.` });
  } else if (!input.parties.some((p) => p.id === party.principalId && p.kind !== 'agent')) add('principalId', 'application.agent_principal', `${who} acts for no party of the application.`);
  if (party.phone.trim() === '') add('phone', 'application.party_phone', `${who}'s phone number is missing.`);
  else if (/^1/.test(party.phone.trim()) && !validateMobile(party.phone.trim()).ok) add('phone', 'application.party_phone', `${who}'s mobile number is not valid.`);
  return out;
}

/** Every item the application still lacks, in reading order; empty when it may be rendered and signed. */
export function applicationProblems(raw: ApplicationInput): ApplicationProblem[] {
  const parsed = applicationSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), code: 'application.malformed', message: i.message }));
  const input = parsed.data;
  const out: ApplicationProblem[] = [];
  const add = (path: (string | number)[], code: string, message: string) => out.push({ path, code, message });
  const principals = principalsOf(input.parties);
  if (!principals.some((p) => p.side === 'applicant') || !principals.some((p) => p.side === 'respondent')) {
    add(['parties'], 'application.joint', 'The application is joint: both sides of the agreement (an applicant and a respondent of the mediation) must apply.');
  }
  input.parties.forEach((p, i) => out.push(...partyProblems(p, i, input)));
  if (input.court.name.trim() === '') add(['court', 'name'], 'application.court', 'The court is not chosen.');
  if (input.jurisdiction.basis.trim() === '') {
    add(['jurisdiction', 'basis'], 'application.jurisdiction', input.jurisdiction.reason === 'entrusting_court' ? "The court's entrustment of the mediation (委派) is not stated." : 'Where the mediation organisation sits is not stated.');
  }
  if (input.institution.name.trim() === '') add(['institution', 'name'], 'application.institution', 'The mediation organisation is missing.');
  if (input.agreement.number.trim() === '') add(['agreement', 'number'], 'application.agreement_number', "The agreement's number is missing.");
  if (!isIsoDate(input.agreement.effectiveOn)) add(['agreement', 'effectiveOn'], 'application.agreement_date', 'The date the agreement took effect is missing.');
  if (!sha256HexSchema.safeParse(input.agreement.pdfSha256).success) add(['agreement', 'pdfSha256'], 'application.agreement_file', 'The signed agreement PDF is not attached (its SHA-256 is missing).');
  for (const u of UNDERTAKINGS) if (!input.undertakings[u]) add(['undertakings', u], 'application.undertaking', `The undertaking "${UNDERTAKING_TEXT[u]}" is not given.`);
  if (!isIsoDate(input.date)) add(['date'], 'application.date', "The application's date is missing.");
  else if (isIsoDate(input.agreement.effectiveOn)) {
    const days = daysBetween(input.agreement.effectiveOn, input.date);
    if (days < 0) add(['date'], 'application.date', 'The application is dated before the agreement took effect.');
    else if (days > CONFIRMATION_WINDOW_DAYS) add(['date'], 'application.late', `The application is dated ${days} days after the agreement took effect: the 30-day window (民事诉讼法 art. 205) has passed.`);
  }
  return out;
}

/** The undertakings as printed in the application. */
export const UNDERTAKING_TEXT: Record<Undertaking, string> = {
  voluntary: '出于解决纠纷的目的，自愿申请司法确认',
  truthful: '所提交的申请材料真实、完整，调解协议是申请人的真实意思表示',
  lawful: '调解协议不违反法律、行政法规的强制性规定，不违背公序良俗',
  noHarmToOthers: '调解协议不损害国家利益、社会公共利益和案外人的合法权益',
  awareOfConsequences:
    '知悉司法确认的法律后果：调解协议经人民法院确认有效后，一方拒绝履行或者未全部履行的，对方可以向人民法院申请强制执行；人民法院驳回申请的，可以通过调解变更原协议或者达成新的调解协议，也可以向人民法院提起诉讼；提交虚假材料或者恶意串通的，承担相应的法律责任',
};
