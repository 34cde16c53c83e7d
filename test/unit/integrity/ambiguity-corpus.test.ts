// The corpus of "ambiguous is invalid" (issue 14 part 1), through the CLI a court's IT runs: the
// `mw demo` output — a signed agreement, a package and a ledger — must verify (exit 0), and every
// hostile variant made from it with the demo institution's own key (so that only the structure is
// wrong) must fail (exit 1) with the one detail `ambiguous`, whichever of `mw agreement verify`,
// `mw package verify` and `mw ledger verify` reads it.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../../cli/src/io';
import { main } from '../../../cli/src/main';
import { addPdfSignature, buildDetachedCms, type PdfSigningKey } from '../../../shared/agreement/pdf-signature/sign';
import { verifyPdfSignatures } from '../../../shared/agreement/pdf-signature/verify';
import type { CheckDetail } from '../../../shared/confirmation/check-detail';
import { bytesSource, openZip } from '../../../shared/archive';
import { rawZip, type RawEntry } from '../confirmation/raw-zip';
import { withKeyTwice } from './json-mutations';
import { appendRaw, objectById, objectText, row, xrefStream } from './pdf-updates';

const PASSPHRASE = 'corpus-passphrase-2026';
const root = mkdtempSync(join(tmpdir(), 'mw-ambiguity-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const demo = join(root, 'demo');
const certificate = join(demo, 'identity/institution.crt.pem');

async function mw(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s) };
  const code = await main(args, io);
  return { code, out, err };
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(root, name);
  writeFileSync(path, bytes);
  return path;
}

/** The demo institution's key, from its PKCS#12 (OpenSSL where installed: 600,000 PBKDF2 rounds are slow in forge). */
function institutionKeyPem(): string {
  const p12 = join(demo, 'identity/institution.p12');
  const openssl = spawnSync('openssl', ['pkcs12', '-in', p12, '-nocerts', '-nodes', '-passin', `pass:${PASSPHRASE}`], { encoding: 'utf8' });
  if (openssl.status === 0 && openssl.stdout.includes('PRIVATE KEY')) return openssl.stdout;
  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(readFileSync(p12))), PASSPHRASE);
  const bag = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag as string })[forge.pki.oids.pkcs8ShroudedKeyBag as string]?.[0];
  return forge.pki.privateKeyToPem(bag?.key as forge.pki.PrivateKey);
}

let institution: PdfSigningKey;
let agreement: Uint8Array;
let mediatorRevision: Uint8Array;
let packageFiles: RawEntry[];

beforeAll(async () => {
  const made = await mw('demo', '--out', demo, '--passphrase', PASSPHRASE, '--json');
  expect(made.code, made.err).toBe(0);
  const key = createPrivateKey(institutionKeyPem());
  institution = { certificatePem: readFileSync(certificate, 'utf8'), chainPems: [], sign: async (data) => new Uint8Array(sign('sha256', data, key)) };
  agreement = new Uint8Array(readFileSync(join(demo, 'agreement.pdf')));
  const [mediator] = verifyPdfSignatures(agreement);
  mediatorRevision = agreement.subarray(0, (mediator?.byteRange[2] as number) + (mediator?.byteRange[3] as number));
  const archive = await openZip(bytesSource(new Uint8Array(readFileSync(join(demo, 'package.zip')))));
  packageFiles = await Promise.all(archive.files.map(async (entry) => ({ name: entry.name, data: await archive.read(entry) })));
}, 180_000);

/** The first detail of a JSON report that is the ambiguity, wherever the verifier put it. */
function ambiguityIn(report: unknown): CheckDetail | null {
  if (Array.isArray(report)) {
    for (const item of report) {
      const found = ambiguityIn(item);
      if (found) return found;
    }
    return null;
  }
  if (report === null || typeof report !== 'object') return null;
  const object = report as Record<string, unknown>;
  if (object.key === 'ambiguous' && typeof object.params === 'object') return object as unknown as CheckDetail;
  for (const value of Object.values(object)) {
    const found = ambiguityIn(value);
    if (found) return found;
  }
  return null;
}

