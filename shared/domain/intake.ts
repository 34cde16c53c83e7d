// What the case-intake form submits, and the one validator that turns it into clean values or a
// complete list of problems. The validator walks the raw input itself instead of stopping at the
// first schema failure, because the form must show every wrong field at once, each beside its
// field (the path), in the user's language (the code).
import { z } from 'zod';
import { isCategoryCode, normalizeCategoryFields, type CategoryCode } from './categories';
import { toFieldError, type FieldError } from './errors';
import { validateCreditCode, validateMobile, validateOtherIdNumber, validateResidentId } from './identifiers';
import {
  CASE_SOURCES,
  ID_TYPES,
  PARTY_SIDES,
  caseSourceSchema,
  categoryFieldValuesSchema,
  idTypeSchema,
  partySideSchema,
  type CaseSource,
  type CategoryFieldValues,
  type IdType,
  type PartySide,
} from './model';
import { parseYuan } from './money';
import { cleanText, validatePersonName, type TextResult } from './text';

export type { FieldError } from './errors';

export const MAX_PARTIES = 50;
export const LIMITS = {
  legalName: 100,
  address: 200,
  licenseNo: 30,
  otherIdNumber: 30,
  firm: 100,
  claims: 5000,
  description: 20000,
  district: 50,
} as const;

// ---- the submitted shape ----

export const naturalPartyInputSchema = z.object({
  kind: z.literal('natural'),
  name: z.string(),
  idType: idTypeSchema,
  idNumber: z.string(),
  phone: z.string(),
  address: z.string(),
  side: partySideSchema,
});

export const legalPartyInputSchema = z.object({
  kind: z.literal('legal'),
  name: z.string(),
  creditCode: z.string(),
  legalRepresentative: z.string(),
  phone: z.string(),
  address: z.string(),
  side: partySideSchema,
});

/** An agent acts for the party at `principalIndex` and takes that party's side. */
export const agentPartyInputSchema = z.object({
  kind: z.literal('agent'),
  name: z.string(),
  licenseNo: z.string(),
  firm: z.string(),
  phone: z.string(),
  address: z.string().optional(),
  principalIndex: z.number().int().nonnegative(),
});

export const partyInputSchema = z.discriminatedUnion('kind', [naturalPartyInputSchema, legalPartyInputSchema, agentPartyInputSchema]);
export type PartyInput = z.infer<typeof partyInputSchema>;

export const caseIntakeSchema = z.object({
  parties: z.array(partyInputSchema),
  category: z.string(),
  categoryFields: categoryFieldValuesSchema,
  source: caseSourceSchema,
  claims: z.string(),
  /** Yuan exactly as typed; empty when no amount is claimed. */
  amountYuan: z.string(),
  description: z.string(),
  /** The district where the dispute arose (the statistical report); optional. */
  district: z.string().optional(),
});
export type CaseIntake = z.infer<typeof caseIntakeSchema>;

// ---- the validated result ----

export interface NormalizedNaturalParty {
  kind: 'natural';
  name: string;
  idType: IdType;
  /** Upper-cased and compacted; '' when not given (allowed for respondents and third parties). */
  idNumber: string;
  /** 11 digits. */
  phone: string;
  address: string;
  side: PartySide;
}

export interface NormalizedLegalParty {
  kind: 'legal';
  name: string;
  creditCode: string;
  legalRepresentative: string;
  phone: string;
  address: string;
  side: PartySide;
}

export interface NormalizedAgentParty {
  kind: 'agent';
  name: string;
  licenseNo: string;
  firm: string;
  /** 11 digits, or '' when not given. */
  phone: string;
  address: string;
  /** The principal's side, copied so every party record carries one. */
  side: PartySide;
  principalIndex: number;
}

export type NormalizedParty = NormalizedNaturalParty | NormalizedLegalParty | NormalizedAgentParty;

export interface NormalizedIntake {
  parties: NormalizedParty[];
  category: CategoryCode;
  categoryFields: CategoryFieldValues;
  source: CaseSource;
  claims: string;
  amountFen: number | null;
  description: string;
  /** Present only when given. */
  district?: string;
}

export type IntakeResult = { ok: true; value: NormalizedIntake } | { ok: false; errors: FieldError[] };

// ---- the walker ----

