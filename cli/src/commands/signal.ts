// The signaling server of video sessions as commands (docs/signaling.md):
//   `mw signal --port P [--host H] --secret-file F [--ice-servers FILE] [--web-root DIR]
//    [--trust-proxy] [--json]`: on its own, for internet use behind a TLS proxy;
//   `mw serve --port P --web-root DIR [--host H] [--secret-file F] [--ice-servers FILE]
//    [--any-port] [--intake-dir D] [--json]`: the server of `npm start` in browser mode and of the
//    e2e suite — the web app, /signal, the workstation's mint endpoints and its court-intake relay
//    on one port; with --intake-dir, a court's intake endpoint (/intake) and the clerk's inbox too.
// Both run until SIGINT or SIGTERM, then close every connection with 1001 and exit 0.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { iceServersSchema, type IceServer } from '../../../shared/protocol/signaling';
import { parse, UsageError, type Io } from '../io';
import { createIntakeHandler } from '../package/intake-server';
import { DEFAULT_INTAKE_MAX_MIB, readTrustList } from './intake';
import { defaultDataDir, readOrCreateSecretFile, readSecretFile } from '../signal/secret-file';
import { serveUntilStopped } from '../until-stopped';
import { createSignalingHost, type Listening, type SignalingHost, type SignalLogEvent } from '../signal/ws-host';

function parsePort(text: string | undefined): number {
  if (text === undefined) throw new UsageError('say which port to listen on: --port P (for example --port 8443; 0 picks a free one).');
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}".`);
  return Number(text);
}

function parseHost(text: string | undefined, fallback: string): string {
  if (text === undefined) return fallback;
  if (text.length === 0) throw new UsageError('--host must name an address, for example 127.0.0.1 or 0.0.0.0.');
  return text;
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

function readWebRoot(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const root = resolve(path);
  const index = statSync(join(root, 'index.html'), { throwIfNoEntry: false });
  if (!index?.isFile()) throw new UsageError(`--web-root ${path} has no index.html; build the app first (npm run build:web) and name its dist/ folder.`);
  return root;
}

function describe(event: SignalLogEvent): string {
  const fields = (['session', 'participant', 'role', 'code'] as const).filter((k) => event[k] !== undefined).map((k) => `${k}=${event[k]}`);
  return `${new Date().toISOString()} ${event.event}${fields.length ? ` ${fields.join(' ')}` : ''}${event.detail ? ` — ${event.detail.split('\n')[0]}` : ''}\n`;
}

/** Logs joins, moves and refusals (never tokens) to stderr, as text or JSON lines. */
function logTo(io: Io, asJson: boolean): (event: SignalLogEvent) => void {
  return (event) => {
    if (event.event === 'listening') return;
    io.err(asJson ? `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n` : describe(event));
  };
}

async function listenOrExplain(host: SignalingHost, port: number, address: string, anyPort = false): Promise<Listening> {
  try {
    // --any-port: a port in use gives way to a free one (the line printed names it).
    return await host.listen(port, address, anyPort ? { onPortInUse: () => undefined } : {});
  } catch (error) {
    await host.close();
    throw new UsageError(`cannot listen on ${address}:${port} (${(error as Error).message}).`);
  }
}

/** `stop` ends the server from a test; from the shell, SIGINT or SIGTERM do. */
export async function runSignal(args: string[], io: Io, stop?: AbortSignal): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'secret-file': { type: 'string' },
    'ice-servers': { type: 'string' },
    'web-root': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const port = parsePort(values.port);
  const address = parseHost(values.host, '127.0.0.1');
  const { secret, warning } = readSecretFile(values['secret-file']);
  const iceServers = readIceServers(values['ice-servers']);
  const webRoot = readWebRoot(values['web-root']);
  if (warning) io.err(warning);

  const asJson = values.json === true;
  const host = createSignalingHost({ secret, iceServers, webRoot, trustProxy: values['trust-proxy'] === true, log: logTo(io, asJson) });
  const listening = await listenOrExplain(host, port, address);
  if (asJson) io.out(`${JSON.stringify({ listening: true, url: listening.url, host: listening.host, port: listening.port, webRoot: webRoot ?? null })}\n`);
  else io.out(`Signaling server listening on ${listening.url}${webRoot ? ` (join page from ${webRoot})` : ''} (stop with Ctrl+C).\n`);
  return serveUntilStopped('Signaling server', () => host.close(), io, asJson, stop);
}

