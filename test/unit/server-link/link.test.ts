// The workstation's link to its center server (node/server-link): it reads the certificate of an
// address for the user to compare, forwards requests only to a server presenting the pinned
// certificate (nothing at all reaches one that does not), and waits for the server's nudge.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLinkOp, forward, probe, waitForNudge } from '../../../node/server-link/link';
import { CenterLinkError, normalizeFingerprint, parseCenterAddress } from '../../../shared/protocol/center-link';
import { selfSigned, startFakeCenter, type FakeCenter } from './tls-server';

let center: FakeCenter;
let impostor: FakeCenter;

beforeAll(async () => {
  center = await startFakeCenter();
  impostor = await startFakeCenter(selfSigned('center.test'));
});
afterAll(async () => {
  await center.close();
  await impostor.close();
});

function pinOf(server: FakeCenter, fingerprint = server.cert.fingerprint): { address: string; fingerprint: string } {
  return { address: server.address, fingerprint };
}

async function failure(promise: Promise<unknown>): Promise<CenterLinkError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CenterLinkError) return error;
    throw error;
  }
  throw new Error('expected a CenterLinkError');
}

describe('probing an address', () => {
  it('shows the certificate the server presents, with its SHA-256 fingerprint', async () => {
    const found = await probe(center.address);
    expect(found.fingerprint).toBe(center.cert.fingerprint);
    expect(found.address).toBe(center.address);
    expect(found.subject).toContain('CN=center.test');
    expect(found.validTo).not.toBe('');
    // Only the handshake: no request reached the server.
    expect(center.seen).toHaveLength(0);
  });

  it('says when nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(probe(`https://127.0.0.1:${port}`));
    expect(error.code).toBe('unreachable');
  });

  it('accepts only an https origin', () => {
    expect(parseCenterAddress('https://mw.example.gov.cn')).toEqual({ origin: 'https://mw.example.gov.cn', hostname: 'mw.example.gov.cn', port: 443 });
    expect(parseCenterAddress('https://[::1]:8443/')?.hostname).toBe('::1');
    for (const bad of ['http://mw.example.gov.cn', 'https://user:pw@mw.example.gov.cn', 'https://mw.example.gov.cn/api', 'https://mw.example.gov.cn/?a=1', 'mw.example.gov.cn', '']) {
      expect(parseCenterAddress(bad)).toBeNull();
    }
  });

  it('reads a fingerprint as a user pastes it', () => {
    const hex = center.cert.fingerprint.replace(/:/g, '');
    expect(normalizeFingerprint(hex.toLowerCase())).toBe(center.cert.fingerprint);
    expect(normalizeFingerprint(center.cert.fingerprint.toLowerCase().replace(/:/g, ' '))).toBe(center.cert.fingerprint);
    expect(normalizeFingerprint(hex.slice(2))).toBeNull();
    expect(normalizeFingerprint(`${hex.slice(2)}ZZ`)).toBeNull();
  });
});

describe('forwarding to the pinned server', () => {
  it('relays a request and the answer when the certificate is the pinned one', async () => {
    const answer = await forward(pinOf(center), { method: 'POST', path: '/api/v1/echo', token: 'mw1.token', body: { hello: '世界' } });
    expect(answer).toEqual({ status: 201, body: { method: 'POST', body: { hello: '世界' }, authorization: 'Bearer mw1.token' } });
    const health = await forward(pinOf(center), { method: 'GET', path: '/api/v1/health' });
    expect(health).toEqual({ status: 200, body: { status: 'ok', schemaVersion: 1 } });
  });

  it('sends nothing, not even the request line, to a server with another certificate', async () => {
    const before = impostor.seen.length;
    // The impostor answers at the pinned address's place: same name, its own certificate.
    const error = await failure(forward(pinOf(impostor, center.cert.fingerprint), { method: 'POST', path: '/api/v1/sign-in', body: { institution: 'x', username: 'admin', password: 'secret 123' } }));
    expect(error.code).toBe('fingerprint_mismatch');
    expect(error.seen).toBe(impostor.cert.fingerprint);
    expect(impostor.seen.length).toBe(before);
  });

  it('hands a proxy’s error page back as a status without a body, and refuses a success that is not JSON', async () => {
    expect(await forward(pinOf(center), { method: 'GET', path: '/api/v1/missing' })).toEqual({ status: 404, body: null });
    expect((await failure(forward(pinOf(center), { method: 'GET', path: '/api/v1/html' }))).code).toBe('bad_answer');
  });

  it('refuses an answer over 16 MiB instead of holding it', async () => {
    expect((await failure(forward(pinOf(center), { method: 'GET', path: '/api/v1/big' }))).code).toBe('bad_answer');
  });
});

