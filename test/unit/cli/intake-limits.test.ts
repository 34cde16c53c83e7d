// The court's intake under attack from anyone who can reach /intake (issue 14 part 3), on loopback
// with small limits: junk is answered and deleted, a thousand valid packages of a self-issued
// institution cannot crowd out a registered one, chunked uploads cannot eat the disk's reserve,
// tricklers cannot hold the slots, and an answer reached under one trust list is never given
// under another.
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { diskBudget } from '../../../cli/src/package/intake-disk';
import { watchPace } from '../../../cli/src/package/intake-pace';
import { startIntake, createIntakeHandler, type IntakeOptions } from '../../../cli/src/package/intake-server';
import { runIntake } from '../../../cli/src/commands/intake';
import { runServe } from '../../../cli/src/commands/signal';
import { certificateFingerprints } from '../../../shared/confirmation/trust';
import { intakeAnswerSchema, type IntakeAnswer } from '../../../shared/protocol/intake';
import { makeInstitution } from '../agreement/pdf-signature-fixtures';
import { buildZip, caIssuedInstitution, makeFixture, NOW, type Fixture } from '../confirmation/package-fixtures';

const root = mkdtempSync(join(tmpdir(), 'mw-intake-limits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ZIP = { 'content-type': 'application/zip' };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

let registered: Fixture;
let alsoRegistered: Fixture;
let selfIssued: Fixture;
beforeAll(async () => {
  registered = await makeFixture();
  alsoRegistered = await makeFixture(await makeInstitution('芜湖市弋江区人民调解委员会'));
  selfIssued = await makeFixture(await makeInstitution('自称调解委员会'));
}, 60_000);

/** A package of `fixture`'s institution; `id` makes each one different. */
async function packageOf(fixture: Fixture, id = 'pkg-2026-0001'): Promise<Uint8Array> {
  return (await buildZip(fixture, { manifestInput: { ...fixture.manifestInput, packageId: id } })).zip;
}

async function intake(name: string, options: Partial<IntakeOptions> = {}) {
  const dir = join(root, name);
  const server = await startIntake(0, '127.0.0.1', { dir, maxBytes: 8 * 1024 * 1024, now: () => NOW, ...options });
  closers.push(() => server.close());
  return { url: server.url, dir };
}

/** Waits until the intake has taken `count` uploads (their .part files exist): no guess at how long that takes. */
async function uploadsTaken(dir: string, count: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (files(dir, 'incoming').filter((name) => name.endsWith('.part')).length >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the intake did not take ${count} uploads`);
}

async function post(url: string, body: Uint8Array): Promise<{ status: number; answer: IntakeAnswer | null }> {
  const response = await fetch(url, { method: 'POST', headers: ZIP, body: body as Uint8Array<ArrayBuffer> });
  const parsed = intakeAnswerSchema.safeParse(await response.json());
  return { status: response.status, answer: parsed.success ? parsed.data : null };
}

const files = (dir: string, sub: string) => readdirSync(join(dir, sub)).sort();
const trustOf = (...fixtures: Fixture[]) => fixtures.map((f) => f.institution.certificatePem);

describe('junk posted to the intake', () => {
  it('is answered and deleted: only the answer is kept, and only so many of them', async () => {
    const { url, dir } = await intake('junk', { limits: { maxAnswers: 2 } });
    const bodies = [randomBytes(3000), randomBytes(4000), randomBytes(5000)];
    for (const body of bodies) expect((await post(url, body)).answer?.verdict).toBe('unusable');
    expect(files(dir, 'packages')).toEqual([]);
    expect(files(dir, 'incoming')).toEqual([]);
    // The newest answers are still given without a second upload; the oldest made way.
    expect(files(dir, 'answers')).toHaveLength(2);
    expect((await fetch(`${url}/${sha256(bodies[2]!)}`)).status).toBe(200);
  });

  it('left by an earlier intake is dropped when the intake starts again', async () => {
    const dir = join(root, 'old-junk');
    const body = randomBytes(2000);
    mkdirSync(join(dir, 'packages'), { recursive: true });
    writeFileSync(join(dir, 'packages', `${sha256(body)}.zip`), body);
    writeFileSync(join(dir, 'packages', `${sha256(body)}.json`), JSON.stringify({ packageSha256: sha256(body), verdict: 'unusable', problems: ['x'], receivedOn: '2026-03-05', packageId: null }));
    const handler = createIntakeHandler({ dir, maxBytes: 1024 * 1024 });
    await handler.refreshed;
    expect(files(dir, 'packages')).toEqual([]);
    expect(files(dir, 'answers')).toEqual([`${sha256(body)}.json`]);
  });
});

describe('a trust list of registered institutions', () => {
  it('keeps the packages of every registered institution and refuses a self-issued one before keeping it', async () => {
    const { url, dir } = await intake('trusted', { trustedInstitutionPems: trustOf(registered, alsoRegistered), limits: { maxAnswers: 3 } });
    const real = await packageOf(registered);
    const other = await packageOf(alsoRegistered);
    expect((await post(url, real)).answer?.verdict).toBe('valid');
    expect((await post(url, other)).answer?.verdict).toBe('valid');
    for (let i = 0; i < 5; i++) {
      const { status, answer } = await post(url, await packageOf(selfIssued, `junk-${i}`));
      expect(status).toBe(200);
      // Refused from the signer alone: nothing else was checked.
      expect(answer).toMatchObject({ verdict: 'invalid', details: [{ key: 'pinned.unknown' }] });
    }
    expect(files(dir, 'packages')).toEqual([`${sha256(other)}.json`, `${sha256(other)}.zip`, `${sha256(real)}.json`, `${sha256(real)}.zip`].sort());
    expect(files(dir, 'incoming')).toEqual([]);
    expect(files(dir, 'answers')).toHaveLength(3);
  });

  it('may name the CA that issues the institutions’ certificates instead of each institution', async () => {
    const ca = await makeInstitution('安徽省电子认证中心（测试）');
    const institution = await caIssuedInstitution(ca, '安徽省电子认证中心（测试）');
    const issued = await makeFixture(institution);
    const zip = (await buildZip(issued, { sign: { certificatePem: institution.certificatePem, chainPems: [ca.certificatePem], sign: institution.sign } }, institution)).zip;
    const { url, dir } = await intake('ca-trusted', { trustedInstitutionPems: [ca.certificatePem] });
    expect((await post(url, zip)).answer?.verdict).toBe('valid');
    expect(files(dir, 'packages')).toContain(`${sha256(zip)}.zip`);
  }, 60_000);

  it('refuses a package that carries a registered certificate but is not signed with its key', async () => {
    const { url, dir } = await intake('forged', { trustedInstitutionPems: trustOf(registered) });
    const forged = (await buildZip(selfIssued, { sign: { certificatePem: registered.institution.certificatePem, chainPems: [], sign: selfIssued.institution.sign } })).zip;
    const { answer } = await post(url, forged);
    expect(answer?.verdict).toBe('invalid');
    expect(answer?.problems.join('\n')).toContain('manifest.signature');
    expect(files(dir, 'packages')).toEqual([]);
  });

  it('never gives an answer reached under another trust list', async () => {
    const dir = join(root, 'retrusted');
    const foreign = await packageOf(selfIssued);
    const open = await intake('retrusted');
    expect((await post(open.url, foreign)).answer?.verdict).toBe('valid');
    await closers.pop()!();

    // Restarted with the court's own institutions: the earlier verdict is not this intake's.
    const handler = createIntakeHandler({ dir, maxBytes: 8 * 1024 * 1024, now: () => NOW, trustedInstitutionPems: trustOf(registered) });
    await handler.refreshed;
    const strict = await intake('retrusted', { trustedInstitutionPems: trustOf(registered) });
    const status = await fetch(`${strict.url}/${sha256(foreign)}`);
    expect(((await status.json()) as IntakeAnswer).verdict).toBe('invalid');
    const again = await post(strict.url, foreign);
    expect(again.answer).toMatchObject({ verdict: 'invalid', details: [{ key: 'pinned.unknown' }] });
    // Received before the trust list changed, it is kept with its new answer (a filing the clerk
    // may not have imported yet is never deleted by a setting); a new upload of it would not be.
    expect(files(dir, 'packages')).toEqual([`${sha256(foreign)}.json`, `${sha256(foreign)}.zip`]);

    // And one that trusts it answers valid again.
    await closers.pop()!();
    const trusting = await intake('retrusted', { trustedInstitutionPems: trustOf(selfIssued) });
    expect((await post(trusting.url, foreign)).answer?.verdict).toBe('valid');
  });

  it('answers a package kept before again under a new trust list as received on its day of receipt', async () => {
    const dir = join(root, 'receipt-day');
    const real = await packageOf(registered);
    const first = await intake('receipt-day');
    expect((await post(first.url, real)).answer).toMatchObject({ verdict: 'valid', receivedOn: '2026-03-05' });
    await closers.pop()!();
    const later = new Date(NOW.getTime() + 3 * 86_400_000);
    await createIntakeHandler({ dir, maxBytes: 8 * 1024 * 1024, now: () => later, trustedInstitutionPems: trustOf(registered) }).refreshed;
    const again = await intake('receipt-day', { now: () => later, trustedInstitutionPems: trustOf(registered) });
    expect(await (await fetch(`${again.url}/${sha256(real)}`)).json()).toMatchObject({ verdict: 'valid', receivedOn: '2026-03-05' });
  });

  it('is read from repeated --institution files and a --trust-dir folder', async () => {
    const dir = join(root, 'cli-trust');
    mkdirSync(join(dir, 'trust'), { recursive: true });
    writeFileSync(join(dir, 'a.pem'), registered.institution.certificatePem);
    writeFileSync(join(dir, 'trust', 'b.pem'), alsoRegistered.institution.certificatePem);
    writeFileSync(join(dir, 'trust', 'c.crt'), selfIssued.institution.certificatePem);
    writeFileSync(join(dir, 'trust', 'notes.txt'), 'not a certificate');
    let out = '';
    let stop!: () => void;
    const running = runIntake(['--port', '0', '--dir', join(dir, 'store'), '--institution', join(dir, 'a.pem'), '--trust-dir', join(dir, 'trust'), '--json'], { out: (t: string) => (out += t), err: () => undefined } as never, new Promise<void>((r) => (stop = r)));
    for (let i = 0; i < 100 && out === ''; i++) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.parse(out)).toMatchObject({ trustedCertificates: 3 });
    stop();
    expect(await running).toBe(0);
  });
});

describe('mw serve --intake-dir', () => {
  it('takes its trust list from MW_INTAKE_TRUST_DIR', async () => {
    const dir = join(root, 'serve');
    mkdirSync(join(dir, 'trust'), { recursive: true });
    mkdirSync(join(dir, 'web'), { recursive: true });
    writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'trust', 'registered.pem'), registered.institution.certificatePem);
    const before = process.env.MW_INTAKE_TRUST_DIR;
    process.env.MW_INTAKE_TRUST_DIR = join(dir, 'trust');
    const stop = new AbortController();
    let out = '';
    const running = runServe(['--port', '0', '--host', '127.0.0.1', '--web-root', join(dir, 'web'), '--secret-file', join(dir, 'signal.secret'), '--intake-dir', join(dir, 'intake'), '--json'], { out: (t: string) => (out += t), err: () => undefined }, stop.signal);
    try {
      for (let i = 0; i < 250 && !out.includes('\n'); i++) await new Promise((r) => setTimeout(r, 20));
      const base = `http://127.0.0.1:${(JSON.parse(out) as { port: number }).port}`;
      expect(await (await fetch(`${base}/intake-inbox`, { headers: { 'sec-fetch-site': 'same-origin' } })).json()).toEqual({ receiving: true, trusted: 1 });
      const { answer } = await post(`${base}/intake`, await packageOf(selfIssued));
      expect(answer).toMatchObject({ verdict: 'invalid', details: [{ key: 'pinned.unknown' }] });
      expect(files(join(dir, 'intake'), 'packages')).toEqual([]);
    } finally {
      stop.abort();
      await running;
      if (before === undefined) delete process.env.MW_INTAKE_TRUST_DIR;
      else process.env.MW_INTAKE_TRUST_DIR = before;
    }
  });
});

