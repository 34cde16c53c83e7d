// Institution, local accounts and settings (issue 2 item 5). Every change is audited in the same
// transaction. Password hashing (slow, WebCrypto) happens BEFORE a transaction opens: a store
// transaction commits as soon as it awaits anything that is not the store.
import type { Institution, Role, Settings, User } from '../../../shared/domain/model';
import { institutionSchema, ROLES, settingsSchema } from '../../../shared/domain/model';
import { validateCreditCode } from '../../../shared/domain/identifiers';
import { cleanText } from '../../../shared/domain/text';
import { canManageUsers } from '../../../shared/domain/permissions';
import { DEFAULT_CASE_NUMBER_PATTERN, validateCaseNumberPattern } from '../../../shared/domain/case-number';
import { changedFields, type DataStore } from '../../data';
import { actorOf } from '../../kit/acting-user';
import { asResult, StoreError, type FieldErrorLike, type StoreResult } from '../../kit/result';
import { hashPassword, verifyPassword, type PasswordHash } from './password';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { DEFAULT_INSTITUTION_KIND, INSTITUTION_KIND_PROFILES, institutionKindSchema, type InstitutionKind } from '../../../shared/domain/institution-kinds';
import { normalizeUsername, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems as policyProblems, USERNAME_PATTERN } from '../../../shared/server/accounts';

