// Changing the institution's details after first run (administrators only). Same rules as first
// run (shared validators), optimistic concurrency on the row's version, and an audit event with
// the fields before and after, in one transaction.
import type { Institution, User } from '../../../shared/domain/model';
import { institutionSchema } from '../../../shared/domain/model';
import { validateCreditCode } from '../../../shared/domain/identifiers';
import { validateCaseNumberPattern } from '../../../shared/domain/case-number';
import { cleanText } from '../../../shared/domain/text';
import { parseIntakeUrl } from '../../../shared/protocol/intake';
import { DEFAULT_INSTITUTION_KIND, INSTITUTION_KIND_PROFILES, institutionKindOf, type InstitutionKind } from '../../../shared/domain/institution-kinds';
import { changedFields, type DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { asResult, StoreError, type FieldErrorLike, type StoreResult } from '../../kit/result';

export interface InstitutionDetails {
  name: string;
  creditCode: string;
  address: string;
  court: { name: string; code: string; intakeUrl?: string };
  caseNumberPrefix: string;
  caseNumberPattern: string;
}

function text(path: string, value: string, maxLength: number, required: boolean, errors: FieldErrorLike[]): string {
  const checked = cleanText(value ?? '', { maxLength, required });
  if (checked.ok) return checked.value;
  errors.push({ path, code: checked.code, ...(checked.params ? { params: checked.params } : {}) });
  return value;
}

/** The court's intake URL: empty (none), or an http(s) address without credentials. */
function checkIntakeUrl(value: string, errors: FieldErrorLike[]): string {
  if (value.trim() === '') return '';
  const parsed = parseIntakeUrl(value);
  if (parsed.ok) return parsed.url;
  errors.push({ path: 'court.intakeUrl', code: `intakeUrl.${parsed.reason}` });
  return value;
}

/**
 * Checks and cleans the details; field errors carry paths of the form's field names. A court is its
 * own court (its name stands in, its code is required) and submits to no intake.
 */
export function checkInstitutionDetails(input: InstitutionDetails, kind: InstitutionKind = DEFAULT_INSTITUTION_KIND): { value: InstitutionDetails; errors: FieldErrorLike[] } {
  const errors: FieldErrorLike[] = [];
  const ownCourt = !INSTITUTION_KIND_PROFILES[kind].hasConfirmingCourt;
  const name = text('name', input.name, 100, true, errors);
  const credit = validateCreditCode(input.creditCode ?? '');
  if (!credit.ok) errors.push({ path: 'creditCode', code: credit.code, ...(credit.params ? { params: credit.params } : {}) });
  const address = text('address', input.address, 200, true, errors);
  const courtName = ownCourt ? name : text('court.name', input.court?.name, 100, true, errors);
  const courtCode = text('court.code', input.court?.code ?? '', 20, ownCourt, errors);
  const intakeUrl = ownCourt ? '' : checkIntakeUrl(input.court?.intakeUrl ?? '', errors);
  const caseNumberPrefix = text('caseNumberPrefix', input.caseNumberPrefix, 20, true, errors);
  const pattern = validateCaseNumberPattern(input.caseNumberPattern ?? '');
  if (!pattern.ok) errors.push({ path: 'caseNumberPattern', code: pattern.code, ...(pattern.params ? { params: pattern.params } : {}) });
  return {
    value: {
      name,
      creditCode: credit.ok ? credit.normalized : input.creditCode,
      address,
      court: { name: courtName, code: courtCode, intakeUrl },
      caseNumberPrefix,
      caseNumberPattern: pattern.ok ? pattern.normalized : input.caseNumberPattern,
    },
    errors,
  };
}

export async function updateInstitution(
  data: DataStore,
  actor: User,
  expectedVersion: number,
  details: InstitutionDetails,
  context: { now?: Date } = {},
): Promise<StoreResult<Institution>> {
  return asResult(async () => {
    if (actor.role !== 'admin') throw new StoreError('auth.forbidden', 'Only an administrator may change the institution.');
    // The kind is chosen at first run and never changes, so reading it before the transaction is safe.
    const checked = checkInstitutionDetails(details, institutionKindOf(await data.institution.get()));
    if (checked.errors.length) {
      throw new StoreError('form.invalid', 'Some fields need correcting.', { count: checked.errors.length }, checked.errors);
    }
    const now = (context.now ?? new Date()).toISOString();
    return data.transact(actorOf(actor), async () => {
      const before = await data.institution.get();
      if (!before) throw new StoreError('institution.missing', 'The institution is not set up.');
      if (before.version !== expectedVersion) {
        throw new StoreError('institution.changed', 'The institution was changed elsewhere; reload and try again.');
      }
      const after = institutionSchema.parse({ ...before, ...checked.value, updatedAt: now, version: before.version + 1 });
      await data.institution.put(after);
      await data.events.record({
        actor: actorOf(actor),
        at: now,
        entity: 'institution',
        entityId: after.id,
        action: 'institution.update',
        ...changedFields(before, after),
      });
      return after;
    });
  });
}
