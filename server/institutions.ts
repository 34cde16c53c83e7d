// An institution and its first administrator, created by the operator (`mw server
// create-institution`): the one way a tenant comes to exist. Checked with the workstation's rules
// (credit code check digit, names, the kind's roles, the password policy), written in one
// transaction as the new institution itself, so the policies admit exactly that row.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { validateCreditCode } from '../shared/domain/identifiers';
import { institutionKindSchema, type InstitutionKind } from '../shared/domain/institution-kinds';
import { cleanText } from '../shared/domain/text';
import { problem, type Problem } from '../shared/problem';
import { areaCodeSchema, type AccountView, type InstitutionView } from '../shared/server/api';
import { accountView, audited, checkNewAccount, insertAccount } from './accounts';
import { hashPassword, SCRYPT_PARAMS, type ScryptParams } from './auth/passwords';
import { inTenant } from './db/tenant';
import { readInstitution, recordEvent } from './records';
import { invalid } from './refusal';

export interface NewInstitution {
  kind: string;
  name: string;
  creditCode: string;
  areaCode: string;
  address?: string;
  admin: { username: string; displayName: string; password: string };
}

function field(name: string, code: string, params: Record<string, string | number> = {}): Problem {
  return problem('server.field_invalid', { field: name, code, ...params });
}

function checkInstitution(input: NewInstitution): { kind: InstitutionKind; name: string; creditCode: string; areaCode: string; address: string } {
  const problems: Problem[] = [];
  const kind = institutionKindSchema.safeParse(input.kind);
  if (!kind.success) problems.push(field('kind', 'field.option', { value: input.kind.slice(0, 40) }));
  const name = cleanText(input.name, { maxLength: 100, required: true });
  if (!name.ok) problems.push(field('name', name.code, name.params ?? {}));
  const code = validateCreditCode(input.creditCode);
  if (!code.ok) problems.push(field('creditCode', code.code, code.params ?? {}));
  const area = areaCodeSchema.safeParse(input.areaCode);
  if (!area.success) problems.push(field('areaCode', 'value.invalid'));
  const address = cleanText(input.address ?? '', { maxLength: 200 });
  if (!address.ok) problems.push(field('address', address.code, address.params ?? {}));
  if (problems.length || !kind.success || !name.ok || !code.ok || !area.success || !address.ok) throw invalid(problems);
  return { kind: kind.data, name: name.value, creditCode: code.normalized, areaCode: area.data, address: address.value };
}

export async function createInstitution(
  pool: Pool,
  input: NewInstitution,
  options: { now?: Date; passwordParams?: ScryptParams } = {},
): Promise<{ institution: InstitutionView; admin: AccountView }> {
  const fields = checkInstitution(input);
  const admin = checkNewAccount({ ...input.admin, role: 'admin' }, fields.kind);
  const password = await hashPassword(input.admin.password, options.passwordParams ?? SCRYPT_PARAMS);
  const now = options.now ?? new Date();
  const id = randomUUID();
  return inTenant(pool, { institutionId: id, accountId: null, role: '' }, async (db) => {
    try {
      await db.query('INSERT INTO mw.institutions (id, kind, name, credit_code, area_code, address, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)', [
        id,
        fields.kind,
        fields.name,
        fields.creditCode,
        fields.areaCode,
        fields.address,
        now,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw invalid([field('creditCode', 'credit.taken')]);
      throw error;
    }
    const row = await insertAccount(db, { institutionId: id, ...admin, password }, now);
    const institution = await readInstitution(db);
    await recordEvent(db, id, { accountId: null, entity: 'institution', entityId: id, action: 'institution.create', after: institution }, now);
    await recordEvent(db, id, { accountId: null, entity: 'user', entityId: row.id, action: 'user.create', after: audited(row) }, now);
    return { institution, admin: accountView(row, now) };
  });
}
