// `mw session tokens` and `mw signal`: tokens minted by one are accepted by the other, bad input
// is a UsageError (exit 2 in main), and the server stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifySessionToken } from '../../../shared/protocol/session-token';
import { CloseCode } from '../../../shared/protocol/signaling';
import { runSession } from '../../../cli/src/commands/session';
import { runServe, runSignal } from '../../../cli/src/commands/signal';
import { UsageError, type Io } from '../../../cli/src/io';
import { Client } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mw-signal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secretText = 'k7Jq2vQ0yXcN4mZr8bW1sT6hE3pL9aUd5fG0iO2nC7xV';
const secretFile = join(dir, 'signal.secret');
writeFileSync(secretFile, `${secretText}\n`, { mode: 0o600 });

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (s: string) => {
      io.stdout += s;
    },
    err: (s: string) => {
      io.stderr += s;
    },
  };
  return io;
}

interface TokensJson {
  session: string;
  expiresAt: string;
  tokens: { role: string; name: string; id: string; token: string; expiresAt: string }[];
}

async function tokens(...args: string[]): Promise<TokensJson> {
  const io = capture();
  expect(await runSession(['tokens', '--secret-file', secretFile, ...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout) as TokensJson;
}

describe('mw session tokens', () => {
  it('mints one token per role, bound to the session, with the names given and the lifetime asked', async () => {
    const before = Date.now();
    const out = await tokens('--session', '2026-TRF-0042', '--roles', 'mediator,applicant,respondent', '--names', '赵调解,王堃,刘䶮', '--ttl', '120');
    expect(out.session).toBe('2026-TRF-0042');
    expect(out.tokens.map((t) => [t.role, t.name])).toEqual([
      ['mediator', '赵调解'],
      ['applicant', '王堃'],
      ['respondent', '刘䶮'],
    ]);
    expect(new Set(out.tokens.map((t) => t.id)).size).toBe(3);
    const secret = new TextEncoder().encode(secretText);
    for (const t of out.tokens) {
      const verified = verifySessionToken(secret, t.token, Date.now());
      expect(verified).toMatchObject({ ok: true, payload: { session: '2026-TRF-0042', role: t.role, name: t.name, id: t.id } });
      if (!verified.ok) continue;
      expect(verified.payload.exp - verified.payload.iat).toBe(120_000);
      expect(verified.payload.iat).toBeGreaterThanOrEqual(before);
      expect(verifySessionToken(secret, t.token, verified.payload.exp).ok).toBe(false);
    }
  });

  it('names participants by role when no names are given, and prints text by default', async () => {
    const out = await tokens('--session', 'S', '--roles', 'mediator,agent,agent');
    expect(out.tokens.map((t) => t.name)).toEqual(['调解员', '代理人', '代理人 2']);
    const io = capture();
    expect(await runSession(['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator,observer'], io)).toBe(0);
    expect(io.stdout).toMatch(/^Session S: 2 tokens, valid until \d{4}-\d\d-\d\dT/);
    expect(io.stdout).toMatch(/observer {2}旁听人\n {2}[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}\n/);
  });

  it('refuses unusable input with a UsageError that says what to type', async () => {
    const short = join(dir, 'short.secret');
    writeFileSync(short, 'too short\n');
    const cases: [string[], RegExp][] = [
      [['tokens', '--session', 'S', '--roles', 'mediator'], /--secret-file F/],
      [['tokens', '--secret-file', join(dir, 'missing'), '--session', 'S', '--roles', 'mediator'], /does not exist/],
      [['tokens', '--secret-file', short, '--session', 'S', '--roles', 'mediator'], /holds 9 bytes; it needs at least 32/],
      [['tokens', '--secret-file', dir, '--session', 'S', '--roles', 'mediator'], /not a file/],
      [['tokens', '--secret-file', secretFile, '--roles', 'mediator'], /--session S/],
      [['tokens', '--secret-file', secretFile, '--session', 'a b', '--roles', 'mediator'], /--session must be/],
      [['tokens', '--secret-file', secretFile, '--session', 'S'], /--roles/],
      [['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator,judge'], /"judge" is not a role/],
      [['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator,applicant,respondent,agent,agent,interpreter,observer'], /at most 6/],
      [['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator,applicant', '--names', '赵调解'], /1 names for 2 roles/],
      [['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator', '--names', 'a\u202Eb'], /cannot be used/],
      [['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator', '--ttl', '0'], /--ttl must be/],
      [['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator', '--ttl', '-5'], /--ttl must be/],
      [['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator', '--ttl', '604801'], /--ttl must be/],
      [['tokens', '--secret-file', secretFile, '--session', 'S', '--roles', 'mediator', '--bogus'], /bogus/],
      [['mint'], /unknown session command/],
    ];
    for (const [args, message] of cases) {
      await expect(runSession(args, capture()), args.join(' ')).rejects.toThrow(UsageError);
      await expect(runSession(args, capture()), args.join(' ')).rejects.toThrow(message);
    }
  });

  it('warns when the secret file is readable by others', async () => {
    const open = join(dir, 'open.secret');
    writeFileSync(open, secretText);
    chmodSync(open, 0o644);
    const io = capture();
    expect(await runSession(['tokens', '--secret-file', open, '--session', 'S', '--roles', 'mediator'], io)).toBe(0);
    expect(io.stderr).toContain('chmod 600');
  });
});

describe('mw signal', () => {
  it('serves tokens minted by mw session tokens (the same secret despite a trailing newline), and stops on abort', async () => {
    const bare = join(dir, 'bare.secret');
    writeFileSync(bare, secretText, { mode: 0o600 });
    const io = capture();
    const stop = new AbortController();
    const running = runSignal(['--port', '0', '--secret-file', bare, '--json'], io, stop.signal);
    const deadline = Date.now() + 5000;
    while (!io.stdout.includes('\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const { url } = JSON.parse(io.stdout.split('\n')[0] as string) as { url: string };
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/signal$/);

    const [mediator] = (await tokens('--session', 'CLI-1', '--roles', 'mediator')).tokens;
    const client = new Client(url);
    await client.opened;
    client.send({ type: 'join', token: mediator?.token });
    expect(await client.expect('joined')).toMatchObject({ session: 'CLI-1', you: { role: 'mediator', name: '调解员' } });
    expect(io.stderr).toContain('"event":"join"');
    expect(io.stderr).not.toContain(mediator?.token);

    stop.abort();
    expect(await running).toBe(0);
    expect((await client.closed).code).toBe(CloseCode.goingAway);
  });

  it('refuses unusable input before listening', async () => {
    const ice = join(dir, 'ice.json');
    writeFileSync(ice, JSON.stringify([{ urls: 'http://not-a-turn-server' }]));
    const cases: [string[], RegExp][] = [
      [['--secret-file', secretFile], /--port P/],
      [['--port', '70000', '--secret-file', secretFile], /--port must be/],
      [['--port', 'http', '--secret-file', secretFile], /--port must be/],
      [['--port', '0'], /--secret-file F/],
      [['--port', '0', '--secret-file', join(dir, 'nope')], /does not exist/],
      [['--port', '0', '--secret-file', secretFile, '--ice-servers', ice], /not a list of ICE servers/],
      [['--port', '0', '--secret-file', secretFile, '--ice-servers', join(dir, 'nope.json')], /not a readable JSON file/],
      [['--port', '0', '--host', '203.0.113.1', '--secret-file', secretFile], /cannot listen on 203\.0\.113\.1:0/],
    ];
    for (const [args, message] of cases) await expect(runSignal(args, capture()), args.join(' ')).rejects.toThrow(message);
  });

  it('runs as its own process until SIGTERM and exits 0', async () => {
    const script = [
      "const { runSignal } = await import('./cli/src/commands/signal.ts');",
      'process.exitCode = await runSignal(process.argv.slice(1), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--port', '0', '--secret-file', secretFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!stdout.includes('listening on') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const url = /listening on (ws:\S+)/.exec(stdout)?.[1];
      expect(url, stdout).toMatch(/\/signal$/);
      const client = new Client(url as string);
      await client.opened;
      child.kill('SIGTERM');
      expect((await client.closed).code).toBe(CloseCode.goingAway);
      expect(await exited).toBe(0);
      expect(stdout).toContain('Signaling server stopped.');
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

/** Starts a command with `--json`, and returns its first line of output once it is listening. */
async function started(run: (io: Io, stop: AbortSignal) => Promise<number>) {
  const io = capture();
  const stop = new AbortController();
  const running = run(io, stop.signal);
  const deadline = Date.now() + 5000;
  while (!io.stdout.includes('\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  const first = JSON.parse(io.stdout.split('\n')[0] as string) as Record<string, unknown>;
  return { io, first, stop: async () => (stop.abort(), running) };
}

describe('mw serve and mw signal --web-root', () => {
  const web = join(dir, 'dist');
  mkdirSync(web, { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title>');

  it('serves the app, /signal and the mint endpoint on one port, creating its secret 0600 on first run', async () => {
    const secret = join(dir, 'data', 'nested', 'signal.secret');
    const { first, stop } = await started((io, signal) => runServe(['--port', '0', '--host', '127.0.0.1', '--web-root', web, '--secret-file', secret, '--json'], io, signal));
    expect(first).toMatchObject({ listening: true, secretFile: secret, secretCreated: true, host: '127.0.0.1' });
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    const port = first.port as number;
    expect(first.joinBases).toEqual([`http://127.0.0.1:${port}/`]);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<title>app</title>');
    const minted = await fetch(`http://127.0.0.1:${port}/signal/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ session: 'SERVE-1', ttlSeconds: 60, participants: [{ role: 'mediator', name: '赵调解' }] }),
    });
    expect(minted.status).toBe(200);
    const { tokens } = (await minted.json()) as { tokens: { token: string }[] };
    const client = new Client(first.signalUrl as string);
    await client.opened;
    client.send({ type: 'join', token: tokens[0]?.token });
    expect(await client.expect('joined')).toMatchObject({ session: 'SERVE-1' });
    expect(await stop()).toBe(0);

    // The second run keeps the secret: tokens minted before still verify.
    const again = await started((io, signal) => runServe(['--port', '0', '--host', '127.0.0.1', '--web-root', web, '--secret-file', secret, '--json'], io, signal));
    expect(again.first).toMatchObject({ secretCreated: false });
    const back = new Client(again.first.signalUrl as string);
    await back.opened;
    back.send({ type: 'join', token: tokens[0]?.token });
    expect(await back.expect('joined')).toMatchObject({ session: 'SERVE-1' });
    expect(await again.stop()).toBe(0);
  });

  it('takes a free port with --any-port when the one asked for is in use', async () => {
    const secret = join(dir, 'any.secret');
    const one = await started((io, signal) => runServe(['--port', '0', '--host', '127.0.0.1', '--web-root', web, '--secret-file', secret, '--json'], io, signal));
    const busy = String(one.first.port);
    await expect(runServe(['--port', busy, '--host', '127.0.0.1', '--web-root', web, '--secret-file', secret], capture())).rejects.toThrow(/cannot listen/);
    const two = await started((io, signal) => runServe(['--port', busy, '--host', '127.0.0.1', '--web-root', web, '--secret-file', secret, '--any-port', '--json'], io, signal));
    expect(two.first.port).not.toBe(one.first.port);
    await two.stop();
    await one.stop();
  });

  it('refuses a web root without index.html, and mw serve without one', async () => {
    await expect(runServe(['--port', '0', '--secret-file', join(dir, 'x.secret')], capture())).rejects.toThrow(/--web-root dist/);
    await expect(runServe(['--port', '0', '--web-root', dir, '--secret-file', join(dir, 'x.secret')], capture())).rejects.toThrow(/no index.html/);
    await expect(runSignal(['--port', '0', '--secret-file', secretFile, '--web-root', dir], capture())).rejects.toThrow(/no index.html/);
  });

  it('mw signal --web-root serves the join page beside /signal, and mints nothing', async () => {
    const { first, stop } = await started((io, signal) => runSignal(['--port', '0', '--secret-file', secretFile, '--web-root', web, '--json'], io, signal));
    const base = (first.url as string).replace('ws://', 'http://').replace('/signal', '/');
    expect(await (await fetch(base)).text()).toContain('<title>app</title>');
    const minted = await fetch(`${base}signal/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base.slice(0, -1) }, body: '{}' });
    expect(minted.status).toBe(404);
    expect(await stop()).toBe(0);
  });
});
