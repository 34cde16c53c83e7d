// `npm run bench -- package`: building and verifying a judicial-confirmation package over N MiB of
// random evidence (default 1 GiB; BENCH_PACKAGE_MIB shrinks it), beside the references of the
// issue, measured in the same run over the same files:
//   building   ≤ 1.5 × the time of `zip -0 -r`
//   verifying  ≥ 0.7 × the throughput of `sha256sum`
//   memory     < 300 MB peak RSS for either, whatever the package size
// Each side runs in a process of its own so its peak RSS is its own (ours from
// process.resourceUsage(), the tools' from /usr/bin/time). The package is a complete one — signed
// agreement, ledger with a checkpoint and inclusion proofs — and must verify, or the run fails.
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, randomFillSync, sign } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = fileURLToPath(new URL('../../', import.meta.url));
const MiB = 1024 * 1024;
const FILE_MIB = 32;
const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (message) => process.stderr.write(`bench package: ${message}\n`);
const peakRssMiB = () => round(process.resourceUsage().maxRSS / 1024, 1);

const role = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);
if (role) {
  const spec = JSON.parse(readFileSync(process.argv[process.argv.length - 1], 'utf8'));
  process.stdout.write(`${JSON.stringify(role === 'build' ? await childBuild(spec) : await childVerify(spec))}\n`);
  process.exit(0);
}

/** Builds the package from the files on disk to spec.out, as the app's Electron side would stream it. */
async function childBuild(spec) {
  const { buildPackage } = await import('../../shared/confirmation/build.ts');
  const { crc32 } = await import('node:zlib');
  const key = createPrivateKey(spec.privateKeyPem);
  const files = spec.files.map((f) => ({
    path: f.path,
    role: f.role,
    size: f.size,
    ...(f.ledgerSeq !== undefined ? { ledgerSeq: f.ledgerSeq } : {}),
    ...(f.party !== undefined ? { party: f.party } : {}),
    open: () => createReadStream(join(spec.dir, f.path), { highWaterMark: MiB }),
  }));
  const started = performance.now();
  const build = buildPackage({
    manifestInput: spec.manifestInput,
    files,
    sign: { certificatePem: spec.certificatePem, chainPems: [], sign: async (data) => new Uint8Array(sign('sha256', data, key)) },
    now: new Date(spec.now),
    sha256: () => {
      const hash = createHash('sha256');
      return { update: (data) => void hash.update(data), digest: () => new Uint8Array(hash.digest()) };
    },
    crc32: (data, previous) => crc32(data, previous),
  });
  const out = createWriteStream(spec.out, { highWaterMark: 4 * MiB });
  for await (const chunk of build.chunks) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  const built = await build.result;
  return { ms: performance.now() - started, peakRssMiB: peakRssMiB(), size: built.size, sha256: built.sha256 };
}

/** `mw package verify` in-process (the command's own code), timed from the call. */
async function childVerify(spec) {
  const { useNodeSha256 } = await import('../../node/native-sha256.ts');
  const { runPackage } = await import('../../cli/src/commands/package.ts');
  useNodeSha256();
  let output = '';
  const io = { out: (s) => (output += s), err: (s) => (output += s) };
  const started = performance.now();
  const code = await runPackage(['verify', spec.out, '--received', spec.receivedOn, '--json'], io);
  const ms = performance.now() - started;
  const report = JSON.parse(output);
  return { ms, peakRssMiB: peakRssMiB(), code, failed: report.failed };
}

/** A tool's wall time and, through /usr/bin/time, its peak RSS. */
function timeTool(command, args, cwd) {
  const timed = existsSync('/usr/bin/time');
  const started = performance.now();
  const run = timed ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * MiB }) : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * MiB });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  const rss = timed ? Number(run.stderr.trim().split('\n').pop()) : NaN;
  return { ms, peakRssMiB: Number.isFinite(rss) ? round(rss / 1024, 1) : null };
}

