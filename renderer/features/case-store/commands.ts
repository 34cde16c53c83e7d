// The case store's writes (issue 2 items 5, 7, 8). Each command checks the actor's permission
// with shared/domain/permissions, checks the version the caller read (two windows saving the same
// case: the second is told, nothing is overwritten), and writes the change and its audit event in
// one transaction of the data layer.
import { formatCaseNumber } from '../../../shared/domain/case-number';
import { activeDeadline, checkMediationExtension, confirmationDeadline, mediationDeadline } from '../../../shared/domain/deadlines';
import { maskIdNumber } from '../../../shared/domain/identifiers';
import { fenToYuanString } from '../../../shared/domain/money';
import { validateIntake, type NormalizedIntake } from '../../../shared/domain/intake';
import { checkTransition, isClosed, isLegalStatus } from '../../../shared/domain/lifecycle';
import type { Case, CaseStatus, LegalAct, Party, User } from '../../../shared/domain/model';
import { canEditCase, canRegisterCase, canViewCase } from '../../../shared/domain/permissions';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { caseDerivedFields, fromCaseRow, toCaseRow } from '../../../shared/backup/rows';
import type { AuditAction } from '../../../shared/audit/actions';
import { changedFields, type CaseRow, type DataStore, type EventRow } from '../../data';
import { activeActor, actorOf } from '../../kit/acting-user';
import { asResult, CaseChangedError, StoreError, type StoreResult } from '../../kit/result';
import { intakePartiesOf, partiesFromIntake } from './parties';

export interface CommandContext {
  /** The institution's date, 'YYYY-MM-DD' (todayIn('Asia/Shanghai', now)). */
  today: string;
  now?: Date;
  /** A case registered from an accepted referral: where it came from (see Case.origin). */
  origin?: NonNullable<Case['origin']>;
}

function nowOf(context: { now?: Date }): string {
  return (context.now ?? new Date()).toISOString();
}

/** Case fields worth showing in the audit timeline (the search keys are derived, not data). */
function audited(record: Partial<Case>): Partial<Case> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { searchTerms, ...rest } = record;
  return rest;
}

/** Parties as the audit log keeps them: the ID number masked (个人信息保护法). */
function auditedParty(party: Party): Party {
  return party.kind === 'natural' ? { ...party, idNumber: maskIdNumber(party.idNumber) } : party;
}

async function loadForWrite(data: DataStore, actor: User, caseId: string, expectedVersion: number): Promise<CaseRow> {
  const row = await data.cases.get(caseId);
  if (!row || !canViewCase(actor, fromCaseRow(row))) throw new StoreError('case.not_found', 'The case does not exist or is not visible to you.', { caseId });
  if (row.version !== expectedVersion) throw new CaseChangedError(fromCaseRow(row), expectedVersion);
  if (!canEditCase(actor, fromCaseRow(row))) {
    throw new StoreError('auth.forbidden', 'You may not change this case.', { number: row.number });
  }
  return row;
}

/**
 * One change to an existing case: in a write transaction, the actor as the store knows them now
 * (a role changed or an account deactivated from another window takes effect at the next action,
 * not the next sign-in) and the case at the version the caller read (refused otherwise), handed
 * to `change`.
 */
export function changeCase<T>(data: DataStore, actor: User, caseId: string, expectedVersion: number, change: (current: User, before: CaseRow) => Promise<T>): Promise<StoreResult<T>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      return change(current, await loadForWrite(data, current, caseId, expectedVersion));
    }),
  );
}

export async function saveCase(data: DataStore, actor: User, before: CaseRow, changes: Partial<Case>, action: AuditAction, now: string, extra: Record<string, unknown> = {}): Promise<Case> {
  const next: Case = {
    ...fromCaseRow(before),
    ...changes,
    updatedAt: now,
    updatedBy: actor.id,
    version: before.version + 1,
  };
  next.activeDeadline = activeDeadline(next);
  // The agreement's form for the statistical report comes from the act that reached it (人民调解法 art. 28).
  if (next.statusAct === 'signed_agreement') next.agreementForm = 'written';
  else if (next.statusAct === 'oral_agreement') next.agreementForm = 'oral';
  // No key rather than an undefined one: rows and backups stay the same bytes as before the field.
  if (next.statusAct === undefined) delete next.statusAct;
  if (next.district === undefined) delete next.district;
  if (next.escalationPrevented === undefined) delete next.escalationPrevented;
  if (next.escalationRisk === undefined) delete next.escalationRisk;
  await data.cases.put(toCaseRow(next));
  const diff = changedFields(audited(fromCaseRow(before)), audited(next));
  await data.events.record({
    actor: actorOf(actor),
    at: now,
    entity: 'case',
    entityId: next.id,
    caseId: next.id,
    action,
    before: diff.before,
    after: { ...diff.after, ...extra },
  });
  return next;
}

