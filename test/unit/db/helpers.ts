// Shared set-up for the db tests: a fresh database per test and a set-up institution.
import { creditCodeCheckChar, residentIdCheckChar } from '../../../shared/domain/identifiers';
import { createUser, setupInstitution } from '../../../renderer/features/auth/accounts';
import { openDataStore, type DataStore } from '../../../renderer/data';
import type { Case, Role, User } from '../../../shared/domain/model';
import { assignMediator, registerCase, transitionCase } from '../../../renderer/features/case-store';

let counter = 0;
/** A fresh, empty store per call (fake-indexeddb, test/unit/setup.ts). */
export function freshDb(): DataStore {
  counter += 1;
  return openDataStore(`test-${process.pid}-${Date.now()}-${counter}`);
}

export function creditCode(body17 = '91340200MA2N0XY81'): string {
  return body17 + creditCodeCheckChar(body17);
}

export const ADMIN_PASSWORD = 'admin2026pass';

export async function setUp(db: DataStore): Promise<User> {
  const result = await setupInstitution(db, {
    institution: {
      name: '芜湖市镜湖区人民调解委员会',
      creditCode: creditCode(),
      address: '安徽省芜湖市镜湖区中山路1号',
      court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
      caseNumberPrefix: '芜解',
    },
    admin: { username: 'admin', displayName: '管理员', password: ADMIN_PASSWORD },
  });
  if (!result.ok) throw new Error(`setup failed: ${result.error.code} ${JSON.stringify(result.error.fieldErrors)}`);
  return result.value.admin;
}

export async function addUser(db: DataStore, admin: User, username: string, role: Role): Promise<User> {
  const result = await createUser(db, admin, { username, displayName: username, role, password: `${username}pass1` });
  if (!result.ok) throw new Error(`createUser failed: ${result.error.code}`);
  return result.value;
}

const ID17 = '34020219900307123';

/** A minimal valid neighbour-dispute intake: the applicant named `applicant`, a respondent 李四. */
export function neighbourIntake(applicant = '张三') {
  return {
    parties: [
      { kind: 'natural', name: applicant, idType: 'resident_id', idNumber: ID17 + residentIdCheckChar(ID17), phone: '13955312345', address: '芜湖市', side: 'applicant' },
      { kind: 'natural', name: '李四', idType: 'passport', idNumber: 'E12345678', phone: '13955300000', address: '', side: 'respondent' },
    ],
    category: 'NBR',
    categoryFields: { matter: 'drainage' },
    source: 'walk_in',
    claims: '请求排除妨碍',
    amountYuan: '',
    description: '',
  };
}

/** How many cases the store holds. */
export async function countStoredCases(db: DataStore): Promise<number> {
  return (await db.cases.catalog()).entries.length;
}

/** Registers the intake, assigns it to the mediator and brings it into mediation, as the administrator. */
export async function caseInMediation(db: DataStore, admin: User, mediator: User, intake: ReturnType<typeof neighbourIntake>, today = '2026-11-20'): Promise<Case> {
  const registered = await registerCase(db, admin, intake, { today });
  if (!registered.ok) throw registered.error;
  let c = registered.value.case;
  const assigned = await assignMediator(db, admin, c.id, c.version, mediator.id);
  if (!assigned.ok) throw assigned.error;
  c = assigned.value;
  for (const to of ['accepted', 'in_mediation'] as const) {
    const moved = await transitionCase(db, admin, c.id, c.version, to, { today });
    if (!moved.ok) throw moved.error;
    c = moved.value;
  }
  return c;
}
