// The court's intake endpoint (issue 6 item 4), served by `mw intake` on its own and by `mw serve
// --intake-dir` beside the court's workstation (shared/protocol/intake.ts):
//   POST /intake           the package zip as the body, streamed to a file while it is hashed —
//                          never held whole in memory — and refused past the size limit; when the
//                          sender names the bytes (x-package-sha256), a copy damaged on the way is
//                          refused and nothing is kept
//   GET  /intake/<sha256>  the stored answer for a package already received, 404 otherwise
// Anyone who can reach it may post (it takes no credentials), so what a post can take is bounded
// (see docs/security.md): a few uploads at once (503 after; fewer from any one address), each delivering a minimum number of
// bytes a minute (intake-pace.ts) and written only while the disk keeps its reserve beside every
// other upload (intake-disk.ts). With a trust list (the institutions the court registered), a
// package is kept only when its manifest is signed by one of them — read from its few small files
// before anything is hashed — and everything else is answered and deleted; a body that is not a
// package is answered and deleted too (intake-store.ts keeps the answers, bounded). Packages are
// stored once, by SHA-256, verified as the clerk verifies them (shared/confirmation/zip-package.ts
// with Node's hashes); an answer is reused only under the trust setting it was reached under.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, rmSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { checkResult, detail } from '../../../shared/confirmation/check-detail';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import { certificateFingerprints, isRegisteredSigner, trustKey, type PackageSigner } from '../../../shared/confirmation/trust';
import { PackageUnusableError, readPackageSigner, type CheckResult } from '../../../shared/confirmation/verify';
import { verifyZipPackage, zipPackageReader } from '../../../shared/confirmation/zip-package';
import { DEFAULT_ZIP_LIMITS, openZip, ZipRefusedError } from '../../../shared/archive';
import { INTAKE_PATH, PACKAGE_SHA256_HEADER, packageSha256Schema, type InboxPage, type InboxQuery, type IntakeAnswer, type IntakeRecord } from '../../../shared/protocol/intake';
import { diskBudget, diskFreeSpace, type DiskClaim, type FreeSpaceProbe } from './intake-disk';
import { DEFAULT_PACE, watchPace, type PaceLimit } from './intake-pace';
import { DEFAULT_STORE_LIMITS, IntakeStore, type StoreLimits } from './intake-store';
import { fileSource, NODE_ZIP_HOOKS } from './zip-source';
import { allowLongUploads } from '../../../node/http';

export { intakeAnswerSchema, type IntakeAnswer } from '../../../shared/protocol/intake';

export interface IntakeOptions {
  /** Where packages (packages/<sha256>.zip), their records and the answers of bodies not kept are kept. */
  dir: string;
  maxBytes: number;
  /** The institutions the court registered (and CAs issuing theirs): with it, only their packages are kept. */
  trustedInstitutionPems?: string[];
  now?: () => Date;
  log?: (line: string) => void;
  /** Uploads received at once; one more is answered 503. Default 4. */
  maxConcurrentUploads?: number;
  /** Uploads received at once from one address, so that one sender never holds every slot. Default one less than maxConcurrentUploads. */
  maxUploadsPerAddress?: number;
  /** Free space kept on the intake's disk whatever arrives. Default 1 GiB. */
  diskReserveBytes?: number;
  /** How much the disk has free (tests pass their own). */
  freeSpace?: FreeSpaceProbe;
  /** The minimum rate of an upload; a slower one is cut off. */
  pace?: PaceLimit;
  limits?: Partial<StoreLimits>;
}

export interface IntakeServer {
  url: string;
  close(): Promise<void>;
}

/** Free space kept on the intake's disk beyond the packages being received. */
export const DISK_RESERVE_BYTES = 1024 * 1024 * 1024;
/** Content types a package may be posted as; a cross-origin page cannot send these without a preflight, which is never answered. */
const PACKAGE_TYPES = ['application/zip', 'application/octet-stream', 'application/x-zip-compressed'];

interface Meter extends Transform {
  bytes: number;
  tooLarge: boolean;
  noRoom: boolean;
}

/**
 * Counts and hashes the body as it passes, each chunk written only when the disk has room for it.
 * Past the size limit, or out of room, nothing more is passed on (or kept), but the rest is still
 * read: a sender gets its answer only once it has finished sending, since an answer sent while it
 * is still uploading reaches most HTTP clients as a broken connection.
 */
