// One HTTP server for a signaling host: WebSockets on /signal, the workstation's mint and host
// endpoints (browser mode only), and the built web app (for the party join page). Written
// against the slice of Node's http and of `ws` it uses, typed structurally and passed in by each
// host (cli/src/signal/ws-host.ts, electron/signaling/ws-host.ts), so they share this code while
// shared/ imports neither.
import { MAX_MINT_REQUEST_BYTES } from '../protocol/signaling-host';
import { SIGNAL_PATH } from '../protocol/signaling';
import { addressKey, clientAddress } from './address';
import { handleEndpoint, isEndpointPath, type EndpointResponse, type HostEndpoints } from './endpoints';
import type { SignalingCore } from './server';
import { staticHeaders, webRootSegments } from './static-files';
import { acceptWs, type WsLike } from './ws-like';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface HttpRequestLike extends AsyncIterable<unknown> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Headers;
  readonly socket: { readonly remoteAddress?: string | undefined };
}

export interface HttpResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: string | Uint8Array): unknown;
}

export interface UpgradeSocketLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(data: string): unknown;
  destroy(): unknown;
}

export interface HttpHostOptions<Req extends HttpRequestLike, Socket extends UpgradeSocketLike, Head> {
  readonly core: SignalingCore;
  /** The `ws` server's handleUpgrade (noServer, maxPayload = the message limit, no compression). */
  upgrade(request: Req, socket: Socket, head: Head, done: (ws: WsLike) => void): void;
  /** Reads a file of the web root by its path segments; null when there is none. Absent: no web root. */
  readonly readFile?: ((segments: readonly string[]) => Promise<Uint8Array | null>) | undefined;
  /** The mint and host endpoints (browser mode); absent elsewhere. */
  readonly endpoints?: HostEndpoints | undefined;
  /** Behind a reverse proxy: count connections by X-Forwarded-For for the per-address limit. */
  readonly trustProxy?: boolean | undefined;
}

export interface HttpHost<Req, Socket, Head> {
  request(request: Req, response: HttpResponseLike): void;
  upgrade(request: Req, socket: Socket, head: Head): void;
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pathnameOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://host.invalid').pathname;
  } catch {
    return null;
  }
}

/**
 * The body as text, or null when it passes `limit` bytes (the rest is read and dropped: only
 * this machine's own page gets this far, and leaving a request half read would stall it).
 */
export async function readBody(request: AsyncIterable<unknown>, limit: number): Promise<string | null> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request) {
    const bytes = chunk instanceof Uint8Array ? chunk : new TextEncoder().encode(String(chunk));
    size += bytes.byteLength;
    if (size <= limit) parts.push(bytes);
  }
  if (size > limit) return null;
  const all = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.byteLength;
  }
  return new TextDecoder().decode(all);
}

function send(response: HttpResponseLike, answer: EndpointResponse): void {
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

function text(status: number, body: string): EndpointResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body };
}

export function createHttpHost<Req extends HttpRequestLike, Socket extends UpgradeSocketLike, Head>(
  options: HttpHostOptions<Req, Socket, Head>,
): HttpHost<Req, Socket, Head> {
  const { core, readFile, endpoints } = options;

  async function serve(request: Req, response: HttpResponseLike): Promise<void> {
    const pathname = pathnameOf(request.url);
    const method = request.method ?? 'GET';
    if (pathname === null) return send(response, text(400, 'Bad request'));
    if (endpoints && isEndpointPath(pathname)) {
      const answer = await handleEndpoint(
        {
          method,
          pathname,
          remoteAddress: request.socket.remoteAddress,
          host: header(request.headers, 'host'),
          origin: header(request.headers, 'origin'),
          contentType: header(request.headers, 'content-type'),
          fetchSite: header(request.headers, 'sec-fetch-site'),
          body: () => readBody(request, MAX_MINT_REQUEST_BYTES),
        },
        endpoints,
      );
      if (answer) return send(response, answer);
    }
    if (pathname === SIGNAL_PATH) return send(response, text(426, `Mediation Workstation signaling server: open a WebSocket at ${SIGNAL_PATH}.\n`));
    const segments = readFile ? webRootSegments(pathname) : null;
    if (!readFile || segments === null || (method !== 'GET' && method !== 'HEAD')) return send(response, text(404, 'Not found'));
    const bytes = await readFile(segments);
    if (bytes === null) return send(response, text(404, 'Not found'));
    response.writeHead(200, staticHeaders(segments));
    response.end(method === 'HEAD' ? undefined : bytes);
  }

  return {
    request(request, response) {
      serve(request, response).catch(() => {
        try {
          send(response, text(500, 'Error'));
        } catch {
          // The response had already begun; the socket is closed by the server.
        }
      });
    },

    upgrade(request, socket, head) {
      // An error on the raw socket during the handshake would otherwise be unhandled.
      socket.on('error', () => socket.destroy());
      if (pathnameOf(request.url) !== SIGNAL_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      const address = addressKey(clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], options.trustProxy === true));
      options.upgrade(request, socket, head, (ws) => acceptWs(core, ws, address));
    },
  };
}

/** The slice of Node's http.Server used to listen and stop. */
export interface ListeningServerLike {
  once(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  listen(port: number, host: string, done: () => void): unknown;
  address(): { port: number } | string | null;
  close(done: () => void): unknown;
  closeAllConnections(): void;
}

/** Listens and resolves with the port (the one picked when `port` is 0). */
export async function listenOn(server: ListeningServerLike, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : port;
}

/** Closes the core's connections with 1001, then the HTTP server with whatever it still holds. */
export async function closeHost(core: SignalingCore, server: ListeningServerLike | null): Promise<void> {
  await core.close();
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