export type Path = (string | number)[];

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export class Collector {
  readonly errors: FieldError[] = [];

  /** Runs a string check on `raw` at `path`; records the failure and returns null, or the value. */
  text(path: Path, raw: unknown, check: (s: string) => TextResult, required: boolean): string | null {
    if (raw === undefined || raw === null || raw === '') {
      if (required) this.errors.push({ path, code: 'required' });
      return required ? null : '';
    }
    if (typeof raw !== 'string') {
      this.errors.push({ path, code: 'value.invalid' });
      return null;
    }
    const r = check(raw);
    if (!r.ok) {
      this.errors.push(toFieldError(path, r));
      return null;
    }
    if (required && r.value === '') {
      this.errors.push({ path, code: 'required' });
      return null;
    }
    return r.value;
  }

  /** A normalised identifier check (ID number, credit code, phone) adapted to `text`. */
  id(path: Path, raw: unknown, check: IdCheckFn, required: boolean): string | null {
    return this.text(
      path,
      typeof raw === 'string' && raw.trim() === '' ? '' : raw,
      (s) => {
        const r = check(s);
        return r.ok ? { ok: true, value: r.normalized } : r;
      },
      required,
    );
  }

  oneOf<T extends string>(path: Path, raw: unknown, allowed: readonly T[]): T | null {
    if (raw === undefined || raw === null || raw === '') {
      this.errors.push({ path, code: 'required' });
      return null;
    }
    if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
    this.errors.push({ path, code: 'value.invalid' });
    return null;
  }

  add(path: Path, code: FieldError['code'], params?: FieldError['params']): void {
    this.errors.push(params === undefined ? { path, code } : { path, code, params });
  }
}

const single = (max: number) => (s: string) => cleanText(s, { maxLength: max });
const multi = (max: number) => (s: string) => cleanText(s, { maxLength: max, multiline: true });

type IdCheckFn = (s: string) => { ok: true; normalized: string } | { ok: false; code: FieldError['code']; params?: FieldError['params'] };

/**
 * Resident IDs are checked exactly; passports and permits by charset; "other" papers (军官证 …) only
 * by length. The consultation register (shared/consultation) checks a person's ID number with it too.
 */
export function idNumberCheck(idType: IdType): IdCheckFn {
  if (idType === 'resident_id') return (s) => validateResidentId(s);
  if (idType === 'other') {
    return (s) => {
      const r = cleanText(s, { maxLength: LIMITS.otherIdNumber });
      return r.ok ? { ok: true, normalized: r.value } : r;
    };
  }
  return validateOtherIdNumber;
}

export type IntakePartyKind = 'natural' | 'legal' | 'agent';

/**
 * Whether the intake requires a party's field, for the checker below and for the form's asterisks
 * alike, so the two cannot disagree (issue 15 item 9). The applicant is present at intake with
 * their papers; the other side's ID number is often not known yet and is completed before
 * confirmation. A legal person is named by its 统一社会信用代码 and its legal representative.
 */
export function partyFieldRequired(kind: IntakePartyKind, side: PartySide | null, field: string): boolean {
  switch (kind) {
    case 'natural':
      return field === 'name' || field === 'side' || field === 'idType' || field === 'phone' || (field === 'idNumber' && side === 'applicant');
    case 'legal':
      return field === 'name' || field === 'side' || field === 'creditCode' || field === 'legalRepresentative' || field === 'phone';
    case 'agent':
      return field === 'name' || field === 'principalIndex';
  }
}

type Draft = Omit<NormalizedNaturalParty, 'side'> | Omit<NormalizedLegalParty, 'side'> | Omit<NormalizedAgentParty, 'side'>;

function validateParty(c: Collector, raw: unknown, i: number): { draft: Draft | null; side: PartySide | null } {
  const at = (key: string): Path => ['parties', i, key];
  if (!isRecord(raw)) {
    c.add(['parties', i], 'value.invalid');
    return { draft: null, side: null };
  }
  const kind = c.oneOf(at('kind'), raw.kind, ['natural', 'legal', 'agent'] as const);
  if (kind === null) return { draft: null, side: null };

  if (kind === 'agent') {
    const required = (field: string) => partyFieldRequired('agent', null, field);
    const name = c.text(at('name'), raw.name, validatePersonName, required('name'));
    const licenseNo = c.text(at('licenseNo'), raw.licenseNo, single(LIMITS.licenseNo), required('licenseNo'));
    const firm = c.text(at('firm'), raw.firm, single(LIMITS.firm), required('firm'));
    const phone = c.id(at('phone'), raw.phone, validateMobile, required('phone'));
    const address = c.text(at('address'), raw.address, single(LIMITS.address), required('address'));
    const principalIndex = typeof raw.principalIndex === 'number' && Number.isInteger(raw.principalIndex) ? raw.principalIndex : -1;
    if (name === null || licenseNo === null || firm === null || phone === null || address === null) return { draft: null, side: null };
    return { draft: { kind, name, licenseNo, firm, phone, address, principalIndex }, side: null };
  }

  // Checked in the form's order, so the first error listed is the first wrong field on screen.
  if (kind === 'natural') {
    const name = c.text(at('name'), raw.name, validatePersonName, partyFieldRequired('natural', null, 'name'));
    const side = c.oneOf(at('side'), raw.side, PARTY_SIDES);
    const required = (field: string) => partyFieldRequired('natural', side, field);
    const idType = c.oneOf(at('idType'), raw.idType, ID_TYPES);
    const idNumber = idType === null ? null : c.id(at('idNumber'), raw.idNumber, idNumberCheck(idType), required('idNumber'));
    const phone = c.id(at('phone'), raw.phone, validateMobile, required('phone'));
    const address = c.text(at('address'), raw.address, single(LIMITS.address), required('address'));
    if (name === null || idType === null || idNumber === null || phone === null || address === null) return { draft: null, side };
    return { draft: { kind, name, idType, idNumber, phone, address }, side };
  }

  const name = c.text(at('name'), raw.name, single(LIMITS.legalName), partyFieldRequired('legal', null, 'name'));
  const side = c.oneOf(at('side'), raw.side, PARTY_SIDES);
  const required = (field: string) => partyFieldRequired('legal', side, field);
  const creditCode = c.id(at('creditCode'), raw.creditCode, validateCreditCode, required('creditCode'));
  const legalRepresentative = c.text(at('legalRepresentative'), raw.legalRepresentative, validatePersonName, required('legalRepresentative'));
  const phone = c.id(at('phone'), raw.phone, validateMobile, required('phone'));
  const address = c.text(at('address'), raw.address, single(LIMITS.address), required('address'));
  if (name === null || creditCode === null || legalRepresentative === null || phone === null || address === null) return { draft: null, side };
  return { draft: { kind, name, creditCode, legalRepresentative, phone, address }, side };
}

