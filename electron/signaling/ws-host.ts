// The signaling server in the Electron main process (design.md §1, §7): /signal and the web app
// (for the party join page) on a LAN port, started when the app is ready and closed on quit. The
// server itself is shared/signaling; this file only creates the Node servers, the secret and the
// configuration. Minting happens here, behind the `signaling.mint` IPC channel — the secret never
// leaves the main process, and this server has no HTTP mint endpoint at all.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { SIGNAL_PATH } from '../../shared/protocol/signaling';
import { signalingHostConfigSchema, type HostInfo, type MintTokensRequest, type MintTokensResponse, type SignalingHostConfig } from '../../shared/protocol/signaling-host';
import type { HmacSha256 } from '../../shared/protocol/session-token';
import { joinBasesFor } from '../../shared/signaling/address';
import { closeHost, createHttpHost, listenOn } from '../../shared/signaling/http-host';
import { mintTokens } from '../../shared/signaling/mint';
import { MIN_SECRET_BYTES, newSecretFileText, secretFromFileBytes } from '../../shared/signaling/secret';
import { createSignalingCore, type SignalLogEvent } from '../../shared/signaling/server';

const hmac: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
const random = (length: number) => new Uint8Array(randomBytes(length));

/** What the IPC handlers use (a fake in their tests). */
export interface SignalingService {
  /** Null while the server is not running (it could not start, or the app is quitting). */
  info(): HostInfo | null;
  mint(request: MintTokensRequest): MintTokensResponse;
}

export interface RunningSignalingHost extends SignalingService {
  readonly port: number;
  close(): Promise<void>;
}

/** signaling-host.json in userData, then MW_SIGNAL_PORT / MW_SIGNAL_HOST; a broken file is ignored (logged). */
export function readHostConfig(userData: string, env: NodeJS.ProcessEnv, log: (message: string) => void): SignalingHostConfig {
  let file: unknown = {};
  try {
    file = JSON.parse(readFileSync(path.join(userData, 'signaling-host.json'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`signaling-host.json is not readable JSON; using the defaults (${(error as Error).message})`);
  }
  const parsed = signalingHostConfigSchema.safeParse(file);
  if (!parsed.success) log('signaling-host.json is not {"port": 0-65535, "host": "…"}; using the defaults');
  const config = parsed.success ? parsed.data : signalingHostConfigSchema.parse({});
  const port = env.MW_SIGNAL_PORT !== undefined && /^\d{1,5}$/.test(env.MW_SIGNAL_PORT) ? Number(env.MW_SIGNAL_PORT) : config.port;
  return { port: port <= 65535 ? port : config.port, host: env.MW_SIGNAL_HOST || config.host };
}

/** userData/signal.secret: created on first run (random, 0600), read on every start. */
export function readOrCreateSecret(userData: string): Uint8Array {
  const file = path.join(userData, 'signal.secret');
  mkdirSync(userData, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, newSecretFileText(random), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = secretFromFileBytes(new Uint8Array(readFileSync(file)));
  if (secret.length < MIN_SECRET_BYTES) throw new Error(`${file} holds fewer than ${MIN_SECRET_BYTES} bytes; delete it and restart to make a new one`);
  return secret;
}

function lanIPv4(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address));
}

export interface StartOptions {
  readonly userData: string;
  /** The built renderer (dist/): the party join page is its `#/join` route. */
  readonly webRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (message: string) => void;
}

/** Starts the host; a port in use falls back to a free one (logged), so video still works. */
export async function startSignalingHost(options: StartOptions): Promise<RunningSignalingHost> {
  const config = readHostConfig(options.userData, options.env, options.log);
  const secret = readOrCreateSecret(options.userData);
  const core = createSignalingCore({
    secret,
    hmac,
    log: (event: SignalLogEvent) => {
      if (event.event === 'refused' || event.event === 'internal-error') options.log(`signaling ${event.event} ${event.code ?? ''} ${event.detail?.split('\n')[0] ?? ''}`);
    },
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: core.limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  const http = createHttpHost<IncomingMessage, Duplex, Buffer>({
    core,
    upgrade: (request, socket, head, done) => wss.handleUpgrade(request, socket, head, done),
    async readFile(segments) {
      const file = path.join(options.webRoot, ...segments);
      return (await stat(file).catch(() => null))?.isFile() ? readFile(file) : null;
    },
  });
  const listen = async (port: number): Promise<{ server: Server; port: number }> => {
    const server = createServer(http.request);
    server.on('upgrade', http.upgrade);
    return { server, port: await listenOn(server, port, config.host) };
  };
  const bound = await listen(config.port).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    options.log(`port ${config.port} is in use; the signaling server takes a free one (set it in signaling-host.json)`);
    return listen(0);
  });
  let running = true;
  return {
    port: bound.port,
    info: () => (running ? { signalUrl: `ws://127.0.0.1:${bound.port}${SIGNAL_PATH}`, joinBases: joinBasesFor(config.host, bound.port, lanIPv4()) } : null),
    mint(request) {
      const minted = mintTokens(secret, request, Date.now(), { hmac, random });
      if (request.iceServers) core.useIceServers(request.session, request.iceServers, Math.max(...minted.tokens.map((t) => t.expiresAt)));
      return minted;
    },
    async close() {
      running = false;
      await closeHost(core, bound.server);
      wss.close();
    },
  };
}
