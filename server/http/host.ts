// The API on node:http: finds the route, reads and bounds the body, parses it with the route's
// schema, opens the request's transaction as its session, and answers JSON checked against the
// route's answer schema. Every refusal is a Problem (shared/problem.ts) with its HTTP status; an
// unexpected failure is logged with a reference the answer names, never its details.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import { addressKey, clientAddress } from '../../shared/signaling/address';
import { API_PREFIX, MAX_REQUEST_BYTES } from '../../shared/server/api';
import type { Problem } from '../../shared/problem';
import { problem } from '../../shared/problem';
import { bearerToken, resolveSession, tokenInstitution } from '../auth/sessions';
import { inTenant, setTenant, type Db } from '../db/tenant';
import type { ServerDeps } from '../deps';
import { Refusal, invalid, refuse } from '../refusal';
import { matchPath, type Answer, type RouteDef } from './route';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function send(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  });
  response.end(text);
}

/** A stream route's answer: its headers, then its bytes (or its JSON, or nothing). */
function sendOwn(response: ServerResponse, status: number, answer: Answer, extra: Record<string, string>): void {
  if (answer.body !== undefined) return send(response, status, answer.body, { ...extra, ...answer.headers });
  response.writeHead(status, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', ...extra, ...answer.headers });
  if (!answer.stream) {
    response.end();
    return;
  }
  // A reader gone midway ends the stream too (pipeline destroys both); nothing to answer then.
  pipeline(answer.stream, response).catch(() => undefined);
}

/** A body of at most MAX_REQUEST_BYTES, or a refusal; a body declared too large is not read at all. */
function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > MAX_REQUEST_BYTES) return Promise.reject(refuse(413, 'server.too_large', { max: MAX_REQUEST_BYTES }));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
      else {
        // Stop reading (not destroying: the refusal is still to be sent), then close after it.
        stop();
        request.pause();
        reject(refuse(413, 'server.too_large', { max: MAX_REQUEST_BYTES }));
      }
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

/** zod's findings as field problems: the path and zod's code, never its English sentence. */
export function schemaProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    // A private key in clear (shared/identity/sealed-keys.ts): said as such, so the user knows what to take out.
    if (issue.code === 'custom' && typeof (issue.params as { form?: unknown } | undefined)?.form === 'string') return problem('server.private_key_in_clear', { field: issue.path.join('.') });
    const params: Record<string, string | number> = { field: issue.path.join('.') || '(body)', code: issue.code };
    if ('maximum' in issue && (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')) params.max = Number(issue.maximum);
    if ('minimum' in issue && (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint')) params.min = Number(issue.minimum);
    return problem('server.field_invalid', params);
  });
}

async function parseBody(request: IncomingMessage, route: RouteDef): Promise<unknown> {
  // A stream route reads its body itself.
  if (!BODY_METHODS.has(route.method) || route.auth === 'stream') return undefined;
  const raw = await readBody(request);
  if (route.body === null) return undefined;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw refuse(415, 'server.content_type');
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw refuse(400, 'server.bad_json');
  }
  const parsed = route.body.safeParse(value);
  if (!parsed.success) throw invalid(schemaProblems(parsed.error));
  return parsed.data;
}

interface PgLikeError {
  code?: string;
}

/** A database error as the answer it deserves; null for a failure of ours (500). */
function databaseRefusal(error: unknown): Refusal | null {
  // The driver's own words when PostgreSQL went away mid-request (it has no code).
  if (error instanceof Error && /^(Connection terminated|Client has encountered a connection error|Client was closed)/.test(error.message)) return refuse(503, 'server.unavailable');
  const code = (error as PgLikeError | null)?.code;
  if (typeof code !== 'string') return null;
  // A policy refused a row or a statement: the checks before it should have said why.
  if (code === '42501') return refuse(403, 'server.forbidden', { action: 'write' });
  // Not a valid id (a uuid column compared with text): nothing of yours has it.
  if (code === '22P02') return refuse(404, 'server.not_found');
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code.startsWith('08') || code === '57P01' || code === '57P03') return refuse(503, 'server.unavailable');
  return null;
}

