// Changing the institution after first run: validated like first run, refused for non-admins and
// for stale versions, and audited with before and after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataStore, type DataStore } from '../../../renderer/data';
import { createUser, setupInstitution } from '../../../renderer/features/auth/accounts';
import { updateInstitution, type InstitutionDetails } from '../../../renderer/features/settings/institution-store';
import { creditCodeCheckChar } from '../../../shared/domain/identifiers';
import type { User } from '../../../shared/domain/model';

const first17 = '91340200MA2N0XXXX';
const creditCode = first17 + creditCodeCheckChar(first17);

let db: DataStore;
let admin: User;

const details = (over: Partial<InstitutionDetails> = {}): InstitutionDetails => ({
  name: '芜湖市镜湖区人民调解委员会',
  creditCode,
  address: '芜湖市镜湖区',
  court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
  caseNumberPrefix: '芜解',
  caseNumberPattern: '（{year}）{prefix}字第{seq:5}号',
  ...over,
});

beforeEach(async () => {
  db = openDataStore(`institution-store-${crypto.randomUUID()}`);
  const setup = await setupInstitution(db, {
    institution: details(),
    admin: { username: 'admin', displayName: '王管理', password: 'Admin12345' },
  });
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.code}`);
  admin = setup.value.admin;
});

afterEach(async () => {
  await db.destroy();
});

describe('updateInstitution', () => {
  it('saves the cleaned details, bumps the version and audits before and after', async () => {
    const result = await updateInstitution(db, admin, 1, details({ name: '  芜湖市鸠江区人民调解委员会 ', creditCode: creditCode.toLowerCase() }));
    expect(result.ok).toBe(true);
    const stored = await db.institution.get();
    expect(stored?.name).toBe('芜湖市鸠江区人民调解委员会');
    expect(stored?.creditCode).toBe(creditCode);
    expect(stored?.version).toBe(2);
    const event = (await db.events.all()).find((e) => e.action === 'institution.update');
    expect(event?.actorId).toBe(admin.id);
    expect(event?.before).toEqual({ name: '芜湖市镜湖区人民调解委员会', updatedAt: expect.any(String), version: 1 });
    expect((event?.after as { name: string }).name).toBe('芜湖市鸠江区人民调解委员会');
  });

  it('names each wrong field and changes nothing', async () => {
    const wrong = creditCode.slice(0, 17) + (creditCode.endsWith('0') ? '1' : '0');
    const result = await updateInstitution(db, admin, 1, details({ creditCode: wrong, name: ' ', caseNumberPattern: '{year}{prefix}' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('form.invalid');
    expect(result.error.fieldErrors.map((e) => [e.path, e.code])).toEqual([
      ['name', 'required'],
      ['creditCode', 'credit.checksum'],
      ['caseNumberPattern', 'pattern.no_seq'],
    ]);
    expect((await db.institution.get())?.version).toBe(1);
  });

  it('refuses a save based on a stale version', async () => {
    expect((await updateInstitution(db, admin, 1, details({ address: '新地址一' }))).ok).toBe(true);
    const stale = await updateInstitution(db, admin, 1, details({ address: '新地址二' }));
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('institution.changed');
    expect((await db.institution.get())?.address).toBe('新地址一');
  });

  it('refuses anyone but an administrator', async () => {
    const created = await createUser(db, admin, { username: 'zhang.wei', displayName: '张伟', role: 'mediator', password: 'Mediator2026' });
    if (!created.ok) throw new Error(created.error.code);
    const result = await updateInstitution(db, created.value, 1, details({ name: '别的名字' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('auth.forbidden');
  });
});
