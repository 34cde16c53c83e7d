// Codes from the domain and db layers become sentences in the user's language, and field errors
// land on the antd field they name.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/app/i18n';
import { fieldName, formFieldErrors, translateCode } from '../../../renderer/kit/translate';
import { safeNext } from '../../../renderer/features/auth/LoginPage';
import { backupFileName } from '../../../renderer/features/backup/format';
import { formatSize } from '../../../renderer/kit/format';

describe('translateCode', () => {
  it('uses the shared domain messages first, with their parameters (dotted codes included)', async () => {
    const i18n = await createI18n('zh-CN');
    const text = translateCode(i18n.t, 'credit.checksum', { expected: 'Q' });
    expect(text).toContain('Q');
    expect(text).not.toContain('credit.checksum');
    await i18n.changeLanguage('en-US');
    expect(translateCode(i18n.t, 'credit.checksum', { expected: 'Q' })).toMatch(/Q/);
    expect(translateCode(i18n.t, 'credit.checksum', { expected: 'Q' })).not.toBe(text);
  });

  it('translates the account layer and backup codes', async () => {
    const i18n = await createI18n('zh-CN');
    expect(translateCode(i18n.t, 'auth.invalid')).toContain('用户名或密码不正确');
    expect(translateCode(i18n.t, 'password.too_short', { min: 8 })).toBe('密码至少需要 8 个字符');
    expect(translateCode(i18n.t, 'user.username_taken', { username: 'zhang' })).toContain('“zhang”');
    expect(translateCode(i18n.t, 'backup.truncated')).toContain('不完整');
    await i18n.changeLanguage('en-US');
    expect(translateCode(i18n.t, 'backup.foreign')).toContain('not a Mediation Workstation backup');
  });

  it('uses a feature’s own errors.<code> texts when the feature names its namespace', async () => {
    const i18n = await createI18n('zh-CN');
    expect(translateCode(i18n.t, 'case.mediator_invalid', {}, ['cases'])).toBe('只能分配给在职的调解员或律师。');
    expect(translateCode(i18n.t, 'case.mediator_invalid')).toContain('case.mediator_invalid');
    await i18n.changeLanguage('en-US');
    expect(translateCode(i18n.t, 'institution.missing', {}, ['cases'])).toContain('not set up yet');
  });

  it('still tells the user what to do for a code nobody translated', async () => {
    const i18n = await createI18n('en-US');
    const text = translateCode(i18n.t, 'something.new');
    expect(text).toContain('something.new');
    expect(text).toContain('contact an administrator');
  });
});

describe('form field errors', () => {
  it('maps db paths to antd field names and groups messages per field', async () => {
    const i18n = await createI18n('zh-CN');
    expect(fieldName('institution.court.name')).toEqual(['institution', 'court', 'name']);
    expect(fieldName(['parties', 0, 'idNumber'])).toEqual(['parties', 0, 'idNumber']);
    const fields = formFieldErrors(i18n.t, [
      { path: 'admin.password', code: 'password.too_short', params: { min: 8 } },
      { path: 'admin.password', code: 'password.needs_letter_and_digit' },
      { path: 'institution.creditCode', code: 'credit.length', params: { actual: 3 } },
      { code: 'form.invalid' },
    ]);
    expect(fields).toHaveLength(2);
    expect(fields[0]).toEqual({ name: ['admin', 'password'], errors: ['密码至少需要 8 个字符', '密码需要同时包含字母和数字'] });
    expect(fields[1]?.name).toEqual(['institution', 'creditCode']);
    expect(fields[1]?.errors[0]).toContain('3');
  });
});

describe('sign-in return address', () => {
  it('follows only addresses inside the app', () => {
    expect(safeNext('/cases/abc?tab=parties')).toBe('/cases/abc?tab=parties');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    // Anything else goes to the start page, which depends on the kind of institution.
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext('/setup')).toBe('/');
  });
});

describe('backup display helpers', () => {
  it('formats sizes and names files by date', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(backupFileName(new Date(2026, 10, 2, 8, 5), '.mwbackup')).toBe('mediation-backup-20261102-0805.mwbackup');
  });
});
