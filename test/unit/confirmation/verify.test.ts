// The clerk's verification, layer by layer: an intact package passes every check, and each kind of
// tampering fails exactly the checks that should catch it, with a message naming the problem.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDetachedCms } from '../../../shared/agreement/pdf-signature/sign';
import { makeInstitution } from '../agreement/pdf-signature-fixtures';
import { sha256sumsText } from '../../../shared/confirmation/manifest';
import { memoryPackageReader, PackageUnusableError, verifyPackage, type PackageReport } from '../../../shared/confirmation/verify';
import { ledgerEntrySchema, type LedgerEntry } from '../../../shared/ledger/entry';
import { entriesFileBytes } from '../../../shared/ledger/export';
import { utf8ToBytes } from '../../../shared/ledger/hash';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { buildZip, caIssuedInstitution, makeFixture, NOW, RECEIVED_ON, sha256Hex, unzipped, type FileSpec, type Fixture } from './package-fixtures';

let fixture: Fixture;
let intact: Map<string, Uint8Array>;

beforeAll(async () => {
  fixture = await makeFixture();
  intact = await unzipped((await buildZip(fixture)).zip);
});

const verify = (files: ReadonlyMap<string, Uint8Array>, options: { receivedOn?: string; trusted?: string[] } = {}) =>
  verifyPackage(memoryPackageReader(files), { receivedOn: options.receivedOn ?? RECEIVED_ON, ...(options.trusted ? { trustedInstitutionPems: options.trusted } : {}) });

const message = (report: PackageReport, id: string) => report.checks.find((c) => c.id === id)?.message ?? '';

function changed(edit: (files: Map<string, Uint8Array>) => void): Map<string, Uint8Array> {
  const copy = new Map(intact);
  edit(copy);
  return copy;
}

async function rebuilt(editFiles: (files: FileSpec[]) => FileSpec[], signer = fixture.institution): Promise<Map<string, Uint8Array>> {
  return unzipped((await buildZip({ ...fixture, files: editFiles(fixture.files) }, {}, signer)).zip);
}

/** The package's SHA256SUMS recomputed after its files changed, as a careful forger would. */
function resummed(files: Map<string, Uint8Array>): void {
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as { files: { path: string; sha256: string }[] };
  files.set(
    'SHA256SUMS',
    utf8ToBytes(sha256sumsText([...manifest.files, { path: 'manifest.json', sha256: sha256Hex(files.get('manifest.json')!) }, { path: 'manifest.p7s', sha256: sha256Hex(files.get('manifest.p7s')!) }])),
  );
}

