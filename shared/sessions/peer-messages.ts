// What participants tell each other over the data channel of their peer connection (the
// signaling server never sees it): whether their microphone and camera are on, consents given on
// their own screen, and a hand signature a party draws on their own device when the mediator asks
// for it (so parties need not meet again to sign the application for judicial confirmation). Hostile input like everything from the network: parsed, bounded, and a
// message that does not parse is dropped.
import { z } from 'zod';
import { instantSchema } from '../domain/model';
import { handSignatureSchema } from '../agreement/hand-signature';
import { CONSENT_KINDS } from './model';

/** A hand signature of a few hundred points is ~20 KB; WebRTC data channels carry 256 KiB messages everywhere. */
export const MAX_PEER_MESSAGE_BYTES = 256 * 1024;

export const peerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('media'), audio: z.boolean(), video: z.boolean(), screen: z.boolean() }),
  z.strictObject({ type: z.literal('consent'), kind: z.enum(CONSENT_KINDS), statement: z.string().min(1).max(1000), givenAt: instantSchema }),
  /** The mediator asks everyone in the room to agree to a local recording. */
  z.strictObject({ type: z.literal('recording-request'), statement: z.string().min(1).max(1000) }),
  z.strictObject({ type: z.literal('recording-declined') }),
  z.strictObject({ type: z.literal('recording'), active: z.boolean() }),
  /** The mediator asks this participant to sign a document by hand, as the signer named. */
  z.strictObject({
    type: z.literal('signature-request'),
    document: z.string().min(1).max(200),
    statement: z.string().min(1).max(1000),
    signer: z.strictObject({ id: z.string().min(1).max(100), role: z.enum(['party', 'agent']), name: z.string().min(1).max(100) }),
  }),
  z.strictObject({ type: z.literal('signature'), signature: handSignatureSchema }),
  z.strictObject({ type: z.literal('signature-declined') }),
]);
export type PeerMessage = z.infer<typeof peerMessageSchema>;

export function encodePeerMessage(message: PeerMessage): string {
  return JSON.stringify(peerMessageSchema.parse(message));
}

/** The message, or null for anything that is not one (too long, not JSON, unknown shape). */
export function decodePeerMessage(data: unknown): PeerMessage | null {
  const text = typeof data === 'string' ? data : data instanceof Uint8Array ? new TextDecoder('utf-8', { fatal: false }).decode(data) : null;
  if (text === null || text.length > MAX_PEER_MESSAGE_BYTES) return null;
  try {
    const parsed = peerMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
