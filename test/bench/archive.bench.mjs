// `npm run bench -- archive`: how fast the one archive module (shared/archive) refuses hostile zips
// and reads and writes backups. The unit tests show what it refuses and that nothing is inflated
// or held (bytes counted, memory measured); how long it takes is measured here, never asserted
// there, since a loaded machine fails any stopwatch. Figures beside the bounds those tests once
// asserted:
//   a 64 MiB bomb, a 4 GiB claim, 3,000 small bombs, a lying entry: refused   ≤ 2,000 ms each
//   100,000 entries: refused                                                 ≤ 500 ms
//   `mw package verify --extract` on each hostile zip                        ≤ 3,000 ms
//   `mw ledger verify` on a 1 MB zip that inflates to 4 GiB: exit 2           peak memory < 200 MB
// and a backup of BENCH_ARCHIVE_CASES seeded cases (default 5,000) written and read, its container
// read beside fflate's unzipSync (what read backups before) in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { register } from 'tsx/esm/api';

register();
const archive = await import('../../shared/archive/index.ts');
const { decodeBackup, encodeBackup } = await import('../../shared/backup/codec.ts');
const { generateDataset, seedUsers } = await import('../../shared/seed/generate.ts');
const { runPackage } = await import('../../cli/src/commands/package.ts');
const { NODE_ZIP_HOOKS } = await import('../../cli/src/package/zip-source.ts');
const { manyEntries, rawZip } = await import('../unit/confirmation/raw-zip.ts');

const root = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.BENCH_ARCHIVE_RUNS ?? 5);
const CASES = Number(process.env.BENCH_ARCHIVE_CASES ?? 5000);
const log = (message) => process.stderr.write(`bench archive: ${message}\n`);
const round = (n) => Math.round(n * 10) / 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function medianMs(fn) {
  const runs = [];
  let value;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    value = await fn();
    runs.push(performance.now() - started);
  }
  return { ms: round(median(runs)), value };
}

/** What the reader says when it refuses the zip, or null when it does not. */
async function refusal(zip, hooks = archive.PORTABLE_ZIP_HOOKS) {
  try {
    await (await archive.openZip(archive.bytesSource(zip), archive.DEFAULT_ZIP_LIMITS, hooks)).hashAll();
    return null;
  } catch (error) {
    if (!(error instanceof archive.ZipRefusedError)) throw error;
    return error.message;
  }
}

log('hostile zips, read from memory by the reader');
const zeros = new Uint8Array(64 * 1024 * 1024);
const bomb = rawZip([{ name: 'evidence/video.mp4', data: zeros, method: 8 }]);
const claim = rawZip([{ name: 'evidence/big.bin', compressed: bomb.subarray(30 + 18, 30 + 18 + 4096), method: 8, declaredSize: 0xfffffffe, declaredCrc: 0 }]);
const page = new Uint8Array(1024 * 1024);
const packedPage = deflateRawSync(page);
const smallBombs = rawZip(Array.from({ length: 3_000 }, (_, i) => ({ name: `evidence/page-${i}.txt`, compressed: packedPage, method: 8, declaredSize: page.length, declaredCrc: crc32(page) })));
const liar = rawZip([{ name: 'evidence/small.txt', data: zeros, method: 8, declaredSize: 1000 }]);
const hostile = { bomb, claim, smallBombs, liar, entries100k: manyEntries(100_000), entries100kZip64: manyEntries(100_000, true) };
const reader = {};
for (const [name, zip] of Object.entries(hostile)) {
  const portable = await medianMs(() => refusal(zip));
  const node = await medianMs(() => refusal(zip, NODE_ZIP_HOOKS));
  if (portable.value === null || node.value === null) throw new Error(`${name} was accepted`);
  reader[name] = { zipBytes: zip.length, portableMs: portable.ms, nodeMs: node.ms, targetMs: name.startsWith('entries') ? 500 : 2000 };
}
// The same liar in memory (how a backup is read): refused within one piece past its size.
const inMemory = await medianMs(() => {
  const zip = archive.openZipBytes(liar);
  try {
    zip.read(zip.find('evidence/small.txt'));
    return null;
  } catch (error) {
    return error.message;
  }
});
if (inMemory.value === null) throw new Error('the lying entry was read from memory');
reader.liarInMemory = { zipBytes: liar.length, ms: inMemory.ms, targetMs: 2000 };

log('mw package verify --extract on hostile zips');
const dir = mkdtempSync(join(tmpdir(), 'bench-archive-'));
const cli = {};
const valid = new TextEncoder().encode('%PDF-1.7\n'.repeat(1000));
const packageHostile = {
  traversal: rawZip([{ name: '../../.bashrc', data: valid }]),
  symlink: rawZip([{ name: 'evidence/x', data: new TextEncoder().encode('/etc/shadow'), mode: 0o120777 }]),
  bomb: rawZip([{ name: 'evidence/a.bin', data: new Uint8Array(50 * 1024 * 1024), method: 8 }]),
  entries100k: hostile.entries100kZip64,
  encrypted: rawZip([{ name: 'evidence/a.pdf', data: valid, flags: 1 }]),
  notZip: valid,
};
for (const [name, zip] of Object.entries(packageHostile)) {
  const path = join(dir, `${name}.zip`);
  writeFileSync(path, zip);
  let attempt = 0;
  const run = await medianMs(async () => {
    const io = { out: () => undefined, err: () => undefined };
    try {
      return await runPackage(['verify', path, '--extract', join(dir, `${name}-${attempt++}`)], io);
    } catch {
      return 2;
    }
  });
  if (run.value !== 2) throw new Error(`mw package verify accepted ${name}`);
  cli[`package_${name}`] = { ms: run.ms, targetMs: 3000 };
}

