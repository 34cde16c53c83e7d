// The server tests' world: one throwaway PostgreSQL cluster per test file (server/dev/
// throwaway-cluster.ts), a database migrated as its owner, the server's pool as the application's
// role, institutions made as the operator makes them, and the API on a loopback port with a clock
// the test moves. Passwords are hashed with small scrypt parameters here (the real ones are tested
// once in rules.test.ts).
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { creditCodeCheckChar, residentIdCheckChar } from '../../../shared/domain/identifiers';
import type { Case, Party } from '../../../shared/domain/model';
import { createApiHandler, createDeps, createInstitution, migrate, ROUTES } from '../../../server';
import { startThrowawayCluster, type ThrowawayCluster, type ThrowawayDatabase } from '../../../server/dev/throwaway-cluster';
import type { FileStore } from '../../../server/files/store';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'correct horse 7';

export function creditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

export function residentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

export interface World {
  readonly cluster: ThrowawayCluster;
  readonly db: ThrowawayDatabase;
  /** The server's pool: the application's role. */
  readonly pool: pg.Pool;
  stop(): Promise<void>;
}

export async function startWorld(name: string): Promise<World> {
  const cluster = await startThrowawayCluster();
  try {
    const db = await cluster.createDatabase(name);
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await migrate(owner, { appRole: db.appRole });
    await owner.end();
    const pool = new pg.Pool({ connectionString: db.appUrl, max: 8 });
    return {
      cluster,
      db,
      pool,
      async stop() {
        await pool.end();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

export interface MadeInstitution {
  readonly id: string;
  readonly creditCode: string;
  readonly adminId: string;
}

let made = 0;

/** An institution and its administrator "admin", as `mw server create-institution` makes them. */
export async function makeInstitution(pool: pg.Pool, kind: 'mediation' | 'legal_service' | 'court' | 'justice_bureau', areaCode: string, name = `${kind} ${made}`): Promise<MadeInstitution> {
  made += 1;
  const code = creditCode(`5134${areaCode.slice(2, 6)}MJ${String(made).padStart(7, '0')}`);
  const { institution, admin } = await createInstitution(pool, { kind, name, creditCode: code, areaCode, admin: { username: 'admin', displayName: '管理员', password: PASSWORD } }, { passwordParams: FAST_SCRYPT });
  return { id: institution.id, creditCode: code, adminId: admin.id };
}

/** A valid case of the workstation's schema, with an applicant and a respondent. */
export function makeCase(id: string, number: string, mediatorId: string | null, status: Case['status'] = 'registered'): { case: Case; parties: Party[] } {
  const at = '2026-03-01T08:00:00.000Z';
  return {
    case: {
      id,
      number,
      year: 2026,
      seq: 1,
      category: 'NBR',
      categoryFields: {},
      source: 'walk_in',
      claims: '请求调解',
      amountFen: null,
      description: '',
      status,
      mediatorId,
      registeredAt: at,
      mediationDeadline: null,
      agreementEffectiveOn: null,
      confirmationDeadline: null,
      activeDeadline: null,
      closedAt: null,
      partySummary: '张三 / 李四',
      searchTerms: [],
      createdBy: 'workstation',
      updatedAt: at,
      updatedBy: 'workstation',
      version: 1,
    },
    parties: [
      { id: `${id}-p1`, caseId: id, side: 'applicant', kind: 'natural', name: '张三', idType: 'resident_id', idNumber: residentId('34020219800101123'), phone: '13800138000', address: '' },
      { id: `${id}-p2`, caseId: id, side: 'respondent', kind: 'natural', name: '李四', idType: 'resident_id', idNumber: residentId('34020219850202456'), phone: '', address: '' },
    ],
  };
}

/** An answer's JSON as the tests read it: freely, field by field (schemas are parsed where they matter). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  body: Json;
  headers: Record<string, string | string[] | undefined>;
}

export interface Api {
  readonly url: string;
  /** Wall-clock time as the server sees it; move it to expire sessions and locks. */
  now: Date;
  /** The limiters' monotonic clock, in ms. */
  clock: number;
  call(method: string, path: string, options?: { body?: unknown; token?: string; raw?: string | Buffer; headers?: Record<string, string> }): Promise<Answer>;
  signIn(institution: MadeInstitution, username?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The API over HTTP on a loopback port, with its own limiters and clocks. */
export async function startApi(pool: pg.Pool, options: { files?: FileStore; log?: (line: string) => void } = {}): Promise<Api> {
  const api = { now: new Date('2026-03-02T01:00:00.000Z'), clock: 1_000_000 } as Api;
  const deps = createDeps({ pool, now: () => api.now, clock: () => api.clock, passwordParams: FAST_SCRYPT, log: options.log ?? (() => undefined), files: options.files ?? null });
  const server: Server = createServer(createApiHandler({ deps, routes: ROUTES }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(api, {
    url: `http://127.0.0.1:${port}/api/v1`,
    call(method: string, path: string, options: { body?: unknown; token?: string; raw?: string | Buffer; headers?: Record<string, string> } = {}) {
      const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      const headers: Record<string, string> = {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(payload !== undefined ? { 'content-length': String(Buffer.byteLength(payload)) } : {}),
        ...options.headers,
      };
      return new Promise<Answer>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method, path: `/api/v1${path}`, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, headers: res.headers });
          });
        });
        // A server that answers before reading everything may close while we still write.
        req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
        if (payload !== undefined) req.end(payload);
        else req.end();
      });
    },
    async signIn(institution: MadeInstitution, username = 'admin', password = PASSWORD) {
      const answer = await api.call('POST', '/sign-in', { body: { institution: institution.creditCode, username, password } });
      if (answer.status !== 200) throw new Error(`sign-in of ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.token as string;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** Runs one query as the application's role inside a transaction set to `context`, as the server does. */
export async function asTenant<T>(pool: pg.Pool, context: { institutionId: string; accountId?: string | null; role?: string }, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('app.institution', $1, true), set_config('app.account', $2, true), set_config('app.role', $3, true)", [context.institutionId, context.accountId ?? '', context.role ?? '']);
    const result = await client.query(sql, values);
    await client.query('COMMIT');
    return result.rows as T[];
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