/** The secret of `mw serve`: --secret-file, else MW_SIGNAL_SECRET_FILE, else the per-user data folder. */
function serveSecretPath(flag: string | undefined): string {
  return resolve(flag ?? process.env.MW_SIGNAL_SECRET_FILE ?? join(defaultDataDir(), 'signal.secret'));
}

export async function runServe(args: string[], io: Io, stop?: AbortSignal): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'web-root': { type: 'string' },
    'secret-file': { type: 'string' },
    'ice-servers': { type: 'string' },
    'any-port': { type: 'boolean' },
    'intake-dir': { type: 'string' },
    institution: { type: 'string', multiple: true },
    'trust-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  const port = parsePort(values.port);
  // Parties on the LAN open the join page here, so every interface unless told otherwise.
  const address = parseHost(values.host, '0.0.0.0');
  const webRoot = readWebRoot(values['web-root']);
  if (webRoot === undefined) throw new UsageError('name the built web app: --web-root dist (run npm run build:web first).');
  const secretFile = serveSecretPath(values['secret-file']);
  const { secret, warning, created } = readOrCreateSecretFile(secretFile);
  const iceServers = readIceServers(values['ice-servers']);
  if (warning) io.err(warning);

  const asJson = values.json === true;
  const intakeDir = values['intake-dir'] === undefined || values['intake-dir'] === '' ? undefined : resolve(values['intake-dir']);
  // The court's trust list: the flags, else MW_INTAKE_TRUST_DIR (npm start passes the environment on).
  const trustDir = values['trust-dir'] ?? (values.institution === undefined ? process.env.MW_INTAKE_TRUST_DIR || undefined : undefined);
  const trusted = intakeDir === undefined ? undefined : readTrustList(values.institution, trustDir);
  const endpoint =
    intakeDir === undefined ? undefined : createIntakeHandler({ dir: intakeDir, maxBytes: DEFAULT_INTAKE_MAX_MIB * 1024 * 1024, ...(trusted ? { trustedInstitutionPems: trusted } : {}), log: (line) => io.err(`${line}\n`) });
  const host = createSignalingHost({ secret, iceServers, webRoot, mint: true, courtIntake: endpoint ? { endpoint } : {}, centerLink: true, log: logTo(io, asJson) });
  const listening = await listenOrExplain(host, port, address, values['any-port'] === true);
  const url = `http://127.0.0.1:${listening.port}/`;
  const joinBases = host.info()?.joinBases ?? [];
  if (asJson) {
    io.out(`${JSON.stringify({ listening: true, url, signalUrl: `ws://127.0.0.1:${listening.port}/signal`, joinBases, host: address, port: listening.port, secretFile, secretCreated: created, intakeDir: intakeDir ?? null })}\n`);
  } else {
    io.out(`Serving ${webRoot} at ${url} with video signaling at ws://127.0.0.1:${listening.port}/signal.\n`);
    if (joinBases.length > 1) io.out(`Parties on the network join at ${joinBases.slice(0, -1).join(', ')}.\n`);
    io.out(`${created ? 'Created' : 'Using'} the signaling secret ${secretFile}.\n`);
    if (intakeDir) io.out(`Court intake: packages POSTed to ${joinBases[0] ?? url}intake are kept in ${intakeDir} for the clerk's inbox${trusted ? `, only those signed by the ${trusted.length} registered certificate(s)` : ' (no trust list: --institution, --trust-dir or MW_INTAKE_TRUST_DIR)'}.\n`);
  }
  return serveUntilStopped('Signaling server', () => host.close(), io, asJson, stop);
}
