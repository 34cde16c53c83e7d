// Which signaling server a video session uses, decided once from the platform and the settings
// (design.md §7, docs/signaling.md "Where it runs"):
//   embedded — the server this workstation hosts (Electron main on a LAN port, or the `npm start`
//              server in browser mode); it mints, keeping its secret, and hands the settings' ICE
//              servers to every participant of the session in `joined`;
//   external — a standalone `mw signal --web-root` server for the internet; the renderer mints
//              with the secret held in the settings (a credential), with @noble/hashes' HMAC.
import type { PlatformPort } from '../../../shared/platform';
import type { Settings } from '../../../shared/domain/model';
import { checkSignalingBaseUrl, signalingSecretBytes, videoSettingsOf } from '../../../shared/domain/settings';
import { MIN_SECRET_BYTES } from '../../../shared/protocol/session-token';
import type { IceServer } from '../../../shared/protocol/signaling';
import type { MintTokensRequest, MintTokensResponse } from '../../../shared/protocol/signaling-host';
import { mintTokens } from '../../../shared/signaling/mint';

export interface SignalingTarget {
  /** The WebSocket URL this workstation connects to. */
  signalUrl: string;
  /** Where parties open the join page (`${base}#/join?token=…`), best first. */
  joinBases: readonly string[];
  /**
   * The settings' STUN/TURN servers. Participants receive the server's list in `joined`: for the
   * embedded server that is this list (sent with every mint); an external server hands out its
   * own `--ice-servers`.
   */
  iceServers: IceServer[];
  mint(request: Omit<MintTokensRequest, 'iceServers'>): Promise<MintTokensResponse>;
  source: 'hosted' | 'external';
}

export type SignalingResolution = { ok: true; target: SignalingTarget } | { ok: false; reason: 'none' | 'unreachable'; detail?: string };

function externalTarget(baseUrl: string | undefined, secretText: string | undefined, iceServers: IceServer[]): SignalingResolution {
  if (!baseUrl || !secretText) return { ok: false, reason: 'none', detail: 'The external signaling server needs its address and its secret (Settings → Video sessions).' };
  const problem = checkSignalingBaseUrl(baseUrl);
  if (problem !== null) return { ok: false, reason: 'none', detail: `The external signaling server's address is not usable (${problem}).` };
  const secret = signalingSecretBytes(secretText);
  if (secret.length < MIN_SECRET_BYTES) return { ok: false, reason: 'none', detail: `The external signaling secret has fewer than ${MIN_SECRET_BYTES} bytes.` };
  const base = new URL(baseUrl);
  const signalUrl = `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}/signal`;
  return {
    ok: true,
    target: {
      signalUrl,
      joinBases: [`${base.origin}/`],
      iceServers,
      // Synchronous and local; wrapped so both sources look alike to the session code.
      mint: async (request) => mintTokens(secret, request, Date.now()),
      source: 'external',
    },
  };
}

export async function resolveSignaling(platform: PlatformPort, settings: Settings): Promise<SignalingResolution> {
  const { videoSignaling, iceServers } = videoSettingsOf(settings);
  if (videoSignaling.mode === 'external') return externalTarget(videoSignaling.externalBaseUrl, videoSignaling.externalSecret, iceServers);
  let hosted;
  try {
    hosted = await platform.signaling.hosted();
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
  if (hosted === null) return { ok: false, reason: 'none' };
  return {
    ok: true,
    target: {
      signalUrl: hosted.signalUrl,
      joinBases: hosted.joinBases,
      iceServers,
      // An empty list leaves the host's own (e.g. `mw serve --ice-servers`).
      mint: (request) => hosted.mint(iceServers.length > 0 ? { ...request, iceServers } : request),
      source: 'hosted',
    },
  };
}