describe('the operations as a host receives them', () => {
  it('refuses what does not fit the contract, naming the field', async () => {
    for (const bad of [
      { op: 'request', pin: pinOf(center), request: { method: 'GET', path: '/etc/passwd' } },
      { op: 'request', pin: pinOf(center), request: { method: 'GET', path: '/api/v1/../admin' } },
      { op: 'request', pin: { address: 'http://127.0.0.1:1', fingerprint: center.cert.fingerprint }, request: { method: 'GET', path: '/api/v1/health' } },
      { op: 'request', pin: { address: center.address, fingerprint: 'abc' }, request: { method: 'GET', path: '/api/v1/health' } },
      { op: 'connect', address: center.address },
      'probe',
    ]) {
      const answer = await answerLinkOp(bad);
      expect(answer).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(center.seen.some((r) => r.url.includes('..') || r.url === '/etc/passwd')).toBe(false);
  });

  it('answers a probe, a request and a refusal in the answer shape', async () => {
    expect(await answerLinkOp({ op: 'probe', address: center.address })).toMatchObject({ probe: { fingerprint: center.cert.fingerprint } });
    expect(await answerLinkOp({ op: 'request', pin: pinOf(center), request: { method: 'GET', path: '/api/v1/health' } })).toEqual({ response: { status: 200, body: { status: 'ok', schemaVersion: 1 } } });
    expect(await answerLinkOp({ op: 'request', pin: pinOf(impostor, center.cert.fingerprint), request: { method: 'GET', path: '/api/v1/health' } })).toMatchObject({
      error: { code: 'fingerprint_mismatch', seen: impostor.cert.fingerprint },
    });
  });
});

describe('waiting for the nudge', () => {
  it('answers nudged with the change a nudge names, with the session token on the upgrade', async () => {
    const after = center.head;
    const waiting = waitForNudge(pinOf(center), '/api/v1/sync/nudge', 'mw1.token', after, 10_000);
    await expect.poll(() => center.upgrades.length).toBeGreaterThan(0);
    // The hello names the head the client already has: the wait goes on until a change.
    const timer = setInterval(() => center.nudge(), 50);
    try {
      const result = await waiting;
      expect(result.nudged).toBe(true);
      expect(result.seq).toBeGreaterThan(after);
    } finally {
      clearInterval(timer);
    }
    expect(center.upgrades.at(-1)?.authorization).toBe('Bearer mw1.token');
  });

  it('answers at once when the server’s hello names a change the client has not pulled', async () => {
    center.nudge();
    await expect(waitForNudge(pinOf(center), '/api/v1/sync/nudge', 'mw1.token', center.head - 1, 10_000)).resolves.toEqual({ nudged: true, seq: center.head });
  });

  it('answers quiet when the wait ends without a nudge, and when cancelled', async () => {
    await expect(waitForNudge(pinOf(center), '/api/v1/sync/nudge', 'mw1.token', center.head, 1000)).resolves.toEqual({ nudged: false });
    const controller = new AbortController();
    const waiting = waitForNudge(pinOf(center), '/api/v1/sync/nudge', 'mw1.token', center.head, 30_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toEqual({ nudged: false });
  });

  it('passes the server’s refusal of the socket on as its status, and an ended session as 401', async () => {
    await expect(waitForNudge(pinOf(center), '/api/v1/no-such-route', 'mw1.token', 0, 5000)).resolves.toEqual({ nudged: false, refusedStatus: 404 });
    const waiting = waitForNudge(pinOf(center), '/api/v1/sync/nudge', 'mw1.token', center.head, 10_000);
    // Ended as soon as the socket is open.
    const timer = setInterval(() => center.endSessions(), 50);
    try {
      await expect(waiting).resolves.toEqual({ nudged: false, refusedStatus: 401 });
    } finally {
      clearInterval(timer);
    }
  });

  it('opens no socket to a server with another certificate', async () => {
    const before = impostor.upgrades.length;
    const error = await failure(waitForNudge(pinOf(impostor, center.cert.fingerprint), '/api/v1/sync/nudge', 'mw1.token', 0, 5000));
    expect(error.code).toBe('fingerprint_mismatch');
    expect(impostor.upgrades.length).toBe(before);
  });
});