log('mw ledger verify on a 1 MB zip that inflates to 4 GiB');
/** Four central entries pointing at one deflated GiB of zeros (each MiB flushed, so it stands alone). */
function overlappingBomb() {
  const mib = Buffer.alloc(1024 * 1024);
  const block = deflateRawSync(mib, { finishFlush: constants.Z_FULL_FLUSH });
  const data = Buffer.concat([...Array.from({ length: 1024 }, () => block), deflateRawSync(Buffer.alloc(0))]);
  let crc = 0;
  for (let i = 0; i < 1024; i++) crc = crc32(mib, crc);
  const names = ['entries.json', 'ledger.json', 'checkpoints.json', 'certificates.pem'];
  const local = Buffer.alloc(30 + names[0].length);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1024 ** 3, 22);
  local.writeUInt16LE(names[0].length, 26);
  local.write(names[0], 30);
  const central = names.map((name) => {
    const entry = Buffer.alloc(46 + name.length);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(1024 ** 3, 24);
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
const ledgerBomb = join(dir, 'ledger-bomb.zip');
writeFileSync(ledgerBomb, overlappingBomb());
/** `mw` in a child of its own: its exit code, wall time and own peak memory (VmHWM). */
function measuredMw(...args) {
  const script = [
    "import { register } from 'tsx/esm/api';",
    'register();',
    "const { main } = await import('./cli/src/main.ts');",
    'const started = performance.now();',
    'const code = await main(process.argv.slice(1));',
    "const hwm = /VmHWM:\\s*(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))?.[1];",
    'process.stderr.write(`\\nbench ${performance.now() - started} ${hwm ?? process.resourceUsage().maxRSS}\\n`);',
    'process.exitCode = code;',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: root, encoding: 'utf8' });
  const [, ms, kib] = /bench ([\d.]+) (\d+)\s*$/.exec(run.stderr) ?? [];
  return { code: run.status, ms: Number(ms), peakMiB: Number(kib) / 1024, named: run.stderr.includes('zip bomb') };
}
measuredMw('ledger', 'verify', ledgerBomb); // tsx compiles on a first run; the runs below measure verification
const ledgerRuns = Array.from({ length: Math.min(RUNS, 3) }, () => measuredMw('ledger', 'verify', ledgerBomb));
cli.ledger_bomb4GiB = {
  zipBytes: overlappingBomb().length,
  exitCodes: [...new Set(ledgerRuns.map((r) => r.code))],
  namesTheBomb: ledgerRuns.every((r) => r.named),
  ms: round(median(ledgerRuns.map((r) => r.ms))),
  peakMiB: round(Math.max(...ledgerRuns.map((r) => r.peakMiB))),
  targetPeakMiB: 200,
};
rmSync(dir, { recursive: true, force: true });

log(`a backup of ${CASES} seeded cases`);
const now = new Date('2026-12-01T00:00:00Z');
const password = { algorithm: 'PBKDF2-SHA256', iterations: 310_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' };
const users = seedUsers(7, now, Array.from({ length: 8 }, () => password));
const data = generateDataset({ cases: CASES, seed: 7, now, users });
const input = { meta: { createdAt: now.toISOString(), appVersion: 'bench' }, tables: { institution: [data.institution], settings: [data.settings], users: data.users, cases: data.cases, parties: data.parties, events: data.events } };
const nodeSha256 = () => {
  const hash = createHash('sha256');
  return { update: (chunk) => hash.update(chunk), hex: () => hash.digest('hex') };
};
const limits = { maxBytes: 2 ** 31, maxEntries: 1_000_000, maxUnpackedBytes: 2 ** 33 };
const encoded = await medianMs(() => encodeBackup(input, { createSha256: nodeSha256 }));
const bytes = encoded.value;
const decoded = await medianMs(() => decodeBackup(bytes, limits));
if (!decoded.value.ok) throw new Error(`the backup does not decode: ${decoded.value.detail}`);
const openLimits = { ...archive.DEFAULT_ZIP_LIMITS, maxCompressionRatio: Number.POSITIVE_INFINITY };
const container = await medianMs(() => {
  const zip = archive.openZipBytes(bytes, openLimits);
  for (const entry of zip.files) zip.read(entry);
});
const fflate = await medianMs(() => unzipSync(bytes));

const figures = {
  bench: 'archive',
  runs: RUNS,
  reader,
  cli,
  backup: {
    cases: CASES,
    fileBytes: bytes.length,
    encodeMs: encoded.ms,
    decodeMs: decoded.ms,
    containerMs: container.ms,
    fflateUnzipSyncMs: fflate.ms,
    ratioContainerToFflate: Math.round((container.ms / fflate.ms) * 100) / 100,
  },
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
