// Submitting to a court's intake from a workstation, as browser mode does it: the page posts to
// its own server's relay (mw serve), which streams the package to the court's URL after asking
// whether the court already has it; the court's workstation (mw serve --intake-dir) keeps what
// arrives for the clerk's inbox. Only the workstation's own page may use the relay and the inbox.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createIntakeHandler, startIntake } from '../../../cli/src/package/intake-server';
import { createSignalingHost, type SignalingHost } from '../../../cli/src/signal/ws-host';
import { parseIntakeUrl } from '../../../shared/protocol/intake';
import { buildZip, makeFixture } from '../confirmation/package-fixtures';
import { browserCourtIntake } from '../../../renderer/platform/browser-intake';
import { certificateFingerprints } from '../../../shared/confirmation/trust';

const root = mkdtempSync(join(tmpdir(), 'mw-intake-routes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const secret = new Uint8Array(32).fill(7);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ZIP = { 'content-type': 'application/zip' };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function court(name: string, options: { maxBytes?: number; maxConcurrentUploads?: number } = {}) {
  const dir = join(root, name);
  const posts: string[] = [];
  const server = await startIntake(0, '127.0.0.1', { dir, maxBytes: options.maxBytes ?? 1024 * 1024, log: (line) => posts.push(line), ...options });
  closers.push(() => server.close());
  return { server, dir, posts };
}

async function workstation(intakeDir?: string): Promise<{ host: SignalingHost; base: string }> {
  const endpoint = intakeDir ? createIntakeHandler({ dir: intakeDir, maxBytes: 1024 * 1024 }) : undefined;
  const host = createSignalingHost({ secret, mint: true, courtIntake: endpoint ? { endpoint } : {} });
  const { port } = await host.listen(0, '127.0.0.1');
  closers.push(() => host.close());
  return { host, base: `http://127.0.0.1:${port}` };
}

function listInbox(base: string, group: 'registered' | 'unknown') {
  return fetch(`${base}/intake-inbox`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ group, offset: 0, limit: 10, registered: [] }) });
}

function relay(base: string, body: Uint8Array, headers: Record<string, string>) {
  return fetch(`${base}/intake-relay`, { method: 'POST', headers: { origin: base, ...headers }, body: body as Uint8Array<ArrayBuffer> });
}

