// The signaling host of `mw signal` and `mw serve`: node/signaling/ws-host.ts, with the
// workstation's court-intake routes and its link to a center server (browser mode) on the same
// port when asked for.
import { createSignalingHost as createNodeHost, type SignalingHost, type SignalingHostOptions as NodeHostOptions } from '../../../node/signaling/ws-host';
import { createCenterLinkRoute } from '../../../node/server-link/route';
import { createIntakeRoutes } from '../package/intake-routes';
import type { IntakeHandler } from '../package/intake-server';

export { lanIPv4, type Listening, type SignalingHost, type SignalLogEvent } from '../../../node/signaling/ws-host';

export interface SignalingHostOptions extends Omit<NodeHostOptions, 'routes'> {
  /**
   * A workstation's court-intake routes (browser mode): its page submits packages through this
   * server; with `endpoint`, the server also receives packages at /intake for the clerk's inbox.
   */
  courtIntake?: { endpoint?: IntakeHandler };
  /** The workstation's link to its center server (browser mode): POST /center-link for its own page. */
  centerLink?: boolean;
}

export function createSignalingHost({ courtIntake, centerLink, ...options }: SignalingHostOptions): SignalingHost {
  if (!courtIntake && !centerLink) return createNodeHost(options);
  const intake = courtIntake?.endpoint ? { intake: courtIntake.endpoint } : {};
  // A package relayed to a court, or received at /intake, may take hours to upload.
  return createNodeHost({
    ...options,
    routes: (port) => {
      const intakeRoutes = courtIntake ? createIntakeRoutes({ port, ...intake }) : null;
      const link = centerLink ? createCenterLinkRoute({ port }) : null;
      return { handle: (req, res) => (link?.handle(req, res) ?? false) || (intakeRoutes?.handle(req, res) ?? false), longUploads: true };
    },
  });
}