function meter(limit: number, hash: ReturnType<typeof createHash>, claim: DiskClaim, counted: (bytes: number) => void): Meter {
  const t = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      t.bytes += chunk.length;
      counted(chunk.length);
      if (t.bytes > limit) t.tooLarge = true;
      if (t.tooLarge || t.noRoom) return done();
      if (!claim.take(chunk.length)) {
        t.noRoom = true;
        return done();
      }
      hash.update(chunk);
      done(null, chunk);
    },
  }) as Meter;
  t.bytes = 0;
  t.tooLarge = false;
  t.noRoom = false;
  return t;
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra });
  res.end(text);
}

const NO_ROOM = 'The court’s intake has no room for the package now; try again later, or deliver it as a file.';

export interface IntakeHandler {
  /** Answers /intake and /intake/<sha256>; false for any other path (the caller answers it). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** One page of the registered or the unknown signers' packages, newest first: for the clerk's inbox (never served to the network). */
  inbox(query: InboxQuery): InboxPage;
  /** How many certificates the intake trusts (0: no trust list). */
  trusted(): number;
  /** The stored zip of a received package, or null. */
  packagePath(sha256: string): string | null;
  /** Answers reached under another trust setting, reached again (started with the handler; tests wait for it). */
  readonly refreshed: Promise<void>;
}

/**
 * What is answered for a body: the answer, and what became of the package — kept for the clerk,
 * answered and deleted (not a package, or an institution the court has not registered), or
 * verified but past the quota of unknown signers' packages (no_room).
 */
interface Settled {
  answer: IntakeAnswer;
  outcome: 'kept' | 'answered' | 'no_room';
}