export interface ApiHandlerOptions {
  readonly deps: ServerDeps;
  readonly routes: readonly RouteDef[];
  /** Extra headers of every answer (HSTS when the server itself speaks TLS). */
  readonly headers?: Readonly<Record<string, string>>;
}

async function run(route: RouteDef, request: IncomingMessage, params: Record<string, string>, query: URLSearchParams, deps: ServerDeps, address: string): Promise<Answer> {
  const body = await parseBody(request, route);
  const now = deps.now();
  const base = { deps, params, query, body, address, now };
  const handle = route.handle as (r: unknown) => Promise<Answer>;
  if (route.auth === 'open') return handle(base);
  const token = bearerToken(request.headers.authorization);
  const institutionId = token === null ? null : tokenInstitution(token);
  if (token === null || institutionId === null) throw refuse(401, 'server.unauthenticated');
  if (route.auth === 'stream' || route.auth === 'batch') {
    // The session is resolved in a transaction of its own, ended before the handler opens its own.
    const session = await inTenant(deps.pool, { institutionId, accountId: null, role: '' }, (db) => resolveSession(db, token, institutionId, now));
    const context = { institutionId, accountId: session.accountId, role: session.role };
    return handle({ ...base, session, incoming: request, inSession: <T>(work: (db: Db) => Promise<T>) => inTenant(deps.pool, context, work) });
  }
  return inTenant(deps.pool, { institutionId, accountId: null, role: '' }, async (db) => {
    const session = await resolveSession(db, token, institutionId, now);
    await setTenant(db, { institutionId, accountId: session.accountId, role: session.role });
    return handle({ ...base, db, session });
  });
}

export function createApiHandler(options: ApiHandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { deps, routes } = options;
  const headers = options.headers ?? {};
  return (request, response) => {
    void (async () => {
      let status: number;
      let body: unknown;
      let own: Answer | null = null;
      let streaming = false;
      try {
        const url = new URL(request.url ?? '/', 'http://host.invalid');
        const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : null;
        const matches = path === null ? [] : routes.flatMap((route) => {
          const params = matchPath(route.path, path);
          return params ? [{ route, params }] : [];
        });
        if (matches.length === 0) throw refuse(404, 'server.not_found');
        const match = matches.find((m) => m.route.method === request.method);
        if (!match) throw refuse(405, 'server.method_not_allowed', { method: String(request.method).slice(0, 20) });
        streaming = match.route.auth === 'stream';
        const address = addressKey(clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], deps.trustProxy));
        const answer = await run(match.route, request, match.params, url.searchParams, deps, address);
        const checked = match.route.answer.safeParse(answer.body);
        if (!checked.success) throw new Error(`answer of ${match.route.method} ${match.route.path} does not match its schema: ${JSON.stringify(checked.error.issues.slice(0, 3))}`);
        status = answer.status ?? 200;
        body = checked.data;
        if (answer.headers || answer.stream || body === undefined) own = answer;
      } catch (error) {
        const refusal = error instanceof Refusal ? error : databaseRefusal(error);
        if (refusal) {
          status = refusal.status;
          body = { problem: refusal.problem };
        } else {
          const reference = randomBytes(4).toString('hex');
          deps.log(`error ${reference} ${request.method} ${request.url}: ${(error as Error)?.stack ?? String(error)}`);
          status = 500;
          body = { problem: problem('server.internal', { reference }) };
        }
      }
      const retry = (body as { problem?: Problem } | undefined)?.problem?.params.retryAfterSeconds;
      const extra: Record<string, string> = { ...headers, ...(typeof retry === 'number' ? { 'Retry-After': String(retry) } : {}) };
      if (own) return sendOwn(response, status, own, extra);
      // A stream route refused before reading its body: the connection closes rather than read it.
      if (streaming && !request.complete && status !== 413) {
        response.once('finish', () => request.destroy());
        extra.Connection = 'close';
      }
      // A body refused unread: the connection closes rather than read what nobody will look at.
      if (status === 413) {
        response.once('finish', () => request.destroy());
        send(response, status, body, { ...extra, Connection: 'close' });
      } else send(response, status, body, extra);
    })();
  };
}
