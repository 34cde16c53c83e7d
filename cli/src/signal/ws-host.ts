// The signaling server on Node's http and `ws`, for `mw signal` and `mw serve` (the server of
// `npm start` in browser mode). Everything but the sockets lives in shared/signaling; this file
// only creates the servers and reads files.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { stat, readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { SIGNAL_PATH } from '../../../shared/protocol/signaling';
import { joinBasesFor, urlHost } from '../../../shared/signaling/address';
import { closeHost, createHttpHost, listenOn } from '../../../shared/signaling/http-host';
import { mintTokens } from '../../../shared/signaling/mint';
import { createSignalingCore, type SignalingCore, type SignalingCoreOptions, type SignalingStats } from '../../../shared/signaling/server';
import { createIntakeRoutes } from '../package/intake-routes';
import { allowLongUploads, type IntakeHandler } from '../package/intake-server';
import { nodeHmacSha256, nodeRandomBytes } from './node-crypto';

export type { SignalLogEvent } from '../../../shared/signaling/server';

export interface SignalingHostOptions extends Omit<SignalingCoreOptions, 'hmac'> {
  /** Serve this folder (the built dist/) beside /signal, for the party join page. */
  webRoot?: string;
  /** Answer POST /signal/tokens and GET /signal/host for this machine's own page (browser mode). */
  mint?: boolean;
  /** Behind a reverse proxy: count connections per X-Forwarded-For address. */
  trustProxy?: boolean;
  /**
   * A workstation's court-intake routes (browser mode): its page submits packages through this
   * server; with `endpoint`, the server also receives packages at /intake for the clerk's inbox.
   */
  courtIntake?: { endpoint?: IntakeHandler };
}

export interface Listening {
  /** ws://HOST:PORT/signal */
  url: string;
  port: number;
  host: string;
}

export interface SignalingHost {
  readonly core: SignalingCore;
  /** Port 0 picks a free port. */
  listen(port: number, host?: string): Promise<Listening>;
  close(): Promise<void>;
  stats(): SignalingStats;
}

/** This machine's non-internal IPv4 addresses: where parties on the LAN reach it. */
export function lanIPv4(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address));
}

/** A file under `root` by its (already checked) path segments; null when there is none. */
export function fileReader(root: string): (segments: readonly string[]) => Promise<Uint8Array | null> {
  return async (segments) => {
    const file = join(root, ...segments);
    return (await stat(file).catch(() => null))?.isFile() ? readFile(file) : null;
  };
}

export function createSignalingHost(options: SignalingHostOptions): SignalingHost {
  const core = createSignalingCore({ ...options, hmac: nodeHmacSha256 });
  // permessage-deflate stays off: compressed frames would let a small message inflate past the limit.
  const wss = new WebSocketServer({ noServer: true, maxPayload: core.limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  let server: Server | null = null;
  let bound = { port: 0, host: '127.0.0.1' };
  const now = options.now ?? Date.now;
  const http = createHttpHost<IncomingMessage, Duplex, Buffer>({
    core,
    upgrade: (request, socket, head, done) => wss.handleUpgrade(request, socket, head, done),
    readFile: options.webRoot === undefined ? undefined : fileReader(options.webRoot),
    trustProxy: options.trustProxy,
    endpoints: options.mint
      ? {
          port: () => bound.port,
          mint(request) {
            const minted = mintTokens(options.secret, request, now(), { hmac: nodeHmacSha256, random: nodeRandomBytes });
            if (request.iceServers) core.useIceServers(request.session, request.iceServers, Math.max(...minted.tokens.map((t) => t.expiresAt)));
            return minted;
          },
          info: (host) => ({ signalUrl: `ws://${host}${SIGNAL_PATH}`, joinBases: joinBasesFor(bound.host, bound.port, lanIPv4()) }),
        }
      : undefined,
  });

  const intakeRoutes = options.courtIntake ? createIntakeRoutes({ port: () => bound.port, ...(options.courtIntake.endpoint ? { intake: options.courtIntake.endpoint } : {}) }) : null;

  return {
    core,
    async listen(port, host = '127.0.0.1') {
      if (server) throw new Error('The signaling server is already listening.');
      const candidate = createServer(intakeRoutes ? (req, res) => intakeRoutes.handle(req, res) || http.request(req, res) : http.request);
      candidate.on('upgrade', http.upgrade);
      // A package relayed to a court, or received at /intake, may take hours to upload.
      if (intakeRoutes) allowLongUploads(candidate);
      bound = { port: await listenOn(candidate, port, host), host };
      server = candidate;
      const url = `ws://${urlHost(host)}:${bound.port}${SIGNAL_PATH}`;
      options.log?.({ event: 'listening', detail: url });
      return { url, port: bound.port, host };
    },
    async close() {
      await closeHost(core, server);
      server = null;
      wss.close();
    },
    stats: () => core.stats(),
  };
}