export interface RegisteredCase {
  case: Case;
  parties: Party[];
}

/**
 * Registers a case from the intake form's raw values: validates them (field errors come back in
 * `error.fieldErrors`), gives the case the next number of the institution's year, and stores the
 * case, its parties and the audit event together.
 */
export async function registerCase(
  data: DataStore,
  actor: User,
  input: unknown,
  context: CommandContext,
): Promise<StoreResult<RegisteredCase>> {
  return asResult(async () => {
    if (!canRegisterCase(actor)) throw new StoreError('auth.forbidden', 'Your role may not register cases.');
    const checked = validateIntake(input);
    if (!checked.ok) throw new StoreError('intake.invalid', 'Some fields of the intake need correcting.', { count: checked.errors.length }, checked.errors);
    const intake: NormalizedIntake = checked.value;
    const now = nowOf(context);
    const year = Number(context.today.slice(0, 4));

    return data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      if (!canRegisterCase(current)) throw new StoreError('auth.forbidden', 'Your role may not register cases.');
      const institution = await data.institution.get();
      if (!institution) throw new StoreError('institution.missing', 'The workstation is not set up yet.');
      const seq = await data.cases.nextSeq(year);
      const number = formatCaseNumber(institution.caseNumberPattern, { year, prefix: institution.caseNumberPrefix, seq });
      const id = crypto.randomUUID();
      const parties = partiesFromIntake(id, intake.parties, () => crypto.randomUUID());
      const record: Case = {
        id,
        number,
        year,
        seq,
        category: intake.category,
        categoryFields: intake.categoryFields,
        source: intake.source,
        claims: intake.claims,
        amountFen: intake.amountFen,
        description: intake.description,
        status: 'registered',
        // A mediator or lawyer registering a case takes it on; a clerk's case waits for assignment.
        mediatorId: current.role === 'mediator' || current.role === 'lawyer' ? current.id : null,
        registeredAt: now,
        mediationDeadline: null,
        agreementEffectiveOn: null,
        confirmationDeadline: null,
        activeDeadline: null,
        closedAt: null,
        ...(context.origin ? { origin: context.origin } : {}),
        ...(intake.district ? { district: intake.district } : {}),
        ...caseDerivedFields(number, parties),
        createdBy: current.id,
        updatedAt: now,
        updatedBy: current.id,
        version: 1,
      };
      await data.cases.put(toCaseRow(record), parties);
      await data.events.record({
        actor: actorOf(current),
        at: now,
        entity: 'case',
        entityId: id,
        caseId: id,
        action: 'case.register',
        after: { ...audited(record), parties: parties.map(auditedParty) },
      });
      return { case: record, parties };
    });
  });
}

/** The case, or undefined when it does not exist or the viewer may not see it. */
export async function getCase(data: DataStore, caseId: string, viewer?: User): Promise<Case | undefined> {
  const row = await data.cases.get(caseId);
  if (!row) return undefined;
  const record = fromCaseRow(row);
  return viewer && !canViewCase(viewer, record) ? undefined : record;
}

/** The case's parties with ID numbers masked; revealIdNumber shows one in full, audited. */
export async function getParties(data: DataStore, caseId: string): Promise<Party[]> {
  const parties = await data.cases.parties(caseId);
  return parties.map(auditedParty);
}

/** The case's audit timeline, oldest first. */
export async function getCaseEvents(data: DataStore, caseId: string): Promise<EventRow[]> {
  return data.events.byCase(caseId);
}

/** Fields of a registered case that may be edited; parties are edited through the intake again. */
export interface CaseDetailsPatch {
  category?: string;
  categoryFields?: Case['categoryFields'];
  source?: Case['source'];
  claims?: string;
  /** Yuan as typed, e.g. "12000.50"; '' or null clears the amount. */
  amountYuan?: string | null;
  description?: string;
}

