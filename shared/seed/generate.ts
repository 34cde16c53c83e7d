// Deterministic synthetic data for demos, benchmarks and tests (`mw seed`): a mediation centre's
// caseload over about three years, spread as a real one is — neighbours, family, labour,
// contracts, traffic and lending frequent, IP and campus disputes rare; old cases closed or
// archived, recent ones waiting or in mediation, a few overdue. The output is exactly the rows the
// app stores (shared/backup/rows.ts), so a seeded backup restores into the app unchanged.
import { getCategory, type CategoryField } from '../domain/categories';
import { DEFAULT_CASE_NUMBER_PATTERN, formatCaseNumber } from '../domain/case-number';
import {
  activeDeadline,
  addDays,
  confirmationDeadline,
  INSTITUTION_TIME_ZONE,
  mediationDeadline,
  todayIn,
} from '../domain/deadlines';
import { creditCodeCheckChar, CREDIT_CODE_ALPHABET, maskIdNumber, residentIdCheckChar } from '../domain/identifiers';
import { isClosed } from '../domain/lifecycle';
import { DEFAULT_SETTINGS } from '../domain/settings';
import type {
  Case,
  CaseSource,
  CaseStatus,
  Institution,
  Party,
  PasswordHash,
  Settings,
  User,
} from '../domain/model';
import { caseDerivedFields, toCaseRow, type CaseRow, type EventRow } from '../backup/rows';
import { mulberry32, type Rng } from './prng';
import {
  AREA_CODES,
  DISTRICTS,
  FIRM_KINDS,
  FIRM_WORDS,
  GIVEN_CHARS,
  HOSPITALS,
  INSURERS,
  LAW_FIRMS,
  RARE_GIVEN_CHARS,
  STREETS,
  SURNAMES,
} from './names';

/** How often each category occurs at a typical centre (relative weights). */
export const CATEGORY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['NBR', 16], ['FAM', 14], ['CON', 9], ['TRF', 9], ['LEN', 8], ['LAB', 8], ['DMG', 6], ['WAG', 5],
  ['HSE', 5], ['PRP', 5], ['INH', 4], ['CSM', 3], ['OTH', 2], ['ECM', 2], ['MED', 2], ['BUS', 2],
  ['LND', 2], ['VIL', 2], ['FIN', 1.5], ['EXP', 0.8], ['TOU', 0.5], ['ENV', 0.5], ['SCH', 0.3], ['IPR', 0.2],
];

const SOURCE_WEIGHTS: readonly (readonly [CaseSource, number])[] = [
  ['walk_in', 35], ['application', 20], ['court_entrusted', 15], ['hotline_12345', 12], ['police', 8],
  ['mediator_initiated', 4], ['petition', 3], ['other', 2], ['procuratorate', 1],
];

/** Status mix by the case's age in days: recent cases wait or are in mediation, old ones closed. */
const STATUS_BY_AGE: readonly (readonly [number, readonly (readonly [CaseStatus, number])[]])[] = [
  [2, [['registered', 70], ['accepted', 20], ['declined', 5], ['in_mediation', 5]]],
  [30, [['registered', 6], ['accepted', 10], ['in_mediation', 50], ['agreement_reached', 15], ['failed', 6], ['withdrawn', 4], ['declined', 3], ['confirmation_applied', 4], ['confirmed', 2]]],
  [90, [['in_mediation', 8], ['agreement_reached', 12], ['confirmation_applied', 4], ['confirmed', 20], ['rejected', 1], ['failed', 12], ['withdrawn', 6], ['declined', 3], ['archived', 34]]],
  [Infinity, [['archived', 78], ['confirmed', 7], ['failed', 6], ['withdrawn', 3], ['declined', 2], ['agreement_reached', 1.5], ['in_mediation', 1], ['rejected', 1]]],
];

/** Chance that a case has an amount, and its range in yuan. */
const AMOUNTS: Record<string, readonly [number, number, number]> = {
  NBR: [0.4, 500, 30_000], FAM: [0.3, 2_000, 300_000], HSE: [0.6, 10_000, 800_000], CON: [0.95, 5_000, 1_000_000],
  BUS: [0.9, 10_000, 2_000_000], DMG: [0.85, 1_000, 300_000], LND: [0.5, 2_000, 200_000], EXP: [0.8, 50_000, 2_000_000],
  ENV: [0.6, 2_000, 500_000], WAG: [0.98, 3_000, 300_000], LAB: [0.9, 3_000, 200_000], MED: [0.9, 10_000, 1_000_000],
  PRP: [0.7, 500, 50_000], TRF: [0.95, 2_000, 600_000], TOU: [0.9, 500, 50_000], ECM: [0.95, 100, 30_000],
  CSM: [0.9, 100, 50_000], OTH: [0.4, 500, 100_000], INH: [0.6, 10_000, 2_000_000], LEN: [1, 10_000, 2_000_000],
  FIN: [0.95, 5_000, 1_000_000], IPR: [0.9, 10_000, 1_000_000], VIL: [0.3, 1_000, 100_000], SCH: [0.5, 500, 100_000],
};

