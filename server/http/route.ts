// A route of the API: method, path (under /api/v1, with :name segments), the zod schemas of its
// request body and of its answer (shared/server/api.ts), and its handler. A session route runs in
// one transaction as the session's institution, account and role (server/db/tenant.ts); an open
// route (sign-in, health) manages its own.
import type { z } from 'zod';
import type { Db } from '../db/tenant';
import type { ServerDeps } from '../deps';
import type { Session } from '../auth/sessions';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface Answer {
  readonly status?: number;
  readonly body: unknown;
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

export interface RouteDef {
  readonly method: Method;
  readonly path: string;
  readonly auth: 'open' | 'session';
  /** null: the route takes no body (any body sent is still bounded, then ignored). */
  readonly body: z.ZodType | null;
  readonly answer: z.ZodType;
  readonly handle: (request: never) => Promise<Answer>;
}

export function sessionRoute<S extends z.ZodType | null>(
  method: Method,
  path: string,
  schemas: { body: S; answer: z.ZodType },
  handle: (request: SessionRequest<S extends z.ZodType ? z.output<S> : undefined>) => Promise<Answer>,
): RouteDef {
  return { method, path, auth: 'session', body: schemas.body, answer: schemas.answer, handle };
}

export function openRoute<S extends z.ZodType | null>(
  method: Method,
  path: string,
  schemas: { body: S; answer: z.ZodType },
  handle: (request: OpenRequest<S extends z.ZodType ? z.output<S> : undefined>) => Promise<Answer>,
): RouteDef {
  return { method, path, auth: 'open', body: schemas.body, answer: schemas.answer, handle };
}

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
