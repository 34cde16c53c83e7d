import { describe, expect, it } from 'vitest';
import { auditActionSchema, auditCodedValues, auditFieldSchema, type AuditCodedField } from '../../../shared/audit/actions';
import { auditTexts } from '../../../shared/audit/texts';
import { LANGUAGES } from '../../../shared/domain/model';

// Issue 15 item 7: the timeline showed confirmation.trust_court, fingerprint256: and
// "原因：package_exported" to a Chinese reader. Every member of the audit enums has its words.
describe('the audit log has words for everything it records', () => {
  for (const language of LANGUAGES) {
    const texts = auditTexts[language];
    it(`every action has ${language} text`, () => {
      const missing = auditActionSchema.options.filter((a) => !texts.action[a]?.trim());
      expect(missing).toEqual([]);
    });
    it(`every shown field has ${language} text`, () => {
      const missing = auditFieldSchema.options.filter((f) => !texts.field[f]?.trim());
      expect(missing).toEqual([]);
    });
    it(`every coded value (reason codes, verdicts, outcomes, consents, roles) has ${language} text`, () => {
      const missing = (Object.keys(auditCodedValues) as AuditCodedField[]).flatMap((field) =>
        auditCodedValues[field].options.filter((code) => !(texts.code[field] as Record<string, string>)[code]?.trim()).map((code) => `${field}.${code}`),
      );
      expect(missing).toEqual([]);
    });
  }

  it('a Chinese text is not the English one or the raw key', () => {
    const zh = auditTexts['zh-CN'];
    for (const a of auditActionSchema.options) expect(zh.action[a]).not.toMatch(/^[a-z_.]+$/);
    for (const f of auditFieldSchema.options) expect(zh.field[f]).not.toBe(f);
  });

  it('the checkpoint reasons recorded by the evidence feature are reason codes with text', () => {
    for (const reason of ['on_demand', 'ledger_exported', 'agreement_signed', 'package_exported']) expect(auditCodedValues.reason.options).toContain(reason);
  });
});
