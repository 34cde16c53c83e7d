// `npm run bench -- files`: a resumable transfer of N MiB (default 1 GiB; BENCH_FILES_MIB shrinks
// it) to the center server and back (issue 17 item 5), on a throwaway PostgreSQL cluster and a
// temporary file folder, over HTTP on loopback:
//   the upload in PATCHes of 64 MiB, the connection cut once halfway through a PATCH, resumed from
//   the offset the server gives (HEAD), then finished (the server hashes all of it and moves it
//   into place); the download streamed whole; beside `sha256sum` of the same file (the disk and
//   hash's own limit) measured in the same run. Peak RSS of the process (server and client both
//   live in it) shows that nothing holds the file in memory.
import { spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const MiB = 1024 * 1024;
const SIZE_MIB = Number(process.env.BENCH_FILES_MIB ?? 1024);
const CHUNK_MIB = 64;
const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (message) => process.stderr.write(`bench files: ${message}\n`);

const { startThrowawayCluster } = await import('../../server/dev/throwaway-cluster.ts');
const server = await import('../../server/index.ts');
const { creditCodeCheckChar } = await import('../../shared/domain/identifiers.ts');
const pg = (await import('pg')).default;

const work = mkdtempSync(join(tmpdir(), 'mw-bench-files-'));
const cluster = await startThrowawayCluster();
try {
  const db = await cluster.createDatabase('mwbench');
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  await server.migrate(owner, { appRole: db.appRole });
  await owner.end();
  const pool = new pg.Pool({ connectionString: db.appUrl, max: 4 });
  const first = '51340202MJ0000001';
  const creditCode = first + creditCodeCheckChar(first);
  const made = await server.createInstitution(pool, { kind: 'mediation', name: '基准调解委员会', creditCode, areaCode: '340202', admin: { username: 'admin', displayName: '管理员', password: 'bench password 1' } }, { passwordParams: { N: 1024, r: 8, p: 1 } });
  const config = server.resolveConfig({ databaseUrl: db.appUrl, port: '0', behindTlsProxy: true, filesDir: join(work, 'files'), maxFileBytes: String((SIZE_MIB + 1) * MiB), filesReserveBytes: '0' }, {});
  const running = await server.startServer(config, () => undefined);
  const base = new URL(running.url);

  // The file, and the references: its SHA-256 by sha256sum, timed.
  const file = join(work, 'source.bin');
  const block = Buffer.alloc(MiB);
  const fd = openSync(file, 'w');
  for (let i = 0; i < SIZE_MIB; i++) writeSync(fd, randomFillSync(block));
  closeSync(fd);
  let started = performance.now();
  const reference = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  const sha256sumSeconds = (performance.now() - started) / 1000;
  const sha256 = reference.stdout.split(' ')[0];

  const call = (method, path, { token, headers = {}, body, cutAt } = {}) =>
    new Promise((resolve, reject) => {
      const req = request({ host: base.hostname, port: base.port, method, path: `/api/v1${path}`, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } }, (res) => {
        const hash = createHash('sha256');
        let bytes = 0;
        const chunks = [];
        res.on('data', (c) => (String(res.headers['content-type']).startsWith('application/json') ? chunks.push(c) : (hash.update(c), (bytes += c.length))));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, json: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : null, sha256: hash.digest('hex'), bytes }));
      });
      req.on('error', (error) => (cutAt !== undefined ? resolve({ status: 0 }) : reject(error)));
      if (!body) return req.end();
      let sent = 0;
      body.on('data', (chunk) => {
        sent += chunk.length;
        if (!req.write(chunk)) body.pause();
        if (cutAt !== undefined && sent >= cutAt) {
          body.destroy();
          req.destroy();
        }
      });
      req.on('drain', () => body.resume());
      body.on('end', () => req.end());
    });

  const signIn = await call('POST', '/sign-in', { headers: { 'content-type': 'application/json' }, body: Readable.from([JSON.stringify({ institution: made.institution.creditCode, username: 'admin', password: 'bench password 1' })]) });
  const token = signIn.json.token;
  const size = SIZE_MIB * MiB;
  const created = await call('POST', '/files/uploads', { token, headers: { 'content-type': 'application/json' }, body: Readable.from([JSON.stringify({ sha256, size, kind: 'recording', caseId: 'bench-case', mediaType: 'video/mp4' })]) });
  const id = created.json.upload.id;

  log(`uploading ${SIZE_MIB} MiB in PATCHes of ${CHUNK_MIB} MiB, cut once halfway`);
  started = performance.now();
  let offset = 0;
  let cut = false;
  let patches = 0;
  while (offset < size) {
    const length = Math.min(CHUNK_MIB * MiB, size - offset);
    const cutting = !cut && offset + length >= size / 2;
    const body = createReadStream(file, { start: offset, end: offset + length - 1, highWaterMark: MiB });
    const answer = await call('PATCH', `/files/uploads/${id}`, { token, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'content-length': String(length) }, body, ...(cutting ? { cutAt: Math.floor(length / 2) } : {}) });
    patches += 1;
    if (cutting) {
      cut = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const head = await call('HEAD', `/files/uploads/${id}`, { token });
      offset = Number(head.headers['upload-offset']);
      log(`connection cut; the server has ${round(offset / MiB)} MiB, resuming there`);
      continue;
    }
    if (answer.status === 409) {
      offset = answer.json.problem.params.offset;
      continue;
    }
    if (answer.status !== 200) throw new Error(`PATCH at ${offset}: ${answer.status} ${JSON.stringify(answer.json)}`);
    offset = Number(answer.headers['upload-offset']);
  }
  const uploadSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const finished = await call('POST', `/files/uploads/${id}/finish`, { token });
  const finishSeconds = (performance.now() - started) / 1000;
  if (finished.status !== 201) throw new Error(`finish: ${finished.status} ${JSON.stringify(finished.json)}`);

  started = performance.now();
  const download = await call('GET', `/files/${sha256}`, { token });
  const downloadSeconds = (performance.now() - started) / 1000;
  if (download.sha256 !== sha256 || download.bytes !== size) throw new Error('the download is not the file uploaded');

  await running.close();
  await pool.end();
  process.stdout.write(
    `${JSON.stringify({
      bench: 'files',
      mib: SIZE_MIB,
      patches,
      cutOnce: cut,
      uploadMiBPerSecond: round(SIZE_MIB / uploadSeconds),
      finishSeconds: round(finishSeconds),
      finishMiBPerSecond: round(SIZE_MIB / finishSeconds),
      sha256sumMiBPerSecond: round(SIZE_MIB / sha256sumSeconds),
      finishToSha256sum: round(sha256sumSeconds / finishSeconds),
      downloadMiBPerSecond: round(SIZE_MIB / downloadSeconds),
      verified: true,
      peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
    })}\n`,
  );
} finally {
  await cluster.stop();
  rmSync(work, { recursive: true, force: true });
}