describe('the clerk’s inbox', () => {
  /** A package record as the intake keeps it, written before it starts (a thousand real packages would take minutes to build). */
  function kept(dir: string, i: number, signer: string | null) {
    const body = new TextEncoder().encode(`package ${i}`);
    const sha = sha256(body);
    const zip = join(dir, 'packages', `${sha}.zip`);
    writeFileSync(zip, body);
    const answer = { packageSha256: sha, verdict: 'valid', problems: [], receivedOn: '2026-03-05', packageId: `pkg-${i}` };
    writeFileSync(join(dir, 'packages', `${sha}.json`), JSON.stringify({ answer, trust: 'none', signer: signer && { certificateSha256: signer, chainSha256: [] } }));
    return { sha, zip };
  }

  it('pages through every package, registered institutions apart from unknown signers, with no cap', () => {
    const dir = join(root, 'pages');
    mkdirSync(join(dir, 'packages'), { recursive: true });
    const registeredSha = [...certificateFingerprints(trustOf(registered))][0]!;
    const real = kept(dir, 0, registeredSha);
    utimesSync(real.zip, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'));
    for (let i = 1; i <= 1001; i++) kept(dir, i, 'f'.repeat(64));
    const handler = createIntakeHandler({ dir, maxBytes: 1024 });
    const query = { registered: [registeredSha], limit: 100 };
    expect(handler.inbox({ ...query, group: 'registered', offset: 0 })).toMatchObject({ total: 1, items: [{ answer: { packageSha256: real.sha }, registered: true }] });
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const page = handler.inbox({ ...query, group: 'unknown', offset });
      expect(page.total).toBe(1001);
      for (const item of page.items) seen.add(item.answer.packageSha256);
      if (page.items.length < 100) break;
    }
    expect(seen.size).toBe(1001);
  });

  it('keeps a bounded number of unknown signers’ packages, the oldest dropped first', async () => {
    const { url, dir } = await intake('quota', { limits: { maxUnknownPackages: 2 } });
    const posted: Uint8Array[] = [];
    for (let i = 0; i < 4; i++) {
      const zip = await packageOf(selfIssued, `junk-${i}`);
      posted.push(zip);
      expect((await post(url, zip)).status).toBe(200);
    }
    expect(files(dir, 'packages').filter((n) => n.endsWith('.zip'))).toEqual([`${sha256(posted[2]!)}.zip`, `${sha256(posted[3]!)}.zip`].sort());
  });
});

