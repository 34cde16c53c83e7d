// The signaling server on Node's http and `ws`, for every Node host: Electron's main process
// (minting behind its IPC channel), `mw signal` (on its own, behind a TLS proxy) and `mw serve`
// (browser mode: the workstation's page mints over HTTP, and the host adds its court-intake
// routes). Everything but the sockets lives in shared/signaling; this file creates the servers,
// the WebSocket options, the minting step and the LAN addresses, once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { SIGNAL_PATH } from '../../shared/protocol/signaling';
import type { HostInfo, MintTokensRequest, MintTokensResponse } from '../../shared/protocol/signaling-host';
import { joinBasesFor, urlHost } from '../../shared/signaling/address';
import { closeHost, createHttpHost, listenOn } from '../../shared/signaling/http-host';
import { mintTokens } from '../../shared/signaling/mint';
import { createSignalingCore, type SignalingCore, type SignalingCoreOptions, type SignalingStats } from '../../shared/signaling/server';
import { nodeHmacSha256, nodeRandomBytes } from '../crypto';
import { fileReader } from '../files';
import { allowLongUploads } from '../http';

export type { SignalLogEvent } from '../../shared/signaling/server';

/** More routes on the host's port, asked before its own; `handle` answers and returns true, or returns false. */
export interface HostRoutes {
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Its requests may take hours (uploads): no whole-request time limit, only an idle one. */
  readonly longUploads?: boolean;
}

export interface SignalingHostOptions extends Omit<SignalingCoreOptions, 'hmac'> {
  /** Serve this folder (the built dist/) beside /signal, for the party join page. */
  webRoot?: string;
  /** Answer POST /signal/tokens and GET /signal/host for this machine's own page (browser mode). */
  mint?: boolean;
  /** Behind a reverse proxy: count connections per X-Forwarded-For address. */
  trustProxy?: boolean;
  /** The host's own routes (the court-intake relay of browser mode), given the port once it is known. */
  routes?: (port: () => number) => HostRoutes;
}

export interface Listening {
  /** ws://HOST:PORT/signal */
  url: string;
  port: number;
  host: string;
}

export interface ListenOptions {
  /** When the port is in use: told so, then a free port is taken (so video still works). Absent: the error rejects. */
  readonly onPortInUse?: (port: number) => void;
}

export interface SignalingHost {
  readonly core: SignalingCore;
  /** Port 0 picks a free port. */
  listen(port: number, host?: string, options?: ListenOptions): Promise<Listening>;
  /** Where this machine's page connects and parties join; `requestHost` is the Host this machine's page used. Null while not listening. */
  info(requestHost?: string): HostInfo | null;
  /** Tokens for a session, signed with the host's secret; ICE servers chosen here are handed to its participants. */
  mint(request: MintTokensRequest): MintTokensResponse;
  close(): Promise<void>;
  stats(): SignalingStats;
}

/** This machine's non-internal IPv4 addresses: where parties on the LAN reach it. */
export function lanIPv4(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address));
}

export function createSignalingHost(options: SignalingHostOptions): SignalingHost {
  const core = createSignalingCore({ ...options, hmac: nodeHmacSha256 });
  // permessage-deflate stays off: compressed frames would let a small message inflate past the limit.
  const wss = new WebSocketServer({ noServer: true, maxPayload: core.limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  let server: Server | null = null;
  let bound = { port: 0, host: '127.0.0.1' };
  const now = options.now ?? Date.now;

  function mint(request: MintTokensRequest): MintTokensResponse {
    const minted = mintTokens(options.secret, request, now(), { hmac: nodeHmacSha256, random: nodeRandomBytes });
    if (request.iceServers) core.useIceServers(request.session, request.iceServers, Math.max(...minted.tokens.map((t) => t.expiresAt)));
    return minted;
  }
  const infoAt = (requestHost: string): HostInfo => ({ signalUrl: `ws://${requestHost}${SIGNAL_PATH}`, joinBases: joinBasesFor(bound.host, bound.port, lanIPv4()) });

  const http = createHttpHost<IncomingMessage, Duplex, Buffer>({
    core,
    upgrade: (request, socket, head, done) => wss.handleUpgrade(request, socket, head, done),
    readFile: options.webRoot === undefined ? undefined : fileReader(options.webRoot),
    trustProxy: options.trustProxy,
    endpoints: options.mint ? { port: () => bound.port, mint, info: infoAt } : undefined,
  });
  const routes = options.routes?.(() => bound.port) ?? null;

  async function listenOnce(port: number, host: string): Promise<Listening> {
    if (server) throw new Error('The signaling server is already listening.');
    const candidate = createServer(routes ? (req, res) => routes.handle(req, res) || http.request(req, res) : http.request);
    candidate.on('upgrade', http.upgrade);
    if (routes?.longUploads) allowLongUploads(candidate);
    bound = { port: await listenOn(candidate, port, host), host };
    server = candidate;
    const url = `ws://${urlHost(host)}:${bound.port}${SIGNAL_PATH}`;
    options.log?.({ event: 'listening', detail: url });
    return { url, port: bound.port, host };
  }

  return {
    core,
    async listen(port, host = '127.0.0.1', listenOptions = {}) {
      try {
        return await listenOnce(port, host);
      } catch (error) {
        if (!listenOptions.onPortInUse || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
        listenOptions.onPortInUse(port);
        return listenOnce(0, host);
      }
    },
    info: (requestHost) => (server ? infoAt(requestHost ?? `127.0.0.1:${bound.port}`) : null),
    mint,
    async close() {
      // Not listening from here on (info() is null), while the connections are told 1001.
      const closing = server;
      server = null;
      await closeHost(core, closing);
      wss.close();
    },
    stats: () => core.stats(),
  };
}
