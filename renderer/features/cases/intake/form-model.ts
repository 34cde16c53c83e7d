// The intake form's values and the intake input of shared/domain/intake.ts. The form's field
// names are the input's paths, so a domain FieldError lands beside the field it is about
// (common/field-errors.ts); this module only drops what does not belong to a party's kind and
// turns the form's yes/no and date values into what the validator reads.
import type { CaseSource, IdType, PartySide } from '../../../../shared/domain/model';
import { categoryValuesFromForm, type CategoryFormValues } from '../../../kit/category-values';
import type { FormShape } from '../../../kit/field-errors';

export type PartyKind = 'natural' | 'legal' | 'agent';

export interface PartyFormValues {
  kind: PartyKind;
  side?: PartySide;
  name?: string;
  idType?: IdType;
  idNumber?: string;
  creditCode?: string;
  legalRepresentative?: string;
  licenseNo?: string;
  firm?: string;
  /** Index, in the form's list, of the party an agent represents. */
  principalIndex?: number;
  phone?: string;
  address?: string;
}

export interface IntakeFormValues {
  category?: string;
  categoryFields?: CategoryFormValues;
  source?: CaseSource;
  parties?: PartyFormValues[];
  claims?: string;
  amountYuan?: string;
  description?: string;
  /** Where the dispute arose (the statistical report); optional. */
  district?: string;
}

export const PARTY_FIELDS = [
  'kind',
  'side',
  'name',
  'idType',
  'idNumber',
  'creditCode',
  'legalRepresentative',
  'licenseNo',
  'firm',
  'principalIndex',
  'phone',
  'address',
] as const;

export const INTAKE_SHAPE: FormShape = {
  fields: ['category', 'source', 'claims', 'amountYuan', 'description', 'district'],
  partyFields: PARTY_FIELDS,
  aliases: { amount: 'amountYuan', amountFen: 'amountYuan', principalId: 'principalIndex' },
};

export function newParty(kind: PartyKind, side: PartySide = 'applicant'): PartyFormValues {
  if (kind === 'natural') return { kind, side, idType: 'resident_id' };
  if (kind === 'legal') return { kind, side };
  return { kind };
}

export const INITIAL_INTAKE: IntakeFormValues = {
  source: 'walk_in',
  parties: [newParty('natural', 'applicant'), newParty('natural', 'respondent')],
  categoryFields: {},
};

const text = (value: string | undefined): string => value ?? '';

/** The intake input validateIntake and registerCase take. */
export function toIntakeInput(values: IntakeFormValues): Record<string, unknown> {
  const parties = (values.parties ?? []).map((p) => {
    switch (p.kind) {
      case 'natural':
        return {
          kind: p.kind,
          side: p.side,
          name: text(p.name),
          idType: p.idType,
          idNumber: text(p.idNumber),
          phone: text(p.phone),
          address: text(p.address),
        };
      case 'legal':
        return {
          kind: p.kind,
          side: p.side,
          name: text(p.name),
          creditCode: text(p.creditCode),
          legalRepresentative: text(p.legalRepresentative),
          phone: text(p.phone),
          address: text(p.address),
        };
      default:
        return {
          kind: 'agent',
          name: text(p.name),
          licenseNo: text(p.licenseNo),
          firm: text(p.firm),
          phone: text(p.phone),
          address: text(p.address),
          principalIndex: p.principalIndex,
        };
    }
  });
  return {
    category: values.category ?? '',
    categoryFields: values.category ? categoryValuesFromForm(values.category, values.categoryFields) : {},
    source: values.source,
    parties,
    claims: text(values.claims),
    amountYuan: text(values.amountYuan),
    description: text(values.description),
    ...(text(values.district) ? { district: text(values.district) } : {}),
  };
}

/** The parties without the one at `index`; agents keep pointing at the same principal. */
export function removePartyAt(parties: readonly PartyFormValues[], index: number): PartyFormValues[] {
  return parties
    .filter((_, i) => i !== index)
    .map((p) => {
      if (p.kind !== 'agent' || typeof p.principalIndex !== 'number') return p;
      if (p.principalIndex === index) return { ...p, principalIndex: undefined };
      return p.principalIndex > index ? { ...p, principalIndex: p.principalIndex - 1 } : p;
    });
}
