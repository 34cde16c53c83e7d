// The court's intake endpoint (issue 6 item 4), served by `mw intake` on its own and by `mw serve
// --intake-dir` beside the court's workstation (shared/protocol/intake.ts):
//   POST /intake           the package zip as the body, streamed to a file while it is hashed —
//                          never held whole in memory — and refused past the size limit; when the
//                          sender names the bytes (x-package-sha256), a copy damaged on the way is
//                          refused and nothing is kept
//   GET  /intake/<sha256>  the stored answer for a package already received, 404 otherwise
// Packages are stored once, by SHA-256: the same package posted again (or twice at once) gets the
// same answer from the same stored verification, which is the clerk's own
// (shared/confirmation/zip-package.ts with Node's hashes). A few uploads run at once; more are
// told to come back (503), so a flood cannot fill the disk in parallel.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import { PackageUnusableError } from '../../../shared/confirmation/verify';
import { verifyZipPackage } from '../../../shared/confirmation/zip-package';
import { ZipRefusedError } from '../../../shared/confirmation/zip-source';
import { INTAKE_PATH, intakeAnswerSchema, PACKAGE_SHA256_HEADER, packageSha256Schema, type InboxItem, type IntakeAnswer } from '../../../shared/protocol/intake';
import { fileSource, NODE_ZIP_HOOKS } from './zip-source';

export { intakeAnswerSchema, type IntakeAnswer } from '../../../shared/protocol/intake';

export interface IntakeOptions {
  /** Where packages (packages/<sha256>.zip) and answers (<sha256>.json) are kept. */
  dir: string;
  maxBytes: number;
  trustedInstitutionPems?: string[];
  now?: () => Date;
  log?: (line: string) => void;
  /** Uploads received at once; one more is answered 503. Default 4. */
  maxConcurrentUploads?: number;
}

export interface IntakeServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Counts and hashes the body as it passes. Past the limit nothing more is passed on (or kept),
 * but the rest is still read: a sender gets its 413 only once it has finished sending, since an
 * answer sent while it is still uploading reaches most HTTP clients as a broken connection.
 */
function meter(limit: number, hash: ReturnType<typeof createHash>): Transform & { bytes: number; tooLarge: boolean } {
  const t = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      t.bytes += chunk.length;
      if (t.bytes > limit) t.tooLarge = true;
      if (t.tooLarge) return done();
      hash.update(chunk);
      done(null, chunk);
    },
  }) as Transform & { bytes: number; tooLarge: boolean };
  t.bytes = 0;
  t.tooLarge = false;
  return t;
}

/** Free space kept on the intake's disk beyond the package being received. */
const DISK_RESERVE_BYTES = 1024 * 1024 * 1024;
/** A sender that sends nothing for this long is cut off (a whole upload may take hours). */
export const INTAKE_IDLE_TIMEOUT_MS = 120_000;
/** Content types a package may be posted as; a cross-origin page cannot send these without a preflight, which is never answered. */
const PACKAGE_TYPES = ['application/zip', 'application/octet-stream', 'application/x-zip-compressed'];
/** The inbox lists at most this many, newest first. */
const MAX_INBOX_ITEMS = 1000;

/** Uploads may take hours: no limit on the whole request, only on silence. */
export function allowLongUploads(server: Server): void {
  server.requestTimeout = 0;
  server.on('request', (req: IncomingMessage) => req.setTimeout(INTAKE_IDLE_TIMEOUT_MS, () => req.destroy()));
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra });
  res.end(text);
}

export interface IntakeHandler {
  /** Answers /intake and /intake/<sha256>; false for any other path (the caller answers it). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** What was received, newest first: for the clerk's inbox (never served to the network). */
  inbox(): InboxItem[];
  /** The stored zip of a received package, or null. */
  packagePath(sha256: string): string | null;
}