export function validateIntake(input: unknown): IntakeResult {
  const c = new Collector();
  if (!isRecord(input)) return { ok: false, errors: [{ path: [], code: 'value.invalid' }] };

  // Parties.
  const rawParties = Array.isArray(input.parties) ? input.parties : [];
  if (!Array.isArray(input.parties)) c.add(['parties'], 'required');
  if (rawParties.length > MAX_PARTIES) c.add(['parties'], 'case.too_many_parties', { max: MAX_PARTIES });
  const checked = rawParties.slice(0, MAX_PARTIES).map((p, i) => validateParty(c, p, i));
  const kindOf = (i: number): unknown => (isRecord(rawParties[i]) ? rawParties[i].kind : undefined);
  const sides = checked.map((p) => p.side);
  if (!sides.includes('applicant')) c.add(['parties'], 'case.no_applicant');
  if (!sides.includes('respondent')) c.add(['parties'], 'case.no_respondent');
  const parties: NormalizedParty[] = [];
  checked.forEach(({ draft, side }, i) => {
    if (kindOf(i) === 'agent') {
      const idx = isRecord(rawParties[i]) ? rawParties[i].principalIndex : undefined;
      const principalSide = typeof idx === 'number' && Number.isInteger(idx) && idx !== i && kindOf(idx) !== 'agent' && idx >= 0 && idx < checked.length
        ? checked[idx]!.side
        : undefined;
      if (principalSide === undefined) c.add(['parties', i, 'principalIndex'], 'agent.principal');
      if (draft && draft.kind === 'agent' && principalSide) parties.push({ ...draft, side: principalSide });
      return;
    }
    if (draft && draft.kind !== 'agent' && side) parties.push({ ...draft, side } as NormalizedParty);
  });

  // The dispute.
  let category: CategoryCode | null = null;
  if (input.category === undefined || input.category === null || input.category === '') c.add(['category'], 'required');
  else if (typeof input.category === 'string' && isCategoryCode(input.category)) category = input.category;
  else c.add(['category'], 'category.unknown');

  let categoryFields: CategoryFieldValues = {};
  if (category !== null) {
    const rawFields = input.categoryFields === undefined ? {} : input.categoryFields;
    if (!isRecord(rawFields)) c.add(['categoryFields'], 'value.invalid');
    else {
      const r = normalizeCategoryFields(category, rawFields);
      if (r.ok) categoryFields = r.value;
      else for (const e of r.errors) c.errors.push({ ...e, path: ['categoryFields', ...e.path] });
    }
  }

  const source = c.oneOf(['source'], input.source, CASE_SOURCES);
  const claims = c.text(['claims'], input.claims, multi(LIMITS.claims), true);
  const description = c.text(['description'], input.description, multi(LIMITS.description), false);
  const district = input.district === undefined || input.district === null ? '' : c.text(['district'], input.district, single(LIMITS.district), false);

  let amountFen: number | null = null;
  const amount = input.amountYuan;
  if (amount !== undefined && amount !== null && !(typeof amount === 'string' && amount.trim() === '')) {
    if (typeof amount !== 'string') c.add(['amountYuan'], 'value.invalid');
    else {
      const r = parseYuan(amount);
      if (r.ok) amountFen = r.fen;
      else c.errors.push(toFieldError(['amountYuan'], r));
    }
  }

  if (c.errors.length > 0 || category === null || source === null || claims === null || description === null) {
    return { ok: false, errors: c.errors };
  }
  return { ok: true, value: { parties, category, categoryFields, source, claims, amountFen, description, ...(district ? { district } : {}) } };
}