const CLAIMS: Record<string, string> = {
  NBR: '请求被申请人停止侵害、排除妨碍，恢复通行并赔偿损失',
  FAM: '请求协商解决婚姻家庭矛盾，明确子女抚养及财产分配',
  HSE: '请求确认房屋使用权并排除妨碍',
  CON: '请求被申请人按合同约定支付货款及违约金',
  BUS: '请求对方赔偿生产经营损失',
  DMG: '请求被申请人赔偿医疗费、误工费等损失',
  LND: '请求明确山林土地边界并停止侵占',
  EXP: '请求按标准支付征收补偿款',
  ENV: '请求停止排放污染物并赔偿损失',
  WAG: '请求支付拖欠的农民工工资',
  LAB: '请求支付拖欠工资及经济补偿金',
  MED: '请求医院赔偿医疗损害',
  PRP: '请求物业公司履行维修义务并减免物业费',
  TRF: '请求赔偿交通事故造成的医疗费、误工费、车辆损失等',
  TOU: '请求旅行社退还团费并赔偿损失',
  ECM: '请求商家退货退款并赔偿',
  CSM: '请求经营者退款并赔偿',
  OTH: '请求协商解决纠纷',
  INH: '请求依法分割遗产并履行赡养义务',
  LEN: '请求被申请人归还借款本金及利息',
  FIN: '请求协商还款计划，减免逾期罚息',
  IPR: '请求停止侵权并赔偿损失',
  VIL: '请求村委会公开村务并依规分配收益',
  SCH: '请求学校及相关方承担赔偿责任',
};

/** Categories whose respondent is usually an organisation, and how often. */
const LEGAL_RESPONDENT: Record<string, number> = {
  WAG: 0.9, LAB: 0.85, PRP: 0.9, MED: 1, ECM: 0.9, CSM: 0.8, TOU: 0.95, FIN: 1, CON: 0.5, BUS: 0.6, EXP: 0.7,
  ENV: 0.7, IPR: 0.6, SCH: 0.8, VIL: 0.6, TRF: 0.2,
};

export interface StaffPlan {
  username: string;
  displayName: string;
  role: User['role'];
  licenseNo?: string;
}

/** The accounts a seeded workstation has: one of each role and several mediators. */
export const SEED_STAFF: readonly StaffPlan[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'wangfang', displayName: '王芳', role: 'mediator' },
  { username: 'lijun', displayName: '李军', role: 'mediator' },
  { username: 'zhangmin', displayName: '张敏', role: 'mediator' },
  { username: 'chenjing', displayName: '陈静', role: 'mediator' },
  { username: 'liuqiang', displayName: '刘强', role: 'mediator' },
  { username: 'zhaolei', displayName: '赵磊', role: 'lawyer', licenseNo: '13402201810123456' },
  { username: 'sunli', displayName: '孙丽', role: 'clerk' },
];


export interface SeedInput {
  cases: number;
  seed: number;
  /** "Now" of the data set: registrations spread over the ~3 years before it. */
  now: Date;
  /** The accounts (with their password hashes, made by the caller's crypto) in SEED_STAFF order. */
  users: readonly User[];
}

export interface SeedDataset {
  institution: Institution;
  settings: Settings;
  users: User[];
  cases: CaseRow[];
  parties: Party[];
  events: EventRow[];
}