describe('the court-intake relay of mw serve', () => {
  it('streams a package to the court once; submitting again gets the stored answer without uploading', async () => {
    const { server, dir, posts } = await court('once');
    const { base } = await workstation();
    const bytes = randomBytes(300_000);
    const headers = { 'x-intake-url': server.url, 'x-package-sha256': sha256(bytes) };
    const first = await relay(base, bytes, headers);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { packageSha256: string; verdict: string };
    expect(answer).toMatchObject({ packageSha256: sha256(bytes), verdict: 'unusable', details: [{ key: expect.any(String) }] });
    const again = await relay(base, bytes, headers);
    expect(await again.json()).toEqual(answer);
    expect(posts).toHaveLength(1);
    // Not a package: answered, and only the answer kept.
    expect(readdirSync(join(dir, 'packages'))).toEqual([]);
    expect(readdirSync(join(dir, 'answers'))).toEqual([`${sha256(bytes)}.json`]);
  });

  it('says why a submission failed: unreachable, too large, damaged on the way', async () => {
    const { server, dir } = await court('refusals', { maxBytes: 1000 });
    const { base } = await workstation();
    const unreachable = await relay(base, randomBytes(10), { 'x-intake-url': 'http://127.0.0.1:9/intake', 'x-package-sha256': 'a'.repeat(64) });
    expect(unreachable.status).toBe(502);
    expect(((await unreachable.json()) as { error: { code: string } }).error.code).toBe('unreachable');
    const big = randomBytes(5000);
    const tooLarge = await relay(base, big, { 'x-intake-url': server.url, 'x-package-sha256': sha256(big) });
    expect(((await tooLarge.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'too_large', message: expect.stringContaining('1000 bytes') });
    const small = randomBytes(500);
    const damaged = await relay(base, small, { 'x-intake-url': server.url, 'x-package-sha256': 'b'.repeat(64) });
    expect(((await damaged.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'refused', message: expect.stringContaining('damaged') });
    expect(readdirSync(join(dir, 'packages'))).toEqual([]);
    expect(readdirSync(join(dir, 'incoming'))).toEqual([]);
  });

  it('stops the upload to the court when the page cancels, leaving nothing at the court', async () => {
    const { server, dir } = await court('cancel', { maxBytes: 50 * 1024 * 1024 });
    const { base } = await workstation();
    const url = new URL(`${base}/intake-relay`);
    const upload = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { origin: base, 'x-intake-url': server.url, 'x-package-sha256': 'e'.repeat(64), 'transfer-encoding': 'chunked' } });
    upload.on('error', () => undefined);
    upload.write(randomBytes(2 * 1024 * 1024));
    // The court's incoming/ has the partial upload while it runs …
    for (let i = 0; i < 50 && readdirSync(join(dir, 'incoming')).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(join(dir, 'incoming'))).toHaveLength(1);
    upload.destroy();
    // … and nothing once the page gave up.
    for (let i = 0; i < 100 && readdirSync(join(dir, 'incoming')).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(join(dir, 'incoming'))).toEqual([]);
    expect(readdirSync(join(dir, 'packages'))).toEqual([]);
  });

  it('answers only the workstation’s own page, and only with a valid intake URL and hash', async () => {
    const { server } = await court('guard');
    const { base } = await workstation();
    const bytes = randomBytes(100);
    const foreign = await fetch(`${base}/intake-relay`, { method: 'POST', headers: { origin: 'http://evil.example', 'x-intake-url': server.url, 'x-package-sha256': sha256(bytes) }, body: bytes });
    expect(foreign.status).toBe(403);
    const noUrl = await relay(base, bytes, { 'x-package-sha256': sha256(bytes) });
    expect(noUrl.status).toBe(400);
    const fileUrl = await relay(base, bytes, { 'x-intake-url': 'file:///etc/passwd', 'x-package-sha256': sha256(bytes) });
    expect(fileUrl.status).toBe(400);
    expect((await fetch(`${base}/intake-relay`, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(405);
  });
});

describe('the court’s own intake (mw serve --intake-dir) and the clerk’s inbox', () => {
  it('keeps what arrives at /intake and lists it for the clerk, newest first', async () => {
    const { base } = await workstation(join(root, 'inbox'));
    const noInbox = await workstation();
    expect((await fetch(`${noInbox.base}/intake-inbox`, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(404);
    expect(await (await fetch(`${base}/intake-inbox`, { headers: { 'sec-fetch-site': 'same-origin' } })).json()).toEqual({ receiving: true, trusted: 0 });

    const a = (await buildZip(await makeFixture())).zip;
    const answer = (await (await fetch(`${base}/intake`, { method: 'POST', headers: ZIP, body: a as Uint8Array<ArrayBuffer> })).json()) as { packageSha256: string };
    expect(answer.packageSha256).toBe(sha256(a));
    expect((await fetch(`${base}/intake/${sha256(a)}`)).status).toBe(200);
    expect((await fetch(`${base}/intake/${'c'.repeat(64)}`)).status).toBe(404);

    const own = { 'sec-fetch-site': 'same-origin' };
    const list = (await (await listInbox(base, 'unknown')).json()) as { items: Array<{ answer: { packageSha256: string }; size: number }>; total: number };
    expect(list).toEqual({ total: 1, items: [expect.objectContaining({ answer: expect.objectContaining({ packageSha256: sha256(a) }), size: a.length, registered: false })] });
    expect(await (await listInbox(base, 'registered')).json()).toEqual({ total: 0, items: [] });
    expect((await fetch(`${base}/intake-inbox`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: '{"group":"all"}' })).status).toBe(400);
    expect((await fetch(`${base}/intake-inbox`, { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
    const zip = await fetch(`${base}/intake-inbox/${sha256(a)}.zip`, { headers: own });
    expect(new Uint8Array(await zip.arrayBuffer())).toEqual(a);
    expect((await fetch(`${base}/intake-inbox/${'d'.repeat(64)}.zip`, { headers: own })).status).toBe(404);
    // Another site's page (no same-origin fetch) is refused.
    expect((await fetch(`${base}/intake-inbox`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    // A DNS-rebound name for this server is refused (fetch cannot set Host, so plain http).
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${base}/intake-inbox`);
      request({ host: url.hostname, port: url.port, path: url.pathname, headers: { ...own, host: `court.example:${url.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(403);
  });

  it('gives the clerk’s page its inbox a page at a time, a registered institution’s package apart', async () => {
    const { base } = await workstation(join(root, 'inbox-pages'));
    const fixture = await makeFixture();
    const zips = [(await buildZip(fixture)).zip, (await buildZip(fixture, { manifestInput: { ...fixture.manifestInput, packageId: 'pkg-2026-0002' } })).zip];
    for (const zip of zips) expect((await fetch(`${base}/intake`, { method: 'POST', headers: ZIP, body: zip as Uint8Array<ArrayBuffer> })).status).toBe(200);
    // The page's own requests, as a browser sends them.
    const asPage: typeof fetch = (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: base, 'sec-fetch-site': 'same-origin' } });
    const inbox = await browserCourtIntake({ storedBlob: async () => null, origin: base, fetchImpl: asPage }).inbox();
    expect(inbox).not.toBeNull();
    const clerks = [...certificateFingerprints([fixture.institution.certificatePem])];
    const registered = await inbox!.list({ group: 'registered', offset: 0, limit: 1, registered: clerks });
    expect(registered.total).toBe(2);
    expect(registered.items).toEqual([expect.objectContaining({ registered: true, signer: expect.objectContaining({ certificateSha256: clerks[0] }) })]);
    const second = await inbox!.list({ group: 'registered', offset: 1, limit: 1, registered: clerks });
    expect(second.items[0]?.answer.packageSha256).not.toBe(registered.items[0]?.answer.packageSha256);
    // Without the clerk's certificate they are unknown signers' packages.
    expect((await inbox!.list({ group: 'unknown', offset: 0, limit: 10, registered: [] })).total).toBe(2);
    const file = await inbox!.open(registered.items[0]!.answer.packageSha256);
    expect(file?.size).toBe(registered.items[0]!.size);
  });

  it('tells a sender to come back when it is already receiving as many packages as it takes at once', async () => {
    const { server } = await court('busy', { maxConcurrentUploads: 1 });
    const url = new URL(server.url);
    // One upload that has begun and does not end yet.
    const slow = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...ZIP, 'transfer-encoding': 'chunked' } });
    slow.on('error', () => undefined);
    slow.write(randomBytes(1000));
    await new Promise((r) => setTimeout(r, 100));
    const busy = await fetch(server.url, { method: 'POST', headers: ZIP, body: randomBytes(10) });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('30');
    slow.destroy();
  });
});

describe('what a court’s intake refuses, and a hostile package', () => {
  it('takes only a package posted as such: a web page’s form post is refused unread', async () => {
    const { server, dir } = await court('types');
    const form = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: string }).error).toContain('Content-Type: application/zip');
    const plain = await fetch(server.url, { method: 'POST', body: 'text' });
    expect(plain.status).toBe(415);
    expect(readdirSync(join(dir, 'packages'))).toEqual([]);
  });

  it('answers, lists and serves a package whose entry name is 5,000 characters long', async () => {
    const dir = join(root, 'hostile');
    const { base } = await workstation(dir);
    const zip = zipSync({ [`${'名'.repeat(5000)}.pdf`]: new Uint8Array([1, 2, 3]) });
    const posted = await fetch(`${base}/intake`, { method: 'POST', headers: ZIP, body: zip as Uint8Array<ArrayBuffer> });
    expect(posted.status).toBe(200);
    const answer = (await posted.json()) as { verdict: string; details: Array<{ params: Record<string, string> }> };
    expect(answer.verdict).not.toBe('valid');
    expect(JSON.stringify(answer.details).length).toBeLessThan(20_000);
    expect((await fetch(`${base}/intake/${sha256(zip)}`)).status).toBe(200);
    // Not a package (no manifest): answered, not kept, so not in the clerk's inbox.
    const list = (await (await listInbox(base, 'unknown')).json()) as { total: number };
    expect(list.total).toBe(0);
    // A damaged answer file (a crash mid-write) is verified again, never a crash.
    writeFileSync(join(dir, 'answers', `${sha256(zip)}.json`), '{"packageSha2');
    expect((await fetch(`${base}/intake/${sha256(zip)}`)).status).toBe(404);
    expect((await fetch(`${base}/intake`, { method: 'POST', headers: ZIP, body: zip as Uint8Array<ArrayBuffer> })).status).toBe(200);
    expect((await fetch(`${base}/intake/${sha256(zip)}`)).status).toBe(200);
  });

  it('reports an address that redirects or is no intake, before uploading anything', async () => {
    const uploads: string[] = [];
    const site = createServer((req, res) => {
      if (req.method === 'POST') uploads.push(req.url ?? '');
      req.resume();
      if (req.url?.startsWith('/old')) {
        res.writeHead(308, { location: 'https://court.example.cn/intake' });
        return res.end();
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => site.close(() => resolve())));
    const port = (site.address() as { port: number }).port;
    const { base } = await workstation();
    const bytes = randomBytes(1000);
    const moved = (await (await relay(base, bytes, { 'x-intake-url': `http://127.0.0.1:${port}/old/intake`, 'x-package-sha256': sha256(bytes) })).json()) as { error: { code: string; said: string } };
    expect(moved.error).toMatchObject({ code: 'redirected', said: 'https://court.example.cn/intake' });
    const root = (await (await relay(base, bytes, { 'x-intake-url': `http://127.0.0.1:${port}/`, 'x-package-sha256': sha256(bytes) })).json()) as { error: { code: string } };
    expect(root.error.code).toBe('bad_answer');
    expect(uploads).toEqual([]);
  });

  it('passes a court’s “busy” and “too large” on as such, after the sender has finished', async () => {
    const { server } = await court('busy-relay', { maxBytes: 100_000 });
    const { base } = await workstation();
    const big = randomBytes(3_000_000);
    const tooLarge = (await (await relay(base, big, { 'x-intake-url': server.url, 'x-package-sha256': sha256(big) })).json()) as { error: { code: string; said: string } };
    expect(tooLarge.error).toMatchObject({ code: 'too_large', said: expect.stringContaining('100000 bytes') });
  });
});

describe('intake URLs a workstation accepts', () => {
  it('takes http and https without credentials, and says when plain http leaves this machine', () => {
    expect(parseIntakeUrl(' https://court.example.cn/intake#x ')).toEqual({ ok: true, url: 'https://court.example.cn/intake', plainHttp: false });
    expect(parseIntakeUrl('http://10.0.0.5:8080/intake')).toMatchObject({ ok: true, plainHttp: true });
    expect(parseIntakeUrl('http://127.0.0.1:4817/intake')).toMatchObject({ ok: true, plainHttp: false });
    expect(parseIntakeUrl('ftp://court.example.cn/')).toEqual({ ok: false, reason: 'scheme' });
    expect(parseIntakeUrl('https://user:pw@court.example.cn/')).toEqual({ ok: false, reason: 'credentials' });
    expect(parseIntakeUrl('court intake')).toEqual({ ok: false, reason: 'invalid' });
  });
});


