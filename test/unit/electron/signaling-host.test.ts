// The Electron main process's signaling host without Electron: its configuration and secret in
// userData, the server itself (join page and /signal on one port, minting behind IPC only), and
// the screen-sharing handler that only our own page may use.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installDisplayMediaHandler, type DisplayMediaRequestLike, type DisplayMediaSessionLike } from '../../../electron/permissions';
import { readHostConfig, readOrCreateSecret, startSignalingHost, type RunningSignalingHost } from '../../../electron/signaling/ws-host';
import { verifySessionToken } from '../../../shared/protocol/session-token';
import { Client } from '../signaling/helpers';

const dirs: string[] = [];
const hosts: RunningSignalingHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-electron-signal-'));
  dirs.push(dir);
  return dir;
}

function webRoot(): string {
  const root = tempDir();
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>workstation</title>');
  return root;
}

describe('the signaling host configuration', () => {
  it('defaults to port 5181 on every interface, takes signaling-host.json, and the environment over both', () => {
    const userData = tempDir();
    const log = vi.fn();
    expect(readHostConfig(userData, {}, log)).toEqual({ port: 5181, host: '0.0.0.0' });
    writeFileSync(path.join(userData, 'signaling-host.json'), JSON.stringify({ port: 6000, host: '127.0.0.1' }));
    expect(readHostConfig(userData, {}, log)).toEqual({ port: 6000, host: '127.0.0.1' });
    expect(readHostConfig(userData, { MW_SIGNAL_PORT: '0', MW_SIGNAL_HOST: '::' }, log)).toEqual({ port: 0, host: '::' });
    expect(readHostConfig(userData, { MW_SIGNAL_PORT: '99999' }, log)).toEqual({ port: 6000, host: '127.0.0.1' });
    expect(log).not.toHaveBeenCalled();
    writeFileSync(path.join(userData, 'signaling-host.json'), JSON.stringify({ port: 'x', extra: 1 }));
    expect(readHostConfig(userData, {}, log)).toEqual({ port: 5181, host: '0.0.0.0' });
    writeFileSync(path.join(userData, 'signaling-host.json'), '{');
    expect(readHostConfig(userData, {}, log)).toEqual({ port: 5181, host: '0.0.0.0' });
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('creates the secret once, 0600, and reads the same one afterwards', () => {
    const userData = path.join(tempDir(), 'profile');
    const first = readOrCreateSecret(userData);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(userData, 'signal.secret')).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecret(userData)).toEqual(first);
    writeFileSync(path.join(userData, 'signal.secret'), 'short\n');
    expect(() => readOrCreateSecret(userData)).toThrow(/holds 5 bytes; it needs at least 32 \(delete it and restart/);
  });
});

describe('startSignalingHost', () => {
  it('serves the join page and /signal on its port, and mints tokens that join with the chosen ICE servers', async () => {
    const userData = tempDir();
    const host = await startSignalingHost({ userData, webRoot: webRoot(), env: { MW_SIGNAL_PORT: '0', MW_SIGNAL_HOST: '127.0.0.1' }, log: vi.fn() });
    hosts.push(host);
    const info = host.info();
    expect(info).toEqual({ signalUrl: `ws://127.0.0.1:${host.port}/signal`, joinBases: [`http://127.0.0.1:${host.port}/`] });
    expect(await (await fetch(`http://127.0.0.1:${host.port}/`)).text()).toContain('<title>workstation</title>');
    // No HTTP mint endpoint here: minting is the IPC channel's alone.
    const refused = await fetch(`http://127.0.0.1:${host.port}/signal/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${host.port}` },
      body: '{}',
    });
    expect(refused.status).toBe(404);

    const ice = [{ urls: 'turns:turn.example.org:5349', username: 'u', credential: 'p' }];
    const { tokens } = host.mint({ session: 'E-1', ttlSeconds: 600, participants: [{ role: 'mediator', name: '赵调解' }], iceServers: ice });
    const secret = new Uint8Array(readFileSync(path.join(userData, 'signal.secret'))).slice(0, -1);
    expect(verifySessionToken(secret, tokens[0]?.token ?? '', Date.now())).toMatchObject({ ok: true });
    const client = new Client(info?.signalUrl ?? '');
    await client.opened;
    client.send({ type: 'join', token: tokens[0]?.token });
    expect(await client.expect('joined')).toMatchObject({ session: 'E-1', iceServers: ice });

    await host.close();
    hosts.splice(0);
    expect(host.info()).toBeNull();
    expect((await client.closed).code).toBe(1001);
  });

  it('takes a free port when the configured one is in use, and says so', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as { port: number }).port;
    try {
      const log = vi.fn();
      const userData = tempDir();
      mkdirSync(userData, { recursive: true });
      const host = await startSignalingHost({ userData, webRoot: webRoot(), env: { MW_SIGNAL_PORT: String(busy), MW_SIGNAL_HOST: '127.0.0.1' }, log });
      hosts.push(host);
      expect(host.port).not.toBe(busy);
      expect(log).toHaveBeenCalledWith(expect.stringContaining(`port ${busy} is in use`));
    } finally {
      blocker.close();
    }
  });
});

describe('installDisplayMediaHandler', () => {
  function fakeSession() {
    let handler: Parameters<DisplayMediaSessionLike['setDisplayMediaRequestHandler']>[0] = null;
    const options: unknown[] = [];
    const session: DisplayMediaSessionLike = {
      setDisplayMediaRequestHandler(h, o) {
        handler = h;
        options.push(o);
      },
    };
    const request = (r: DisplayMediaRequestLike) =>
      new Promise<unknown>((resolve) => {
        if (!handler) throw new Error('no handler');
        handler(r, resolve);
      });
    return { session, request, options };
  }
  const screen = { id: 'screen:1:0', name: 'Entire screen' };

  it('gives our own page the first screen, with the system picker where there is one', async () => {
    const { session, request, options } = fakeSession();
    const getSources = vi.fn(async () => [screen, { id: 'screen:2:0', name: 'Second' }]);
    installDisplayMediaHandler(session, { getSources }, vi.fn());
    expect(options).toEqual([undefined, { useSystemPicker: true }]);
    expect(await request({ securityOrigin: 'app://workstation', frame: { url: 'app://workstation/index.html#/cases/1' } })).toEqual({ video: screen });
    expect(getSources).toHaveBeenCalledWith({ types: ['screen'] });
  });

  it('answers anyone else, or a failed listing, with no stream', async () => {
    const { session, request } = fakeSession();
    const getSources = vi.fn(async () => [screen]);
    const log = vi.fn();
    installDisplayMediaHandler(session, { getSources }, log);
    expect(await request({ securityOrigin: 'https://evil.example', frame: { url: 'https://evil.example/' } })).toEqual({});
    expect(await request({ securityOrigin: 'app://workstation', frame: { url: 'https://evil.example/' } })).toEqual({});
    expect(await request({ securityOrigin: 'http://127.0.0.1:5181', frame: null })).toEqual({});
    expect(getSources).not.toHaveBeenCalled();
    getSources.mockRejectedValueOnce(new Error('no screens'));
    expect(await request({ securityOrigin: 'app://workstation', frame: { url: 'app://workstation/index.html' } })).toEqual({});
    expect(log).toHaveBeenCalledTimes(1);
  });
});
