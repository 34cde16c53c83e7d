// The Video sessions card's form as data: parsing and checking what was typed, and building the
// settings patch, apart from React so each message is unit-tested. Problems are i18n keys of the
// `settings` namespace with their parameters.
import { checkSignalingBaseUrl, signalingSecretBytes, videoSettingsOf, type VideoSignalingSettings } from '../../../shared/domain/settings';
import type { Settings } from '../../../shared/domain/model';
import { MIN_SECRET_BYTES } from '../../../shared/protocol/session-token';
import { iceServersSchema, type IceServer } from '../../../shared/protocol/signaling';

export interface VideoFormValues {
  mode: VideoSignalingSettings['mode'];
  externalBaseUrl: string;
  externalSecret: string;
  /** The ICE servers as JSON text; empty means none. */
  iceServersJson: string;
}

export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export function videoFormValues(settings: Settings): VideoFormValues {
  const { videoSignaling, iceServers } = videoSettingsOf(settings);
  return {
    mode: videoSignaling.mode,
    externalBaseUrl: videoSignaling.externalBaseUrl ?? '',
    externalSecret: videoSignaling.externalSecret ?? '',
    iceServersJson: iceServers.length > 0 ? JSON.stringify(iceServers, null, 2) : '',
  };
}

const URL_PROBLEMS = { invalid: 'video.errors.urlInvalid', not_https: 'video.errors.urlNotHttps', has_path: 'video.errors.urlHasPath' } as const;

export function checkBaseUrl(values: VideoFormValues): Problem | null {
  const url = values.externalBaseUrl.trim();
  if (url === '') return values.mode === 'external' ? { key: 'video.errors.urlRequired' } : null;
  const problem = checkSignalingBaseUrl(url);
  return problem === null ? null : { key: URL_PROBLEMS[problem] };
}

export function checkSecret(values: VideoFormValues): Problem | null {
  if (values.externalSecret === '') return values.mode === 'external' ? { key: 'video.errors.secretRequired' } : null;
  const bytes = signalingSecretBytes(values.externalSecret).length;
  return bytes < MIN_SECRET_BYTES ? { key: 'video.errors.secretShort', params: { bytes } } : null;
}

export function parseIceServers(text: string): { ok: true; servers: IceServer[] } | { ok: false; problem: Problem } {
  if (text.trim() === '') return { ok: true, servers: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { key: 'video.errors.iceJson', params: { reason: (error as Error).message.split('\n')[0] ?? '' } } };
  }
  if (!Array.isArray(json)) return { ok: false, problem: { key: 'video.errors.iceJson', params: { reason: 'not a list [ … ]' } } };
  const parsed = iceServersSchema.safeParse(json);
  if (parsed.success) return { ok: true, servers: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.path.length === 0) return { ok: false, problem: { key: 'video.errors.iceTooMany' } };
  const [index, ...field] = issue?.path ?? [];
  return {
    ok: false,
    problem: { key: 'video.errors.iceShape', params: { index: Number(index) + 1, field: field.join('.') || 'urls', reason: issue?.message ?? 'invalid' } },
  };
}

/** The settings patch of valid form values (call only once every check passed). */
export function videoSettingsPatch(values: VideoFormValues, servers: IceServer[]): Pick<Settings, 'videoSignaling' | 'iceServers'> {
  const url = values.externalBaseUrl.trim();
  const videoSignaling: VideoSignalingSettings = {
    mode: values.mode,
    ...(url ? { externalBaseUrl: url } : {}),
    ...(values.externalSecret ? { externalSecret: values.externalSecret } : {}),
  };
  return { videoSignaling, iceServers: servers };
}