async function expectAmbiguous(name: string, reason: string, ...args: string[]): Promise<void> {
  const run = await mw(...args, '--json');
  expect(run.code, `${name}: ${run.err}`).toBe(1);
  const found = ambiguityIn(JSON.parse(run.out));
  expect(found?.params.reason, name).toBe(reason);
  const text = await mw(...args);
  expect(text.err, name).toContain('ambiguous, so refused');
}

describe('the mw demo output', () => {
  it('verifies: agreement, package and ledger (folder and zip)', async () => {
    expect((await mw('agreement', 'verify', join(demo, 'agreement.pdf'), '--institution', certificate)).code).toBe(0);
    expect((await mw('package', 'verify', join(demo, 'package.zip'), '--institution', certificate)).code).toBe(0);
    expect((await mw('package', 'verify', file('repacked.zip', rawZip(packageFiles)), '--institution', certificate)).code).toBe(0);
    expect((await mw('ledger', 'verify', join(demo, 'ledger'))).code).toBe(0);
    expect((await mw('ledger', 'verify', file('ledger.zip', rawZip(ledgerEntries(join(demo, 'ledger')))))).code).toBe(0);
  });
});

describe('mw agreement verify', () => {
  it('refuses each ambiguous update of the demo agreement, signed with the institution key', async () => {
    const pages = objectText(mediatorRevision, /\/Type \/Pages\b/);
    const changed = `${pages.id} 0 obj\n${pages.body.replace(/\/Kids\s*\[\s*\d+ 0 R/, '/Kids [').replace(/\/Count \d+/, '/Count 1')}\nendobj`;
    expect(changed).not.toContain(pages.body);
    const id = pages.id;
    const sealed = (pdf: Uint8Array) => addPdfSignature(pdf, institution, { name: '芜湖市镜湖区人民调解委员会（演示）', reason: '人民调解委员会印章', signingTime: new Date() });
    const hidden = `991 0 obj\n<< /Length ${changed.length + 2} >>\nstream\n\n`;
    const variants: [string, Uint8Array, string][] = [
      ['/Pages listed twice, the changed one first', await sealed(appendRaw(mediatorRevision, [{ text: changed }, { text: pages.text }], ([a, b]) => `${id} 1\n${row(a as number)}${id} 1\n${row(b as number)}`)), 'pdf_xref_duplicate'],
      ['overlapping subsections', await sealed(appendRaw(mediatorRevision, [{ text: changed }, { text: objectById(mediatorRevision, id + 1) }, { text: pages.text }], ([a, n, b]) => `${id} 2\n${row(a as number)}${row(n as number)}${id} 1\n${row(b as number)}`)), 'pdf_xref_overlap'],
      ['an xref stream listing /Pages twice', appendRaw(mediatorRevision, [{ text: changed }, { text: pages.text }], ([a, b]) => xrefStream(mediatorRevision, 990, [id, 1, id, 1], [a as number, b as number])), 'pdf_xref_stream_overlap'],
      ['a hybrid-reference trailer', await sealed(appendRaw(mediatorRevision, [{ text: pages.text }], ([a]) => `${id} 1\n${row(a as number)}`, '\n/XRefStm 17')), 'pdf_hybrid'],
      ['/Pages defined twice in the update', await sealed(appendRaw(mediatorRevision, [{ text: changed }, { text: pages.text }], ([, b]) => `${id} 1\n${row(b as number)}`)), 'pdf_object_twice'],
      ['/Pages hidden in a stream', await sealed(appendRaw(mediatorRevision, [{ text: `${hidden}${changed}\n\nendstream\nendobj` }], ([a]) => `${id} 1\n${row((a as number) + hidden.length)}`)), 'pdf_body_unreadable'],
    ];
    for (const [name, pdf, reason] of variants) await expectAmbiguous(name, reason, 'agreement', 'verify', file(`${reason}.pdf`, pdf), '--institution', certificate);
  });
});

