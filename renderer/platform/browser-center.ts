// The link to the center server in browser mode (shared/platform.ts CenterServerLink): the page
// posts each operation to its own server (`mw serve`, POST /center-link), which connects to the
// center server, pins its certificate and forwards; the page's CSP stays 'self'.
import { z } from 'zod';
import type { CenterServerLink } from '../../shared/platform';
import { CENTER_LINK_PATH, centerLinkAnswerSchema, centerLinkClient, type CenterLinkAnswer } from '../../shared/protocol/center-link';

/** The host's own refusal (shared/signaling/endpoints.ts): not this machine's page, wrong method… */
const hostRefusalSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const unavailable = (message: string): CenterLinkAnswer => ({ error: { code: 'unavailable', message } });

export function browserCenterServer(origin: string = globalThis.location?.origin ?? 'http://127.0.0.1', fetchImpl: typeof fetch = (...args) => fetch(...args)): CenterServerLink {
  return centerLinkClient(async (op) => {
    let response: Response;
    try {
      response = await fetchImpl(new URL(CENTER_LINK_PATH, origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(op),
        cache: 'no-store',
      });
    } catch {
      return unavailable('This workstation’s own server did not answer; is npm start still running?');
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const refusal = hostRefusalSchema.safeParse(body);
      // A plain static server has no link: 404 with its own page.
      return unavailable(refusal.success ? refusal.data.error.message : `This workstation’s server has no link to a center server (HTTP ${response.status}); start the app with npm start.`);
    }
    const answer = centerLinkAnswerSchema.safeParse(body);
    return answer.success ? answer.data : unavailable('This workstation’s server answered something that is not the link’s answer.');
  });
}
