import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/domain/errors';
import {
  formatValidationMessage,
  idTypeLabels,
  roleLabels,
  sideLabels,
  sourceLabels,
  statusLabels,
  validationMessages,
} from '../../../shared/domain/messages';
import { CASE_SOURCES, CASE_STATUSES, ID_TYPES, LANGUAGES, PARTY_SIDES, ROLES } from '../../../shared/domain/model';

describe('domain messages', () => {
  it('exist for every error code in both languages, and nothing else', () => {
    for (const lang of LANGUAGES) {
      expect(Object.keys(validationMessages[lang]).sort()).toEqual([...ERROR_CODES].sort());
      for (const code of ERROR_CODES) expect(validationMessages[lang][code].trim(), `${lang} ${code}`).not.toBe('');
    }
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const code of ERROR_CODES) {
      expect(placeholders(validationMessages['en-US'][code]), code).toEqual(placeholders(validationMessages['zh-CN'][code]));
    }
  });

  it('label every status, source, role, ID type and side in both languages', () => {
    const tables: [Record<string, Record<string, string>>, readonly string[]][] = [
      [statusLabels, CASE_STATUSES],
      [sourceLabels, CASE_SOURCES],
      [roleLabels, ROLES],
      [idTypeLabels, ID_TYPES],
      [sideLabels, PARTY_SIDES],
    ];
    for (const [table, values] of tables) {
      for (const lang of LANGUAGES) {
        expect(Object.keys(table[lang]!).sort()).toEqual([...values].sort());
        for (const v of values) expect(table[lang]![v]).toBeTruthy();
      }
    }
  });

  it('fills in parameters, translating status codes', () => {
    expect(formatValidationMessage('zh-CN', { code: 'id.checksum', params: { expected: 'X' } })).toBe(
      '身份证号校验码不正确，请核对最后一位（应为 X），或检查前面各位是否输错',
    );
    expect(formatValidationMessage('en-US', { code: 'lifecycle.illegal', params: { from: 'registered', to: 'archived' } })).toBe(
      'A case cannot move from “Registered” to “Archived”. Please choose an action allowed in its current status.',
    );
    expect(formatValidationMessage('zh-CN', { code: 'too_long', params: { max: 50, actual: 51 } })).toContain('最多 50 个字，当前 51 个字');
  });
});
