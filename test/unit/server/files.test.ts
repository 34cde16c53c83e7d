// Files on the center server (issue 17 item 5) against a real PostgreSQL and a real file folder:
// a resumable upload across a dropped connection, verified on arrival; a wrong hash, an oversized
// file and a full disk refused with nothing stored; a replayed finish answered once; another
// institution (or account) refused at every route; downloads streamed with Range, an evidence
// file's download logged; and /health on the database and the folder.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, healthResponseSchema } from '../../../shared/server/api';
import { fileViewSchema, UPLOAD_LIFETIME_DAYS, uploadViewSchema } from '../../../shared/server/files';
import { SERVER_PROBLEM_KEYS } from '../../../shared/server/problems';
import { createApiHandler, createDeps, ROUTES } from '../../../server';
import { FileStore, type StoreIo } from '../../../server/files/store';
import { makeCase, makeInstitution, PASSWORD, startApi, startWorld, type Api, type Json, type MadeInstitution, type World } from './fixtures';

const MAX = 4 * 1024 * 1024;

/** The store's writes, made to fail as a full disk does once `failAfter` bytes have gone through. */
class FaultyIo implements StoreIo {
  failAfter = Infinity;
  written = 0;
  async write(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
    if (this.written + bytes.byteLength > this.failAfter) {
      // Part of it lands, as a real write to a filling disk may do, then the disk is full.
      const room = Math.max(0, this.failAfter - this.written);
      await handle.write(bytes, 0, room, position);
      this.written += room;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    await handle.write(bytes, 0, bytes.byteLength, position);
    this.written += bytes.byteLength;
  }
}

let world: World;
let api: Api;
let folder: string;
let store: FileStore;
const io = new FaultyIo();
let a: MadeInstitution;
let b: MadeInstitution;
let adminA: string;
let adminB: string;
let mediatorA: string;
let otherMediatorA: string;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  json: Json;
}

interface RawOptions {
  token?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Sends this much of `body` under its full Content-Length, then cuts the connection once `cutWhen` says so. */
  cutAfter?: number;
  cutWhen?: () => Promise<boolean>;
}