export function createIntakeHandler(options: IntakeOptions): IntakeHandler {
  const store = join(options.dir, 'packages');
  const incoming = join(options.dir, 'incoming');
  mkdirSync(store, { recursive: true });
  mkdirSync(incoming, { recursive: true });
  const now = options.now ?? (() => new Date());
  const maxUploads = options.maxConcurrentUploads ?? 4;
  let uploads = 0;
  /** Verifications under way, by hash: a second copy waits for the first one's answer. */
  const running = new Map<string, Promise<IntakeAnswer>>();
  const tooLarge = `The package is larger than the ${options.maxBytes} bytes this intake accepts.`;

  // Parts of uploads a crash interrupted.
  for (const name of readdirSync(incoming)) if (name.endsWith('.part')) rmSync(join(incoming, name), { force: true });

  /** The stored answer; null when there is none, or it cannot be read (then the package is verified again). */
  function storedAnswer(sha256: string): IntakeAnswer | null {
    try {
      const parsed = intakeAnswerSchema.safeParse(JSON.parse(readFileSync(join(store, `${sha256}.json`), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  function saveAnswer(answer: IntakeAnswer): void {
    const temp = join(incoming, `${answer.packageSha256}.${randomBytes(4).toString('hex')}.json.part`);
    writeFileSync(temp, `${JSON.stringify(intakeAnswerSchema.parse(answer), null, 2)}\n`);
    renameSync(temp, join(store, `${answer.packageSha256}.json`));
  }

  /** Enough disk for `bytes` more and the reserve; unknown (no statfs) counts as enough. */
  function roomFor(bytes: number): boolean {
    try {
      const fs = statfsSync(options.dir);
      return fs.bavail * fs.bsize >= bytes + DISK_RESERVE_BYTES;
    } catch {
      return true;
    }
  }

  async function verifyStored(sha256: string, zipPath: string): Promise<IntakeAnswer> {
    const stored = storedAnswer(sha256);
    if (stored) return stored;
    const receivedOn = todayIn(INSTITUTION_TIME_ZONE, now());
    const source = await fileSource(zipPath);
    let answer: IntakeAnswer;
    try {
      const report = await verifyZipPackage(source, { receivedOn, hooks: NODE_ZIP_HOOKS, ...(options.trustedInstitutionPems ? { trustedInstitutionPems: options.trustedInstitutionPems } : {}) });
      const failed = report.checks.filter((c) => !c.ok);
      const problems = failed.map((c) => `${c.id}: ${c.message}`);
      answer = { packageSha256: sha256, verdict: report.ok ? 'valid' : 'invalid', problems, details: failed.map((c) => c.detail), receivedOn, packageId: report.summary?.packageId ?? null };
    } catch (error) {
      if (!(error instanceof ZipRefusedError || error instanceof PackageUnusableError)) throw error;
      answer = { packageSha256: sha256, verdict: 'unusable', problems: [error.message], details: [error.detail], receivedOn, packageId: null };
    } finally {
      await source.close();
    }
    saveAnswer(answer);
    return answer;
  }

  /** The body into incoming/, hashed and counted; the temporary file's path and the hash, or an answer already sent. */
  async function upload(req: IncomingMessage, res: ServerResponse): Promise<{ temp: string; sha256: string } | null> {
    const temp = join(incoming, `${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    const counter = meter(options.maxBytes, hash);
    try {
      await pipeline(req, counter, createWriteStream(temp, { flags: 'wx', highWaterMark: 1024 * 1024 }));
    } catch {
      rmSync(temp, { force: true });
      send(res, 400, { error: 'The upload was interrupted.' });
      return null;
    }
    if (counter.tooLarge) {
      rmSync(temp, { force: true });
      send(res, 413, { error: tooLarge });
      return null;
    }
    if (counter.bytes === 0) {
      rmSync(temp, { force: true });
      send(res, 400, { error: 'The request has no body: POST the package zip itself.' });
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
    if (!roomFor(Number.isFinite(declared) ? declared : 0)) {
      req.resume();
      return send(res, 507, { error: 'The court’s intake has no room for the package now; try again later, or deliver it as a file.' });
    }
    const named = req.headers[PACKAGE_SHA256_HEADER];
    if (named !== undefined && !packageSha256Schema.safeParse(named).success) {
      req.resume();
      return send(res, 400, { error: `${PACKAGE_SHA256_HEADER} must be the package's SHA-256 in lowercase hex.` });
    }
    if (uploads >= maxUploads) {
      req.resume();
      res.setHeader('connection', 'close');
      return send(res, 503, { error: 'The court’s intake is receiving other packages; try again in a minute.' }, { 'retry-after': '30' });
    }
    uploads += 1;
    let received: { temp: string; sha256: string } | null;
    try {
      received = await upload(req, res);
    } finally {
      uploads -= 1;
    }
    if (!received) return;
    const { temp, sha256 } = received;
    if (named !== undefined && named !== sha256) {
      rmSync(temp, { force: true });
      return send(res, 400, { error: `The package arrived damaged: its SHA-256 is ${sha256}, not ${named as string}. Nothing was kept; send it again.` });
    }
    const zipPath = join(store, `${sha256}.zip`);
    // Stored once: a copy already there (or arriving at the same moment) is dropped.
    if (existsSync(zipPath)) rmSync(temp, { force: true });
    else renameSync(temp, zipPath);
    let pending = running.get(sha256);
    if (!pending) {
      pending = verifyStored(sha256, zipPath).finally(() => running.delete(sha256));
      running.set(sha256, pending);
    }
    const answer = await pending;
    options.log?.(`${new Date().toISOString()} ${sha256} ${answer.verdict}`);
    send(res, 200, answer);
  }

  function status(res: ServerResponse, sha256: string): void {
    const answer = packageSha256Schema.safeParse(sha256).success ? storedAnswer(sha256) : null;
    if (answer) send(res, 200, answer);
    else send(res, 404, { error: 'No package with this SHA-256 has been received.' });
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
    inbox() {
      const items: InboxItem[] = [];
      for (const name of readdirSync(store)) {
        const sha256 = name.endsWith('.json') ? name.slice(0, -5) : '';
        if (!packageSha256Schema.safeParse(sha256).success) continue;
        const zip = statSync(join(store, `${sha256}.zip`), { throwIfNoEntry: false });
        const answer = zip ? storedAnswer(sha256) : null;
        if (answer && zip) items.push({ answer, size: zip.size, receivedAt: zip.mtime.toISOString() });
      }
      return items.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, MAX_INBOX_ITEMS);
    },
    packagePath(sha256) {
      if (!packageSha256Schema.safeParse(sha256).success || !storedAnswer(sha256)) return null;
      const path = join(store, `${sha256}.zip`);
      return existsSync(path) ? path : null;
    },
  };

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
