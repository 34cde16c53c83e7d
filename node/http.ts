// Node HTTP servers of the hosts: what they share beyond shared/signaling/http-host.ts.
import type { IncomingMessage, Server } from 'node:http';

/** A sender that sends nothing for this long is cut off (a whole upload may take hours). */
export const IDLE_REQUEST_TIMEOUT_MS = 120_000;

/** Uploads may take hours (a package to a court's intake): no limit on the whole request, only on silence. */
export function allowLongUploads(server: Server): void {
  server.requestTimeout = 0;
  server.on('request', (req: IncomingMessage) => req.setTimeout(IDLE_REQUEST_TIMEOUT_MS, () => req.destroy()));
}