function call(method: string, path: string, options: RawOptions = {}): Promise<Raw> {
  const url = new URL(api.url);
  const headers: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.body && !options.headers?.['transfer-encoding'] ? { 'content-length': String(options.body.byteLength) } : {}),
    ...options.headers,
  };
  return new Promise<Raw>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: `/api/v1${path}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        let json: Json = null;
        if (String(res.headers['content-type']).startsWith('application/json') && bytes.length) json = JSON.parse(bytes.toString('utf8'));
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, json });
      });
    });
    if (options.cutAfter !== undefined && options.body) {
      req.on('error', () => resolve({ status: 0, headers: {}, bytes: Buffer.alloc(0), json: null }));
      req.write(options.body.subarray(0, options.cutAfter));
      void (async () => {
        for (let i = 0; i < 200 && !(await options.cutWhen?.()); i++) await new Promise((r) => setTimeout(r, 10));
        req.destroy();
      })();
      return;
    }
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(options.body);
  });
}

function expectProblem(answer: Raw, status: number, key: string): Json {
  expect(answer.status, answer.bytes.toString('utf8')).toBe(status);
  const parsed = errorResponseSchema.parse(answer.json);
  expect(parsed.problem.key).toBe(key);
  expect(SERVER_PROBLEM_KEYS).toContain(parsed.problem.key);
  return parsed.problem.params;
}

function sha(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function createUpload(token: string, bytes: Buffer, extra: Record<string, unknown> = {}, declared = sha(bytes)): Promise<Raw> {
  return call('POST', '/files/uploads', { token, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ sha256: declared, size: bytes.byteLength, kind: 'pdf', caseId: null, mediaType: 'application/pdf', ...extra })) });
}

function patch(token: string, id: string, offset: number, bytes: Buffer, options: Partial<RawOptions> = {}): Promise<Raw> {
  return call('PATCH', `/files/uploads/${id}`, { token, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) }, body: bytes, ...options });
}

async function offsetOf(token: string, id: string): Promise<number> {
  const head = await call('HEAD', `/files/uploads/${id}`, { token });
  expect(head.status).toBe(200);
  return Number(head.headers['upload-offset']);
}

/** Everything in the folder: stored files and uploads in progress. */
function folderFiles(): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1));
}

/** Uploads whole in one PATCH and finishes: the stored file's view. */
async function uploadWhole(token: string, bytes: Buffer, extra: Record<string, unknown> = {}): Promise<Json> {
  const created = await createUpload(token, bytes, extra);
  expect(created.status, created.bytes.toString()).toBe(201);
  const id = created.json.upload.id as string;
  expect((await patch(token, id, 0, bytes)).status).toBe(200);
  const finished = await call('POST', `/files/uploads/${id}/finish`, { token });
  expect(finished.status, finished.bytes.toString()).toBe(201);
  return finished.json.file;
}

/** A look behind the policies, as the cluster's superuser. */
let superPool: pg.Pool;
async function asSuper<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await superPool.query(sql, values)).rows as T[];
}

/** Another API over the same database, signed in as A's administrator, for one check. */
async function withApi(options: { files?: FileStore; log?: (line: string) => void }, work: (other: Api, token: string) => Promise<void>): Promise<void> {
  const other = await startApi(world.pool, options);
  try {
    await work(other, await other.signIn(a));
  } finally {
    await other.close();
  }
}

beforeAll(async () => {
  world = await startWorld('mwfiles');
  superPool = new pg.Pool({ connectionString: world.db.superUrl, max: 2 });
  folder = mkdtempSync(join(tmpdir(), 'mw-files-'));
  store = new FileStore(folder, { maxFileBytes: MAX, reserveBytes: 0, io });
  await store.prepare();
  api = await startApi(world.pool, { files: store });
  a = await makeInstitution(world.pool, 'mediation', '340202');
  b = await makeInstitution(world.pool, 'mediation', '340203');
  adminA = await api.signIn(a);
  adminB = await api.signIn(b);
  for (const username of ['med.one', 'med.two']) {
    const made = await api.call('POST', '/accounts', { token: adminA, body: { username, displayName: username, role: 'mediator', password: PASSWORD } });
    expect(made.status).toBe(201);
  }
  mediatorA = await api.signIn(a, 'med.one');
  otherMediatorA = await api.signIn(a, 'med.two');
}, 60_000);

afterAll(async () => {
  await api?.close();
  await superPool?.end();
  await world?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('a resumable upload', () => {
  it('survives a connection dropped halfway: the rest is sent from where it stopped, and the file verifies', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const created = await createUpload(adminA, bytes);
    expect(created.status).toBe(201);
    const upload = uploadViewSchema.parse(created.json.upload);
    expect(upload.offset).toBe(0);
    const half = Math.floor(bytes.byteLength / 2);

    // The first half: its request says the whole half, sends part of it, and the connection drops.
    const cut = await patch(adminA, upload.id, 0, bytes.subarray(0, half), { cutAfter: Math.floor(half * 0.7), cutWhen: async () => (await store.received(upload.id)) > 0 });
    expect(cut.status).toBe(0);

    // The client asks how far it got and sends the rest from there (a stale offset is answered with the real one).
    let offset = await offsetOf(adminA, upload.id);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(half);
    let answer = await patch(adminA, upload.id, offset, bytes.subarray(offset));
    if (answer.status === 409) {
      offset = expectProblem(answer, 409, 'server.upload_offset').offset as number;
      answer = await patch(adminA, upload.id, offset, bytes.subarray(offset));
    }
    expect(answer.status, answer.bytes.toString()).toBe(200);
    expect(answer.headers['upload-offset']).toBe(String(bytes.byteLength));

    const finished = await call('POST', `/files/uploads/${upload.id}/finish`, { token: adminA });
    expect(finished.status, finished.bytes.toString()).toBe(201);
    const file = fileViewSchema.parse(finished.json.file);
    expect(file).toMatchObject({ sha256: sha(bytes), size: bytes.byteLength, kind: 'pdf', mediaType: 'application/pdf' });
    expect(folderFiles()).toContain(join(file.sha256.slice(0, 2), file.sha256));

    const download = await call('GET', `/files/${file.sha256}`, { token: adminA });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['accept-ranges']).toBe('bytes');
    expect(sha(download.bytes)).toBe(sha(bytes));
  });

  it('lets a resumed PATCH stop one still hanging on a connection that went silent, rather than wait for it', async () => {
    const bytes = randomBytes(256 * 1024);
    const id = (await createUpload(adminA, bytes)).json.upload.id as string;
    // A PATCH whose sender went silent after 100 KiB: its connection stays open, its request unfinished.
    const url = new URL(api.url);
    const hanging = httpRequest({ host: url.hostname, port: url.port, method: 'PATCH', path: `/api/v1/files/uploads/${id}`, headers: { authorization: `Bearer ${adminA}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'content-length': String(bytes.byteLength) } });
    const hangingEnded = new Promise<void>((resolve) => {
      hanging.on('error', () => resolve());
      hanging.on('close', () => resolve());
    });
    hanging.write(bytes.subarray(0, 100 * 1024));
    await expect.poll(() => store.received(id)).toBe(100 * 1024);
    // The client resumes from the offset it is given; the server stops the silent request and goes on.
    let offset = await offsetOf(adminA, id);
    let answer = await patch(adminA, id, offset, bytes.subarray(offset));
    if (answer.status === 409) {
      offset = expectProblem(answer, 409, 'server.upload_offset').offset as number;
      answer = await patch(adminA, id, offset, bytes.subarray(offset));
    }
    expect(answer.status, answer.bytes.toString()).toBe(200);
    await hangingEnded;
    expect((await call('POST', `/files/uploads/${id}/finish`, { token: adminA })).status).toBe(201);
  });

  it('refuses a PATCH at the wrong offset, of the wrong type, or past the declared size, keeping what it had', async () => {
    const bytes = randomBytes(4096);
    const id = (await createUpload(adminA, bytes)).json.upload.id as string;
    expect((await patch(adminA, id, 0, bytes.subarray(0, 1000))).status).toBe(200);
    expect(expectProblem(await patch(adminA, id, 0, bytes.subarray(0, 1000)), 409, 'server.upload_offset')).toEqual({ offset: 1000, sent: 0 });
    expectProblem(await call('PATCH', `/files/uploads/${id}`, { token: adminA, headers: { 'content-type': 'application/json', 'upload-offset': '1000' }, body: Buffer.from('{}') }), 415, 'server.chunk_type');
    expectProblem(await call('PATCH', `/files/uploads/${id}`, { token: adminA, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '-1' }, body: Buffer.from('x') }), 422, 'server.invalid_request');
    expectProblem(await patch(adminA, id, 1000, Buffer.concat([bytes.subarray(1000), Buffer.from('extra')])), 413, 'server.upload_overflow');
    // Sent without a length: the overflow is found while reading, and nothing of the request stays.
    expectProblem(await patch(adminA, id, 1000, Buffer.concat([bytes.subarray(1000), Buffer.from('extra')]), { headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '1000', 'transfer-encoding': 'chunked' } }), 413, 'server.upload_overflow');
    expect(await offsetOf(adminA, id)).toBe(1000);
    expectProblem(await call('POST', `/files/uploads/${id}/finish`, { token: adminA }), 409, 'server.upload_incomplete');
  });

  it('refuses a wrong hash and stores nothing: no file, no row, the upload closed', async () => {
    const declared = randomBytes(2048);
    const sent = randomBytes(2048);
    const id = (await createUpload(adminA, sent, {}, sha(declared))).json.upload.id as string;
    expect((await patch(adminA, id, 0, sent)).status).toBe(200);
    const params = expectProblem(await call('POST', `/files/uploads/${id}/finish`, { token: adminA }), 422, 'server.file_hash_mismatch');
    expect(params).toEqual({ expected: sha(declared), actual: sha(sent) });
    expect(folderFiles().filter((f) => f.includes(sha(declared)) || f.includes(sha(sent)) || f.includes(id))).toEqual([]);
    expect(await asSuper('SELECT 1 FROM mw.files WHERE sha256 = ANY($1)', [[sha(declared), sha(sent)]])).toEqual([]);
    expect((await call('GET', `/files/${sha(declared)}`, { token: adminA })).status).toBe(404);
    expectProblem(await patch(adminA, id, 0, sent), 409, 'server.upload_closed');
    expectProblem(await call('POST', `/files/uploads/${id}/finish`, { token: adminA }), 409, 'server.upload_closed');
  });

  it('answers a replayed finish with the same file, recorded once', async () => {
    const bytes = randomBytes(1000);
    const id = (await createUpload(adminA, bytes)).json.upload.id as string;
    await patch(adminA, id, 0, bytes);
    const first = await call('POST', `/files/uploads/${id}/finish`, { token: adminA });
    const again = await call('POST', `/files/uploads/${id}/finish`, { token: adminA });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json.file).toEqual(first.json.file);
    expect(await asSuper("SELECT 1 FROM mw.events WHERE action = 'file.upload' AND entity_id = $1", [sha(bytes)])).toHaveLength(1);
    expect(await asSuper("SELECT 1 FROM mw.changes WHERE kind = 'files' AND record_id = $1", [sha(bytes)])).toHaveLength(1);
    // Bytes the institution has already need no upload at all.
    const known = await createUpload(adminA, bytes);
    expect(known.status).toBe(200);
    expect(known.json.file.sha256).toBe(sha(bytes));
    expect(await offsetOf(adminA, id)).toBe(bytes.byteLength);
  });

  it('resumes the same open upload when it is asked for again', async () => {
    const bytes = randomBytes(5000);
    const first = await createUpload(mediatorA, bytes);
    await patch(mediatorA, first.json.upload.id, 0, bytes.subarray(0, 1234));
    const again = await createUpload(mediatorA, bytes);
    expect(again.status).toBe(200);
    expect(again.json.upload).toMatchObject({ id: first.json.upload.id, offset: 1234 });
  });
});

