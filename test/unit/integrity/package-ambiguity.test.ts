// Ambiguous is invalid, for the judicial-confirmation package (issue 14 part 1): a package the
// institution built and signed whose ledger JSON holds a key twice verified as VALID (JSON.parse
// kept the last value, another reader the first); a manifest with a key twice, names that fold to
// one (letter case, NFKC) and local headers that contradict the central directory are refused too —
// each with the one detail `ambiguous`, as a failed verification (not as unusable input).
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckDetail } from '../../../shared/confirmation/check-detail';
import { bytesSource } from '../../../shared/archive';
import { AMBIGUITY_CHECK, verifyZipPackage } from '../../../shared/confirmation/zip-package';
import type { PackageReport } from '../../../shared/confirmation/verify';
import { findAmbiguity } from '../../../shared/integrity/ambiguity';
import { buildZip, makeFixture, NOW, RECEIVED_ON, rezip, unzipped, type Fixture } from '../confirmation/package-fixtures';
import { rawZip } from '../confirmation/raw-zip';
import { withKeyTwice } from './json-mutations';
import { appendRaw, objectText, row } from './pdf-updates';
import { addPdfSignature, buildDetachedCms } from '../../../shared/agreement/pdf-signature/sign';
import { signingKey } from '../agreement/pdf-signature-fixtures';

let fixture: Fixture;
let good: Map<string, Uint8Array>;

beforeAll(async () => {
  fixture = await makeFixture();
  good = await unzipped((await buildZip(fixture)).zip);
}, 60_000);

const verify = (zip: Uint8Array) => verifyZipPackage(bytesSource(zip), { receivedOn: RECEIVED_ON, trustedInstitutionPems: [fixture.institution.certificatePem] });

/** The ambiguity of the first failed check that reports one, with that check's id. */
function ambiguityOf(report: PackageReport): { check: string; detail: CheckDetail } | null {
  for (const check of report.checks) {
    const found = check.ok ? null : findAmbiguity(check.detail);
    if (found) return { check: check.id, detail: found };
  }
  return null;
}

/** A package the institution builds and signs with one of its files replaced. */
async function builtWith(path: string, change: (bytes: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  const files = fixture.files.map((f) => (f.path === path ? { ...f, bytes: change(f.bytes) } : f));
  expect(files.some((f) => f.path === path)).toBe(true);
  return (await buildZip({ ...fixture, files })).zip;
}

describe('a package a reader could read otherwise than the verifier', () => {
  it('still accepts the package as built', async () => {
    const report = await verify(rezip(good));
    expect(report.failed).toEqual([]);
  });

  it('refuses ledger JSON with a key twice, signed into the package by the institution (it verified as VALID)', async () => {
    const variants: [string, Uint8Array][] = [
      ['checkpoints.json: a second keyId', await builtWith('ledger/checkpoints.json', (b) => withKeyTwice(b, 'keyId', '0'.repeat(64)))],
      ['ledger.json: another case first', await builtWith('ledger/ledger.json', (b) => withKeyTwice(b, 'caseId', '9e4d2a71-3c5b-4f08-8a16-2b7c9d0e5f33'))],
      ['proofs.json: no consistency proofs first', await builtWith('ledger/proofs.json', (b) => withKeyTwice(b, 'consistency', 'none'))],
    ];
    for (const [name, zip] of variants) {
      const report = await verify(zip);
      expect(report.ok, name).toBe(false);
      const found = ambiguityOf(report);
      expect(found?.check, name).toMatch(/^ledger\./);
      expect(found?.detail, name).toMatchObject({ key: 'ambiguous', params: { reason: 'json_duplicate_key' } });
    }
    // entries.json: a line with "action" twice.
    const entries = await verify(await builtWith('ledger/entries.json', (b) => withKeyTwice(b, 'action', 'withdraw', 1)));
    expect(ambiguityOf(entries)?.detail.items?.[0]).toMatchObject({ key: 'ambiguity.json_duplicate_key', params: { file: 'entries.json', key: 'action', path: '$[1]' } });
  });

  it('refuses an application signed by the institution over an update that lists /Pages twice', async () => {
    const unsigned = fixture.files.find((f) => f.path === 'application.pdf')?.bytes as Uint8Array;
    const seal = (pdf: Uint8Array) => addPdfSignature(pdf, signingKey(fixture.institution), { name: '芜湖市镜湖区人民调解委员会', reason: '代为提交', signingTime: new Date('2026-03-04T02:00:00Z') });
    const pages = objectText(unsigned, /\/Type \/Pages\b/);
    const changed = `${pages.id} 0 obj\n${pages.body.replace(/\/Count \d+/, '/Count 0').replace(/\/Kids\s*\[[^\]]*\]/, '/Kids []')}\nendobj`;
    const twice = appendRaw(unsigned, [{ text: changed }, { text: pages.text }], ([a, b]) => `${pages.id} 1\n${row(a as number)}${pages.id} 1\n${row(b as number)}`);
    const signed = await seal(unsigned);
    const ambiguous = await seal(twice);
    expect((await verify(await builtWith('application.pdf', () => signed))).failed).toEqual([]);
    const report = await verify(await builtWith('application.pdf', () => ambiguous));
    expect(ambiguityOf(report)).toMatchObject({ check: 'application.signatures', detail: { params: { reason: 'pdf_xref_duplicate' } } });
  });

  it('refuses a manifest with a key twice, even signed', async () => {
    const files = new Map(good);
    const manifest = withKeyTwice(good.get('manifest.json')!, 'packageId', 'pkg-forged');
    files.set('manifest.json', manifest);
    files.set('manifest.p7s', await buildDetachedCms(manifest, { certificatePem: fixture.institution.certificatePem, chainPems: [], sign: fixture.institution.sign }, NOW));
    const report = await verify(rezip(files));
    expect(ambiguityOf(report)).toMatchObject({ check: 'manifest.schema', detail: { key: 'ambiguous', items: [{ params: { file: 'manifest.json', key: 'packageId' } }] } });
  });

  it('refuses names that fold to one and local headers that contradict the directory, as a verdict', async () => {
    const entries = [...good].map(([name, data]) => ({ name, data }));
    const application = good.get('application.pdf')!;
    const variants: [string, Uint8Array, string][] = [
      ['the same name twice', rawZip([...entries, { name: 'application.pdf', data: application }]), 'zip_name_twice'],
      ['names differing in case', rawZip([...entries, { name: 'APPLICATION.pdf', data: application }]), 'zip_name_folded'],
      ['names equal after NFKC (fullwidth letters)', rawZip([...entries, { name: 'ａｐｐｌｉｃａｔｉｏｎ.pdf', data: application }]), 'zip_name_folded'],
      ['names equal after NFKC (a ligature)', rawZip([...entries, { name: 'evidence/ﬁle.pdf', data: application }, { name: 'evidence/file.pdf', data: application }]), 'zip_name_folded'],
      ['a local header naming another file', rawZip(entries.map((e) => (e.name === 'application.pdf' ? { ...e, localName: 'applicatioN.pdf' } : e))), 'zip_local_name'],
    ];
    expect((await verify(rawZip(entries))).failed).toEqual([]);
    for (const [name, zip, reason] of variants) {
      const report = await verify(zip);
      expect(report.failed, name).toEqual([AMBIGUITY_CHECK]);
      expect(report.checks[0]?.detail, name).toMatchObject({ key: 'ambiguous', params: { reason } });
    }
  });
});
