// The link in browser mode: the page posts each operation to its own server (`mw serve`, POST
// /center-link), which connects to the center server with the pinned certificate; only the
// workstation's own page on this machine may use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignalingHost, type SignalingHost } from '../../../cli/src/signal/ws-host';
import { browserCenterServer } from '../../../renderer/platform/browser-center';
import { CenterLinkError } from '../../../shared/protocol/center-link';
import { startFakeCenter, type FakeCenter } from './tls-server';

let center: FakeCenter;
let host: SignalingHost;
let base: string;

beforeAll(async () => {
  center = await startFakeCenter();
  host = createSignalingHost({ secret: new Uint8Array(32).fill(7), mint: true, courtIntake: {}, centerLink: true });
  const { port } = await host.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await host.close();
  await center.close();
});

/** The page's fetch: a browser sends its origin with every POST. */
const fromOrigin = (origin: string): typeof fetch => (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin } });

describe('POST /center-link of mw serve', () => {
  it('probes, then forwards to the pinned server for the workstation’s own page', async () => {
    const link = browserCenterServer(base, fromOrigin(base));
    const found = await link.probe(center.address);
    expect(found.fingerprint).toBe(center.cert.fingerprint);
    const pin = { address: center.address, fingerprint: found.fingerprint };
    expect(await link.request(pin, { method: 'GET', path: '/api/v1/health' })).toEqual({ status: 200, body: { status: 'ok', schemaVersion: 1 } });
    expect(await link.waitForNudge(pin, { path: '/api/v1/sync/nudge', token: 't0ken', after: center.head, timeoutMs: 1000 })).toEqual({ nudged: false });
  });

  it('refuses another certificate with what it presented, having sent nothing', async () => {
    const link = browserCenterServer(base, fromOrigin(base));
    const seen = center.seen.length;
    const error = await link.request({ address: center.address, fingerprint: Array(32).fill('0F').join(':') }, { method: 'GET', path: '/api/v1/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CenterLinkError);
    expect(error).toMatchObject({ code: 'fingerprint_mismatch', seen: center.cert.fingerprint });
    expect(center.seen.length).toBe(seen);
  });

  it('answers no other page, and says so to the page', async () => {
    const foreign = await fetch(`${base}/center-link`, { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ op: 'probe', address: center.address }) });
    expect(foreign.status).toBe(403);
    const error = await browserCenterServer(base, fromOrigin('http://evil.example')).probe(center.address).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((await fetch(`${base}/center-link`, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(405);
    const text = await fetch(`${base}/center-link`, { method: 'POST', headers: { origin: base, 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
  });

  it('says when the page’s own server has no link (a plain static server)', async () => {
    const error = await browserCenterServer(base, async () => new Response('<html></html>', { status: 404, headers: { 'content-type': 'text/html' } })).probe(center.address).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable' });
    const down = await browserCenterServer(base, async () => Promise.reject(new TypeError('fetch failed'))).probe(center.address).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'unavailable' });
  });
});
