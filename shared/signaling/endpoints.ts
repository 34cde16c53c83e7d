// POST /signal/tokens and GET /signal/host of a server hosted for a workstation in browser mode.
// Whoever can mint tokens controls the sessions, so these answer only the workstation's own page
// on this machine: the remote address is loopback, the Host is this server's own loopback origin
// (no DNS rebinding), the Origin is that same origin, and a mint's body is application/json (a
// cross-origin page cannot send that without a CORS preflight, which is never answered). No
// CORS headers are ever sent, so no other origin can read an answer either.
import {
  HOST_INFO_PATH,
  MINT_PATH,
  mintTokensRequestSchema,
  type HostInfo,
  type MintTokensRequest,
  type MintTokensResponse,
} from '../protocol/signaling-host';
import { isLoopbackAddress } from './address';

export interface EndpointRequest {
  readonly method: string;
  readonly pathname: string;
  /** The TCP peer's address (never a forwarded one: these endpoints are for this machine). */
  readonly remoteAddress: string | undefined;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly contentType: string | undefined;
  /** Sec-Fetch-Site, which a page's script cannot set: `same-origin` for our own page's GET. */
  readonly fetchSite: string | undefined;
  /**
   * Reads the body as text, null when larger than allowed. Called only once every other check
   * has passed, so nobody else's request body is ever read.
   */
  readonly body: () => Promise<string | null>;
}

export interface EndpointResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface HostEndpoints {
  /** The port the server listens on (known once it listens). */
  port(): number;
  mint(request: MintTokensRequest): MintTokensResponse;
  /** `host` is the loopback Host the request came to, for the workstation's own signal URL. */
  info(host: string): HostInfo;
}

export function isEndpointPath(pathname: string): boolean {
  return pathname === MINT_PATH || pathname === HOST_INFO_PATH;
}

function answer(status: number, body: unknown, extra: Record<string, string> = {}): EndpointResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra },
    body: JSON.stringify(body),
  };
}

export function refuse(status: number, code: string, message: string, extra?: Record<string, string>): EndpointResponse {
  return answer(status, { error: { code, message } }, extra);
}

/** The Host header, when it names this server on loopback (127.0.0.1, localhost or [::1], our port). */
function ownLoopbackHost(host: string | undefined, port: number): string | null {
  if (host === undefined) return null;
  const lower = host.toLowerCase();
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(lower) ? lower : null;
}

export type LocalPageRequest = Pick<EndpointRequest, 'method' | 'remoteAddress' | 'host' | 'origin' | 'fetchSite'>;

/**
 * Whether a request comes from the workstation's own page on this machine (see the top of this
 * file): the loopback Host it came to, or the refusal to send. Every loopback-only endpoint of a
 * hosted server (tokens, host info, the court intake's relay and inbox) asks this first.
 */
export function localPage(request: LocalPageRequest, port: number): { host: string } | { refusal: EndpointResponse } {
  if (!isLoopbackAddress(request.remoteAddress)) return { refusal: refuse(403, 'not_local', 'Only the workstation itself may use this.') };
  const host = ownLoopbackHost(request.host, port);
  if (host === null) return { refusal: refuse(403, 'wrong_host', 'Open the workstation at http://127.0.0.1 to use this.') };
  const ownOrigin = `http://${host}`;
  // A browser sends Origin with every POST; for our own page's GET it sends Sec-Fetch-Site.
  const sameOrigin = request.origin !== undefined ? request.origin.toLowerCase() === ownOrigin : request.method === 'GET' && request.fetchSite === 'same-origin';
  if (!sameOrigin) return { refusal: refuse(403, 'cross_origin', 'Only the workstation’s own page may use this.') };
  return { host };
}

/** Answers the two endpoints; null for any other path. */
export async function handleEndpoint(request: EndpointRequest, endpoints: HostEndpoints): Promise<EndpointResponse | null> {
  if (!isEndpointPath(request.pathname)) return null;
  const local = localPage(request, endpoints.port());
  if ('refusal' in local) return local.refusal;
  const { host } = local;

  if (request.pathname === HOST_INFO_PATH) {
    if (request.method !== 'GET') return refuse(405, 'method', 'Use GET.', { allow: 'GET' });
    return answer(200, endpoints.info(host));
  }
  if (request.method !== 'POST') return refuse(405, 'method', 'Use POST.', { allow: 'POST' });
  const type = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return refuse(415, 'content_type', 'Send the request as application/json.');
  const body = await request.body();
  if (body === null) return refuse(413, 'too_large', 'The request is too large.');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return refuse(400, 'invalid_json', 'The request is not JSON.');
  }
  const parsed = mintTokensRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(400, 'invalid_request', `Not a mint request (${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}).`);
  }
  return answer(200, endpoints.mint(parsed.data));
}