export { DEFAULT_SETTINGS, normalizeUsername, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/**
 * Problems with a new password, as codes the UI translates; empty when the policy is met. The
 * policy is the one the center server holds accounts to (shared/server/accounts.ts); its field
 * problems carry the code and values a form's field error does.
 */
export function passwordProblems(password: string): FieldErrorLike[] {
  return policyProblems(password).map(({ params: { field: _field, code, ...params } }) => ({ code: String(code), ...(Object.keys(params).length > 0 ? { params } : {}) }));
}

function at(path: string, errors: FieldErrorLike[]): FieldErrorLike[] {
  return errors.map((e) => ({ ...e, path }));
}

function textField(path: string, value: unknown, max: number, required = true): { value: string; errors: FieldErrorLike[] } {
  const cleaned = cleanText(typeof value === 'string' ? value : '', { maxLength: max, required });
  if (cleaned.ok) return { value: cleaned.value, errors: [] };
  return { value: '', errors: [{ path, code: cleaned.code, ...(cleaned.params ? { params: cleaned.params } : {}) }] };
}

function invalid(errors: FieldErrorLike[]): StoreError {
  return new StoreError('form.invalid', 'Some fields need correcting.', { count: errors.length }, errors);
}

/** The user as it may appear in the audit log: never the password hash. */
function auditedUser(user: User): Omit<User, 'password'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { password, ...rest } = user;
  return rest;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function newId(): string {
  return crypto.randomUUID();
}

export interface InstitutionInput {
  /** Absent: a mediation institution, as every workstation was before kinds existed. */
  kind?: InstitutionKind;
  name: string;
  creditCode: string;
  address: string;
  court: { name: string; code?: string };
  caseNumberPrefix: string;
  caseNumberPattern?: string;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  licenseNo?: string;
  /** The id of the center server's account this local account is (features/center): absent, a new one. */
  id?: string;
}

function validateNewUser(input: Partial<NewUserInput>, prefix: string): { value: Omit<NewUserInput, 'password'>; errors: FieldErrorLike[] } {
  const errors: FieldErrorLike[] = [];
  const username = normalizeUsername(typeof input.username === 'string' ? input.username : '');
  if (!USERNAME_PATTERN.test(username)) errors.push({ path: `${prefix}username`, code: 'user.username_invalid' });
  const displayName = textField(`${prefix}displayName`, input.displayName, 50);
  errors.push(...displayName.errors);
  const role = input.role;
  if (!role || !ROLES.includes(role)) errors.push({ path: `${prefix}role`, code: 'user.role_invalid' });
  const licenseNo = textField(`${prefix}licenseNo`, input.licenseNo ?? '', 30, false);
  errors.push(...licenseNo.errors);
  errors.push(...at(`${prefix}password`, passwordProblems(typeof input.password === 'string' ? input.password : '')));
  return {
    value: { username, displayName: displayName.value, role: role as Role, ...(licenseNo.value ? { licenseNo: licenseNo.value } : {}) },
    errors,
  };
}

function checkCreditCode(code: string): { value: string; errors: FieldErrorLike[] } {
  const checked = validateCreditCode(code);
  if (checked.ok) return { value: checked.normalized, errors: [] };
  return { value: '', errors: [{ path: 'institution.creditCode', code: checked.code, ...(checked.params ? { params: checked.params } : {}) }] };
}

export async function isSetUp(data: DataStore): Promise<boolean> {
  return (await data.institution.get()) !== undefined;
}

export async function getInstitution(data: DataStore): Promise<Institution | undefined> {
  return data.institution.get();
}

/** First run: the institution, its administrator and default settings. Refused once set up. */
export async function setupInstitution(
  data: DataStore,
  input: { institution: InstitutionInput; admin: { username: string; displayName: string; password: string } },
  context: { now?: Date } = {},
): Promise<StoreResult<{ institution: Institution; admin: User }>> {
  return asResult(async () => {
    if (await isSetUp(data)) throw new StoreError('setup.already_done', 'This workstation is already set up.');
    const errors: FieldErrorLike[] = [];
    const inst = input.institution ?? ({} as InstitutionInput);
    const name = textField('institution.name', inst.name, 100);
    const creditCode = checkCreditCode(typeof inst.creditCode === 'string' ? inst.creditCode : '');
    const address = textField('institution.address', inst.address, 200);
    const kind = institutionKindSchema.safeParse(inst.kind ?? DEFAULT_INSTITUTION_KIND);
    if (!kind.success) errors.push({ path: 'institution.kind', code: 'field.option' });
    // A court is its own court: its name and its code (法院代字, e.g. 皖0202, which also heads its
    // case numbers) stand in for the court a mediation institution is asked for.
    const ownCourt = kind.success && !INSTITUTION_KIND_PROFILES[kind.data].hasConfirmingCourt;
    const courtName = ownCourt ? name : textField('institution.court.name', inst.court?.name, 100);
    const courtCode = textField('institution.court.code', inst.court?.code ?? '', 20, ownCourt);
    // Whatever prefix the form held before the kind was switched to a court, a court's numbers start with its code.
    const prefix = ownCourt ? courtCode : textField('institution.caseNumberPrefix', inst.caseNumberPrefix, 20);
    const pattern = textField('institution.caseNumberPattern', inst.caseNumberPattern || DEFAULT_CASE_NUMBER_PATTERN, 100);
    errors.push(...name.errors, ...creditCode.errors, ...address.errors, ...(ownCourt ? [] : courtName.errors), ...courtCode.errors);
    errors.push(...(prefix === courtCode ? [] : prefix.errors), ...pattern.errors);
    const patternCheck = validateCaseNumberPattern(pattern.value);
    if (pattern.errors.length === 0 && !patternCheck.ok) {
      errors.push({ path: 'institution.caseNumberPattern', code: patternCheck.code, ...(patternCheck.params ? { params: patternCheck.params } : {}) });
    }
    const admin = validateNewUser({ ...input.admin, role: 'admin' }, 'admin.');
    errors.push(...admin.errors);
    if (errors.length) throw invalid(errors);

    const password = await hashPassword(input.admin.password);
    const now = (context.now ?? new Date()).toISOString();
    const institution: Institution = institutionSchema.parse({
      id: 'institution',
      kind: kind.success ? kind.data : DEFAULT_INSTITUTION_KIND,
      name: name.value,
      creditCode: creditCode.value,
      address: address.value,
      court: { name: courtName.value, code: courtCode.value },
      caseNumberPrefix: prefix.value,
      caseNumberPattern: patternCheck.ok ? patternCheck.normalized : pattern.value,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const user: User = { id: newId(), ...admin.value, password, active: true, createdAt: now, updatedAt: now, version: 1 };
    const settings: Settings = { ...DEFAULT_SETTINGS, version: 1 };
    const actor = actorOf(user);
    await data.transact(actor, async () => {
      // Checked again inside the transaction: two first-run tabs must not both succeed.
      if (await isSetUp(data)) throw new StoreError('setup.already_done', 'This workstation is already set up.');
      await data.institution.put(institution);
      await data.accounts.add(user);
      await data.settings.put(settings);
      await data.events.record({ actor, at: now, entity: 'institution', entityId: institution.id, action: 'institution.create', after: institution });
      await data.events.record({ actor, at: now, entity: 'user', entityId: user.id, action: 'user.create', after: auditedUser(user) });
      await data.events.record({ actor, at: now, entity: 'settings', entityId: 'settings', action: 'settings.create', after: settings });
    });
    return { institution, admin: user };
  });
}

/** A fixed hash to verify against when the username is unknown, so timing does not reveal which names exist. */
let decoyHash: Promise<PasswordHash> | null = null;

/** Signs a user in. Wrong username and wrong password get the same answer on purpose. */
export async function authenticate(data: DataStore, username: string, password: string): Promise<StoreResult<User>> {
  return asResult(async () => {
    const user = await data.accounts.byUsername(normalizeUsername(username));
    if (!user) {
      decoyHash ??= hashPassword('decoy-password-1');
      await verifyPassword(password, await decoyHash);
      throw new StoreError('auth.invalid', 'The username or password is wrong.');
    }
    if (!(await verifyPassword(password, user.password))) throw new StoreError('auth.invalid', 'The username or password is wrong.');
    if (!user.active) throw new StoreError('auth.inactive', 'This account has been deactivated; ask an administrator.');
    return user;
  });
}

function requireManager(actor: User): void {
  if (!canManageUsers(actor)) throw new StoreError('auth.forbidden', 'Only an administrator may manage accounts.');
}

/** Every account, by username. */
export async function listUsers(data: DataStore): Promise<User[]> {
  return (await data.accounts.all()).sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

export async function createUser(data: DataStore, actor: User, input: NewUserInput, context: { now?: Date } = {}): Promise<StoreResult<User>> {
  return asResult(async () => {
    requireManager(actor);
    const checked = validateNewUser(input, '');
    if (checked.errors.length) throw invalid(checked.errors);
    const password = await hashPassword(input.password);
    const now = (context.now ?? new Date()).toISOString();
    if (input.id !== undefined && !UUID.test(input.id)) throw invalid([{ path: 'id', code: 'value.invalid' }]);
    const user: User = { id: input.id ?? newId(), ...checked.value, password, active: true, createdAt: now, updatedAt: now, version: 1 };
    await data.transact(actorOf(actor), async () => {
      if (await data.accounts.byUsername(user.username)) {
        throw invalid([{ path: 'username', code: 'user.username_taken', params: { username: user.username } }]);
      }
      await data.accounts.add(user);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'user', entityId: user.id, action: 'user.create', after: auditedUser(user) });
    });
    return user;
  });
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  active?: boolean;
  licenseNo?: string;
  /** A new password (an administrator's reset); checked against the policy. */
  password?: string;
}

export async function updateUser(
  data: DataStore,
  actor: User,
  userId: string,
  expectedVersion: number,
  patch: UserPatch,
  context: { now?: Date } = {},
): Promise<StoreResult<User>> {
  return asResult(async () => {
    requireManager(actor);
    const errors: FieldErrorLike[] = [];
    const changes: Partial<User> = {};
    if (patch.displayName !== undefined) {
      const f = textField('displayName', patch.displayName, 50);
      errors.push(...f.errors);
      changes.displayName = f.value;
    }
    if (patch.role !== undefined) {
      if (!ROLES.includes(patch.role)) errors.push({ path: 'role', code: 'user.role_invalid' });
      changes.role = patch.role;
    }
    if (patch.active !== undefined) changes.active = patch.active === true;
    if (patch.licenseNo !== undefined) {
      const f = textField('licenseNo', patch.licenseNo, 30, false);
      errors.push(...f.errors);
      changes.licenseNo = f.value;
    }
    if (patch.password !== undefined) errors.push(...at('password', passwordProblems(patch.password)));
    if (errors.length) throw invalid(errors);
    if (patch.password !== undefined) changes.password = await hashPassword(patch.password);
    const now = (context.now ?? new Date()).toISOString();

    return data.transact(actorOf(actor), async () => {
      const before = await data.accounts.get(userId);
      if (!before) throw new StoreError('user.not_found', 'The account no longer exists.', { userId });
      if (before.version !== expectedVersion) {
        throw new StoreError('user.changed', `The account ${before.username} was changed elsewhere; reload it and try again.`, {
          username: before.username,
        });
      }
      const after: User = { ...before, ...changes, updatedAt: now, version: before.version + 1 };
      const stillAdmin = after.role === 'admin' && after.active;
      if (before.role === 'admin' && before.active && !stillAdmin) {
        const activeAdmins = (await data.accounts.all()).filter((u) => u.role === 'admin' && u.active).length;
        if (activeAdmins <= 1) throw new StoreError('user.last_admin', 'The last active administrator cannot be removed or demoted.');
      }
      await data.accounts.put(after);
      const diff = changedFields(auditedUser(before), auditedUser(after));
      if (patch.password !== undefined) {
        (diff.after as Record<string, unknown>).password = 'reset';
      }
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'user', entityId: userId, action: 'user.update', ...diff });
      return after;
    });
  });
}

