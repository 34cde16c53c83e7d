// The court's intake endpoint (issue 6 item 4): `POST /intake` with a package zip as the body.
// The body is streamed to a file in the intake folder while it is hashed — never held whole in
// memory — and refused past the size limit. Packages are stored once, by SHA-256: the same package
// posted again (or twice at once) gets the same answer from the same stored verification. The
// verification is the clerk's own (shared/confirmation/zip-package.ts with Node's hashes).
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { z } from 'zod';
import { INSTITUTION_TIME_ZONE, todayIn } from '../../../shared/domain/deadlines';
import { PackageUnusableError } from '../../../shared/confirmation/verify';
import { verifyZipPackage } from '../../../shared/confirmation/zip-package';
import { ZipRefusedError } from '../../../shared/confirmation/zip-source';
import { fileSource, NODE_ZIP_HOOKS } from './zip-source';

export const intakeAnswerSchema = z.strictObject({
  packageSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** valid: every check passed; invalid: a check failed (named in problems); unusable: not a usable package zip. */
  verdict: z.enum(['valid', 'invalid', 'unusable']),
  problems: z.array(z.string()),
  receivedOn: z.string(),
  packageId: z.string().nullable(),
});
export type IntakeAnswer = z.infer<typeof intakeAnswerSchema>;

export interface IntakeOptions {
  /** Where packages (packages/<sha256>.zip) and answers (<sha256>.json) are kept. */
  dir: string;
  maxBytes: number;
  trustedInstitutionPems?: string[];
  now?: () => Date;
  log?: (line: string) => void;
}

export interface IntakeServer {
  url: string;
  close(): Promise<void>;
}

class TooLarge extends Error {}

/** Counts and hashes the body as it passes; stops it at the limit. */
function meter(limit: number, hash: ReturnType<typeof createHash>): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      t.bytes += chunk.length;
      if (t.bytes > limit) return done(new TooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export async function startIntake(port: number, host: string, options: IntakeOptions): Promise<IntakeServer> {
  const store = join(options.dir, 'packages');
  const incoming = join(options.dir, 'incoming');
  mkdirSync(store, { recursive: true });
  mkdirSync(incoming, { recursive: true });
  const now = options.now ?? (() => new Date());
  /** Verifications under way, by hash: a second copy waits for the first one's answer. */
  const running = new Map<string, Promise<IntakeAnswer>>();

  async function verifyStored(sha256: string, zipPath: string): Promise<IntakeAnswer> {
    const answerPath = join(store, `${sha256}.json`);
    if (existsSync(answerPath)) return intakeAnswerSchema.parse(JSON.parse(readFileSync(answerPath, 'utf8')));
    const receivedOn = todayIn(INSTITUTION_TIME_ZONE, now());
    const source = await fileSource(zipPath);
    let answer: IntakeAnswer;
    try {
      const report = await verifyZipPackage(source, { receivedOn, hooks: NODE_ZIP_HOOKS, ...(options.trustedInstitutionPems ? { trustedInstitutionPems: options.trustedInstitutionPems } : {}) });
      const problems = report.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.message}`);
      answer = { packageSha256: sha256, verdict: report.ok ? 'valid' : 'invalid', problems, receivedOn, packageId: report.summary?.packageId ?? null };
    } catch (error) {
      if (!(error instanceof ZipRefusedError || error instanceof PackageUnusableError)) throw error;
      answer = { packageSha256: sha256, verdict: 'unusable', problems: [error.message], receivedOn, packageId: null };
    } finally {
      await source.close();
    }
    writeFileSync(answerPath, `${JSON.stringify(answer, null, 2)}\n`);
    return answer;
  }

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      req.resume();
      return send(res, 413, { error: `The package is larger than the ${options.maxBytes} bytes this intake accepts.` });
    }
    const temp = join(incoming, `${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    const counter = meter(options.maxBytes, hash);
    try {
      await pipeline(req, counter, createWriteStream(temp, { flags: 'wx', highWaterMark: 1024 * 1024 }));
    } catch (error) {
      rmSync(temp, { force: true });
      if (error instanceof TooLarge) {
        res.setHeader('connection', 'close');
        return send(res, 413, { error: `The package is larger than the ${options.maxBytes} bytes this intake accepts.` });
      }
      return send(res, 400, { error: 'The upload was interrupted.' });
    }
    if (counter.bytes === 0) {
      rmSync(temp, { force: true });
      return send(res, 400, { error: 'The request has no body: POST the package zip itself.' });
    }
    const sha256 = hash.digest('hex');
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

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/intake') {
      req.resume();
      return send(res, 404, { error: 'Not found: POST packages to /intake.' });
    }
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('allow', 'POST');
      return send(res, 405, { error: 'POST the package zip to /intake.' });
    }
    receive(req, res).catch((error: unknown) => {
      options.log?.(`intake error: ${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, { error: 'The package could not be received.' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/intake`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
