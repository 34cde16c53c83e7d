// The workstation's link to its center server, for both hosts (the relay of `mw serve` and
// Electron main): probe an address for its certificate, forward one API request to the pinned
// server, wait for the server's WebSocket nudge. Every connection is made by connectPinned, so
// nothing reaches a server whose certificate is not the pinned one. The page's JSON goes to the
// server as it came and the server's answer comes back as it went (status and JSON body): the
// server's refusals are the page's to read, the link's own failures are CenterLinkErrors.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import {
  CENTER_LINK_MAX_REQUEST_BYTES,
  CENTER_LINK_MAX_RESPONSE_BYTES,
  CenterLinkError,
  centerLinkOpSchema,
  parseCenterAddress,
  type CenterLinkAnswer,
  type CenterPin,
  type CenterProbeResult,
  type CenterRequest,
  type CenterResponse,
  type CenterWaitResult,
} from '../../shared/protocol/center-link';
import { UPLOAD_CHUNK_TYPE, UPLOAD_OFFSET_HEADER } from '../../shared/server/files';
import { NUDGE_CLOSE_SESSION_ENDED, nudgeMessageSchema } from '../../shared/server/sync';
import { connectPinned, describeCertificate, type PinnedTarget } from './pinned-tls';

/** How long one forwarded request may take from connection to the answer's last byte. */
export const REQUEST_TIMEOUT_MS = 30_000;

function targetOf(address: string): PinnedTarget & { origin: string; hostHeader: string } {
  const parsed = parseCenterAddress(address);
  if (!parsed) throw new CenterLinkError('invalid_request', `${address} is not an https:// address of a server.`);
  const url = new URL(parsed.origin);
  return { hostname: parsed.hostname, port: parsed.port, origin: parsed.origin, hostHeader: url.host };
}

export async function probe(address: string, options: { timeoutMs?: number } = {}): Promise<CenterProbeResult> {
  const target = targetOf(address);
  const { socket, certificate } = await connectPinned(target, null, options);
  socket.destroy();
  return {
    address: target.origin,
    fingerprint: certificate.fingerprint256,
    ...describeCertificate(certificate),
    validFrom: certificate.valid_from,
    validTo: certificate.valid_to,
  };
}

/** A range's answer as bytes: base64, with the whole file's size its Content-Range names. */
function bytesAnswer(response: IncomingMessage, status: number, bytes: Buffer): CenterResponse {
  const whole = /\/(\d+)$/.exec(String(response.headers['content-range'] ?? ''));
  const size = whole ? Number(whole[1]) : status === 200 ? bytes.length : undefined;
  return { status, body: null, octets: bytes.toString('base64'), ...(size === undefined ? {} : { size }) };
}

function readAnswer(response: IncomingMessage, wantsBytes = false): Promise<CenterResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > CENTER_LINK_MAX_RESPONSE_BYTES) {
        response.destroy();
        reject(new CenterLinkError('bad_answer', `The server's answer is larger than ${CENTER_LINK_MAX_RESPONSE_BYTES / 1024 / 1024} MiB.`));
        return;
      }
      chunks.push(chunk);
    });
    response.once('error', () => reject(new CenterLinkError('unreachable', 'The connection to the server broke during its answer.')));
    response.once('end', () => {
      const status = response.statusCode ?? 0;
      const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (wantsBytes && (status === 200 || status === 206)) return resolve(bytesAnswer(response, status, Buffer.concat(chunks)));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') return resolve({ status, body: null });
      if (type !== 'application/json') {
        // A proxy's error page: the status says enough. A success that is not JSON is not our server.
        if (status >= 400) return resolve({ status, body: null });
        return reject(new CenterLinkError('bad_answer', `The server answered HTTP ${status} with ${type || 'no content type'}, not JSON: is this a center server?`));
      }
      try {
        resolve({ status, body: JSON.parse(text) as unknown });
      } catch {
        reject(new CenterLinkError('bad_answer', `The server's answer (HTTP ${status}) is not valid JSON.`));
      }
    });
  });
}

/** The request's body (JSON, or the bytes of an upload's chunk) and the headers that say what it is. */
function bodyOf(request: CenterRequest): { body: Buffer | null; headers: Record<string, string> } {
  if (request.chunk) {
    if (request.body !== undefined || request.method !== 'PATCH') throw new CenterLinkError('invalid_request', 'Bytes go alone, in a PATCH.');
    return { body: Buffer.from(request.chunk.base64, 'base64'), headers: { 'content-type': UPLOAD_CHUNK_TYPE, [UPLOAD_OFFSET_HEADER]: String(request.chunk.offset) } };
  }
  if (request.body === undefined || request.method === 'GET') return { body: null, headers: {} };
  return { body: Buffer.from(JSON.stringify(request.body), 'utf8'), headers: { 'content-type': 'application/json' } };
}