/** Bytes the intake's folder holds now: a disk of `capacity` bytes holding only them. */
function folderBytes(dir: string): number {
  let total = 0;
  for (const sub of ['incoming', 'packages', 'answers']) {
    for (const name of readdirSync(join(dir, sub))) total += statSync(join(dir, sub, name), { throwIfNoEntry: false })?.size ?? 0;
  }
  return total;
}

/** A chunked upload (no declared length) of `size` bytes in 64 KiB chunks; its status. */
function chunked(url: string, size: number): Promise<number> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...ZIP, 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    let sent = 0;
    const next = () => {
      if (sent >= size) return req.end();
      const n = Math.min(64 * 1024, size - sent);
      sent += n;
      req.write(randomBytes(n), () => setImmediate(next));
    };
    next();
  });
}

describe('the free-space reserve', () => {
  it('holds while chunked uploads arrive side by side', async () => {
    const dir = join(root, 'reserve');
    const reserve = 8 * 1024 * 1024;
    const capacity = reserve + 1024 * 1024;
    let lowest = Infinity;
    const { url } = await intake('reserve', {
      maxUploadsPerAddress: 4,
      diskReserveBytes: reserve,
      freeSpace: () => {
        const free = capacity - folderBytes(dir);
        lowest = Math.min(lowest, free);
        return free;
      },
    });
    // What the folder holds while they arrive, looked at again and again.
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, folderBytes(dir))), 2);
    const statuses = await Promise.all([0, 1, 2, 3].map(() => chunked(url, 600 * 1024)));
    clearInterval(sampler);
    // At most one of them fits beside the reserve; every other one is told there is no room.
    expect(statuses.every((s) => s === 200 || s === 507)).toBe(true);
    expect(statuses.filter((s) => s === 507).length).toBeGreaterThanOrEqual(3);
    expect(most).toBeLessThanOrEqual(capacity - reserve);
    expect(lowest).toBeGreaterThanOrEqual(reserve);
  });

  it('counts what a declared upload has still to write against every other upload', () => {
    const budget = diskBudget(() => 1000, 0);
    const declared = budget.admit(600)!;
    expect(budget.admit(600)).toBeNull();
    const chunkedClaim = budget.admit(0)!;
    expect(chunkedClaim.take(400)).toBe(true);
    expect(chunkedClaim.take(1)).toBe(false);
    expect(declared.take(600)).toBe(true);
  });

  it('drops unknown signers’ packages, oldest first, to make room for another', async () => {
    const dir = join(root, 'make-room');
    const reserve = 1024 * 1024;
    let capacity = Infinity;
    const { url } = await intake('make-room', { diskReserveBytes: reserve, freeSpace: () => capacity - folderBytes(dir) });
    const [first, second, third] = [await packageOf(selfIssued, 'old-1'), await packageOf(selfIssued, 'old-2'), await packageOf(selfIssued, 'new-3')];
    expect((await post(url, first!)).status).toBe(200);
    expect((await post(url, second!)).status).toBe(200);
    // Room for half of the next one only.
    capacity = reserve + folderBytes(dir) + third!.length / 2;
    expect((await post(url, third!)).status).toBe(200);
    expect(files(dir, 'packages').filter((n) => n.endsWith('.zip'))).toEqual([`${sha256(second!)}.zip`, `${sha256(third!)}.zip`].sort());
  });

  it('refuses one chunked upload larger than the room left, keeping nothing of it', async () => {
    const dir = join(root, 'reserve-one');
    const { url } = await intake('reserve-one', { diskReserveBytes: 1024 * 1024, freeSpace: () => 1024 * 1024 + 256 * 1024 - folderBytes(dir) });
    expect(await chunked(url, 1024 * 1024)).toBe(507);
    expect(files(dir, 'incoming')).toEqual([]);
  });

  it('holds on a real small disk (tmpfs)', async (context) => {
    const mount = join(root, 'tmpfs');
    mkdirSync(mount, { recursive: true });
    const mounted = process.platform === 'linux' && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mount]).status === 0;
    if (!mounted) return context.skip('mounting a tmpfs needs root (CAP_SYS_ADMIN) on Linux; not available here');
    try {
      const dir = join(mount, 'intake');
      const reserve = 4 * 1024 * 1024;
      const { url } = await intake('unused', { dir, diskReserveBytes: reserve, maxUploadsPerAddress: 4 });
      const free = () => {
        const fs = statfsSync(mount);
        return fs.bavail * fs.bsize;
      };
      // One upload alone fits beside the reserve …
      expect(await chunked(url, 900 * 1024)).toBe(200);
      // … four at once do not, and the disk keeps its reserve while they arrive.
      let lowest = free();
      const sampler = setInterval(() => (lowest = Math.min(lowest, free())), 2);
      const statuses = await Promise.all([0, 1, 2, 3].map(() => chunked(url, 900 * 1024)));
      clearInterval(sampler);
      expect(statuses).toContain(507);
      expect(lowest).toBeGreaterThanOrEqual(reserve);
    } finally {
      while (closers.length) await closers.pop()!();
      spawnSync('umount', [mount]);
    }
  });
});