/** The settings row, or the defaults before first-run setup has written it. */
export async function getSettings(data: DataStore): Promise<Settings> {
  return (await data.settings.get()) ?? DEFAULT_SETTINGS;
}

export type SettingsPatch = Partial<Omit<Settings, 'id' | 'version'>>;

export async function updateSettings(
  data: DataStore,
  actor: User,
  expectedVersion: number,
  patch: SettingsPatch,
  context: { now?: Date } = {},
): Promise<StoreResult<Settings>> {
  return asResult(async () => {
    if (actor.role !== 'admin') throw new StoreError('auth.forbidden', 'Only an administrator may change settings.');
    const now = (context.now ?? new Date()).toISOString();
    return data.transact(actorOf(actor), async () => {
      const before = await getSettings(data);
      if (before.version !== expectedVersion) {
        throw new StoreError('settings.changed', 'The settings were changed elsewhere; reload them and try again.');
      }
      const candidate = { ...before, ...patch, id: 'settings', version: before.version + 1 };
      const parsed = settingsSchema.safeParse(candidate);
      if (!parsed.success) {
        throw invalid(
          parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            code: 'settings.out_of_range',
            params: 'minimum' in issue ? { min: issue.minimum, ...('maximum' in issue ? { max: issue.maximum } : {}) } : {},
          })),
        );
      }
      const after = parsed.data;
      await data.settings.put(after);
      await data.events.record({ actor: actorOf(actor), at: now, entity: 'settings', entityId: 'settings', action: 'settings.update', ...changedFields(before, after) });
      return after;
    });
  });
}
