// Evidence files between workstations and a real center server (renderer/features/center/files.ts
// over the link's own forwarding, node/server-link/link.ts, to the server's file routes over HTTPS
// with a pinned certificate, PostgreSQL and a real file folder): a file sent in pieces and fetched
// on another workstation, re-hashed on arrival; an upload whose connection drops after a piece
// landed, resumed from the server's offset and stored once; bytes that are not their hash refused
// at both ends with nothing stored; and the sync sending a ledger entry's file before the entry.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTER_LINK_CHUNK_BYTES, CenterLinkError, type CenterPin, type CenterRequest } from '../../../shared/protocol/center-link';
import { createApiHandler, createDeps, ROUTES } from '../../../server';
import { FileStore } from '../../../server/files/store';
import { openWorkstationDb } from '../../../renderer/data/dexie/db';
import { fetchFile, FileRefusedError, uploadFile, type FilePorts } from '../../../renderer/features/center/files';
import { browserBlobStore, chunkedHasher } from '../../../renderer/platform/browser';
import { forward } from '../../../node/server-link/link';
import { selfSigned } from '../server-link/tls-server';
import { FAST_SCRYPT, makeInstitution, startWorld, type MadeInstitution, type World } from '../server/fixtures';
import { freshDb } from '../db/helpers';
import { API_PREFIX } from '../../../shared/server/api';

let world: World;
let folder: string;
let server: Server;
let pin: CenterPin;
let institution: MadeInstitution;
let token: string;

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  world = await startWorld('mwcenterfiles');
  folder = mkdtempSync(join(tmpdir(), 'mw-center-files-'));
  const files = new FileStore(folder, { maxFileBytes: 64 * 1024 * 1024, reserveBytes: 0 });
  await files.prepare();
  const deps = createDeps({ pool: world.pool, now: () => new Date(), clock: () => performance.now(), passwordParams: FAST_SCRYPT, log: () => undefined, files });
  const cert = selfSigned('127.0.0.1');
  server = createServer({ cert: cert.certPem, key: cert.keyPem }, createApiHandler({ deps, routes: ROUTES }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  pin = { address: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, fingerprint: cert.fingerprint };
  institution = await makeInstitution(world.pool, 'mediation', '340202');
  const signedIn = await forward(pin, { method: 'POST', path: `${API_PREFIX}/sign-in`, body: { institution: institution.creditCode, username: 'admin', password: 'correct horse 7' } });
  expect(signedIn.status).toBe(200);
  token = (signedIn.body as { token: string }).token;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await world?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** A workstation's blob store over its own data layer, and the requests it sent. */
function workstation(send: (request: CenterRequest) => Promise<Awaited<ReturnType<typeof forward>>> = (request) => forward(pin, { ...request, token })) {
  const data = freshDb();
  const sent: CenterRequest[] = [];
  const blobs = browserBlobStore(data.blobs);
  const ports: FilePorts = {
    blobs,
    hashing: chunkedHasher(),
    request: (request) => {
      sent.push(request);
      return send(request);
    },
  };
  return { data, ports, sent, blobs };
}

const storedFiles = (): string[] => readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name)).map((e) => e.name);

/** The server's rows of a file, read past row-level security. */
async function fileRows(sha256: string): Promise<number> {
  const superPool = new pg.Pool({ connectionString: world.db.superUrl, max: 1 });
  try {
    const result = await superPool.query<{ n: string }>('SELECT count(*) AS n FROM mw.files WHERE sha256 = $1', [sha256]);
    return Number(result.rows[0]?.n);
  } finally {
    await superPool.end();
  }
}

