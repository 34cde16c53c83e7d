// Serves the renderer build from app://workstation/ (never file://), with the CSP and the other
// security headers on every response, including errors.
import { Readable } from 'node:stream';
import { regularFile } from '../node/files';
import { mimeTypeFor, resolveAppPath, securityHeaders } from './security';

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** The handler for `protocol.handle('app', …)`; `root` is the Vite build folder (dist/). */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const filePath = resolveAppPath(root, request.url);
    if (filePath === null) return plain(404, 'Not found');
    const file = await regularFile(filePath);
    if (file === null) return plain(404, 'Not found');
    const headers = { ...securityHeaders(mimeTypeFor(filePath)), 'Content-Length': String(file.size) };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    const body = Readable.toWeb(file.open()) as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers });
  };
}