/** Forwards one API request to the pinned server; the server's status and JSON body (or, for a range, the bytes). */
export async function forward(pin: CenterPin, request: CenterRequest, options: { timeoutMs?: number } = {}): Promise<CenterResponse> {
  const target = targetOf(pin.address);
  if (request.range && request.method !== 'GET') throw new CenterLinkError('invalid_request', 'A range is asked for with GET.');
  const { body, headers: bodyHeaders } = bodyOf(request);
  if (body && body.length > CENTER_LINK_MAX_REQUEST_BYTES) throw new CenterLinkError('invalid_request', `The request body is larger than ${CENTER_LINK_MAX_REQUEST_BYTES / 1024 / 1024} MiB.`);
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const { socket } = await connectPinned(target, pin.fingerprint, { timeoutMs });
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: target.hostHeader, accept: request.range ? '*/*' : 'application/json', connection: 'close', ...bodyHeaders };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (request.range) headers.range = `bytes=${request.range.start}-${request.range.end}`;
    if (body) headers['content-length'] = String(body.length);
    const outgoing = httpRequest({ method: request.method, path: request.path, headers, createConnection: () => socket });
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new CenterLinkError('timeout', `The server did not answer within ${timeoutMs / 1000} s.`));
    }, Math.max(1, deadline - Date.now()));
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new CenterLinkError('unreachable', `The connection to the server broke (${error.code ?? error.message}).`));
    });
    outgoing.once('response', (response) => {
      readAnswer(response, request.range !== undefined).then(
        (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
    outgoing.end(body ?? undefined);
  });
}

/** The change a nudge names (shared/server/sync.ts), or null for a message that is not one. */
function nudgedSeq(data: unknown): number | null {
  try {
    const parsed = nudgeMessageSchema.safeParse(JSON.parse(String(data)));
    return parsed.success ? parsed.data.seq : null;
  } catch {
    return null;
  }
}

/**
 * Opens the server's nudge WebSocket (`path`, with the session's token) on a pinned connection
 * and waits for a nudge naming a change after `after` (the server's hello names its latest, so a
 * client behind is answered at once): nudged, or not within `timeoutMs` (the caller asks again),
 * or the server refused the socket or ended it with the session (an HTTP status).
 */
export async function waitForNudge(pin: CenterPin, path: string, token: string, after: number, timeoutMs: number, signal?: AbortSignal): Promise<CenterWaitResult> {
  const target = targetOf(pin.address);
  const { socket } = await connectPinned(target, pin.fingerprint);
  return new Promise((resolve, reject) => {
    const url = `wss://${target.hostHeader}${path}`;
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, createConnection: () => socket, perMessageDeflate: false, maxPayload: 64 * 1024 });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      outcome();
    };
    const onAbort = (): void => settle(() => resolve({ nudged: false }));
    const timer = setTimeout(() => settle(() => resolve({ nudged: false })), timeoutMs);
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
    ws.on('message', (data) => {
      const seq = nudgedSeq(data);
      if (seq !== null && seq > after) settle(() => resolve({ nudged: true, seq }));
    });
    ws.once('unexpected-response', (_request, response) => {
      response.resume();
      settle(() => resolve({ nudged: false, refusedStatus: response.statusCode ?? 500 }));
    });
    ws.once('error', (error) => settle(() => reject(new CenterLinkError('unreachable', `The server's nudge connection failed (${error.message}).`))));
    ws.once('close', (code) => {
      if (code === NUDGE_CLOSE_SESSION_ENDED) settle(() => resolve({ nudged: false, refusedStatus: 401 }));
      else settle(() => reject(new CenterLinkError('unreachable', 'The server closed its nudge connection.')));
    });
  });
}

/**
 * One operation of the page (shared/protocol/center-link.ts), parsed here whichever host received
 * it, and its answer: what the link found, or why it could not.
 */
export async function answerLinkOp(raw: unknown, signal?: AbortSignal): Promise<CenterLinkAnswer> {
  const parsed = centerLinkOpSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: { code: 'invalid_request', message: `The link refused the request: ${issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'malformed'}.` } };
  }
  const op = parsed.data;
  try {
    if (op.op === 'probe') return { probe: await probe(op.address) };
    if (op.op === 'request') return { response: await forward(op.pin, op.request) };
    return { wait: await waitForNudge(op.pin, op.path, op.token, op.after, op.timeoutMs, signal) };
  } catch (error) {
    if (error instanceof CenterLinkError) return { error: error.toFailure() };
    throw error;
  }
}