describe('evidence files through the center server', () => {
  it('sends a file in pieces, and another workstation fetches it, checked against its hash', async () => {
    const bytes = randomBytes(2 * CENTER_LINK_CHUNK_BYTES + 1234);
    const first = workstation();
    const sha256 = await first.blobs.put(bytes);
    expect(await uploadFile(first.ports, { sha256, size: bytes.length, caseId: 'case-1', mediaType: 'application/pdf' })).toBe('sent');
    expect(first.sent.filter((r) => r.method === 'PATCH')).toHaveLength(3);
    expect(storedFiles()).toContain(sha256);

    const second = workstation();
    expect(await second.ports.blobs.has(sha256)).toBe(false);
    await expect(fetchFile(second.ports, { sha256, size: bytes.length })).resolves.toBe('fetched');
    expect(sha((await second.blobs.get(sha256)) as Uint8Array)).toBe(sha256);
    // Had now: nothing is asked of the server again.
    const asked = second.sent.length;
    await expect(fetchFile(second.ports, { sha256, size: bytes.length })).resolves.toBe('here');
    expect(second.sent).toHaveLength(asked);
    // Sent again: the server has it, no byte goes.
    const before = first.sent.length;
    expect(await uploadFile(first.ports, { sha256, size: bytes.length, caseId: 'case-1', mediaType: 'application/pdf' })).toBe('stored');
    expect(first.sent.slice(before).map((r) => r.method)).toEqual(['POST']);
  });

  it('resumes an upload whose connection dropped after a piece landed, and stores it once', async () => {
    const bytes = randomBytes(3 * CENTER_LINK_CHUNK_BYTES);
    let patches = 0;
    // The second PATCH reaches the server, but its answer is lost with the connection.
    const dropping = workstation(async (request) => {
      const answer = await forward(pin, { ...request, token });
      if (request.method === 'PATCH' && ++patches === 2) throw new CenterLinkError('unreachable', 'The connection to the server broke during its answer.');
      return answer;
    });
    const sha256 = await dropping.blobs.put(bytes);
    const file = { sha256, size: bytes.length, caseId: 'case-2', mediaType: 'image/png' };
    await expect(uploadFile(dropping.ports, file)).rejects.toMatchObject({ code: 'unreachable' });
    expect(storedFiles()).not.toContain(sha256);

    const offsets: number[] = [];
    const sentAgain = dropping.sent.length;
    expect(await uploadFile(dropping.ports, file)).toBe('sent');
    dropping.sent.slice(sentAgain).forEach((r) => r.chunk && offsets.push(r.chunk.offset));
    // Only the third piece went again: the server said how far it had got.
    expect(offsets).toEqual([2 * CENTER_LINK_CHUNK_BYTES]);
    expect(storedFiles().filter((name) => name === sha256)).toHaveLength(1);
    expect(await fileRows(sha256)).toBe(1);

    const other = workstation();
    await expect(fetchFile(other.ports, { sha256, size: bytes.length })).resolves.toBe('fetched');
  });

  it('refuses a download whose bytes are not the hash its ledger entry records, and stores nothing', async () => {
    const bytes = randomBytes(5000);
    const first = workstation();
    const sha256 = await first.blobs.put(bytes);
    await uploadFile(first.ports, { sha256, size: bytes.length, caseId: 'case-3', mediaType: 'text/plain; charset=utf-8' });
    // The server's copy changed on its disk (as a fault would change it), same size.
    const tampered = Buffer.from(bytes);
    tampered[100] = (tampered[100] as number) ^ 0xff;
    writeFileSync(join(folder, sha256.slice(0, 2), sha256), tampered);

    const second = workstation();
    await expect(fetchFile(second.ports, { sha256, size: bytes.length })).rejects.toMatchObject({ code: 'center.file_mismatch', params: { sha256, actual: sha(tampered) } });
    expect(await second.ports.blobs.has(sha256)).toBe(false);
    expect(await second.blobs.list()).toEqual([]);
  });

  it('refuses at the server an upload of bytes that are not their hash, and the server keeps nothing', async () => {
    const first = workstation();
    const sha256 = await first.blobs.put(new TextEncoder().encode('借条原件扫描'));
    // This workstation's copy was changed after it was stored under its hash.
    const raw = openWorkstationDb(first.data.name);
    await raw.blobs.put({ sha256, bytes: new TextEncoder().encode('伪造的借条扫描'), size: 21 });
    raw.close();
    const error = await uploadFile(first.ports, { sha256, size: 21, caseId: 'case-4', mediaType: 'image/jpeg' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileRefusedError);
    expect(error).toMatchObject({ status: 422, code: 'server.file_hash_mismatch', params: { expected: sha256 } });
    expect(storedFiles()).not.toContain(sha256);
  });
});
