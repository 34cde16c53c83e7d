// A route of the API: method, path (under /api/v1, with :name segments), the zod schemas of its
// request body and of its answer (shared/server/api.ts), and its handler. A session route runs in
// one transaction as the session's institution, account and role (server/db/tenant.ts); an open
// route (sign-in, health) manages its own. A stream route (a file's bytes up or down) reads or
// writes its body itself, outside any transaction, and opens short ones as its session when it
// needs the database: a transfer of an hour must not hold a connection of the pool for an hour.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Db } from '../db/tenant';
import type { ServerDeps } from '../deps';
import type { Session } from '../auth/sessions';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH';

export interface Answer {
  readonly status?: number;
  /** JSON; undefined for an answer of headers only, or of `stream`. */
  readonly body: unknown;
  /** A stream route's own headers (Content-Range, Upload-Offset…). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A stream route's bytes, sent as they are with `headers`. */
  readonly stream?: Readable;
}

interface BaseRequest<B> {
  readonly deps: ServerDeps;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: B;
  /** The client's address (behind a trusted proxy, the one it forwarded). */
  readonly address: string;
  /** The request's time, one for everything it writes. */
  readonly now: Date;
}

export type OpenRequest<B> = BaseRequest<B>;

export interface SessionRequest<B> extends BaseRequest<B> {
  readonly db: Db;
  readonly session: Session;
}

export interface StreamRequest extends BaseRequest<undefined> {
  readonly session: Session;
  /** The request itself: its headers, and its body unread. */
  readonly incoming: IncomingMessage;
  /** Runs `work` in one transaction as the session, as a session route's handler runs. */
  inSession<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * A session route that holds no transaction while it runs: its handler opens its own, one or many
 * (a push applies each mutation in one). A session route's handler runs inside the request's
 * transaction; one that took further connections from the pool meanwhile would hold two, and as
 * many such requests as the pool has connections would wait for each other for ever.
 */
export interface BatchRequest<B> extends BaseRequest<B> {
  readonly session: Session;
  /** Runs `work` in one transaction as the session, as a session route's handler runs. */
  inSession<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

export interface RouteDef {
  readonly method: Method;
  readonly path: string;
  readonly auth: 'open' | 'session' | 'stream' | 'batch';
  /** null: the route takes no body (any body sent is still bounded, then ignored). */
  readonly body: z.ZodType | null;
  readonly answer: z.ZodType;
  readonly handle: (request: never) => Promise<Answer>;
}

interface RequestOf<B> {
  readonly open: OpenRequest<B>;
  readonly session: SessionRequest<B>;
  readonly stream: StreamRequest;
  readonly batch: BatchRequest<B>;
}

/** The maker of a route of one kind: its handler is handed that kind's request with the parsed body. */
function routeMaker<A extends RouteDef['auth']>(auth: A) {
  return <S extends z.ZodType | null>(
    method: Method,
    path: string,
    schemas: { body: S; answer: z.ZodType },
    handle: (request: RequestOf<S extends z.ZodType ? z.output<S> : undefined>[A]) => Promise<Answer>,
  ): RouteDef => ({ method, path, auth, body: schemas.body, answer: schemas.answer, handle });
}

export const sessionRoute = routeMaker('session');
export const openRoute = routeMaker('open');
export const streamRoute = routeMaker('stream');
export const batchRoute = routeMaker('batch');

/** The values of a path's :name segments, or null when the path is another. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      if (h === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}