describe('limits and faults', () => {
  it(`refuses a file over the configured ${MAX} bytes before a byte is sent`, async () => {
    const answer = await call('POST', '/files/uploads', { token: adminA, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ sha256: 'a'.repeat(64), size: MAX + 1, kind: 'package', caseId: null })) });
    expect(expectProblem(answer, 413, 'server.file_too_large')).toEqual({ size: MAX + 1, max: MAX });
    expect(await asSuper('SELECT 1 FROM mw.uploads WHERE size = $1', [MAX + 1])).toEqual([]);
  });

  it('refuses malformed requests with field problems: a bad hash, evidence without its case, unknown fields', async () => {
    const post = (body: unknown): Promise<Raw> => call('POST', '/files/uploads', { token: adminA, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });
    const fields = async (body: unknown): Promise<string[]> => {
      const answer = await post(body);
      expectProblem(answer, 422, 'server.invalid_request');
      return answer.json.problem.items.map((item: Json) => item.params.field as string);
    };
    expect(await fields({ sha256: 'XYZ', size: 1, kind: 'pdf', caseId: null })).toEqual(['sha256']);
    expect(await fields({ sha256: 'a'.repeat(64), size: 1, kind: 'evidence', caseId: null })).toEqual(['caseId']);
    expect(await fields({ sha256: 'a'.repeat(64), size: 1, kind: 'pdf', caseId: null, path: '/etc/passwd' })).toEqual(['(body)']);
    expect(await fields({ sha256: 'a'.repeat(64), size: 1, kind: 'pdf', caseId: null, mediaType: 'text/html; charset=utf-8' })).toEqual(['mediaType']);
  });

  it('refuses a full disk (ENOSPC) mid-upload with a clear problem, leaving nothing half-written; the upload resumes once there is room', async () => {
    const bytes = randomBytes(600 * 1024);
    const id = (await createUpload(adminA, bytes)).json.upload.id as string;
    expect((await patch(adminA, id, 0, bytes.subarray(0, 100 * 1024))).status).toBe(200);
    io.written = 0;
    io.failAfter = 200 * 1024;
    const refused = await patch(adminA, id, 100 * 1024, bytes.subarray(100 * 1024));
    expectProblem(refused, 507, 'server.disk_full');
    // What it had before the failed request, exactly; no stored file under the hash.
    expect(await offsetOf(adminA, id)).toBe(100 * 1024);
    expect(await store.storedSize(sha(bytes))).toBeNull();
    expect(folderFiles().filter((f) => f.includes(sha(bytes)))).toEqual([]);

    io.failAfter = Infinity;
    expect((await patch(adminA, id, 100 * 1024, bytes.subarray(100 * 1024))).status).toBe(200);
    const finished = await call('POST', `/files/uploads/${id}/finish`, { token: adminA });
    expect(finished.status).toBe(201);
    expect(sha((await call('GET', `/files/${sha(bytes)}`, { token: adminA })).bytes)).toBe(sha(bytes));
  });

  it('sweeps what abandoned uploads left behind once past their lifetime, and nothing younger', async () => {
    const old = (await createUpload(adminA, randomBytes(3000))).json.upload.id as string;
    const young = (await createUpload(adminA, randomBytes(3001))).json.upload.id as string;
    for (const id of [old, young]) expect((await patch(adminA, id, 0, randomBytes(10))).status).toBe(200);
    const lifetime = UPLOAD_LIFETIME_DAYS * 86_400_000;
    const longAgo = new Date(Date.now() - lifetime - 60_000);
    utimesSync(join(folder, '.uploads', old), longAgo, longAgo);
    expect(await store.sweep(new Date(), lifetime)).toBe(1);
    expect(folderFiles()).not.toContain(join('.uploads', old));
    expect(folderFiles()).toContain(join('.uploads', young));
  });

  it('refuses an upload the disk has no room for before a byte is sent', async () => {
    const tight = new FileStore(folder, { maxFileBytes: MAX, reserveBytes: Number.MAX_SAFE_INTEGER / 2 });
    await withApi({ files: tight }, async (other, token) => {
      const answer = await other.call('POST', '/files/uploads', { token, body: { sha256: 'b'.repeat(64), size: 10, kind: 'pdf', caseId: null } });
      expect(answer.status).toBe(507);
      expect(answer.body.problem.key).toBe('server.disk_full');
    });
  });
});

