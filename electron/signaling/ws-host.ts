// The signaling server in the Electron main process (design.md §1, §7): /signal and the web app
// (for the party join page) on a LAN port, started when the app is ready and closed on quit. The
// server is node/signaling/ws-host.ts (over shared/signaling); this file only reads the
// configuration and the secret from userData. Minting happens here, behind the `signaling.mint`
// IPC channel — the secret never leaves the main process, and this server has no HTTP mint
// endpoint at all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signalingHostConfigSchema, type HostInfo, type MintTokensRequest, type MintTokensResponse, type SignalingHostConfig } from '../../shared/protocol/signaling-host';
import type { SignalLogEvent } from '../../shared/signaling/server';
import { readOrCreateSecretFile, secretFileText } from '../../node/signaling/secret-file';
import { createSignalingHost } from '../../node/signaling/ws-host';

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

/** userData/signal.secret: created on first run (random, 0600), read on every start (a file open to others is logged). */
export function readOrCreateSecret(userData: string, log: (message: string) => void = () => undefined): Uint8Array {
  const { secret, warning } = readOrCreateSecretFile(path.join(userData, 'signal.secret'), { howToFix: 'delete it and restart to make a new one' });
  if (warning) log(secretFileText(warning));
  return secret;
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
  const host = createSignalingHost({
    secret: readOrCreateSecret(options.userData, options.log),
    webRoot: options.webRoot,
    log: (event: SignalLogEvent) => {
      if (event.event === 'refused' || event.event === 'internal-error') options.log(`signaling ${event.event} ${event.code ?? ''} ${event.detail?.split('\n')[0] ?? ''}`);
    },
  });
  const listening = await host
    .listen(config.port, config.host, {
      onPortInUse: (port) => options.log(`port ${port} is in use; the signaling server takes a free one (set it in signaling-host.json)`),
    })
    .catch(async (error: unknown) => {
      await host.close();
      throw error;
    });
  return {
    port: listening.port,
    info: () => host.info(),
    mint: (request) => host.mint(request),
    close: () => host.close(),
  };
}
