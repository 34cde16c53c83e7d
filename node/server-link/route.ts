// The link's route on a host's own HTTP server (the relay of `mw serve`, browser mode):
//   POST /center-link   one operation (shared/protocol/center-link.ts) as application/json; the
//                       answer is 200 with what the link found or why it could not
// It answers only the workstation's own page on this machine (shared/signaling/endpoints.ts
// localPage): the link would otherwise let any page or any machine on the network use this
// workstation's sessions, or make it an open proxy.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CENTER_LINK_MAX_REQUEST_BYTES, CENTER_LINK_PATH } from '../../shared/protocol/center-link';
import { localPage, refuse, type EndpointResponse } from '../../shared/signaling/endpoints';
import { readBody } from '../../shared/signaling/http-host';
import { answerLinkOp } from './link';

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, answer: EndpointResponse): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

async function operate(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return reply(res, refuse(415, 'content_type', 'Send the operation as application/json.'));
  }
  // The forwarded body and a little JSON around it.
  const body = await readBody(req, CENTER_LINK_MAX_REQUEST_BYTES + 16 * 1024);
  if (body === null) return reply(res, refuse(413, 'too_large', 'The request is too large.'));
  let op: unknown;
  try {
    op = JSON.parse(body);
  } catch {
    return reply(res, refuse(400, 'invalid_json', 'The request is not JSON.'));
  }
  // The page leaving (a reload, a closed tab) ends a nudge wait at once.
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  const answer = await answerLinkOp(op, controller.signal);
  reply(res, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }, body: JSON.stringify(answer) });
}

export interface CenterLinkRoute {
  /** Answers POST /center-link and returns true; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createCenterLinkRoute(options: { port(): number }): CenterLinkRoute {
  return {
    handle(req, res) {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (path !== CENTER_LINK_PATH) return false;
      const local = localPage({ method: req.method ?? 'GET', remoteAddress: req.socket.remoteAddress, host: header(req, 'host'), origin: header(req, 'origin'), fetchSite: header(req, 'sec-fetch-site') }, options.port());
      if ('refusal' in local) {
        req.resume();
        reply(res, local.refusal);
        return true;
      }
      if (req.method !== 'POST') {
        req.resume();
        reply(res, refuse(405, 'method', 'Use POST.', { allow: 'POST' }));
        return true;
      }
      operate(req, res).catch(() => {
        if (!res.headersSent) reply(res, refuse(500, 'error', 'The request could not be completed.'));
        else res.destroy();
      });
      return true;
    },
  };
}
