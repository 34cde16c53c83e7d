// The platform port's SignalingHost in browser mode against the real `mw serve` host, and
// resolveSignaling's choice between the hosted server and an external one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostedSignaling, PlatformPort } from '../../../shared/platform';
import type { Settings } from '../../../shared/domain/model';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { verifySessionToken } from '../../../shared/protocol/session-token';
import { browserSignaling } from '../../../renderer/platform/browser';
import { resolveSignaling } from '../../../renderer/features/sessions/signaling-target';
import { Client, closeServers, SECRET, startServer } from './helpers';

afterEach(closeServers);

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** fetch as Chromium sends it from a page on `origin`: Origin on a POST, Sec-Fetch-Site on every request. */
function pageFetch(origin: string): typeof fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    const target = new URL(String(input instanceof Request ? input.url : input));
    headers.set('sec-fetch-site', target.origin === origin ? 'same-origin' : 'cross-site');
    if ((init.method ?? 'GET') !== 'GET') headers.set('origin', origin);
    return fetch(input, { ...init, headers });
  };
}

async function plainServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const mintRequest = { session: 'B-1', ttlSeconds: 600, participants: [{ role: 'mediator' as const, name: '赵调解' }, { role: 'applicant' as const, name: '王堃' }] };

describe('browserSignaling', () => {
  it('finds the npm start server on its own origin, and mints tokens that join there', async () => {
    const test = await startServer({}, { mint: true });
    const origin = `http://127.0.0.1:${new URL(test.url).port}`;
    const hosted = await browserSignaling(origin, pageFetch(origin)).hosted();
    expect(hosted).toMatchObject({ signalUrl: `ws://127.0.0.1:${new URL(test.url).port}/signal`, joinBases: [`${origin}/`] });
    const { tokens } = await (hosted as HostedSignaling).mint(mintRequest);
    expect(tokens.map((t) => t.role)).toEqual(['mediator', 'applicant']);
    const client = new Client((hosted as HostedSignaling).signalUrl);
    await client.opened;
    client.send({ type: 'join', token: tokens[0]?.token });
    expect(await client.expect('joined')).toMatchObject({ session: 'B-1' });
  });

  it('says null for a plain static server, an index.html fallback or no server at all', async () => {
    const notFound = await plainServer((_req, res) => res.writeHead(404).end('Not found'));
    expect(await browserSignaling(notFound, pageFetch(notFound)).hosted()).toBeNull();
    const spa = await plainServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>'));
    expect(await browserSignaling(spa, pageFetch(spa)).hosted()).toBeNull();
    expect(await browserSignaling('http://127.0.0.1:9', pageFetch('http://127.0.0.1:9')).hosted()).toBeNull();
  });

  it('rejects, saying why, when the server refuses this page (opened at a LAN address)', async () => {
    const test = await startServer({}, { mint: true });
    const port = new URL(test.url).port;
    // The page was opened as http://localhost:PORT/ but asks 127.0.0.1 — another origin.
    const hosted = browserSignaling(`http://127.0.0.1:${port}`, pageFetch(`http://localhost:${port}`)).hosted();
    await expect(hosted).rejects.toThrow(/refused this page/);
  });
});

function platformWith(hosted: () => Promise<HostedSignaling | null>): PlatformPort {
  return { signaling: { hosted } } as unknown as PlatformPort;
}

const settings = (patch: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...patch });
const ice = [{ urls: 'turn:turn.example.org:3478', username: 'u', credential: 'p' }];

describe('resolveSignaling', () => {
  it('uses the hosted server by default, minting there with the settings’ ICE servers', async () => {
    const mint = vi.fn(async () => ({ tokens: [] }));
    const hosted: HostedSignaling = { signalUrl: 'ws://127.0.0.1:5181/signal', joinBases: ['http://192.168.1.5:5181/', 'http://127.0.0.1:5181/'], mint };
    const resolution = await resolveSignaling(platformWith(async () => hosted), settings({ iceServers: ice }));
    expect(resolution).toMatchObject({ ok: true, target: { source: 'hosted', signalUrl: hosted.signalUrl, joinBases: hosted.joinBases, iceServers: ice } });
    if (!resolution.ok) throw new Error('unreachable');
    await resolution.target.mint(mintRequest);
    expect(mint).toHaveBeenCalledWith({ ...mintRequest, iceServers: ice });
    // Rows from before video sessions: embedded, no ICE servers, the host's own list stays.
    const old = await resolveSignaling(platformWith(async () => hosted), DEFAULT_SETTINGS);
    if (!old.ok) throw new Error('unreachable');
    await old.target.mint(mintRequest);
    expect(mint).toHaveBeenLastCalledWith(mintRequest);
  });

  it('says none without a hosted server, and unreachable (with the reason) when it refuses', async () => {
    expect(await resolveSignaling(platformWith(async () => null), DEFAULT_SETTINGS)).toEqual({ ok: false, reason: 'none' });
    const refused = await resolveSignaling(
      platformWith(async () => {
        throw new Error('The signaling server refused this page: Open the workstation at http://127.0.0.1 to use this.');
      }),
      DEFAULT_SETTINGS,
    );
    expect(refused).toEqual({ ok: false, reason: 'unreachable', detail: expect.stringContaining('127.0.0.1') });
  });

  it('mints locally for an external server with the secret from the settings', async () => {
    const hosted = vi.fn(async () => null);
    const secretText = new TextDecoder().decode(SECRET);
    const resolution = await resolveSignaling(
      platformWith(hosted),
      settings({ videoSignaling: { mode: 'external', externalBaseUrl: 'https://signal.example.org/', externalSecret: `${secretText}\n` }, iceServers: ice }),
    );
    expect(hosted).not.toHaveBeenCalled();
    expect(resolution).toMatchObject({ ok: true, target: { source: 'external', signalUrl: 'wss://signal.example.org/signal', joinBases: ['https://signal.example.org/'] } });
    if (!resolution.ok) throw new Error('unreachable');
    const { tokens } = await resolution.target.mint(mintRequest);
    for (const t of tokens) expect(verifySessionToken(SECRET, t.token, Date.now())).toMatchObject({ ok: true, payload: { session: 'B-1', id: t.id } });
    // And such a token joins a server holding that secret.
    const test = await startServer();
    const client = await test.connect();
    client.send({ type: 'join', token: tokens[0]?.token });
    await client.expect('joined');
  });

  it('says none, with the reason, for an external server set up incompletely or wrongly', async () => {
    const external = (videoSignaling: NonNullable<Settings['videoSignaling']>) => resolveSignaling(platformWith(async () => null), settings({ videoSignaling }));
    expect(await external({ mode: 'external' })).toMatchObject({ ok: false, reason: 'none', detail: expect.stringContaining('address and its secret') });
    expect(await external({ mode: 'external', externalBaseUrl: 'http://signal.example.org/', externalSecret: 'x'.repeat(40) })).toMatchObject({ ok: false, reason: 'none' });
    expect(await external({ mode: 'external', externalBaseUrl: 'https://signal.example.org/', externalSecret: 'short' })).toMatchObject({ ok: false, reason: 'none' });
    const local = await external({ mode: 'external', externalBaseUrl: 'http://127.0.0.1:8443', externalSecret: 'x'.repeat(40) });
    expect(local).toMatchObject({ ok: true, target: { signalUrl: 'ws://127.0.0.1:8443/signal', joinBases: ['http://127.0.0.1:8443/'] } });
  });
});