describe('verifyPackage', () => {
  it('passes an intact package on every check', async () => {
    const report = await verify(intact, { trusted: [fixture.institution.certificatePem] });
    expect(report.failed).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([
      'package.paths', 'manifest.schema', 'institution.certificate', 'manifest.signature', 'manifest.signer', 'institution.pinned',
      'files.missing', 'files.unlisted', 'files.integrity', 'sha256sums', 'agreement.signatures', 'application.signatures',
      'ledger.case', 'ledger.chain', 'ledger.checkpoint', 'ledger.inclusion',
      'checklist.application', 'checklist.agreement', 'checklist.parties', 'checklist.identity', 'checklist.authority', 'checklist.property', 'deadline',
    ]);
    expect(report.summary).toMatchObject({
      packageId: 'pkg-2026-0001',
      caseNumber: '（2026）镜解字第00042号',
      court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
      files: 15,
      confirmationDeadline: '2026-04-01',
      institution: { subject: '芜湖市镜湖区人民调解委员会', pinned: true },
    });
    expect(message(report, 'ledger.inclusion')).toBe('Each of the 4 files recorded in the ledger is proven to be in the signed checkpoint.');
    expect(report.files.every((f) => f.ok)).toBe(true);
  });

  it('names a listed file that is missing, and a file the manifest does not list', async () => {
    const missing = await verify(changed((f) => f.delete('evidence/银行转账回单.png')));
    expect(missing.failed).toEqual(['files.missing']);
    expect(message(missing, 'files.missing')).toBe('The manifest lists files that are not in the package: evidence/银行转账回单.png.');
    const extra = await verify(changed((f) => f.set('evidence/未登记.jpg', utf8ToBytes('smuggled'))));
    expect(extra.failed).toEqual(['files.unlisted']);
    expect(message(extra, 'files.unlisted')).toContain('evidence/未登记.jpg');
  });

  it('names a file whose bytes changed', async () => {
    const report = await verify(
      changed((f) => {
        const bytes = f.get('evidence/借款合同.pdf')!.slice();
        bytes[100] = (bytes[100] as number) ^ 1;
        f.set('evidence/借款合同.pdf', bytes);
      }),
    );
    expect(report.failed).toEqual(['files.integrity']);
    expect(message(report, 'files.integrity')).toBe('Files differ from the manifest: evidence/借款合同.pdf: its SHA-256 differs from the manifest: the file was changed.');
    expect(report.files.find((f) => !f.ok)?.path).toBe('evidence/借款合同.pdf');
  });

  it('refuses a manifest changed after signing, or rewritten in another JSON form', async () => {
    const edited = await verify(
      changed((f) => {
        f.set('manifest.json', utf8ToBytes(new TextDecoder().decode(f.get('manifest.json')).replace('芜湖市镜湖区人民法院', '芜湖市中级人民法院')));
        resummed(f);
      }),
    );
    expect(edited.failed).toEqual(['manifest.signature']);
    expect(message(edited, 'manifest.signature')).toContain('manifest.json was changed after it was signed (message digest mismatch)');
    const pretty = await verify(changed((f) => f.set('manifest.json', utf8ToBytes(JSON.stringify(JSON.parse(new TextDecoder().decode(f.get('manifest.json'))), null, 2)))));
    expect(pretty.failed).toEqual(['manifest.schema']);
    expect(message(pretty, 'manifest.schema')).toContain('not in its canonical form');
  });

  it('refuses a valid package re-signed by an unknown certificate', async () => {
    const files = new Map(intact);
    files.set('manifest.p7s', await buildDetachedCms(files.get('manifest.json')!, { certificatePem: fixture.stranger.certificatePem, chainPems: [], sign: fixture.stranger.sign }, NOW));
    resummed(files);
    const resigned = await verify(files);
    expect(resigned.failed).toEqual(['manifest.signer']);
    expect(message(resigned, 'manifest.signer')).toContain('manifest.json was signed by 冒名调解委员会');
    expect(message(resigned, 'manifest.signer')).toContain('not by the institution: it names another issuer');

    // Rebuilt whole by the stranger: consistent in itself, but not the trusted institution's, and
    // the agreement and the ledger still carry the real institution's signatures.
    const forged = await verify(await rebuilt((f) => f, fixture.stranger), { trusted: [fixture.institution.certificatePem] });
    expect(forged.failed).toEqual(['institution.pinned', 'agreement.signatures', 'ledger.chain', 'ledger.checkpoint', 'ledger.inclusion']);
    expect(message(forged, 'institution.pinned')).toContain('is not one of the trusted institution certificates: the package was signed by an unknown certificate');
  });

  it('refuses a ledger from another case', async () => {
    const report = await verify(await rebuilt((files) => [...files.filter((f) => f.role !== 'ledger'), ...[...fixture.otherCaseLedgerFiles].map(([path, bytes]) => ({ path, role: 'ledger' as const, bytes }))]));
    expect(report.failed).toContain('ledger.case');
    expect(message(report, 'ledger.case')).toBe('The ledger belongs to another case (9e4d2a71-3c5b-4f08-8a16-2b7c9d0e5f33), not to the package\'s case 5b1f0c2e-8d7a-4c39-9e21-7f3a6b0d4c11.');
    expect(report.ok).toBe(false);
  });

  it('ties the agreement and the evidence to the signed ledger', async () => {
    const tampered = await verify(
      await rebuilt((files) =>
        files.map((f) => {
          if (f.path !== 'agreement.pdf') return f;
          const bytes = f.bytes.slice();
          bytes[300] = (bytes[300] as number) ^ 1;
          return { ...f, bytes };
        }),
      ),
    );
    expect(tampered.failed).toEqual(['agreement.signatures', 'ledger.inclusion']);
    expect(message(tampered, 'agreement.signatures')).toContain('message digest mismatch');
    expect(message(tampered, 'ledger.inclusion')).toBe('agreement.pdf is not the file ledger entry 4 recorded.');

    const unrecorded = await verify(await rebuilt((files) => files.map((f) => (f.path === 'evidence/银行转账回单.png' ? { ...f, ledgerSeq: undefined } : f))));
    expect(unrecorded.failed).toEqual(['ledger.inclusion']);
    expect(message(unrecorded, 'ledger.inclusion')).toBe('evidence/银行转账回单.png is not recorded in the ledger.');

    const noProof = await verify(
      await rebuilt((files) =>
        files.map((f) => {
          if (f.path !== 'ledger/proofs.json') return f;
          const proofs = JSON.parse(new TextDecoder().decode(f.bytes)) as { inclusion: { seq: number }[] };
          proofs.inclusion = proofs.inclusion.filter((p) => p.seq !== 3);
          return { ...f, bytes: utf8ToBytes(JSON.stringify(proofs)) };
        }),
      ),
    );
    expect(noProof.failed).toEqual(['ledger.inclusion']);
    expect(message(noProof, 'ledger.inclusion')).toBe('evidence/房屋所有权证.jpg has no inclusion proof in a signed checkpoint.');
  });

  it('refuses a ledger whose last entries no signed checkpoint covers', async () => {
    const withTail = await rebuilt((files) => {
      const text = (path: string) => new TextDecoder().decode(files.find((f) => f.path === path)!.bytes);
      const entries = (JSON.parse(text('ledger/entries.json')) as LedgerEntry[]).map((e) => ledgerEntrySchema.parse(e));
      const ledger = CaseLedger.of(fixture.manifestInput.case.caseId, entries, JSON.parse(text('ledger/checkpoints.json')));
      const { seq: _seq, caseId: _caseId, prevEntryHash: _prev, ...last } = entries[entries.length - 1]!;
      ledger.append({ ...last, title: '补充说明' });
      const count = JSON.parse(text('ledger/ledger.json')) as { entries: number };
      const replaced: Record<string, Uint8Array> = {
        'ledger/entries.json': entriesFileBytes(ledger.entries),
        'ledger/ledger.json': utf8ToBytes(JSON.stringify({ ...count, entries: ledger.entries.length })),
      };
      return files.map((f) => (replaced[f.path] ? { ...f, bytes: replaced[f.path]! } : f));
    });
    const report = await verify(withTail);
    expect(report.failed).toEqual(['ledger.checkpoint']);
    expect(message(report, 'ledger.checkpoint')).toBe('The signed checkpoint covers 5 of the 6 entries.');
  });

  it('lists missing materials and a late application', async () => {
    const noAuthority = await verify(await rebuilt((files) => files.filter((f) => f.role !== 'authority')));
    expect(noAuthority.failed).toEqual(['checklist.authority']);
    expect(message(noAuthority, 'checklist.authority')).toBe('The power of attorney (授权委托书) is missing for: 赵律师 (agent).');
    const late = await verify(intact, { receivedOn: '2026-04-15' });
    expect(late.failed).toEqual(['deadline']);
    expect(message(late, 'deadline')).toContain('14 days after the 30-day deadline of 2026-04-01');
  });

  it('accepts only the SHA256SUMS the builder writes', async () => {
    const binaryMode = await verify(changed((f) => f.set('SHA256SUMS', utf8ToBytes(new TextDecoder().decode(f.get('SHA256SUMS')).replaceAll('  ', ' *')))));
    expect(binaryMode.failed).toEqual(['sha256sums']);
    expect(message(binaryMode, 'sha256sums')).toContain('not in the form the builder writes');
    const wrong = await verify(changed((f) => f.set('SHA256SUMS', utf8ToBytes(new TextDecoder().decode(f.get('SHA256SUMS')).replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0'))))));
    expect(wrong.failed).toEqual(['sha256sums']);
    expect(message(wrong, 'sha256sums')).toContain('has another SHA-256 than the manifest states');
  });

  it('refuses a swapped institution certificate and unsafe names from any reader', async () => {
    const swapped = await verify(changed((f) => f.set('certs/institution.pem', utf8ToBytes(fixture.stranger.certificatePem))));
    expect(swapped.failed).toContain('institution.certificate');
    expect(message(swapped, 'institution.certificate')).toContain('is not the certificate the manifest names');
    const unsafe = await verify(changed((f) => f.set('../escape.txt', utf8ToBytes('x'))));
    expect(unsafe.failed).toEqual(['package.paths', 'files.unlisted']);
    expect(message(unsafe, 'package.paths')).toContain('"../escape.txt": the path contains a . or .. segment');
  });

  it('says when the input is not a package at all', async () => {
    await expect(verify(changed((f) => f.delete('manifest.json')))).rejects.toThrow(PackageUnusableError);
    await expect(verify(changed((f) => f.delete('manifest.json')))).rejects.toThrow('manifest.json is missing: this is not a judicial-confirmation package.');
  });
});

describe('certs/chain.pem', () => {
  it('lets a court trust the CA that issued the institution, link by link, and names a certificate that is not in the chain', async () => {
    const ca = await makeInstitution('安徽省电子认证中心（测试）');
    const institution = await caIssuedInstitution(ca, '安徽省电子认证中心（测试）');
    const caFixture = await makeFixture(institution);
    const withChain = (chain: string[]) => buildZip(caFixture, { sign: { certificatePem: institution.certificatePem, chainPems: chain, sign: institution.sign } }, institution);
    const files = await unzipped((await withChain([ca.certificatePem])).zip);
    expect(files.has('certs/chain.pem')).toBe(true);

    const trustingCa = await verify(files, { trusted: [ca.certificatePem] });
    expect(trustingCa.failed).toEqual([]);
    expect(message(trustingCa, 'institution.certificate')).toContain('issued by 安徽省电子认证中心（测试） (certs/chain.pem)');
    expect(message(trustingCa, 'institution.pinned')).toContain('through certs/chain.pem, by the trusted certificate 安徽省电子认证中心（测试）');
    // Trusting a CA that is not in the chain authenticates nothing.
    expect((await verify(files, { trusted: [fixture.stranger.certificatePem] })).failed).toEqual(['institution.pinned']);

    const stray = await unzipped((await withChain([fixture.stranger.certificatePem])).zip);
    const report = await verify(stray, { trusted: [fixture.stranger.certificatePem] });
    expect(report.failed).toContain('institution.certificate');
    expect(message(report, 'institution.certificate')).toContain('certs/chain.pem: 冒名调解委员会 is not in the chain of 芜湖市镜湖区人民调解委员会');
  });
});
