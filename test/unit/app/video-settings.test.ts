// Settings → Video sessions: the stored fields stay optional (old rows and backups are valid as
// they are), the form's checks name each problem, and a save through the store keeps them.
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../shared/domain/model';
import { DEFAULT_SETTINGS, videoSettingsOf } from '../../../shared/domain/settings';
import { getSettings, updateSettings } from '../../../renderer/features/auth/accounts';
import { resources } from '../../../renderer/features/settings/i18n';
import { checkBaseUrl, checkSecret, parseIceServers, videoFormValues, videoSettingsPatch, type VideoFormValues } from '../../../renderer/features/settings/video-settings';
import { freshDb, setUp } from '../db/helpers';

const form = (patch: Partial<VideoFormValues>): VideoFormValues => ({ mode: 'embedded', externalBaseUrl: '', externalSecret: '', iceServersJson: '', ...patch });
const secret = 'k7Jq2vQ0yXcN4mZr8bW1sT6hE3pL9aUd5fG0iO2nC7xV';

describe('video settings in the settings row', () => {
  it('reads a row from before video sessions unchanged, with embedded and no ICE servers as defaults', () => {
    const old = { ...DEFAULT_SETTINGS, version: 3 };
    expect(settingsSchema.parse(old)).toEqual(old);
    expect(Object.keys(settingsSchema.parse(old))).not.toContain('videoSignaling');
    expect(videoSettingsOf(old)).toEqual({ videoSignaling: { mode: 'embedded' }, iceServers: [] });
  });

  it('refuses what the form refuses, should anything bypass it', () => {
    const bad = (videoSignaling: unknown, iceServers: unknown = []) => settingsSchema.safeParse({ ...DEFAULT_SETTINGS, videoSignaling, iceServers }).success;
    expect(bad({ mode: 'external' })).toBe(false);
    expect(bad({ mode: 'external', externalBaseUrl: 'http://signal.example.org/', externalSecret: secret })).toBe(false);
    expect(bad({ mode: 'external', externalBaseUrl: 'https://signal.example.org/', externalSecret: 'short' })).toBe(false);
    expect(bad({ mode: 'embedded' }, [{ urls: 'http://x' }])).toBe(false);
    expect(bad({ mode: 'external', externalBaseUrl: 'https://signal.example.org/', externalSecret: secret })).toBe(true);
  });

  it('saves through the settings store and reads back into the form', async () => {
    const db = freshDb();
    const admin = await setUp(db);
    const before = await getSettings(db);
    const values = form({ mode: 'external', externalBaseUrl: ' https://signal.example.org/ ', externalSecret: secret, iceServersJson: '[{"urls":"stun:turn.example.org:3478"}]' });
    const parsed = parseIceServers(values.iceServersJson);
    if (!parsed.ok) throw new Error('ICE JSON refused');
    const saved = await updateSettings(db, admin, before.version, videoSettingsPatch(values, parsed.servers));
    expect(saved).toMatchObject({ ok: true, value: { videoSignaling: { mode: 'external', externalBaseUrl: 'https://signal.example.org/', externalSecret: secret }, iceServers: [{ urls: 'stun:turn.example.org:3478' }] } });
    const back = videoFormValues(await getSettings(db));
    expect(back).toMatchObject({ mode: 'external', externalBaseUrl: 'https://signal.example.org/', externalSecret: secret });
    expect(JSON.parse(back.iceServersJson)).toEqual([{ urls: 'stun:turn.example.org:3478' }]);
  });
});

describe('the Video sessions form checks', () => {
  it('wants an https origin for an external server (http only on this machine)', () => {
    expect(checkBaseUrl(form({}))).toBeNull();
    expect(checkBaseUrl(form({ mode: 'external' }))).toEqual({ key: 'video.errors.urlRequired' });
    expect(checkBaseUrl(form({ externalBaseUrl: 'signal.example.org' }))).toEqual({ key: 'video.errors.urlInvalid' });
    expect(checkBaseUrl(form({ externalBaseUrl: 'http://signal.example.org/' }))).toEqual({ key: 'video.errors.urlNotHttps' });
    expect(checkBaseUrl(form({ externalBaseUrl: 'wss://signal.example.org/' }))).toEqual({ key: 'video.errors.urlNotHttps' });
    expect(checkBaseUrl(form({ externalBaseUrl: 'https://signal.example.org/signal' }))).toEqual({ key: 'video.errors.urlHasPath' });
    expect(checkBaseUrl(form({ externalBaseUrl: 'https://user:pw@signal.example.org/' }))).toEqual({ key: 'video.errors.urlInvalid' });
    for (const good of ['https://signal.example.org', 'https://signal.example.org:8443/', 'http://localhost:8443/', 'http://127.0.0.1:8443']) {
      expect(checkBaseUrl(form({ mode: 'external', externalBaseUrl: good })), good).toBeNull();
    }
  });

  it('wants a secret of at least 32 bytes, counted as the server reads its file', () => {
    expect(checkSecret(form({ mode: 'external' }))).toEqual({ key: 'video.errors.secretRequired' });
    expect(checkSecret(form({ externalSecret: 'x'.repeat(31) }))).toEqual({ key: 'video.errors.secretShort', params: { bytes: 31 } });
    expect(checkSecret(form({ externalSecret: `${'x'.repeat(31)}\n  ` }))).toEqual({ key: 'video.errors.secretShort', params: { bytes: 31 } });
    // Eleven CJK characters are 33 bytes of UTF-8.
    expect(checkSecret(form({ externalSecret: '调'.repeat(11) }))).toBeNull();
    expect(checkSecret(form({ externalSecret: secret }))).toBeNull();
  });

  it('parses the ICE servers and explains what is wrong', () => {
    expect(parseIceServers('')).toEqual({ ok: true, servers: [] });
    expect(parseIceServers('[{"urls":["turn:t.example:3478"],"username":"u","credential":"p"}]')).toEqual({ ok: true, servers: [{ urls: ['turn:t.example:3478'], username: 'u', credential: 'p' }] });
    expect(parseIceServers('[{"urls":')).toMatchObject({ ok: false, problem: { key: 'video.errors.iceJson' } });
    expect(parseIceServers('{"urls":"stun:x"}')).toMatchObject({ ok: false, problem: { key: 'video.errors.iceJson', params: { reason: 'not a list [ … ]' } } });
    expect(parseIceServers('[{"urls":"stun:x"},{"urls":"http://x"}]')).toMatchObject({ ok: false, problem: { key: 'video.errors.iceShape', params: { index: 2, field: 'urls' } } });
    expect(parseIceServers('[{"urls":"stun:x","password":"p"}]')).toMatchObject({ ok: false, problem: { key: 'video.errors.iceShape', params: { index: 1 } } });
    expect(parseIceServers(JSON.stringify(Array(9).fill({ urls: 'stun:x' })))).toEqual({ ok: false, problem: { key: 'video.errors.iceTooMany' } });
  });

  it('has every message in both languages', () => {
    const keys = (texts: object, prefix = ''): string[] =>
      Object.entries(texts).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
    expect(keys(resources['en-US'].video)).toEqual(keys(resources['zh-CN'].video));
    expect(keys(resources['zh-CN'].video)).toEqual(expect.arrayContaining(['errors.urlNotHttps', 'errors.secretShort', 'errors.iceShape', 'externalSecretHelp']));
  });
});
