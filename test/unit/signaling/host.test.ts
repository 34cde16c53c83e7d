// The browser-mode host (`mw serve`): the web app, /signal and the workstation's mint and host
// endpoints on one port. The endpoints answer only this machine's own page: loopback, the
// server's own origin, application/json.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hostInfoSchema, mintTokensResponseSchema } from '../../../shared/protocol/signaling-host';
import { verifySessionToken } from '../../../shared/protocol/session-token';
import { addressKey, joinBasesFor } from '../../../shared/signaling/address';
import { handleEndpoint, type EndpointRequest } from '../../../shared/signaling/endpoints';
import { webRootSegments } from '../../../shared/signaling/static-files';
import { Client, closeServers, SECRET, startServer } from './helpers';

afterEach(closeServers);

const root = mkdtempSync(join(tmpdir(), 'mw-webroot-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>join</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'mw-outside.txt'), 'secret');
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the test controls Host, Origin and every other header. */
function call(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function mintingHost() {
  const test = await startServer({}, { webRoot: root, mint: true });
  const port = Number(new URL(test.url).port);
  const origin = `http://127.0.0.1:${port}`;
  const own = { host: `127.0.0.1:${port}`, origin, 'content-type': 'application/json' };
  return { test, port, origin, own };
}

const mintBody = JSON.stringify({
  session: '2026-TRF-0042',
  ttlSeconds: 600,
  participants: [
    { role: 'mediator', name: '赵调解' },
    { role: 'applicant', name: '王堃' },
  ],
  iceServers: [{ urls: 'turn:turn.example.org:3478', username: 'u', credential: 'p' }],
});

describe('the browser-mode host', () => {
  it('mints tokens for its own page, which join with the ICE servers the request chose', async () => {
    const { test, port, own } = await mintingHost();
    const reply = await call(port, '/signal/tokens', { method: 'POST', headers: own, body: mintBody });
    expect(reply.status, reply.body).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(reply.headers['cache-control']).toBe('no-store');
    const { tokens } = mintTokensResponseSchema.parse(JSON.parse(reply.body));
    expect(tokens.map((t) => [t.role, t.name])).toEqual([
      ['mediator', '赵调解'],
      ['applicant', '王堃'],
    ]);
    for (const t of tokens) {
      const verified = verifySessionToken(SECRET, t.token, Date.now());
      expect(verified).toMatchObject({ ok: true, payload: { session: '2026-TRF-0042', id: t.id, exp: t.expiresAt } });
    }
    const client = await test.connect();
    client.send({ type: 'join', token: tokens[0]?.token });
    expect((await client.expect('joined')).iceServers).toEqual([{ urls: 'turn:turn.example.org:3478', username: 'u', credential: 'p' }]);
    // Another session keeps the server's own (none here).
    const other = await test.join('mediator', { session: 'S-other' });
    expect(other.joined.iceServers).toEqual([]);
  });

  it('refuses another origin, a foreign Host, a missing Origin, other content types and bad requests', async () => {
    const { port, own } = await mintingHost();
    const cases: Array<[string, Record<string, string>, string, number, string]> = [
      ['another origin', { ...own, origin: 'http://evil.example' }, mintBody, 403, 'cross_origin'],
      ['another port', { ...own, origin: `http://127.0.0.1:${port + 1}` }, mintBody, 403, 'cross_origin'],
      ['the null origin', { ...own, origin: 'null' }, mintBody, 403, 'cross_origin'],
      ['no origin', { host: own.host, 'content-type': 'application/json' }, mintBody, 403, 'cross_origin'],
      ['a rebound DNS name', { ...own, host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, mintBody, 403, 'wrong_host'],
      ['a form post', { ...own, 'content-type': 'application/x-www-form-urlencoded' }, mintBody, 415, 'content_type'],
      ['text/plain (a simple request)', { ...own, 'content-type': 'text/plain' }, mintBody, 415, 'content_type'],
      ['no JSON', own, '{', 400, 'invalid_json'],
      ['seven participants', own, JSON.stringify({ session: 'S', ttlSeconds: 60, participants: Array(7).fill({ role: 'observer', name: 'x' }) }), 400, 'invalid_request'],
      ['a token for 8 days', own, JSON.stringify({ session: 'S', ttlSeconds: 8 * 86400, participants: [{ role: 'mediator', name: 'x' }] }), 400, 'invalid_request'],
      ['an unknown field', own, JSON.stringify({ session: 'S', ttlSeconds: 60, participants: [{ role: 'mediator', name: 'x' }], admin: true }), 400, 'invalid_request'],
      ['17 KiB', own, JSON.stringify({ session: 'S', pad: 'x'.repeat(17 * 1024) }), 413, 'too_large'],
    ];
    for (const [what, headers, body, status, code] of cases) {
      const reply = await call(port, '/signal/tokens', { method: 'POST', headers, body });
      expect([what, reply.status, reply.body]).toEqual([what, status, expect.stringContaining(`"${code}"`)]);
      expect(reply.body).not.toContain('eyJ');
    }
    expect((await call(port, '/signal/tokens', { headers: own })).status).toBe(405);
  });

  it('refuses any address that is not this machine', async () => {
    const request: EndpointRequest = {
      method: 'POST',
      pathname: '/signal/tokens',
      remoteAddress: '192.168.1.20',
      host: '127.0.0.1:5180',
      origin: 'http://127.0.0.1:5180',
      contentType: 'application/json',
      fetchSite: undefined,
      body: async () => mintBody,
    };
    let minted = 0;
    const endpoints = {
      port: () => 5180,
      mint: () => {
        minted++;
        return { tokens: [] };
      },
      info: () => ({ signalUrl: 'ws://127.0.0.1:5180/signal', joinBases: ['http://127.0.0.1:5180/'] }),
    };
    for (const remoteAddress of ['192.168.1.20', '::ffff:10.0.0.2', '2001:db8::1', undefined]) {
      expect(await handleEndpoint({ ...request, remoteAddress }, endpoints)).toMatchObject({ status: 403 });
    }
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3']) {
      expect((await handleEndpoint({ ...request, remoteAddress }, endpoints))?.status).toBe(200);
    }
    expect(minted).toBe(4);
    expect(await handleEndpoint({ ...request, pathname: '/other' }, endpoints)).toBeNull();
  });

  it('tells its own page the signal URL and the join bases, LAN first and loopback last', async () => {
    const { port, own } = await mintingHost();
    // Our page's GET carries no Origin, but Sec-Fetch-Site: same-origin (scripts cannot set it).
    const reply = await call(port, '/signal/host', { headers: { host: own.host, 'sec-fetch-site': 'same-origin' } });
    expect(reply.status, reply.body).toBe(200);
    expect(hostInfoSchema.parse(JSON.parse(reply.body))).toEqual({ signalUrl: `ws://127.0.0.1:${port}/signal`, joinBases: [`http://127.0.0.1:${port}/`] });
    expect((await call(port, '/signal/host', { headers: { host: own.host, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await call(port, '/signal/host', { headers: { host: own.host } })).status).toBe(403);
    expect((await call(port, '/signal/host', { headers: { host: own.host, origin: 'http://evil.example' } })).status).toBe(403);
    expect(joinBasesFor('0.0.0.0', 5180, ['192.168.1.5', '10.0.0.7'])).toEqual(['http://192.168.1.5:5180/', 'http://10.0.0.7:5180/', 'http://127.0.0.1:5180/']);
    expect(joinBasesFor('10.0.0.7', 5180, ['192.168.1.5', '10.0.0.7'])).toEqual(['http://10.0.0.7:5180/', 'http://127.0.0.1:5180/']);
    expect(joinBasesFor('127.0.0.1', 5180, ['192.168.1.5'])).toEqual(['http://127.0.0.1:5180/']);
  });

  it('serves the web root and /signal on one port, and nothing outside the root', async () => {
    const { test, port } = await mintingHost();
    const index = await call(port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>join</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("connect-src 'self' ws: wss:");
    expect((await call(port, '/assets/app.js')).headers['cache-control']).toContain('immutable');
    for (const path of ['/../mw-outside.txt', '/%2e%2e/mw-outside.txt', '/assets/..%2f..%2fmw-outside.txt', '/assets%5c..%5cindex.html', '/missing.js', '/a//b']) {
      expect([path, (await call(port, path)).status]).toEqual([path, 404]);
    }
    expect((await call(port, '/signal')).status).toBe(426);
    // The join page's WebSocket, with whatever query string.
    const client = new Client(`ws://127.0.0.1:${port}/signal?v=1`);
    await client.opened;
    client.send({ type: 'join', token: 'bad' });
    await client.expectError('token_malformed');
    const elsewhere = new Client(`ws://127.0.0.1:${port}/other`);
    await expect(elsewhere.opened).rejects.toThrow();
    void test;
  });

  it('keeps the endpoints off a host that does not mint, and the web root off one without it', async () => {
    const test = await startServer();
    const port = Number(new URL(test.url).port);
    const own = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' };
    expect((await call(port, '/signal/tokens', { method: 'POST', headers: own, body: mintBody })).status).toBe(404);
    expect((await call(port, '/index.html')).status).toBe(404);
  });
});

describe('web root paths and address keys', () => {
  it('maps URL paths to segments, refusing rather than repairing anything odd', () => {
    expect(webRootSegments('/')).toEqual(['index.html']);
    expect(webRootSegments('/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
    for (const bad of ['/..', '/a/../b', '/%2e%2e/x', '/a%2fb', '/a%5cb', '/a\\b', '/%00', '/a//b', 'x', '/%E0%A4%A']) expect([bad, webRootSegments(bad)]).toEqual([bad, null]);
  });

  it('counts IPv4 by address and IPv6 by /64', () => {
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
