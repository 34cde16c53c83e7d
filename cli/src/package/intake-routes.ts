// The court-intake routes of `mw serve` (browser mode), beside the intake endpoint itself:
//   POST /intake-relay           the workstation's own page submits a package to a court's intake
//                                URL (header x-intake-url) through this server, which streams the
//                                body on; the page's CSP stays 'self' and no court needs CORS —
//                                as in Electron, where main sends it
//   GET  /intake-inbox           whether this server's endpoint receives packages (--intake-dir)
//   POST /intake-inbox           one page of what it received, from registered institutions or
//                                from unknown signers (shared/protocol/intake.ts InboxQuery)
//   GET  /intake-inbox/<sha>.zip one of them, for the clerk to import
// All three answer only the workstation's own page on this machine (shared/signaling/endpoints.ts):
// the relay would otherwise be an open proxy, the inbox holds parties' personal data.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IntakeSubmitError, submitToIntake, type FetchLike } from '../../../shared/confirmation/intake-client';
import { INTAKE_INBOX_PATH, INTAKE_RELAY_PATH, INTAKE_URL_HEADER, inboxQuerySchema, PACKAGE_SHA256_HEADER, packageSha256Schema, parseIntakeUrl } from '../../../shared/protocol/intake';
import { readBody } from '../../../shared/signaling/http-host';
import { localPage, refuse, type EndpointResponse } from '../../../shared/signaling/endpoints';
import type { IntakeHandler } from './intake-server';

export interface IntakeRoutesOptions {
  /** The port this server listens on (known once it listens). */
  port(): number;
  /** This server's own intake endpoint, when it has one (--intake-dir). */
  intake?: IntakeHandler;
  fetchImpl?: FetchLike;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, answer: EndpointResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  reply(res, { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }, body: JSON.stringify(body) });
}

/** Drains what is left of a body (the court had the package already) before answering. */
async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  req.resume();
  await new Promise<void>((resolve) => {
    req.once('end', resolve);
    req.once('close', resolve);
  });
}

async function relay(req: IncomingMessage, res: ServerResponse, fetchImpl: FetchLike): Promise<void> {
  const target = parseIntakeUrl(header(req, INTAKE_URL_HEADER) ?? '');
  const sha256 = header(req, PACKAGE_SHA256_HEADER) ?? '';
  if (!target.ok || !packageSha256Schema.safeParse(sha256).success) {
    req.resume();
    return reply(res, refuse(400, 'invalid_request', `Name the court's intake URL (${INTAKE_URL_HEADER}, http or https) and the package's SHA-256 (${PACKAGE_SHA256_HEADER}).`));
  }
  // The page cancelling (or closing) stops the upload to the court as well.
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  try {
    const answer = await submitToIntake(fetchImpl, { url: target.url, sha256, body: () => Readable.toWeb(req), signal: controller.signal });
    await drain(req);
    json(res, 200, answer);
  } catch (error) {
    await drain(req);
    if (!(error instanceof IntakeSubmitError)) throw error;
    json(res, 502, { error: { code: error.code, message: error.message, said: error.said } });
  }
}

function relayOrRefuse(req: IncomingMessage, res: ServerResponse, fetchImpl: FetchLike): Promise<void> | void {
  if (req.method === 'POST') return relay(req, res, fetchImpl);
  req.resume();
  reply(res, refuse(405, 'method', 'Use POST.', { allow: 'POST' }));
}

async function sendPackage(res: ServerResponse, path: string): Promise<void> {
  const size = statSync(path).size;
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(size), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), res);
}

/** The page's query: one list, a page of it, and the clerk's registered certificates (at most 4,000 fingerprints: 64 characters and a little JSON each). */
async function inboxPage(req: IncomingMessage, res: ServerResponse, intake: IntakeHandler): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return reply(res, refuse(415, 'content_type', 'Send the query as application/json.'));
  }
  const body = await readBody(req, 512 * 1024);
  let query: unknown = null;
  try {
    query = body === null ? null : JSON.parse(body);
  } catch {
    // refused below
  }
  const parsed = inboxQuerySchema.safeParse(query);
  if (!parsed.success) return reply(res, refuse(400, 'invalid_request', 'Ask for one list (registered or unknown), an offset and a limit of at most 100, and the registered certificates’ SHA-256.'));
  json(res, 200, intake.inbox(parsed.data));
}

function inbox(req: IncomingMessage, res: ServerResponse, path: string, intake: IntakeHandler | undefined): Promise<void> | void {
  if (intake && req.method === 'POST' && path === INTAKE_INBOX_PATH) return inboxPage(req, res, intake);
  req.resume();
  if (!intake) return reply(res, refuse(404, 'no_intake', 'This workstation receives no packages: start it with an intake folder (mw serve --intake-dir, or MW_INTAKE_DIR with npm start).'));
  if (path === INTAKE_INBOX_PATH && req.method === 'GET') return json(res, 200, { receiving: true, trusted: intake.trusted() });
  if (req.method !== 'GET') return reply(res, refuse(405, 'method', 'Use GET.', { allow: 'GET' }));
  const name = path.slice(INTAKE_INBOX_PATH.length + 1);
  const stored = name.endsWith('.zip') ? intake.packagePath(name.slice(0, -4)) : null;
  if (!stored) return reply(res, refuse(404, 'not_found', 'No such package in the inbox.'));
  return sendPackage(res, stored);
}

export interface IntakeRoutes {
  /** Answers the relay and the inbox, and this server's intake endpoint; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createIntakeRoutes(options: IntakeRoutesOptions): IntakeRoutes {
  const fetchImpl = options.fetchImpl ?? (fetch as unknown as FetchLike);
  return {
    handle(req, res) {
      if (options.intake?.handle(req, res)) return true;
      const path = (req.url ?? '').split('?')[0] ?? '';
      const isRelay = path === INTAKE_RELAY_PATH;
      if (!isRelay && path !== INTAKE_INBOX_PATH && !path.startsWith(`${INTAKE_INBOX_PATH}/`)) return false;
      const local = localPage(
        { method: req.method ?? 'GET', remoteAddress: req.socket.remoteAddress, host: header(req, 'host'), origin: header(req, 'origin'), fetchSite: header(req, 'sec-fetch-site') },
        options.port(),
      );
      if ('refusal' in local) {
        req.resume();
        reply(res, local.refusal);
        return true;
      }
      Promise.resolve(isRelay ? relayOrRefuse(req, res, fetchImpl) : inbox(req, res, path, options.intake)).catch(() => {
        if (!res.headersSent) reply(res, refuse(500, 'error', 'The request could not be completed.'));
        else res.destroy();
      });
      return true;
    },
  };
}