export function createIntakeHandler(options: IntakeOptions): IntakeHandler {
  const trusted = options.trustedInstitutionPems ? certificateFingerprints(options.trustedInstitutionPems) : null;
  const trust = trustKey(trusted);
  const store = new IntakeStore(options.dir, trusted, { ...DEFAULT_STORE_LIMITS, ...options.limits });
  const incoming = join(options.dir, 'incoming');
  const now = options.now ?? (() => new Date());
  const maxUploads = options.maxConcurrentUploads ?? 4;
  const maxPerAddress = options.maxUploadsPerAddress ?? Math.max(1, maxUploads - 1);
  /** Uploads under way by the sender's address. */
  const byAddress = new Map<string, number>();
  const disk = diskBudget(options.freeSpace ?? diskFreeSpace(options.dir), options.diskReserveBytes ?? DISK_RESERVE_BYTES, { makeRoom: (bytes) => store.makeRoom(bytes) });
  const pace = options.pace ?? DEFAULT_PACE;
  let uploads = 0;
  /** Verifications under way, by hash: a second copy waits for the first one's answer. */
  const running = new Map<string, Promise<Settled>>();
  const tooLarge = `The package is larger than the ${options.maxBytes} bytes this intake accepts.`;

  // Parts of uploads a crash interrupted.
  for (const name of readdirSync(incoming)) if (name.endsWith('.part')) rmSync(join(incoming, name), { force: true });

  /** The answer reached under the current trust setting, if there is one. */
  function currentAnswer(sha256: string): Settled | null {
    const kept = store.keptRecord(sha256);
    if (kept?.trust === trust) return { answer: kept.answer, outcome: 'kept' };
    const answered = kept ? null : store.answeredRecord(sha256);
    return answered?.trust === trust ? { answer: answered.answer, outcome: 'answered' } : null;
  }

  /**
   * The package's signer from its small files; when the court has a trust list and the signer is
   * not on it, the answer refusing it (nothing else is read).
   */
  async function signerOf(path: string, sha256: string, receivedOn: string): Promise<{ signer: PackageSigner | null; refusal: IntakeAnswer | null }> {
    const source = await fileSource(path);
    try {
      const { signer, problems } = await readPackageSigner(zipPackageReader(await openZip(source, DEFAULT_ZIP_LIMITS, NODE_ZIP_HOOKS)));
      if (trusted === null || isRegisteredSigner(signer, trusted)) return { signer, refusal: null };
      const unknown: CheckResult[] = signer
        ? [checkResult('institution.pinned', false, detail('pinned.unknown', { fingerprint: (signer.certificateSha256.toUpperCase().match(/../g) as string[]).join(':') }))]
        : problems;
      return { signer, refusal: { packageSha256: sha256, verdict: 'invalid', problems: unknown.map((c) => `${c.id}: ${c.message}`), details: unknown.map((c) => c.detail), receivedOn, packageId: null } };
    } finally {
      await source.close();
    }
  }

  async function verify(path: string, sha256: string, receivedOn: string): Promise<IntakeAnswer> {
    const source = await fileSource(path);
    try {
      const report = await verifyZipPackage(source, { receivedOn, hooks: NODE_ZIP_HOOKS, ...(options.trustedInstitutionPems ? { trustedInstitutionPems: options.trustedInstitutionPems } : {}) });
      const failed = report.checks.filter((c) => !c.ok);
      return { packageSha256: sha256, verdict: report.ok ? 'valid' : 'invalid', problems: failed.map((c) => `${c.id}: ${c.message}`), details: failed.map((c) => c.detail), receivedOn, packageId: report.summary?.packageId ?? null };
    } finally {
      await source.close();
    }
  }

  /**
   * The answer for a body at `temp` (null: a package already kept, answered again under a new
   * trust setting). Kept only when it is a package, and with a trust list only when a registered
   * institution signed it; otherwise answered, recorded among the bounded answers and deleted.
   */
  async function settle(sha256: string, temp: string | null): Promise<Settled> {
    const known = currentAnswer(sha256);
    if (known) {
      if (temp) rmSync(temp, { force: true });
      return known;
    }
    // A package kept before is answered again as received then: the court's clock runs from receipt.
    const receivedOn = store.keptRecord(sha256)?.answer.receivedOn ?? todayIn(INSTITUTION_TIME_ZONE, now());
    let path = temp ?? store.zipPath(sha256);
    let record: IntakeRecord;
    try {
      const { signer, refusal } = await signerOf(path, sha256, receivedOn);
      if (refusal) return answerWithout({ answer: refusal, trust, signer }, temp);
      if (temp) path = store.keep(temp, sha256);
      record = { answer: await verify(path, sha256, receivedOn), trust, signer };
    } catch (error) {
      if (!(error instanceof ZipRefusedError || error instanceof PackageUnusableError)) throw error;
      // Not a package at all: answered and deleted, also when an earlier intake had kept it.
      const answer: IntakeAnswer = { packageSha256: sha256, verdict: 'unusable', problems: [error.message], details: [error.detail], receivedOn, packageId: null };
      store.recordAnswered({ answer, trust, signer: null }, path);
      return { answer, outcome: 'answered' };
    }
    return { answer: record.answer, outcome: store.recordKept(record) ? 'kept' : 'no_room' };
  }

  /**
   * A package whose signer the trust list refuses: a new upload is answered and its bytes deleted. A
   * package already kept (temp null: answered again under a new trust list) keeps its bytes with the
   * new answer, among the unknown signers': the clerk may not have imported it yet, and changing the
   * trust list must never delete a filing.
   */
  function answerWithout(record: IntakeRecord, temp: string | null): Settled {
    if (temp) {
      store.recordAnswered(record, temp);
      return { answer: record.answer, outcome: 'answered' };
    }
    return { answer: record.answer, outcome: store.recordKept(record) ? 'kept' : 'no_room' };
  }

  function settleOnce(sha256: string, temp: string | null): Promise<Settled> {
    let pending = running.get(sha256);
    if (pending) {
      if (temp) rmSync(temp, { force: true });
      return pending;
    }
    pending = settle(sha256, temp).finally(() => running.delete(sha256));
    running.set(sha256, pending);
    return pending;
  }

  /** The body into incoming/, hashed and counted; the temporary file's path and the hash, or an answer already sent. */
  async function upload(req: IncomingMessage, res: ServerResponse, claim: DiskClaim): Promise<{ temp: string; sha256: string } | null> {
    const temp = join(incoming, `${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    const watch = watchPace(pace, () => {
      options.log?.(`${new Date().toISOString()} cut off an upload slower than ${pace.minBytes} bytes in ${pace.windowMs} ms`);
      req.destroy();
    });
    const counter = meter(options.maxBytes, hash, claim, (bytes) => watch.count(bytes));
    const file = createWriteStream(temp, { flags: 'wx', highWaterMark: 1024 * 1024 });
    claim.track(file);
    try {
      await pipeline(req, counter, file);
    } catch {
      rmSync(temp, { force: true });
      send(res, 400, { error: 'The upload was interrupted.' });
      return null;
    } finally {
      watch.stop();
    }
    const refusal: [number, string] | null = counter.tooLarge ? [413, tooLarge] : counter.noRoom ? [507, NO_ROOM] : counter.bytes === 0 ? [400, 'The request has no body: POST the package zip itself.'] : null;
    if (refusal) {
      rmSync(temp, { force: true });
      send(res, refusal[0], { error: refusal[1] });
      return null;
    }
    return { temp, sha256: hash.digest('hex') };
  }

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      req.resume();
      return send(res, 413, { error: tooLarge });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!PACKAGE_TYPES.includes(type)) {
      req.resume();
      return send(res, 415, { error: 'POST the package zip itself with Content-Type: application/zip (curl -H "Content-Type: application/zip" --data-binary @package.zip …).' });
    }
    const named = req.headers[PACKAGE_SHA256_HEADER];
    if (named !== undefined && !packageSha256Schema.safeParse(named).success) {
      req.resume();
      return send(res, 400, { error: `${PACKAGE_SHA256_HEADER} must be the package's SHA-256 in lowercase hex.` });
    }
    const address = req.socket.remoteAddress ?? '';
    if (uploads >= maxUploads || (byAddress.get(address) ?? 0) >= maxPerAddress) {
      req.resume();
      res.setHeader('connection', 'close');
      return send(res, 503, { error: 'The court’s intake is receiving other packages; try again in a minute.' }, { 'retry-after': '30' });
    }
    const claim = disk.admit(Number.isFinite(declared) ? declared : 0);
    if (!claim) {
      req.resume();
      return send(res, 507, { error: NO_ROOM });
    }
    uploads += 1;
    byAddress.set(address, (byAddress.get(address) ?? 0) + 1);
    let received: { temp: string; sha256: string } | null;
    try {
      received = await upload(req, res, claim);
    } finally {
      uploads -= 1;
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
      claim.release();
    }
    if (!received) return;
    const { temp, sha256 } = received;
    if (named !== undefined && named !== sha256) {
      rmSync(temp, { force: true });
      return send(res, 400, { error: `The package arrived damaged: its SHA-256 is ${sha256}, not ${named as string}. Nothing was kept; send it again.` });
    }
    const { answer, outcome } = await settleOnce(sha256, temp);
    options.log?.(`${new Date().toISOString()} ${sha256} ${answer.verdict}${outcome === 'kept' ? '' : ` (${outcome === 'answered' ? 'answered, not kept' : 'no room'})`}`);
    // Verified but not kept: the sender must not think it delivered.
    if (outcome === 'no_room') return send(res, 507, { error: 'The court’s intake keeps no more packages of institutions it has not registered now; ask the court to register your institution, or deliver the package as a file.' });
    send(res, 200, answer);
  }

  function status(res: ServerResponse, sha256: string): void {
    const known = packageSha256Schema.safeParse(sha256).success ? currentAnswer(sha256) : null;
    if (known) send(res, 200, known.answer);
    else send(res, 404, { error: 'No package with this SHA-256 has been received.' });
  }

  /** Packages kept under another trust setting (or before records named one) are answered again, one at a time. */
  async function refreshStale(): Promise<void> {
    for (const sha256 of store.staleUnder(trust)) {
      try {
        await settleOnce(sha256, null);
      } catch (error) {
        options.log?.(`intake error: ${sha256} could not be verified again (${(error as Error).message})`);
      }
    }
  }

  function route(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const prefix = `${INTAKE_PATH}/`;
    if (req.method === 'GET' && path.startsWith(prefix)) {
      req.resume();
      status(res, path.slice(prefix.length));
      return true;
    }
    if (path !== INTAKE_PATH) return false;
    if (req.method !== 'POST') {
      req.resume();
      send(res, 405, { error: 'POST the package zip to /intake.' }, { allow: 'POST' });
      return true;
    }
    receive(req, res).catch((error: unknown) => {
      options.log?.(`intake error: ${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, { error: 'The package could not be received.' });
    });
    return true;
  }

  return {
    handle(req, res) {
      try {
        return route(req, res);
      } catch (error) {
        options.log?.(`intake error: ${(error as Error).message}`);
        req.resume();
        if (!res.headersSent) send(res, 500, { error: 'The intake could not answer this request.' });
        return true;
      }
    },
    inbox: (query) => store.page(query),
    trusted: () => trusted?.size ?? 0,
    packagePath: (sha256) => store.packagePath(sha256),
    refreshed: refreshStale(),
  };
}

/** `mw intake`: the endpoint alone on its own port. */
export async function startIntake(port: number, host: string, options: IntakeOptions): Promise<IntakeServer> {
  const intake = createIntakeHandler(options);
  const server: Server = createServer((req, res) => {
    if (intake.handle(req, res)) return;
    req.resume();
    send(res, 404, { error: 'Not found: POST packages to /intake.' });
  });
  allowLongUploads(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}${INTAKE_PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
