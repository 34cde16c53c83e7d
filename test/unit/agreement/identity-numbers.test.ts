// The identity-number rule in the documents (docs/identity-numbers.md): the signed Chinese
// agreement and the filed application print a natural person's ID number in full; a draft, a
// preview and the English translation copy print it masked, even when handed the full number.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PARTIES } from '../../../cli/src/commands/demo-agreement';
import { composeAgreement } from '../../../shared/agreement/pdf/compose';
import { renderApplicationPdf } from '../../../shared/confirmation/application/document';
import { partiesForUse } from '../../../shared/domain/identity-numbers';
import { applicationInput, documentInput, FONTS, handSignature, PARTIES } from './agreement-fixtures';

const FULL = '340202199001011234';
const MASKED = '340202********1234';
const textOf = (blocks: ReturnType<typeof composeAgreement>) => blocks.map((b) => ('text' in b ? b.text : '')).join('\n');

describe('ID numbers in the agreement', () => {
  it('are in full in the signed Chinese original', () => {
    const text = textOf(composeAgreement(documentInput()));
    expect(text).toContain(`居民身份证号码：${FULL}`);
    expect(text).not.toContain(MASKED);
  });

  it('are masked in a draft and in the English translation copy, whatever the caller hands over', () => {
    for (const input of [documentInput({ draft: true }), documentInput({ language: 'en-US' }), documentInput({ language: 'en-US', draft: true })]) {
      const text = textOf(composeAgreement(input));
      expect(text).toContain(MASKED);
      expect(text).not.toContain(FULL);
      expect(text).not.toContain('34020219850505123X');
    }
  });

  it('leaves legal persons’ credit codes and agents’ licence numbers alone (they are public)', () => {
    const masked = partiesForUse(PARTIES, 'translation');
    expect(masked.filter((p) => p.kind !== 'natural')).toEqual(PARTIES.filter((p) => p.kind !== 'natural'));
    expect(masked.filter((p) => p.kind === 'natural').map((p) => (p.kind === 'natural' ? p.idNumber : ''))).toEqual([MASKED, '340202********123X']);
  });
});

const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const dir = mkdtempSync(join(tmpdir(), 'mw-id-numbers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAS_PDFTOTEXT)('ID numbers in the application', () => {
  it('are masked in a preview (draft) and in full in the application filed', async () => {
    const input = applicationInput({ parties: DEMO_PARTIES, serviceAddresses: { 'demo-applicant': '安徽省芜湖市', 'demo-respondent': '安徽省芜湖市' } });
    const text = async (draft: boolean) => {
      const file = join(dir, `application-${draft}.pdf`);
      writeFileSync(file, (await renderApplicationPdf(input, [handSignature('demo-applicant', 'party', '张堃'), handSignature('demo-respondent', 'party', '李喆')], FONTS, { creationDate: new Date('2026-03-05T02:00:00Z'), draft })).bytes);
      return spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    };
    const [full, masked] = ['340202199001011231', '340202********1231'];
    const preview = await text(true);
    expect(preview).toContain(masked);
    expect(preview).not.toContain(full);
    const filed = await text(false);
    expect(filed).toContain(full);
    expect(filed).not.toContain(masked);
  });
});
