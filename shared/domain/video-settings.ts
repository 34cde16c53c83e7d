// The settings of video sessions (design.md §7, docs/signaling.md): the fields settingsSchema
// (./model) gains, kept apart from ./settings so that model.ts uses them without an import cycle.
// Both fields are optional in the stored row, so settings rows and backups written before video
// sessions existed stay valid byte for byte; readers take videoSettingsOf(settings), which
// supplies the defaults.
import { z } from 'zod';
import { iceServersSchema, type IceServer } from '../protocol/signaling';
import { MIN_SECRET_BYTES } from '../protocol/session-token';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type SignalingUrlProblem = 'invalid' | 'not_https' | 'has_path';

/**
 * An address that reaches only the machine it is opened on (localhost, 127.x.x.x, [::1]): a link
 * to it works on this workstation and nowhere else, so a party's phone or computer cannot join by it.
 */
export function isLoopbackAddress(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return LOCAL_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname) || url.hostname.endsWith('.localhost');
}

/**
 * Where an external `mw signal --web-root` server runs: https:// (parties' browsers allow the
 * camera only on secure pages), or http:// on this machine for trying it out. Only an origin,
 * optionally with a trailing slash: the server serves the join page at / and signaling at /signal.
 */
export function checkSignalingBaseUrl(text: string): SignalingUrlProblem | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'invalid';
  }
  if (url.username || url.password || url.search || url.hash) return 'invalid';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) return 'not_https';
  if (url.pathname !== '/') return 'has_path';
  return null;
}

/** The secret as the server reads its file: UTF-8 bytes, trailing whitespace not counted. */
export function signalingSecretBytes(secret: string): Uint8Array {
  return new TextEncoder().encode(secret.replace(/[ \t\r\n]+$/, ''));
}

export const videoSignalingSchema = z
  .object({
    /** embedded: the server this workstation hosts (LAN); external: a standalone one (internet). */
    mode: z.enum(['embedded', 'external']),
    externalBaseUrl: z.string().max(2048).optional(),
    /**
     * The external server's HMAC secret, a credential: whoever has it can mint tokens for any
     * session on that server. Stored with the settings (and in backups) for minting in the app.
     */
    externalSecret: z.string().max(1024).optional(),
  })
  .superRefine((value, context) => {
    if (value.externalBaseUrl !== undefined && value.externalBaseUrl !== '' && checkSignalingBaseUrl(value.externalBaseUrl) !== null) {
      context.addIssue({ code: 'custom', path: ['externalBaseUrl'], message: 'an https:// origin (http:// only for this machine)' });
    }
    if (value.externalSecret !== undefined && value.externalSecret !== '' && signalingSecretBytes(value.externalSecret).length < MIN_SECRET_BYTES) {
      context.addIssue({ code: 'custom', path: ['externalSecret'], message: `at least ${MIN_SECRET_BYTES} bytes` });
    }
    if (value.mode === 'external' && (!value.externalBaseUrl || !value.externalSecret)) {
      context.addIssue({ code: 'custom', path: [value.externalBaseUrl ? 'externalSecret' : 'externalBaseUrl'], message: 'an external server needs its address and its secret' });
    }
  });
export type VideoSignalingSettings = z.infer<typeof videoSignalingSchema>;

/** The fields settingsSchema (./model) gains for video sessions; optional, see above. */
export const videoSettingsFields = {
  videoSignaling: videoSignalingSchema.optional(),
  /** STUN/TURN servers (e.g. coturn) for the sessions of this workstation's embedded server. */
  iceServers: iceServersSchema.optional(),
};

export const DEFAULT_VIDEO_SIGNALING: VideoSignalingSettings = { mode: 'embedded' };

export interface VideoSettings {
  readonly videoSignaling: VideoSignalingSettings;
  readonly iceServers: IceServer[];
}

/** The video settings of a row (settingsSchema, ./model), with the defaults for rows that predate them. */
export function videoSettingsOf(settings: { readonly videoSignaling?: VideoSignalingSettings | undefined; readonly iceServers?: IceServer[] | undefined }): VideoSettings {
  return { videoSignaling: settings.videoSignaling ?? DEFAULT_VIDEO_SIGNALING, iceServers: settings.iceServers ?? [] };
}