export async function updateCaseDetails(
  data: DataStore,
  actor: User,
  caseId: string,
  expectedVersion: number,
  patch: CaseDetailsPatch,
  context: { now?: Date } = {},
): Promise<StoreResult<Case>> {
  return changeCase(data, actor, caseId, expectedVersion, async (current, before) => {
    const parties = await data.cases.parties(caseId);
    // Re-validate the whole case as the intake would, so an edit cannot store what intake refuses.
    const checked = validateIntake(intakeOf(fromCaseRow(before), parties, patch));
    if (!checked.ok) throw new StoreError('case.patch_invalid', 'Some fields need correcting.', { count: checked.errors.length }, checked.errors);
    const v = checked.value;
    return saveCase(
      data,
      current,
      before,
      {
        category: v.category,
        categoryFields: v.categoryFields,
        source: v.source,
        claims: v.claims,
        amountFen: v.amountFen,
        description: v.description,
      },
      'case.update',
      nowOf(context),
    );
  });
}

function intakeOf(record: Case, parties: Party[], patch: CaseDetailsPatch): unknown {
  return {
    category: patch.category ?? record.category,
    categoryFields: patch.categoryFields ?? record.categoryFields,
    source: patch.source ?? record.source,
    claims: patch.claims ?? record.claims,
    amountYuan: patch.amountYuan !== undefined ? (patch.amountYuan ?? '') : record.amountFen === null ? '' : fenToYuanString(record.amountFen),
    description: patch.description ?? record.description,
    parties: intakePartiesOf(parties),
  };
}


export interface TransitionOptions {
  reason?: string;
  agreementEffectiveOn?: string;
  today: string;
  now?: Date;
  /**
   * The act that makes a legal status true. Only the code that performed or recorded the act
   * passes it (signing, hand-over, receipt, the paper records); the status buttons never do.
   */
  act?: LegalAct;
  /** The day of an act recorded from paper (see TransitionContext.actOn). */
  actOn?: string;
  /** What identifies the act (court, dates, ledger items), kept in the audit event. */
  actDetails?: Record<string, unknown>;
  /** On acceptance: the deadline an entrusting court set, instead of the institution's own limit. */
  mediationDeadline?: string;
}

export async function transitionCase(
  data: DataStore,
  actor: User,
  caseId: string,
  expectedVersion: number,
  to: CaseStatus,
  options: TransitionOptions,
): Promise<StoreResult<Case>> {
  const settings = (await data.settings.get()) ?? DEFAULT_SETTINGS;
  return changeCase(data, actor, caseId, expectedVersion, async (current, before) => {
    const reason = options.reason?.trim() || undefined;
    const check = checkTransition(before.status, to, {
      today: options.today,
      agreementEffectiveOn: options.agreementEffectiveOn ?? before.agreementEffectiveOn,
      confirmationDeadline: before.confirmationDeadline,
      ...(reason ? { reason } : {}),
      ...(options.act ? { act: options.act } : {}),
      ...(options.actOn !== undefined ? { actOn: options.actOn } : {}),
    });
    if (!check.ok) throw new StoreError(check.code, `The case cannot move from ${before.status} to ${to}.`, { from: before.status, to, ...check.params });
    const now = nowOf(options);
    const act = isLegalStatus(to) ? options.act : undefined;
    const changes: Partial<Case> = { status: to, statusAct: act };
    if (to === 'accepted') changes.mediationDeadline = options.mediationDeadline ?? mediationDeadline(options.today, before.source, settings);
    if (to === 'agreement_reached' && options.agreementEffectiveOn) {
      changes.agreementEffectiveOn = options.agreementEffectiveOn;
      changes.confirmationDeadline = confirmationDeadline(options.agreementEffectiveOn);
    }
    if (isClosed(to) && before.closedAt === null) changes.closedAt = now;
    return saveCase(data, current, before, changes, 'case.transition', now, { ...(reason ? { reason } : {}), ...(act ? { act, ...(options.actOn ? { actOn: options.actOn } : {}), ...options.actDetails } : {}) });
  });
}

/**
 * Extends the running mediation time limit by `days`, with the parties' agreement recorded as the
 * reason; the before/after limit and the reason go into the audit event.
 */
export async function extendMediationDeadline(
  data: DataStore,
  actor: User,
  caseId: string,
  expectedVersion: number,
  extension: { days: number; reason: string },
  context: { now?: Date } = {},
): Promise<StoreResult<Case>> {
  return changeCase(data, actor, caseId, expectedVersion, async (current, before) => {
    const reason = extension.reason.trim();
    const check = checkMediationExtension(fromCaseRow(before), extension.days, reason);
    if (!check.ok) {
      const [first] = check.errors;
      throw new StoreError(first?.code ?? 'deadline.not_running', 'The mediation time limit cannot be extended like this.', first?.params ?? {}, check.errors.filter((e) => e.path.length > 0));
    }
    return saveCase(data, current, before, { mediationDeadline: check.deadline }, 'case.extend', nowOf(context), { reason });
  });
}

