// What a session says about itself: who invites a party (signed into the token), the room a party
// is in, when a session ran, and which addresses for parties' links work only on this machine.
import { describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode, mintSessionToken, verifySessionToken } from '../../../shared/protocol/session-token';
import { mintTokens } from '../../../shared/signaling/mint';
import { mintTokensRequestSchema } from '../../../shared/protocol/signaling-host';
import { peekTokenPayload } from '../../../shared/sessions/invitation';
import { roomNotice } from '../../../renderer/features/sessions/join/room-notice';
import { resources } from '../../../renderer/features/sessions/i18n';
import { sessionTimes } from '../../../renderer/features/sessions/session-times';
import { isLoopbackAddress } from '../../../shared/domain/settings';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef-join-page');
const now = Date.UTC(2026, 11, 7, 1, 0);
const host = { institution: '芜湖市镜湖区𠀀人民调解委员会', mediator: '赵调解' };

describe('who invites a party', () => {
  it('is signed into the token the host mints, and read back on the join page', () => {
    const request = mintTokensRequestSchema.parse({ session: 'case-42-s1', ttlSeconds: 3600, participants: [{ role: 'applicant', name: '王堃' }], host });
    const [minted] = mintTokens(secret, request, now).tokens;
    expect(peekTokenPayload(minted!.token)?.host).toEqual(host);
    const verified = verifySessionToken(secret, minted!.token, now + 1000);
    expect(verified).toMatchObject({ ok: true, payload: { host } });
  });

  it('cannot be changed in a link without the server refusing it', () => {
    const { token } = mintSessionToken(secret, { session: 'case-42-s1', role: 'applicant', name: '王堃', ttlSeconds: 3600, now, host });
    const [segment, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(new TextDecoder().decode(base64UrlDecode(segment)!)) as Record<string, unknown>;
    const forged = `${base64UrlEncode(new TextEncoder().encode(JSON.stringify({ ...payload, host: { ...host, institution: '某某诈骗中心' } })))}.${signature}`;
    expect(verifySessionToken(secret, forged, now + 1000)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('is optional: tokens minted without it stay valid', () => {
    const { token } = mintSessionToken(secret, { session: 'case-42-s1', role: 'applicant', name: '王堃', ttlSeconds: 3600, now });
    const verified = verifySessionToken(secret, token, now + 1000);
    expect(verified.ok && verified.payload.host).toBeUndefined();
  });
});

describe('the room a party is in', () => {
  it('says a party alone in the joint room is waiting, not seen and heard by everyone', () => {
    expect(roomNotice(true, 0)).toBe('aloneInJoint');
    expect(roomNotice(true, 2)).toBe('inJoint');
    expect(roomNotice(false, 0)).toBe('aloneInRoom');
    expect(roomNotice(false, 1)).toBe('inCaucus');
    for (const language of ['zh-CN', 'en-US'] as const) {
      expect(resources[language].join.aloneInJoint).not.toMatch(/各方都能看到|everyone can see/);
    }
  });
});

describe('when a session is shown as happening', () => {
  const plan = { scheduledStart: '2026-12-08T02:00:00.000Z', durationMinutes: 60 };
  it('shows an ended session by when it actually ran, not by its plan', () => {
    expect(sessionTimes({ ...plan, status: 'ended', startedAt: '2026-12-07T01:03:00.000Z', endedAt: '2026-12-07T01:20:30.000Z' })).toEqual({
      kind: 'ran',
      start: '2026-12-07T01:03:00.000Z',
      end: '2026-12-07T01:20:30.000Z',
      minutes: 18,
    });
  });
  it('shows a live session from its start, and a scheduled or cancelled one by its plan', () => {
    expect(sessionTimes({ ...plan, status: 'live', startedAt: '2026-12-07T01:03:00.000Z', endedAt: null })).toEqual({ kind: 'ran', start: '2026-12-07T01:03:00.000Z', end: null, minutes: null });
    expect(sessionTimes({ ...plan, status: 'scheduled', startedAt: null, endedAt: null })).toEqual({ kind: 'planned', start: plan.scheduledStart, minutes: 60 });
    expect(sessionTimes({ ...plan, status: 'cancelled', startedAt: null, endedAt: null })).toEqual({ kind: 'planned', start: plan.scheduledStart, minutes: 60 });
  });
});

describe('addresses for parties’ links', () => {
  it('knows which ones open only on this machine', () => {
    for (const address of ['http://127.0.0.1:4173/', 'http://localhost:8080/', 'http://[::1]:9000/', 'http://127.1.2.3/', 'http://app.localhost/']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['http://192.168.1.20:4173/', 'https://signal.example.org/', 'http://10.0.0.5/', 'not a url']) expect(isLoopbackAddress(address)).toBe(false);
  });
});
