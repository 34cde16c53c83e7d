// `mw signal --port P [--host H] --secret-file F [--ice-servers FILE] [--json]`: the signaling
// server of video sessions on its own, for internet use behind a TLS proxy (docs/signaling.md).
// Runs until SIGINT or SIGTERM, then closes every connection with 1001 and exits 0.
import { readFileSync } from 'node:fs';
import { iceServersSchema, type IceServer } from '../../../shared/protocol/signaling';
import { json, parse, UsageError, type Io } from '../io';
import { readSecretFile } from '../signal/secret-file';
import { createSignalingServer, type SignalLogEvent } from '../signal/server';

function parsePort(text: string | undefined): number {
  if (text === undefined) throw new UsageError('say which port to listen on: --port P (for example --port 8443; 0 picks a free one).');
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}".`);
  return Number(text);
}

function readIceServers(path: string | undefined): IceServer[] {
  if (path === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--ice-servers ${path} is not a readable JSON file (${(error as Error).message.split('\n')[0]}).`);
  }
  const parsed = iceServersSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--ice-servers ${path} is not a list of ICE servers like [{"urls":"turns:turn.example.org:5349","username":"u","credential":"p"}] (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}

function describe(event: SignalLogEvent): string {
  const fields = (['session', 'participant', 'role', 'code'] as const).filter((k) => event[k] !== undefined).map((k) => `${k}=${event[k]}`);
  return `${new Date().toISOString()} ${event.event}${fields.length ? ` ${fields.join(' ')}` : ''}${event.detail ? ` — ${event.detail.split('\n')[0]}` : ''}\n`;
}

/** `stop` ends the server from a test; from the shell, SIGINT or SIGTERM do. */
export async function runSignal(args: string[], io: Io, stop?: AbortSignal): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'secret-file': { type: 'string' },
    'ice-servers': { type: 'string' },
    json: { type: 'boolean' },
  });
  const port = parsePort(values.port);
  const host = values.host ?? '127.0.0.1';
  if (host.length === 0) throw new UsageError('--host must name an address, for example 127.0.0.1 or 0.0.0.0.');
  const { secret, warning } = readSecretFile(values['secret-file']);
  const iceServers = readIceServers(values['ice-servers']);
  if (warning) io.err(warning);

  const asJson = values.json === true;
  const server = createSignalingServer({
    secret,
    iceServers,
    log: (event) => {
      if (event.event === 'listening') return;
      io.err(asJson ? `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n` : describe(event));
    },
  });
  let address: Awaited<ReturnType<typeof server.listen>>;
  try {
    address = await server.listen(port, host);
  } catch (error) {
    await server.close();
    throw new UsageError(`cannot listen on ${host}:${port} (${(error as Error).message}).`);
  }
  if (asJson) io.out(`${JSON.stringify({ listening: true, url: address.url, host: address.host, port: address.port })}\n`);
  else io.out(`Signaling server listening on ${address.url} (stop with Ctrl+C).\n`);

  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    if (stop?.aborted) done();
    else stop?.addEventListener('abort', done);
  });
  await server.close();
  if (asJson) io.out(json({ stopped: true }));
  else io.out('Signaling server stopped.\n');
  return 0;
}