/** Assigns the case to a mediator or lawyer, or (null) back to the unassigned pool. */
export async function assignMediator(
  data: DataStore,
  actor: User,
  caseId: string,
  expectedVersion: number,
  mediatorId: string | null,
  context: { now?: Date } = {},
): Promise<StoreResult<Case>> {
  return changeCase(data, actor, caseId, expectedVersion, async (current, before) => {
    if (mediatorId !== null) {
      const mediator = await data.accounts.get(mediatorId);
      if (!mediator || !mediator.active || (mediator.role !== 'mediator' && mediator.role !== 'lawyer')) {
        throw new StoreError('case.mediator_invalid', 'Cases can only be assigned to an active mediator or lawyer.', { mediatorId });
      }
    }
    // Mediators and lawyers take cases for themselves or hand them back; dispatching a case to a
    // colleague is for administrators and clerks.
    if ((current.role === 'mediator' || current.role === 'lawyer') && mediatorId !== null && mediatorId !== current.id) {
      throw new StoreError('auth.forbidden', 'You may assign cases only to yourself.');
    }
    return saveCase(data, current, before, { mediatorId }, 'case.assign', nowOf(context));
  });
}

/** The full ID number of a natural party, for the one place that needs it; every call is audited. */
export async function revealIdNumber(
  data: DataStore,
  actor: User,
  caseId: string,
  partyId: string,
  context: { now?: Date } = {},
): Promise<StoreResult<string>> {
  return asResult(() =>
    data.transact(actorOf(actor), async () => {
      const current = await activeActor(data, actor);
      const party = (await data.cases.parties(caseId)).find((p) => p.id === partyId);
      const row = party ? await data.cases.get(caseId) : undefined;
      if (!party || !row || !canViewCase(current, fromCaseRow(row))) {
        throw new StoreError('party.not_found', 'The party does not exist or is not visible to you.', { partyId });
      }
      if (party.kind !== 'natural') throw new StoreError('party.no_id_number', 'Only natural persons have an ID number to reveal.');
      await data.events.record({
        actor: actorOf(current),
        at: nowOf(context),
        entity: 'party',
        entityId: party.id,
        caseId: party.caseId,
        action: 'party.reveal_id',
        after: { idType: party.idType, name: party.name },
      });
      return party.idNumber;
    }),
  );
}

/**
 * A signed written agreement took effect on `effectiveOn`: a case in mediation moves to
 * "agreement reached"; a case already there (a new version of its agreement) takes the new
 * date, which restarts the 30-day window for judicial confirmation. Joins the caller's
 * transaction (data.transact inside data.transact runs in the outer one).
 */
export async function recordAgreementEffective(data: DataStore, actor: User, caseId: string, effectiveOn: string, today: string, now: Date): Promise<Case> {
  return data.transact(actorOf(actor), async () => {
    const current = await activeActor(data, actor);
    const row = await data.cases.get(caseId);
    if (!row) throw new StoreError('case.not_found', 'The case does not exist or is not visible to you.', { caseId });
    const before = await loadForWrite(data, current, caseId, row.version);
    const at = now.toISOString();
    if (before.status === 'agreement_reached') {
      // The signed agreement is now what the status rests on, whatever it rested on before.
      return saveCase(data, current, before, { agreementEffectiveOn: effectiveOn, confirmationDeadline: confirmationDeadline(effectiveOn), statusAct: 'signed_agreement' }, 'case.agreement_effective', at);
    }
    const check = checkTransition(before.status, 'agreement_reached', { today, agreementEffectiveOn: effectiveOn, confirmationDeadline: before.confirmationDeadline, act: 'signed_agreement' });
    if (!check.ok) throw new StoreError(check.code, `The case cannot move from ${before.status} to agreement_reached.`, { from: before.status, to: 'agreement_reached', ...check.params });
    return saveCase(data, current, before, { status: 'agreement_reached', statusAct: 'signed_agreement', agreementEffectiveOn: effectiveOn, confirmationDeadline: confirmationDeadline(effectiveOn) }, 'case.transition', at, { act: 'signed_agreement' });
  });
}