describe('mw package verify', () => {
  it('refuses the demo package with two names for one file, or headers that disagree', async () => {
    const application = packageFiles.find((f) => f.name === 'application.pdf') as RawEntry;
    const variants: [string, RawEntry[], string][] = [
      ['a name twice', [...packageFiles, application], 'zip_name_twice'],
      ['names differing in case', [...packageFiles, { ...application, name: 'Application.PDF' }], 'zip_name_folded'],
      ['names equal after NFKC', [...packageFiles, { ...application, name: 'ａｐｐｌｉｃａｔｉｏｎ.pdf' }], 'zip_name_folded'],
      ['a local header naming another file', packageFiles.map((f) => (f === application ? { ...f, localName: 'evidence/other.pdf' } : f)), 'zip_local_name'],
    ];
    for (const [name, entries, reason] of variants) {
      await expectAmbiguous(name, reason, 'package', 'verify', file(`${reason}-${entries.length}.zip`, rawZip(entries)), '--institution', certificate);
    }
  });

  it('refuses a demo package whose manifest holds a key twice, re-signed by the institution', async () => {
    const manifest = withKeyTwice(packageFiles.find((f) => f.name === 'manifest.json')?.data as Uint8Array, 'packageId', 'demo-forged');
    const p7s = await buildDetachedCms(manifest, institution, new Date());
    const files = packageFiles.map((f) => (f.name === 'manifest.json' ? { ...f, data: manifest } : f.name === 'manifest.p7s' ? { ...f, data: p7s } : f));
    await expectAmbiguous('manifest.json', 'json_duplicate_key', 'package', 'verify', file('manifest-twice.zip', rawZip(files)), '--institution', certificate);
  });
});

function ledgerEntries(dir: string, prefix = ''): RawEntry[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? ledgerEntries(join(dir, name), `${prefix}${name}/`) : [{ name: `${prefix}${name}`, data: new Uint8Array(readFileSync(join(dir, name))) }]));
}

describe('mw ledger verify', () => {
  it('refuses the demo ledger with a key twice in any of its JSON files (a second keyId verified VALID)', async () => {
    const variants: [string, string, (bytes: Uint8Array) => Uint8Array][] = [
      ['checkpoints.json: keyId twice', 'checkpoints.json', (b) => withKeyTwice(b, 'keyId', '0'.repeat(64))],
      ['ledger.json: caseId twice', 'ledger.json', (b) => withKeyTwice(b, 'caseId', 'another-case')],
      ['proofs.json: consistency twice', 'proofs.json', (b) => withKeyTwice(b, 'consistency', [])],
      ['entries.json: action twice in entry 2', 'entries.json', (b) => withKeyTwice(b, 'action', 'withdraw', 2)],
    ];
    for (const [name, changedFile, change] of variants) {
      const copy = join(root, `ledger-${changedFile}`);
      cpSync(join(demo, 'ledger'), copy, { recursive: true });
      writeFileSync(join(copy, changedFile), change(new Uint8Array(readFileSync(join(copy, changedFile)))));
      await expectAmbiguous(name, 'json_duplicate_key', 'ledger', 'verify', copy);
    }
  });

  it('refuses a zipped demo ledger with two names for one file', async () => {
    const entries = ledgerEntries(join(demo, 'ledger'));
    const checkpoints = entries.find((e) => e.name === 'checkpoints.json') as RawEntry;
    await expectAmbiguous('CHECKPOINTS.json beside checkpoints.json', 'zip_name_folded', 'ledger', 'verify', file('ledger-folded.zip', rawZip([...entries, { ...checkpoints, name: 'CHECKPOINTS.json' }])));
  });
});