function runChild(name, specFile) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--child=${name}`, specFile], { encoding: 'utf8', maxBuffer: 64 * MiB });
  if (run.status !== 0) throw new Error(`the ${name} process failed: ${run.stderr}`);
  return { ...JSON.parse(run.stdout.trim().split('\n').pop()), processMs: performance.now() - started };
}

async function writeEvidence(file, bytes) {
  const handle = await open(file, 'w', 0o600);
  const hash = createHash('sha256');
  try {
    const buffer = Buffer.allocUnsafe(16 * MiB);
    for (let done = 0; done < bytes; ) {
      const n = Math.min(buffer.length, bytes - done);
      randomFillSync(buffer, 0, n);
      hash.update(buffer.subarray(0, n));
      await handle.write(buffer, 0, n, done);
      done += n;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

async function prepare(dir, evidenceMiB, now) {
  const { issueInstitutionCertificate } = await import('../../shared/identity/institution.ts');
  const { demoAgreement } = await import('../../cli/src/commands/demo-agreement.ts');
  const { CaseLedger } = await import('../../shared/ledger/ledger.ts');
  const { packageLedgerFiles } = await import('../../shared/confirmation/build.ts');
  const { confirmationDeadline, todayIn, INSTITUTION_TIME_ZONE } = await import('../../shared/domain/deadlines.ts');
  const { PDFDocument } = await import('pdf-lib');

  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  const institution = { name: '芜湖市镜湖区人民调解委员会', creditCode: '51340202MJ00000007' };
  const { certificatePem, keyId } = issueInstitutionCertificate(institution, keys, new Date(now.getTime() - 86_400_000));
  const agreement = await demoAgreement({ name: institution.name, certificatePem, privateKeyPem: keys.privateKeyPem }, '（2026）镜解字第00042号', now);

  const files = [];
  const put = (path, role, bytes, extra = {}) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
    files.push({ path, role, size: bytes.length, ...extra });
  };
  const caseId = '5b1f0c2e-8d7a-4c39-9e21-7f3a6b0d4c11';
  const ledger = new CaseLedger(caseId);
  const record = (title, kind, mediaType, size, sha256) =>
    ledger.append({ action: 'add', refersTo: null, kind, title, mediaType, size, contentSha256: sha256, author: { id: 'm1', name: '王芳' }, submittedBy: kind === 'file' ? 'applicant' : null, shownToOtherParty: true, createdAt: now.toISOString() }).seq;

  const count = Math.max(1, Math.ceil(evidenceMiB / FILE_MIB));
  const evidence = [];
  for (let i = 0; i < count; i++) {
    const path = `evidence/证据-${String(i + 1).padStart(3, '0')}.bin`;
    const size = Math.min(FILE_MIB, evidenceMiB - i * FILE_MIB) * MiB;
    mkdirSync(join(dir, 'evidence'), { recursive: true });
    const sha256 = await writeEvidence(join(dir, path), size);
    evidence.push({ path, size, seq: record(path.slice('evidence/'.length), 'file', 'application/octet-stream', size, sha256) });
  }
  const agreementSeq = record('人民调解协议书', 'agreement', 'application/pdf', agreement.pdf.length, createHash('sha256').update(agreement.pdf).digest('hex'));
  const checkpoint = await ledger.checkpoint(async (data) => ({ signature: sign('sha256', data, privateKey).toString('base64'), keyId }), now);

  const application = await PDFDocument.create();
  application.addPage([595, 842]);
  put('application.pdf', 'application', await application.save({ useObjectStreams: false }));
  put('agreement.pdf', 'agreement', agreement.pdf, { ledgerSeq: agreementSeq });
  put('identity/张堃-居民身份证.jpg', 'identity', randomFillSync(new Uint8Array(200_000)), { party: 'p1' });
  put('identity/李喆-居民身份证.jpg', 'identity', randomFillSync(new Uint8Array(200_000)), { party: 'p2' });
  for (const e of evidence) files.push({ path: e.path, role: 'evidence', size: e.size, ledgerSeq: e.seq });
  for (const [path, bytes] of packageLedgerFiles(ledger, checkpoint, [...evidence.map((e) => e.seq), agreementSeq], certificatePem, now)) put(path, 'ledger', bytes);

  const today = todayIn(INSTITUTION_TIME_ZONE, now);
  const manifestInput = {
    packageId: 'bench-package',
    case: {
      caseId,
      number: '（2026）镜解字第00042号',
      category: 'LEN',
      parties: [
        { id: 'p1', kind: 'natural', name: '张堃', side: 'applicant', idNumberMasked: '340202********1231', principalId: null },
        { id: 'p2', kind: 'natural', name: '李喆', side: 'respondent', idNumberMasked: '340202********0028', principalId: null },
      ],
      agreementEffectiveOn: today,
      confirmationDeadline: confirmationDeadline(today),
      concernsProperty: false,
    },
    court: { name: '芜湖市镜湖区人民法院', code: '皖0202' },
    jurisdiction: 'mediation_organisation_seat',
    institution,
  };
  return { files, manifestInput, certificatePem, privateKeyPem: keys.privateKeyPem, receivedOn: today };
}

const evidenceMiB = Number(process.env.BENCH_PACKAGE_MIB ?? 1024);
if (!Number.isInteger(evidenceMiB) || evidenceMiB < 1) throw new Error('BENCH_PACKAGE_MIB must be a whole number of MiB.');
const workDir = join(root, 'test-results', 'bench', `package-${process.pid}`);
rmSync(workDir, { recursive: true, force: true });
const dir = join(workDir, 'files');
mkdirSync(dir, { recursive: true });
try {
  const now = new Date();
  log(`writing ${evidenceMiB} MiB of random evidence in ${FILE_MIB} MiB files, with a signed agreement and ledger`);
  const prepared = await prepare(dir, evidenceMiB, now);
  const spec = { ...prepared, dir, out: join(workDir, 'package.zip'), now: now.toISOString() };
  const specFile = join(workDir, 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const inputs = prepared.files.map((f) => f.path);
  const inputBytes = prepared.files.reduce((n, f) => n + f.size, 0);

  // One untimed read of everything, so every side reads from the page cache; and a sync before
  // each side, so none pays for writing back what the one before it wrote.
  spawnSync('sha256sum', inputs, { cwd: dir, maxBuffer: 64 * MiB });
  const settle = () => spawnSync('sync');
  settle();
  log('zip -0 -r over the same files');
  const zip = timeTool('zip', ['-0', '-r', '-q', join(workDir, 'reference.zip'), ...new Set(inputs.map((p) => p.split('/')[0]))], dir);
  settle();
  log('building the package');
  const build = runChild('build', specFile);
  settle();
  log('sha256sum over the same files');
  const sums = timeTool('sha256sum', inputs, dir);
  log('verifying the package (mw package verify)');
  const verify = runChild('verify', specFile);
  if (verify.code !== 0) throw new Error(`the benchmark package did not verify: ${verify.failed.join(', ')}`);

  const mbPerS = (bytes, ms) => round(bytes / 1e6 / (ms / 1000), 1);
  console.log(
    JSON.stringify(
      {
        bench: 'package',
        evidenceMiB,
        files: prepared.files.length,
        inputBytes,
        packageBytes: statSync(spec.out).size,
        build: {
          ms: Math.round(build.ms),
          processMs: Math.round(build.processMs),
          peakRssMiB: build.peakRssMiB,
          reference: { tool: 'zip -0 -r', ms: Math.round(zip.ms), peakRssMiB: zip.peakRssMiB },
          ratioToReference: round(build.ms / zip.ms),
          targetRatio: 1.5,
        },
        verify: {
          ms: Math.round(verify.ms),
          processMs: Math.round(verify.processMs),
          mbPerS: mbPerS(inputBytes, verify.ms),
          peakRssMiB: verify.peakRssMiB,
          reference: { tool: 'sha256sum', ms: Math.round(sums.ms), mbPerS: mbPerS(inputBytes, sums.ms), peakRssMiB: sums.peakRssMiB },
          throughputRatioToReference: round(sums.ms / verify.ms),
          targetRatio: 0.7,
        },
        memory: { buildPeakRssMiB: build.peakRssMiB, verifyPeakRssMiB: verify.peakRssMiB, targetMB: 300, targetMiB: round(300e6 / MiB, 1) },
      },
      null,
      2,
    ),
  );
} finally {
  if (process.env.BENCH_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
}