describe('slow senders', () => {
  it('are judged window by window: enough in one window does not excuse too little in the next', () => {
    vi.useFakeTimers();
    try {
      const tooSlow = vi.fn();
      const watch = watchPace({ windowMs: 1000, minBytes: 100 }, tooSlow);
      watch.count(150);
      vi.advanceTimersByTime(1000);
      expect(tooSlow).not.toHaveBeenCalled();
      watch.count(50);
      vi.advanceTimersByTime(1000);
      expect(tooSlow).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(5000);
      expect(tooSlow).toHaveBeenCalledTimes(1);
      watch.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('from one address never hold every slot: another address still gets in', async () => {
    const { url, dir } = await intake('per-address', { maxConcurrentUploads: 2 });
    const target = new URL(url);
    const from = (localAddress: string) => request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', localAddress, headers: { ...ZIP, 'transfer-encoding': 'chunked' } });
    const held = from('127.0.0.1');
    held.on('error', () => undefined);
    held.write(randomBytes(10));
    await uploadsTaken(dir, 1);
    // The same address is told to come back; the slot left is another sender's.
    expect((await post(url, randomBytes(10))).status).toBe(503);
    const other = await new Promise<number>((resolve) => {
      const req = from('127.0.0.2');
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.end(randomBytes(10));
    });
    expect(other).toBe(200);
    held.destroy();
  });

  it('are cut off when they deliver less than the minimum in a window, and a real package then gets in', async () => {
    // A window long enough that a real package, sent at once, is never judged slow on a loaded machine.
    const { url, dir } = await intake('slow', { maxConcurrentUploads: 2, maxUploadsPerAddress: 2, pace: { windowMs: 1000, minBytes: 1000 } });
    const target = new URL(url);
    const cut: Promise<void>[] = [];
    for (let i = 0; i < 2; i++) {
      const trickle = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...ZIP, 'transfer-encoding': 'chunked' } });
      cut.push(new Promise((resolve) => trickle.on('error', () => resolve()).on('close', () => resolve())));
      trickle.write(randomBytes(10));
    }
    await uploadsTaken(dir, 2);
    expect((await post(url, randomBytes(10))).status).toBe(503);
    await Promise.all(cut);
    let status = 503;
    for (let attempt = 0; attempt < 100 && status === 503; attempt++) {
      status = (await post(url, await packageOf(registered))).status;
      if (status === 503) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(200);
  });
});
