// Issue 14 part 2: what authenticates an exported ledger. Entries no signed checkpoint covers are
// not VALID (exit 1, named) unless --chain-only asks for the links alone; --institution and
// --fingerprint pin the checkpoints' signer, so a ledger rewritten and re-signed with another key,
// its certificate swapped, is refused; a zip is read through the hardened reader, so a bomb is
// refused by its description (exit 2) with the process's peak memory far below what it inflates to.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discloseItem, disclosureFiles } from '../../../shared/ledger/disclosure';
import { entriesFileBytes, ledgerExportFiles } from '../../../shared/ledger/export';
import { bytesToHex, sha256Bytes, utf8ToBytes } from '../../../shared/ledger/hash';
import { CaseLedger } from '../../../shared/ledger/ledger';
import { makeIdentity, type TestIdentity } from '../ledger/identity';

const root = mkdtempSync(join(tmpdir(), 'mw-ledger-trust-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CASE_ID = '7d3c9e2a-0000-4000-8000-000000000014';
// Each run compiles the CLI with tsx; on a busy machine that alone takes seconds.
const SLOW = 180_000;

function mw(...args: string[]) {
  const run = spawnSync(process.execPath, ['cli/bin/mw.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function writeFolder(dir: string, files: ReadonlyMap<string, Uint8Array>): string {
  for (const [name, bytes] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

function note(i: number, title = `调解笔录 ${i}`) {
  return {
    action: 'add' as const,
    refersTo: null,
    kind: 'note' as const,
    title,
    mediaType: 'text/plain',
    size: 10 + i,
    contentSha256: bytesToHex(sha256Bytes(utf8ToBytes(title))),
    author: { id: 'u1', name: '王芳' },
    submittedBy: null,
    shownToOtherParty: false,
    createdAt: new Date(Date.UTC(2026, 10, 2, 2, i)).toISOString(),
  };
}

/** A ledger of `titles`, with a checkpoint signed by `signer` after the first `signedAfter` of them. */
async function ledgerOf(identity: TestIdentity, titles: readonly string[], signedAfter: number): Promise<CaseLedger> {
  const ledger = new CaseLedger(CASE_ID);
  for (const [i, title] of titles.entries()) {
    ledger.append(note(i, title));
    if (i + 1 === signedAfter) await ledger.checkpoint(identity.signer, new Date(Date.UTC(2026, 10, 2, 3, i)));
  }
  return ledger;
}

const TITLES = ['调解笔录 0', '借款合同', '银行转账回单', '微信聊天记录'];
const EXPORTED_AT = new Date('2026-11-02T05:00:00Z');

let genuine: TestIdentity;
let genuinePem: string;
beforeAll(() => {
  genuine = makeIdentity();
  genuinePem = join(root, 'institution.crt.pem');
  writeFileSync(genuinePem, genuine.certificatePem);
});

describe('mw ledger verify: entries no signed checkpoint covers', () => {
  it('refuses the issue\'s truncation — last entry, its checkpoint and proofs.json removed — naming the entries, unless --chain-only', async () => {
    const ledger = await ledgerOf(genuine, TITLES, TITLES.length);
    const files = ledgerExportFiles(ledger, genuine.certificatePem, EXPORTED_AT);
    // What an attacker leaves: one entry fewer, no checkpoint, no proofs, the count made to agree.
    files.set('entries.json', entriesFileBytes(ledger.entries.slice(0, -1)));
    files.set('checkpoints.json', utf8ToBytes('[]\n'));
    files.delete('proofs.json');
    const manifest = JSON.parse(new TextDecoder().decode(files.get('ledger.json'))) as { entries: number };
    files.set('ledger.json', utf8ToBytes(JSON.stringify({ ...manifest, entries: TITLES.length - 1 })));
    const dir = writeFolder(join(root, 'truncated'), files);

    const refused = mw('ledger', 'verify', dir);
    expect(refused.code, refused.out + refused.err).toBe(1);
    expect(refused.err).toContain('NOT VALID');
    expect(refused.err).toContain('3 entries at the end, from entry 0, are covered by no checkpoint signed by the institution: nothing authenticates them.');
    expect(refused.err).toContain('--chain-only');

    const chainOnly = mw('ledger', 'verify', dir, '--chain-only', '--json');
    expect(chainOnly.code, chainOnly.err).toBe(0);
    expect(JSON.parse(chainOnly.out)).toMatchObject({ ok: true, chainOnly: true, awaitingCheckpoint: 3 });
    const said = mw('ledger', 'verify', dir, '--chain-only');
    expect(said.code).toBe(0);
    expect(said.out).toContain('CHAIN INTACT, NOT AUTHENTICATED');
    expect(said.out).toContain('nothing authenticates the chain');
  }, SLOW);

  it('names the entries added after the last signed checkpoint, with the detail key the app translates', async () => {
    const ledger = await ledgerOf(genuine, [...TITLES, '补充证据'], 3);
    const dir = writeFolder(join(root, 'tail'), ledgerExportFiles(ledger, genuine.certificatePem, EXPORTED_AT));
    const run = mw('ledger', 'verify', dir, '--json');
    expect(run.code, run.err).toBe(1);
    const report = JSON.parse(run.out) as { ok: boolean; awaitingCheckpoint: number; firstProblem: { code: string; seq: number; params: Record<string, number> }; entries: { coveredBy: number | null }[] };
    expect(report.ok).toBe(false);
    expect(report.awaitingCheckpoint).toBe(2);
    expect(report.firstProblem).toMatchObject({ code: 'checkpoint.uncovered', seq: 3, params: { first: 3, count: 2 } });
    expect(report.entries.map((e) => e.coveredBy)).toEqual([3, 3, 3, null, null]);
  }, SLOW);
});

describe('mw ledger verify: pinning the signer', () => {
  it('refuses a ledger rewritten and re-signed with another key, its certificate swapped, once the institution is pinned', async () => {
    const honest = writeFolder(join(root, 'honest'), ledgerExportFiles(await ledgerOf(genuine, TITLES, TITLES.length), genuine.certificatePem, EXPORTED_AT));
    const forger = makeIdentity();
    const rewritten = TITLES.map((t) => (t === '借款合同' ? '借款合同（已结清）' : t));
    const forged = writeFolder(join(root, 'forged'), ledgerExportFiles(await ledgerOf(forger, rewritten, rewritten.length), forger.certificatePem, EXPORTED_AT));

    // Unpinned, the forgery checks out against its own certificate: the report must say it is not pinned.
    const unpinned = mw('ledger', 'verify', forged);
    expect(unpinned.code).toBe(0);
    expect(unpinned.out).toContain('not pinned');

    const byCertificate = mw('ledger', 'verify', forged, '--institution', genuinePem);
    expect(byCertificate.code, byCertificate.out).toBe(1);
    expect(byCertificate.err).toContain(`does NOT match the trusted certificate in ${genuinePem}`);
    const byFingerprint = mw('ledger', 'verify', forged, '--fingerprint', genuine.keyId, '--json');
    expect(byFingerprint.code).toBe(1);
    expect(JSON.parse(byFingerprint.out)).toMatchObject({ ok: false, pinned: false });

    const pinned = mw('ledger', 'verify', honest, '--institution', genuinePem);
    expect(pinned.code, pinned.err).toBe(0);
    expect(pinned.out).toContain(`matches the trusted certificate in ${genuinePem}`);
    // The fingerprint as openssl prints it (colons, upper case) is the same pin.
    const colons = genuine.keyId.toUpperCase().match(/../g)?.join(':') ?? '';
    const byColons = mw('ledger', 'verify', honest, '--fingerprint', colons, '--json');
    expect(byColons.code, byColons.err).toBe(0);
    expect(JSON.parse(byColons.out)).toMatchObject({ ok: true, pinned: true });

    expect(mw('ledger', 'verify', honest, '--fingerprint', 'abc').code).toBe(2);
  }, SLOW);

  it('pins the signer of a single disclosed item too, and refuses a zipped item carrying more than one file', async () => {
    const { zipSync } = await import('fflate');
    const forger = makeIdentity();
    const ledger = await ledgerOf(forger, TITLES, TITLES.length);
    const checkpoint = ledger.checkpoints[0]!;
    const entry = ledger.entries[1]!;
    const item = disclosureFiles(discloseItem(ledger.tree, entry, checkpoint), forger.certificatePem);
    const itemZip = join(root, 'item.zip');
    writeFileSync(itemZip, zipSync(Object.fromEntries(item)));
    expect(mw('ledger', 'verify', itemZip).code).toBe(0);
    const pinned = mw('ledger', 'verify', itemZip, '--institution', genuinePem);
    expect(pinned.code, pinned.out).toBe(1);

    const two = new Map(item);
    two.set(`files/${'a'.repeat(64)}`, utf8ToBytes('one'));
    two.set(`files/${'b'.repeat(64)}`, utf8ToBytes('two'));
    const twoZip = join(root, 'item-two-files.zip');
    writeFileSync(twoZip, zipSync(Object.fromEntries(two)));
    const refused = mw('ledger', 'verify', twoZip);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('a single exported item holds at most one');
  }, SLOW);
});

/** Deflated zeros: 1 MiB flushed fully (so each copy stands alone), repeated, then the final block. */
function deflatedZeros(mebibytes: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), end]);
}

/**
 * A ~1 MB zip whose four central entries all point at one deflated GiB of zeros: 4 GiB once
 * inflated, for a reader that believes its central directory.
 */
function overlappingBomb(): Uint8Array {
  const gib = 1024;
  const data = deflatedZeros(gib);
  let crc = 0;
  const mib = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < gib; i++) crc = crc32(mib, crc);
  const size = gib * 1024 * 1024;
  const names = ['entries.json', 'ledger.json', 'checkpoints.json', 'certificates.pem'];
  const local = Buffer.alloc(30 + names[0]!.length);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(names[0]!.length, 26);
  local.write(names[0]!, 30);
  const central = names.map((name) => {
    const entry = Buffer.alloc(46 + name.length);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.write(name, 46);
    return entry;
  });
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(local.length + data.length, 16);
  return Buffer.concat([local, data, directory, end]);
}

/** `mw` in a child that reports its own peak resident memory (kilobytes) on its last line of stderr. */
function mwMeasured(...args: string[]) {
  const script = [
    "import { register } from 'tsx/esm/api';",
    'register();',
    "const { main } = await import('./cli/src/main.ts');",
    'const code = await main(process.argv.slice(1));',
    // VmHWM is this process's own peak: getrusage's maxRSS can carry the forking parent's (vitest's) peak across exec.
    "const hwm = /VmHWM:\\s*(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))?.[1];",
    "process.stderr.write(`\\nmaxRSS ${hwm ?? process.resourceUsage().maxRSS}\\n`);",
    'process.exitCode = code;',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { encoding: 'utf8', timeout: 120_000 });
  const kib = Number(/maxRSS (\d+)\s*$/.exec(run.stderr)?.[1] ?? Number.NaN);
  return { code: run.status, err: run.stderr, peakMiB: kib / 1024 };
}

describe('mw ledger verify: a zipped export through the hardened reader', () => {
  it('refuses a 1 MB zip that would inflate to 4 GiB by its description, exit 2, peak memory under 200 MB', () => {
    const bomb = overlappingBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const path = join(root, 'bomb.zip');
    writeFileSync(path, bomb);
    // tsx compiles the CLI on its first run (a fresh clone's cold cache costs a few hundred MB); a
    // first run warms that cache, so the second measures the verification alone.
    expect(mwMeasured('ledger', 'verify', path).code).toBe(2);
    const run = mwMeasured('ledger', 'verify', path);
    expect(run.code, run.err).toBe(2);
    expect(run.err).toContain('zip bomb');
    expect(run.err).toContain('entries.json');
    expect(run.peakMiB).toBeLessThan(200);
  }, SLOW);

  it('still verifies a zip made as the app makes it, evidence files stored and checked as streams', async () => {
    const { zipSync } = await import('fflate');
    const ledger = new CaseLedger(CASE_ID);
    const evidence = new Map<string, Uint8Array>();
    for (const [i, title] of TITLES.entries()) {
      const bytes = utf8ToBytes(`${title} `.repeat(400));
      const hash = createHash('sha256').update(bytes).digest('hex');
      evidence.set(hash, bytes);
      ledger.append({ ...note(i, title), kind: 'file', size: bytes.length, contentSha256: hash });
    }
    await ledger.checkpoint(genuine.signer, new Date('2026-11-02T04:00:00Z'));
    const files = ledgerExportFiles(ledger, genuine.certificatePem, EXPORTED_AT, evidence);
    const tree: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
    for (const [name, bytes] of files) tree[name] = name.startsWith('files/') ? [bytes, { level: 0 }] : bytes;
    const path = join(root, 'as-the-app.zip');
    writeFileSync(path, zipSync(tree, { level: 6 }));
    const run = mw('ledger', 'verify', path, '--institution', genuinePem);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('files checked: 4');
  }, SLOW);
});