describe('who may see a file', () => {
  let upload: string;
  let stored: string;

  beforeAll(async () => {
    const bytes = randomBytes(3000);
    upload = (await createUpload(adminA, bytes)).json.upload.id as string;
    await patch(adminA, upload, 0, bytes.subarray(0, 100));
    stored = (await uploadWhole(adminA, randomBytes(2000))).sha256 as string;
  });

  it('refuses another institution at every route of an upload and a file, as if there were nothing', async () => {
    for (const method of ['GET', 'HEAD'] as const) expect((await call(method, `/files/uploads/${upload}`, { token: adminB })).status).toBe(404);
    expectProblem(await patch(adminB, upload, 100, Buffer.from('intruder')), 404, 'server.not_found');
    expectProblem(await call('POST', `/files/uploads/${upload}/finish`, { token: adminB }), 404, 'server.not_found');
    expectProblem(await call('GET', `/files/${stored}`, { token: adminB }), 404, 'server.not_found');
    expect((await call('HEAD', `/files/${stored}`, { token: adminB })).status).toBe(404);
    // The institution's own bytes are still only its own.
    expect(await offsetOf(adminA, upload)).toBe(100);
    // Its own upload of the same bytes does not reveal that A has them: it must send them itself.
    expect((await createUpload(adminB, randomBytes(2000), {}, stored)).status).toBe(201);
    // Through the application's role without any filter, B's session sees no row of A's.
    const client = await world.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('app.institution', $1, true), set_config('app.role', 'admin', true)", [b.id]);
      const files = await client.query('SELECT institution_id FROM mw.files');
      const uploads = await client.query('SELECT institution_id FROM mw.uploads');
      expect([...files.rows, ...uploads.rows].filter((r) => r.institution_id === a.id)).toEqual([]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });

  it('gives a justice bureau no upload of its own (oversight sees no evidence)', async () => {
    const bureau = await makeInstitution(world.pool, 'justice_bureau', '340200');
    const token = await api.signIn(bureau);
    expectProblem(await createUpload(token, randomBytes(10)), 403, 'server.forbidden');
    expectProblem(await call('GET', `/files/${stored}`, { token }), 404, 'server.not_found');
  });

  it("keeps an upload to its own account, and refuses a session's missing token", async () => {
    expect((await call('GET', `/files/uploads/${upload}`, { token: otherMediatorA })).status).toBe(404);
    expectProblem(await patch(otherMediatorA, upload, 100, Buffer.from('x')), 404, 'server.not_found');
    expectProblem(await patch('', upload, 100, Buffer.from('x')), 401, 'server.unauthenticated');
    expectProblem(await call('GET', `/files/${stored}`), 401, 'server.unauthenticated');
  });

  it("logs each download of an evidence file with who, when and its case, in the download's transaction; a mediator sees only their cases' evidence", async () => {
    const theirs = makeCase('case-files-1', '（2026）镜调字第 901 号', null);
    expect((await api.call('PUT', '/cases/case-files-1', { token: adminA, body: { case: theirs.case, parties: theirs.parties, baseVersion: null } })).status).toBe(201);
    const assigned = await api.call('GET', '/accounts', { token: adminA });
    const otherId = assigned.body.accounts.find((x: Json) => x.username === 'med.two').id as string;
    const other = makeCase('case-files-2', '（2026）镜调字第 902 号', otherId);
    expect((await api.call('PUT', '/cases/case-files-2', { token: adminA, body: { case: other.case, parties: other.parties, baseVersion: null } })).status).toBe(201);
    const evidence = await uploadWhole(adminA, randomBytes(1500), { kind: 'evidence', caseId: 'case-files-2', mediaType: 'image/jpeg' });

    expect((await call('HEAD', `/files/${evidence.sha256}`, { token: otherMediatorA })).status).toBe(200);
    const before = await asSuper("SELECT count(*)::int AS n FROM mw.access_log WHERE what = 'evidence_file'");
    const got = await call('GET', `/files/${evidence.sha256}`, { token: otherMediatorA, headers: { range: 'bytes=0-99' } });
    expect(got.status).toBe(206);
    expect(got.bytes.byteLength).toBe(100);
    const log = await asSuper<{ case_id: string; subject: string; at: Date; n: number }>("SELECT case_id, subject, at FROM mw.access_log WHERE what = 'evidence_file' ORDER BY id DESC LIMIT 1");
    expect(log[0]).toMatchObject({ case_id: 'case-files-2', subject: evidence.sha256 });
    expect(log[0]?.at.toISOString()).toBe(api.now.toISOString());
    expect((await asSuper<{ n: number }>("SELECT count(*)::int AS n FROM mw.access_log WHERE what = 'evidence_file'"))[0]?.n).toBe((before[0] as { n: number }).n + 1);
    // The institution reads that log.
    const read = await api.call('GET', '/access-log', { token: adminA });
    expect(read.body.entries.some((e: Json) => e.what === 'evidence_file' && e.caseId === 'case-files-2')).toBe(true);
    // Another mediator does not see that case, nor its evidence.
    expectProblem(await call('GET', `/files/${evidence.sha256}`, { token: mediatorA }), 404, 'server.not_found');
  });
});

describe("sharing with a referral's receiver", () => {
  beforeAll(async () => {
    for (const [token, id, number] of [[adminA, 'case-shared', '（2026）镜调字第 903 号'], [adminB, 'case-b', '（2026）调字第 1 号']] as const) {
      const made = makeCase(id, number, null);
      expect((await api.call('PUT', `/cases/${id}`, { token, body: { case: made.case, parties: made.parties, baseVersion: null } })).status).toBe(201);
    }
  });

  it('lets the receiver of a referral download a file the sender shared along it, logged in its own access log, and nobody else', async () => {
    const c = await makeInstitution(world.pool, 'mediation', '340204');
    const adminC = await api.signIn(c);
    const bytes = randomBytes(4000);
    const evidence = await uploadWhole(adminA, bytes, { kind: 'evidence', caseId: 'case-shared', mediaType: 'image/png' });
    const referral = await api.call('POST', '/referrals', { token: adminA, body: { caseId: 'case-shared', receiverCreditCode: b.creditCode, kind: 'referral', note: '转交' } });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    const share = (token: string, sha256: string, referralId: string): Promise<Raw> =>
      call('POST', `/files/${sha256}/shares`, { token, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ referralId })) });

    expectProblem(await call('GET', `/files/${evidence.sha256}`, { token: adminB }), 404, 'server.not_found');
    const shared = await share(adminA, evidence.sha256, referral.body.id);
    expect(shared.status, shared.bytes.toString()).toBe(201);
    expect(shared.json.share).toEqual({ referralId: referral.body.id, sha256: evidence.sha256, receiverInstitutionId: b.id });
    expect((await share(adminA, evidence.sha256, referral.body.id)).status).toBe(200);

    const got = await call('GET', `/files/${evidence.sha256}`, { token: adminB });
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(await asSuper("SELECT institution_id FROM mw.access_log WHERE what = 'evidence_file' AND subject = $1", [evidence.sha256])).toEqual([{ institution_id: b.id }]);
    // A third institution sees nothing; the receiver cannot pass it on; a referral not sent by the sharer is nothing of its.
    expectProblem(await call('GET', `/files/${evidence.sha256}`, { token: adminC }), 404, 'server.not_found');
    const onward = await api.call('POST', '/referrals', { token: adminB, body: { caseId: 'case-b', receiverCreditCode: c.creditCode, kind: 'referral', note: '' } });
    expect(onward.status).toBe(201);
    expectProblem(await share(adminB, evidence.sha256, onward.body.id), 404, 'server.not_found');
    expectProblem(await share(adminC, evidence.sha256, referral.body.id), 404, 'server.not_found');
    const received = await api.call('POST', '/referrals', { token: adminB, body: { caseId: 'case-b', receiverCreditCode: a.creditCode, kind: 'referral', note: '' } });
    expect(received.status).toBe(201);
    expectProblem(await share(adminA, evidence.sha256, received.body.id), 404, 'server.not_found');
    expectProblem(await call('GET', `/files/${evidence.sha256}`, { token: adminC }), 404, 'server.not_found');
  });

  it('takes back what was shared when the receiver declines the referral afterwards', async () => {
    const bytes = randomBytes(700);
    const file = await uploadWhole(adminA, bytes);
    const referral = await api.call('POST', '/referrals', { token: adminA, body: { caseId: 'case-shared', receiverCreditCode: b.creditCode, kind: 'referral', note: '' } });
    expect(referral.status).toBe(201);
    const shared = await call('POST', `/files/${file.sha256}/shares`, { token: adminA, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ referralId: referral.body.id })) });
    expect(shared.status).toBe(201);
    expect((await call('GET', `/files/${file.sha256}`, { token: adminB })).bytes.equals(bytes)).toBe(true);
    expect((await api.call('POST', `/referrals/${referral.body.id}/answer`, { token: adminB, body: { accept: false, reason: '不属于受理范围', baseVersion: referral.body.version } })).status).toBe(200);
    expectProblem(await call('GET', `/files/${file.sha256}`, { token: adminB }), 404, 'server.not_found');
  });

  it('shares nothing along a declined referral', async () => {
    const file = await uploadWhole(adminA, randomBytes(500));
    const referral = await api.call('POST', '/referrals', { token: adminA, body: { caseId: 'case-shared', receiverCreditCode: b.creditCode, kind: 'referral', note: '' } });
    expect(referral.status).toBe(201);
    expect((await api.call('POST', `/referrals/${referral.body.id}/answer`, { token: adminB, body: { accept: false, reason: '不属于受理范围', baseVersion: referral.body.version } })).status).toBe(200);
    const answer = await call('POST', `/files/${file.sha256}/shares`, { token: adminA, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ referralId: referral.body.id })) });
    expectProblem(answer, 409, 'server.referral_declined');
    expectProblem(await call('GET', `/files/${file.sha256}`, { token: adminB }), 404, 'server.not_found');
  });
});