function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((rng.int(0, 15) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function personName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  const rare = rng.chance(0.01);
  const first = rare ? rng.pick(RARE_GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return rng.chance(0.7) ? surname + first + rng.pick(GIVEN_CHARS) : surname + first;
}

function residentId(rng: Rng, today: string): string {
  const age = rng.int(18, 85);
  const birth = addDays(`${Number(today.slice(0, 4)) - age}-01-01`, rng.int(0, 364)).replace(/-/g, '');
  const first17 = rng.pick(AREA_CODES) + birth + String(rng.int(0, 999)).padStart(3, '0');
  return first17 + residentIdCheckChar(first17);
}

function creditCode(rng: Rng, area = rng.pick(AREA_CODES)): string {
  let body = '91' + area;
  while (body.length < 17) body += rng.pick([...CREDIT_CODE_ALPHABET]);
  return body + creditCodeCheckChar(body);
}

function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
}

function address(rng: Rng): string {
  return `安徽省芜湖市${rng.pick(DISTRICTS)}${rng.pick(STREETS)}${rng.int(1, 300)}号`;
}

function firmName(rng: Rng): string {
  return `芜湖${rng.pick(FIRM_WORDS)}${rng.pick(FIRM_KINDS)}`;
}

function naturalParty(rng: Rng, caseId: string, side: Party['side'], today: string): Party {
  return {
    id: uuid(rng),
    caseId,
    side,
    kind: 'natural',
    name: personName(rng),
    idType: 'resident_id',
    idNumber: residentId(rng, today),
    phone: mobile(rng),
    address: address(rng),
  };
}

function legalParty(rng: Rng, caseId: string, side: Party['side'], category: string): Party {
  const name = category === 'MED' ? rng.pick(HOSPITALS) : category === 'FIN' ? `${rng.pick(INSURERS)}股份有限公司芜湖中心支公司` : firmName(rng);
  return {
    id: uuid(rng),
    caseId,
    side,
    kind: 'legal',
    name,
    creditCode: creditCode(rng),
    legalRepresentative: personName(rng),
    phone: mobile(rng),
    address: address(rng),
  };
}

function fieldValue(rng: Rng, field: CategoryField, registeredOn: string): string | number | boolean | null {
  const key = field.key.toLowerCase();
  switch (field.type) {
    case 'select':
      return field.options?.length ? rng.pick(field.options).value : null;
    case 'boolean':
      return rng.chance(0.4);
    case 'date':
      return addDays(registeredOn, -rng.int(1, 400));
    case 'money':
      return rng.int(1_000, 5_000_000) * 100;
    case 'number': {
      const min = field.min ?? 1;
      const max = Math.min(field.max ?? 100, min + 200);
      const n = min + rng.next() * (max - min);
      return field.integer ? Math.round(n) : Math.round(n * 100) / 100;
    }
    case 'textarea':
      return '双方对事实经过陈述基本一致，争议焦点在于赔偿数额。';
    default:
      if (key.includes('address') || key.includes('location')) return address(rng);
      if (key.includes('insurer')) return rng.pick(INSURERS);
      if (key.includes('hospital')) return rng.pick(HOSPITALS);
      if (key.includes('employer') || key.includes('contractor') || key.includes('company') || key.includes('merchant')) return firmName(rng);
      if (key.includes('plate')) return `皖B${String(rng.int(10000, 99999))}`;
      if (key.endsWith('no') || key.includes('number')) return `${registeredOn.slice(0, 4)}${String(rng.int(1, 99999)).padStart(5, '0')}`;
      return `${rng.pick(FIRM_WORDS)}项目`;
  }
}

function categoryFields(rng: Rng, code: string, registeredOn: string): Case['categoryFields'] {
  const out: Case['categoryFields'] = {};
  const fields = getCategory(code)?.fields ?? [];
  for (const field of fields) {
    if (!field.required && !rng.chance(0.6)) continue;
    if (field.notBefore) continue;
    out[field.key] = fieldValue(rng, field, registeredOn);
  }
  // Date pairs (start / end) are written in order, the later one after the earlier one.
  for (const field of fields) {
    if (!field.notBefore) continue;
    const earlier = out[field.notBefore];
    if (typeof earlier === 'string') out[field.key] = addDays(earlier, rng.int(1, 300));
    else if (field.required) {
      out[field.notBefore] = addDays(registeredOn, -rng.int(200, 400));
      out[field.key] = addDays(registeredOn, -rng.int(1, 199));
    }
  }
  return out;
}

/** A time of day during office hours (Asia/Shanghai) on `date`, as an ISO instant. */
function officeInstant(rng: Rng, date: string, notAfter: Date): string {
  const instant = new Date(`${date}T${String(rng.int(8, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}+08:00`);
  return (instant > notAfter ? notAfter : instant).toISOString();
}

/**
 * The Shanghai calendar date of an instant. China has kept UTC+8 without daylight saving since
 * 1991, so a fixed offset is exact here and far cheaper than Intl for a million calls.
 */
function shanghaiDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function seedInstitution(now: Date, seed: number): Institution {
  const rng = mulberry32(seed ^ 0x5eed);
  const body = '51340202' + Array.from({ length: 9 }, () => rng.pick([...CREDIT_CODE_ALPHABET])).join('');
  const at = new Date(now.getTime() - 3 * 366 * 86_400_000).toISOString();
  return {
    id: 'institution',
    name: '芜湖市镜湖区人民调解中心',
    creditCode: body + creditCodeCheckChar(body),
    address: '安徽省芜湖市镜湖区中山北路88号',
    court: { name: '芜湖市镜湖区人民法院', code: '皖0202', intakeUrl: '' },
    caseNumberPrefix: '芜镜调',
    caseNumberPattern: DEFAULT_CASE_NUMBER_PATTERN,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * The SEED_STAFF accounts as user rows, with ids fixed by the seed. Password hashing is the
 * caller's (node:crypto in the CLI, WebCrypto in a browser), one hash per SEED_STAFF entry.
 */
export function seedUsers(seed: number, now: Date, passwords: readonly PasswordHash[]): User[] {
  if (passwords.length !== SEED_STAFF.length) throw new RangeError(`one password hash per account (${SEED_STAFF.length})`);
  const rng = mulberry32(seed ^ 0xacc0);
  const at = seedInstitution(now, seed).createdAt;
  return SEED_STAFF.map((plan, i) => ({
    id: uuid(rng),
    username: plan.username,
    displayName: plan.displayName,
    role: plan.role,
    password: passwords[i] as PasswordHash,
    ...(plan.licenseNo ? { licenseNo: plan.licenseNo } : {}),
    active: true,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
}

export function generateDataset(input: SeedInput): SeedDataset {
  if (!Number.isInteger(input.cases) || input.cases < 0) throw new RangeError('cases must be a whole number ≥ 0');
  const rng = mulberry32(input.seed);
  const now = input.now;
  const today = todayIn(INSTITUTION_TIME_ZONE, now);
  const institution = seedInstitution(now, input.seed);
  const settings: Settings = { ...DEFAULT_SETTINGS, version: 1 };
  const users = [...input.users];
  const mediators = users.filter((u) => u.role === 'mediator' || u.role === 'lawyer');
  const mediatorWeights = mediators.map((m) => [m, m.role === 'lawyer' ? 0.4 : 1] as const);
  // As in the app: a mediator who registers a case takes it on; unassigned cases were registered
  // by an administrator at the front desk (clerks cannot register, shared/domain/permissions).
  const frontDesk = users.find((u) => u.role === 'admin');
  if (mediators.length === 0 || !frontDesk) throw new RangeError('the seed needs an administrator and at least one mediator');

  // Registration days, more recent ones more frequent (caseloads grow), sorted so that numbers
  // follow registration order within each year.
  const days = Array.from({ length: input.cases }, () => Math.floor(Math.pow(rng.next(), 1.25) * 1095));
  const registrations = days
    .map((back) => officeInstant(rng, addDays(today, -back), now))
    .sort();

  const cases: CaseRow[] = [];
  const parties: Party[] = [];
  const events: EventRow[] = [];
  const seqByYear = new Map<number, number>();
  let eventId = 1;

  for (const registeredAt of registrations) {
    const id = uuid(rng);
    const registeredOn = shanghaiDate(registeredAt);
    const year = Number(registeredOn.slice(0, 4));
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const number = formatCaseNumber(institution.caseNumberPattern, { year, prefix: institution.caseNumberPrefix, seq });
    const category = rng.weighted(CATEGORY_WEIGHTS);
    const source = rng.weighted(SOURCE_WEIGHTS);
    const age = Math.round((now.getTime() - Date.parse(registeredAt)) / 86_400_000);
    const status = rng.weighted((STATUS_BY_AGE.find(([maxAge]) => age <= maxAge) ?? STATUS_BY_AGE[3]!)[1]);

    const caseParties: Party[] = [];
    const applicant = category === 'CON' || category === 'BUS' ? (rng.chance(0.4) ? legalParty(rng, id, 'applicant', category) : naturalParty(rng, id, 'applicant', today)) : naturalParty(rng, id, 'applicant', today);
    caseParties.push(applicant);
    const legalShare = LEGAL_RESPONDENT[category] ?? 0;
    const respondents = rng.chance(0.15) ? 2 : 1;
    for (let r = 0; r < respondents; r++) {
      caseParties.push(rng.chance(legalShare) ? legalParty(rng, id, 'respondent', category) : naturalParty(rng, id, 'respondent', today));
    }
    if (rng.chance(0.12)) {
      caseParties.push({
        id: uuid(rng),
        caseId: id,
        side: 'applicant',
        kind: 'agent',
        name: personName(rng),
        principalId: applicant.id,
        licenseNo: `1340220${rng.int(10_000_000, 99_999_999)}${rng.int(10, 99)}`,
        firm: rng.pick(LAW_FIRMS),
        phone: mobile(rng),
        address: '',
      });
    }

    // Lifecycle dates consistent with the status, never after today.
    const beyondRegistration = status !== 'registered' && status !== 'declined';
    const acceptedOn = beyondRegistration ? minDate(addDays(registeredOn, rng.int(0, 3)), today) : null;
    const agreementChain: readonly CaseStatus[] = ['agreement_reached', 'confirmation_applied', 'confirmed', 'rejected'];
    const reachedAgreement = agreementChain.includes(status) || (status === 'archived' && rng.chance(0.6));
    const agreementEffectiveOn = reachedAgreement && acceptedOn ? minDate(addDays(acceptedOn, rng.int(3, 25)), today) : null;
    let lastChangeOn = agreementEffectiveOn ?? acceptedOn ?? registeredOn;
    if (isClosed(status)) lastChangeOn = minDate(addDays(lastChangeOn, rng.int(1, status === 'archived' ? 60 : 20)), today);
    const mediator =
      status === 'registered' && rng.chance(0.7) ? null : status === 'declined' && rng.chance(0.5) ? null : rng.weighted(mediatorWeights);
    const registrar = mediator ?? frontDesk;
    const updatedAt = status === 'registered' ? registeredAt : officeInstant(rng, lastChangeOn, now);

    const record: Case = {
      id,
      number,
      year,
      seq,
      category,
      categoryFields: categoryFields(rng, category, registeredOn),
      source,
      claims: CLAIMS[category] ?? '请求协商解决纠纷',
      amountFen: rng.chance(AMOUNTS[category]?.[0] ?? 0.5)
        ? rng.int(AMOUNTS[category]?.[1] ?? 500, AMOUNTS[category]?.[2] ?? 100_000) * 100 + (rng.chance(0.2) ? rng.int(1, 99) : 0)
        : null,
      description: `${applicant.name}与${caseParties[1]?.name ?? ''}因${getCategory(category)?.name['zh-CN'] ?? '纠纷'}申请调解。`,
      status,
      mediatorId: mediator?.id ?? null,
      registeredAt,
      mediationDeadline: acceptedOn ? mediationDeadline(acceptedOn, source, settings) : null,
      agreementEffectiveOn,
      confirmationDeadline: agreementEffectiveOn ? confirmationDeadline(agreementEffectiveOn) : null,
      activeDeadline: null,
      closedAt: isClosed(status) ? updatedAt : null,
      ...caseDerivedFields(number, caseParties),
      createdBy: registrar.id,
      updatedAt,
      updatedBy: mediator?.id ?? registrar.id,
      version: status === 'registered' ? 1 : 2,
    };
    record.activeDeadline = activeDeadline(record);
    cases.push(toCaseRow(record));
    parties.push(...caseParties);

    // The audit trail as the app would have written it: the registration, then (summarised into
    // one event) the moves that brought the case to its present status.
    const registered = { ...record, status: 'registered' as const, mediationDeadline: null, agreementEffectiveOn: null, confirmationDeadline: null, activeDeadline: null, closedAt: null, updatedAt: registeredAt, updatedBy: registrar.id, version: 1 };
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { searchTerms, ...registeredAudit } = registered;
    events.push({
      id: eventId++,
      at: registeredAt,
      actorId: registrar.id,
      actorName: registrar.displayName,
      entity: 'case',
      entityId: id,
      caseId: id,
      action: 'case.register',
      before: null,
      after: {
        ...registeredAudit,
        parties: caseParties.map((p) => (p.kind === 'natural' ? { ...p, idNumber: maskIdNumber(p.idNumber) } : p)),
      },
    });
    if (status !== 'registered') {
      const actor = mediator ?? registrar;
      events.push({
        id: eventId++,
        at: updatedAt,
        actorId: actor.id,
        actorName: actor.displayName,
        entity: 'case',
        entityId: id,
        caseId: id,
        action: 'case.transition',
        before: { status: 'registered', version: 1 },
        after: { status, version: 2, mediatorId: record.mediatorId, activeDeadline: record.activeDeadline, closedAt: record.closedAt },
      });
    }
  }

  return { institution, settings, users, cases, parties, events };
}
