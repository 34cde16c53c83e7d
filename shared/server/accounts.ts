// The account rules of the center server, in shared/ so that the server and (when it is connected)
// the workstation's user administration check a new account the same way. They are the
// workstation's own rules (renderer/features/auth/accounts.ts: username, password policy, the
// codes its forms translate), written once here for both.
import { cleanText } from '../domain/text';
import { INSTITUTION_KIND_PROFILES, type InstitutionKind } from '../domain/institution-kinds';
import type { Role } from '../domain/roles';
import { problem, type Problem } from '../problem';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
/** Lower-case letters, digits, dot, underscore and dash; 2 to 50 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,49}$/;

/** Usernames are compared lower-cased: "Zhang.San" and "zhang.san" are one account. */
export function normalizeUsername(username: string): string {
  return username.trim().normalize('NFC').toLowerCase();
}

function fieldProblem(field: string, code: string, params: Record<string, string | number> = {}): Problem {
  return problem('server.field_invalid', { field, code, ...params });
}

/** What is wrong with a new password, as field problems; empty when the policy is met. */
export function passwordProblems(password: string, field = 'password'): Problem[] {
  const problems: Problem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(fieldProblem(field, 'password.too_short', { min: PASSWORD_MIN_LENGTH }));
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(fieldProblem(field, 'password.too_long', { max: PASSWORD_MAX_LENGTH }));
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) problems.push(fieldProblem(field, 'password.needs_letter_and_digit'));
  return problems;
}

export interface AccountFields {
  username?: string | undefined;
  displayName?: string | undefined;
  role?: Role | undefined;
  licenseNo?: string | null | undefined;
}

export type CheckedAccountFields = { ok: true; value: AccountFields } | { ok: false; problems: Problem[] };

/**
 * The fields of a new or changed account, cleaned as the workstation cleans them: the username
 * normalized and matched against the pattern, names cleaned of control characters and bounded,
 * and the role one the institution's kind offers (institution-kinds.ts).
 */
export function checkAccountFields(input: AccountFields, kind: InstitutionKind): CheckedAccountFields {
  const problems: Problem[] = [];
  const value: AccountFields = {};
  if (input.username !== undefined) {
    const username = normalizeUsername(input.username);
    if (USERNAME_PATTERN.test(username)) value.username = username;
    else problems.push(fieldProblem('username', 'user.username_invalid'));
  }
  if (input.displayName !== undefined) {
    const cleaned = cleanText(input.displayName, { maxLength: 50, required: true });
    if (cleaned.ok) value.displayName = cleaned.value;
    else problems.push(fieldProblem('displayName', cleaned.code, cleaned.params ?? {}));
  }
  if (input.licenseNo !== undefined) {
    const cleaned = cleanText(input.licenseNo ?? '', { maxLength: 30 });
    if (cleaned.ok) value.licenseNo = cleaned.value === '' ? null : cleaned.value;
    else problems.push(fieldProblem('licenseNo', cleaned.code, cleaned.params ?? {}));
  }
  if (input.role !== undefined) {
    if (INSTITUTION_KIND_PROFILES[kind].roles.includes(input.role)) value.role = input.role;
    else problems.push(fieldProblem('role', 'user.role_invalid', { role: input.role, kind }));
  }
  return problems.length ? { ok: false, problems } : { ok: true, value };
}