describe('downloads', () => {
  it('sends ranges: first-last, first-, a suffix; refuses one past the end with 416', async () => {
    const bytes = randomBytes(10_000);
    const file = await uploadWhole(adminA, bytes);
    const get = (range: string): Promise<Raw> => call('GET', `/files/${file.sha256}`, { token: adminA, headers: { range } });
    const middle = await get('bytes=100-199');
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe('bytes 100-199/10000');
    expect(middle.bytes.equals(bytes.subarray(100, 200))).toBe(true);
    expect((await get('bytes=9990-')).bytes.equals(bytes.subarray(9990))).toBe(true);
    expect((await get('bytes=-10')).bytes.equals(bytes.subarray(9990))).toBe(true);
    const past = await get('bytes=10000-');
    expectProblem(past, 416, 'server.range_not_satisfiable');
    expect(past.headers['content-range']).toBe('bytes */10000');
    const head = await call('HEAD', `/files/${file.sha256}`, { token: adminA });
    expect(head.headers['content-length']).toBe('10000');
    expect(head.headers.etag).toBe(`"${file.sha256}"`);
    expectProblem(await call('GET', '/files/not-a-hash', { token: adminA }), 404, 'server.not_found');
  });

  it('says so when a recorded file is missing from the folder, with a reference in the log', async () => {
    const file = await uploadWhole(adminA, randomBytes(300));
    rmSync(store.filePath(file.sha256));
    const lines: string[] = [];
    await withApi({ files: store, log: (line) => lines.push(line) }, async (other, token) => {
      const answer = await other.call('GET', `/files/${file.sha256}`, { token });
      expect(answer.status).toBe(500);
      expect(answer.body.problem.key).toBe('server.file_missing');
      expect(lines.join('\n')).toContain(answer.body.problem.params.reference);
    });
  });

  it('refuses the file routes of a server that keeps no files', async () => {
    await withApi({}, async (other, token) => {
      const answer = await other.call('POST', '/files/uploads', { token, body: { sha256: 'c'.repeat(64), size: 1, kind: 'pdf', caseId: null } });
      expect(answer.status).toBe(503);
      expect(answer.body.problem.key).toBe('server.files_unconfigured');
    });
  });
});

