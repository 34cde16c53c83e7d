// Invitation links: `${base}#/join?token=…`. The token rides in the fragment, which browsers never
// send to a server, so it stays out of access logs and proxies. The join page reads the token's
// payload only to greet the participant by name and role; the server alone decides whether the
// token is genuine.
import { base64UrlDecode } from '../protocol/session-token';
import { tokenPayloadSchema, type TokenPayload } from '../protocol/signaling';

export const JOIN_ROUTE = '/join';

export function invitationLink(base: string, token: string): string {
  const url = new URL(base);
  url.hash = `${JOIN_ROUTE}?token=${encodeURIComponent(token)}`;
  return url.toString();
}

/** What the token says about itself, unverified; null when it is not a token at all. */
export function peekTokenPayload(token: string): TokenPayload | null {
  const [payloadSegment, signature, extra] = token.split('.');
  if (!payloadSegment || !signature || extra !== undefined) return null;
  const bytes = base64UrlDecode(payloadSegment);
  if (!bytes) return null;
  try {
    const parsed = tokenPayloadSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
