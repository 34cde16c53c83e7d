import { describe, expect, it } from 'vitest';
import {
  authenticate,
  createUser,
  getSettings,
  passwordProblems,
  setupInstitution,
  updateSettings,
  updateUser,
} from '../../../renderer/features/auth/accounts';
import { verifyPassword } from '../../../renderer/features/auth/password';
import { addUser, ADMIN_PASSWORD, creditCode, freshDb, setUp } from './helpers';

describe('institution setup and accounts', () => {
  it('sets up once, audits it, and refuses a second setup', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    expect(admin.role).toBe('admin');
    expect(await verifyPassword(ADMIN_PASSWORD, admin.password)).toBe(true);
    const events = await db.events.all();
    expect(events.map((e) => e.action)).toEqual(['institution.create', 'user.create', 'settings.create']);
    expect(JSON.stringify(events)).not.toContain(admin.password.hash);
    const again = await setupInstitution(db, {
      institution: { name: 'x', creditCode: creditCode(), address: 'y', court: { name: 'z' }, caseNumberPrefix: 'p' },
      admin: { username: 'other', displayName: 'o', password: 'abcd1234' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'setup.already_done' } });
  });

  it('names every bad field of the setup form', async () => {
    const db = freshDb();
    const result = await setupInstitution(db, {
      institution: { name: '', creditCode: '91340200MA2N0XYZ10', address: 'a\u0007b', court: { name: '法院' }, caseNumberPrefix: '芜解', caseNumberPattern: '{year}号' },
      admin: { username: 'A B', displayName: '管理员', password: 'short' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.fieldErrors.map((e) => `${String(e.path)}:${e.code}`);
    expect(paths).toContain('institution.name:required');
    expect(paths.some((p) => p.startsWith('institution.creditCode:credit.'))).toBe(true);
    expect(paths.some((p) => p.startsWith('institution.caseNumberPattern:pattern.'))).toBe(true);
    expect(paths).toContain('admin.username:user.username_invalid');
    expect(paths).toContain('admin.password:password.too_short');
    expect(await db.institution.get()).toBeUndefined();
  });

  it('applies the password policy', () => {
    expect(passwordProblems('abcdefgh').map((p) => p.code)).toEqual(['password.needs_letter_and_digit']);
    expect(passwordProblems('12345678').map((p) => p.code)).toEqual(['password.needs_letter_and_digit']);
    expect(passwordProblems('abc123')).toEqual([expect.objectContaining({ code: 'password.too_short' })]);
    expect(passwordProblems('密码很长的口令2026')).toEqual([]);
  });

  it('authenticates, with one answer for unknown user and wrong password, and refuses inactive accounts', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    expect(await authenticate(db, ' ADMIN ', ADMIN_PASSWORD)).toMatchObject({ ok: true, value: { id: admin.id } });
    expect(await authenticate(db, 'admin', 'wrong')).toMatchObject({ ok: false, error: { code: 'auth.invalid' } });
    expect(await authenticate(db, 'nobody', 'wrong')).toMatchObject({ ok: false, error: { code: 'auth.invalid' } });
    const mediator = await addUser(db, admin, 'zhangsan', 'mediator');
    const off = await updateUser(db, admin, mediator.id, mediator.version, { active: false });
    expect(off.ok).toBe(true);
    expect(await authenticate(db, 'zhangsan', 'zhangsanpass1')).toMatchObject({ ok: false, error: { code: 'auth.inactive' } });
  });

  it('keeps usernames unique and lets only administrators manage accounts', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    const mediator = await addUser(db, admin, 'lisi', 'mediator');
    const dup = await createUser(db, admin, { username: 'LiSi', displayName: '李四', role: 'lawyer', password: 'abcd1234' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'form.invalid', fieldErrors: [{ code: 'user.username_taken' }] } });
    const byMediator = await createUser(db, mediator, { username: 'wangwu', displayName: '王五', role: 'admin', password: 'abcd1234' });
    expect(byMediator).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('updates users with version checks, audits before/after without hashes, keeps one admin', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    const user = await addUser(db, admin, 'zhaoliu', 'clerk');
    const updated = await updateUser(db, admin, user.id, user.version, { role: 'mediator', displayName: '赵六', password: 'newpass99' });
    expect(updated.ok).toBe(true);
    if (!updated.ok) return;
    expect(updated.value.role).toBe('mediator');
    expect(await verifyPassword('newpass99', updated.value.password)).toBe(true);
    const stale = await updateUser(db, admin, user.id, user.version, { displayName: '老赵' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'user.changed' } });
    const event = (await db.events.all()).filter((e) => e.entity === 'user' && e.entityId === user.id).at(-1);
    expect(event).toMatchObject({ action: 'user.update', before: { role: 'clerk', displayName: 'zhaoliu' }, after: { role: 'mediator', displayName: '赵六', password: 'reset' } });
    expect(JSON.stringify(event)).not.toContain(updated.value.password.hash);
    expect(await updateUser(db, admin, admin.id, admin.version, { role: 'mediator' })).toMatchObject({ ok: false, error: { code: 'user.last_admin' } });
  });

  it('reads and updates settings with audit and range checks', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    const settings = await getSettings(db);
    expect(settings.idleLockMinutes).toBe(10);
    const bad = await updateSettings(db, admin, settings.version, { idleLockMinutes: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'form.invalid' } });
    const good = await updateSettings(db, admin, settings.version, { idleLockMinutes: 15 });
    expect(good).toMatchObject({ ok: true, value: { idleLockMinutes: 15, version: settings.version + 1 } });
    const last = (await db.events.all()).at(-1);
    expect(last).toMatchObject({ action: 'settings.update', before: { idleLockMinutes: 10 }, after: { idleLockMinutes: 15 } });
  });
});