describe('/health', () => {
  async function health(files: FileStore | null, pool = world.pool): Promise<{ status: number; body: Json }> {
    const server = createServer(createApiHandler({ deps: createDeps({ pool, files }), routes: ROUTES }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/health`);
      return { status: answer.status, body: healthResponseSchema.parse(await answer.json()) };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('reports the database at the current migration and the folder writable with its free space', async () => {
    const answer = await health(store);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');
    expect(answer.body.database).toMatchObject({ reachable: true, current: true });
    expect(answer.body.database.schemaVersion).toBe(answer.body.database.expectedVersion);
    expect(answer.body.files).toMatchObject({ configured: true, writable: true, low: false });
    expect(answer.body.files.freeBytes).toBeGreaterThan(0);
    expect(existsSync(join(folder, '.uploads'))).toBe(true);
    expect(readdirSync(join(folder, '.uploads')).filter((f) => f.startsWith('.health'))).toEqual([]);
  });

  it('is degraded when free space falls under the reserve, failing (503) when the folder takes no file or the database is gone', async () => {
    expect((await health(new FileStore(folder, { maxFileBytes: MAX, reserveBytes: Number.MAX_SAFE_INTEGER / 2 }))).body.status).toBe('degraded');
    const broken = new FaultyIo();
    broken.failAfter = 0;
    const failing = await health(new FileStore(folder, { maxFileBytes: MAX, reserveBytes: 0, io: broken }));
    expect(failing.status).toBe(503);
    expect(failing.body).toMatchObject({ status: 'failing', files: { writable: false } });
    const gone = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    try {
      const unreachable = await health(null, gone);
      expect(unreachable.status).toBe(503);
      expect(unreachable.body).toMatchObject({ status: 'failing', schemaVersion: null, database: { reachable: false, current: false }, files: { configured: false } });
    } finally {
      await gone.end();
    }
  });
});
