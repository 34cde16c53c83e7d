// The pure parts of video sessions: connection quality from getStats samples, invitation links
// (token in the fragment, payload readable for the greeting, nothing else trusted), and the
// data-channel messages (anything malformed dropped).
import { describe, expect, it } from 'vitest';
import { mintSessionToken } from '../../../shared/protocol/session-token';
import { invitationLink, peekTokenPayload } from '../../../shared/sessions/invitation';
import { decodePeerMessage, encodePeerMessage, MAX_PEER_MESSAGE_BYTES } from '../../../shared/sessions/peer-messages';
import { readQuality, type StatsSample } from '../../../shared/sessions/quality';
import { missingConsents, sessionId } from '../../../shared/sessions/model';

const base: StatsSample = { at: 0, framesDecoded: 0, packetsReceived: 0, packetsLost: 0, roundTripTime: 0.02, videoExpected: true };

describe('connection quality', () => {
  it('needs two samples', () => {
    expect(readQuality(null, base).quality).toBe('unknown');
  });
  it('is good at 24 frames/s, no loss, 20 ms', () => {
    const r = readQuality(base, { ...base, at: 2000, framesDecoded: 48, packetsReceived: 400 });
    expect(r).toEqual({ quality: 'good', framesPerSecond: 24, lossPercent: 0, roundTripMs: 20 });
  });
  it('is stalled when no frame was decoded though video is sent', () => {
    expect(readQuality(base, { ...base, at: 2000, packetsReceived: 100 }).quality).toBe('stalled');
    expect(readQuality(base, { ...base, at: 2000, packetsReceived: 100, videoExpected: false }).quality).toBe('good');
  });
  it('degrades with loss and delay', () => {
    expect(readQuality(base, { ...base, at: 1000, framesDecoded: 25, packetsReceived: 95, packetsLost: 5 }).quality).toBe('fair');
    expect(readQuality(base, { ...base, at: 1000, framesDecoded: 25, packetsReceived: 80, packetsLost: 20 }).quality).toBe('poor');
    expect(readQuality(base, { ...base, at: 1000, framesDecoded: 25, packetsReceived: 100, roundTripTime: 0.8 }).quality).toBe('poor');
    expect(readQuality(base, { ...base, at: 1000, framesDecoded: 5, packetsReceived: 100 }).quality).toBe('poor');
  });
});

describe('invitation links', () => {
  const secret = new Uint8Array(32).fill(7);
  const { token, payload } = mintSessionToken(secret, { session: sessionId('case/2026 #1', 3), role: 'applicant', name: '王堃', ttlSeconds: 3600, now: Date.UTC(2026, 10, 24) });

  it('carry the token in the fragment only', () => {
    const link = invitationLink('http://192.168.1.20:5180/', token);
    const url = new URL(link);
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#/join?token=${token}`);
    expect(new URLSearchParams(url.hash.split('?')[1]).get('token')).toBe(token);
  });
  it('show the payload for the greeting, and refuse what is not a token', () => {
    expect(peekTokenPayload(token)).toEqual(payload);
    expect(payload.session).toBe('case-2026--1.s003');
    expect(peekTokenPayload('garbage')).toBeNull();
    expect(peekTokenPayload(`${token}.extra`)).toBeNull();
    expect(peekTokenPayload(`eyJ2IjoxfQ.${token.split('.')[1]}`)).toBeNull();
  });
});

describe('peer messages', () => {
  it('round-trip and drop anything else', () => {
    const consent = { type: 'consent', kind: 'online_mediation', statement: '我同意', givenAt: '2026-11-24T01:00:00.000Z' } as const;
    expect(decodePeerMessage(encodePeerMessage(consent))).toEqual(consent);
    expect(decodePeerMessage(new TextEncoder().encode(encodePeerMessage({ type: 'media', audio: true, video: false, screen: false })))).toEqual({ type: 'media', audio: true, video: false, screen: false });
    expect(decodePeerMessage('not json')).toBeNull();
    expect(decodePeerMessage(JSON.stringify({ type: 'move', room: 'joint' }))).toBeNull();
    expect(decodePeerMessage(JSON.stringify({ ...consent, extra: 1 }))).toBeNull();
    expect(decodePeerMessage('x'.repeat(MAX_PEER_MESSAGE_BYTES + 1))).toBeNull();
    expect(decodePeerMessage(42)).toBeNull();
  });
});

describe('consents', () => {
  it('lists parties who have not consented', () => {
    const people = [
      { id: 'm'.repeat(22), role: 'mediator' as const, name: '调解员', partyId: null, invitation: 'link' as const },
      { id: 'a'.repeat(22), role: 'applicant' as const, name: '甲', partyId: 'p1', invitation: 'link' as const },
      { id: 'b'.repeat(22), role: 'respondent' as const, name: '乙', partyId: 'p2', invitation: 'qr' as const },
    ];
    const given = [{ participantId: 'a'.repeat(22), name: '甲', role: 'applicant' as const, kind: 'online_mediation' as const, statement: 's', givenAt: '2026-11-24T01:00:00Z', receivedAt: '2026-11-24T01:00:00Z' }];
    expect(missingConsents(people, given).map((p) => p.name)).toEqual(['乙']);
  });
});

describe('invitation bases', () => {
  it('are secure only over https or on this machine', async () => {
    const { securePageFor } = await import('../../../renderer/features/sessions/InviteDialog');
    expect(securePageFor('https://mediation.example.cn/')).toBe(true);
    expect(securePageFor('http://127.0.0.1:5180/')).toBe(true);
    expect(securePageFor('http://localhost:5180/')).toBe(true);
    expect(securePageFor('http://192.168.1.20:5180/')).toBe(false);
    expect(securePageFor('not a url')).toBe(false);
  });
});

describe('a hand signature over the data channel', () => {
  it('round-trips whole and is refused when it is not a valid signature', async () => {
    const { handSignature } = await import('../agreement/agreement-fixtures');
    const signature = handSignature('party-1', 'party', '刘䶮');
    const text = encodePeerMessage({ type: 'signature', signature });
    expect(text.length).toBeLessThan(MAX_PEER_MESSAGE_BYTES);
    expect(decodePeerMessage(text)).toEqual({ type: 'signature', signature });
    expect(decodePeerMessage(JSON.stringify({ type: 'signature', signature: { ...signature, strokes: [] } }))).toBeNull();
    const request = { type: 'signature-request', document: '司法确认申请书', statement: '本人已阅读', signer: { id: 'party-1', role: 'party', name: '刘䶮' } } as const;
    expect(decodePeerMessage(encodePeerMessage(request))).toEqual(request);
    expect(decodePeerMessage(JSON.stringify({ ...request, signer: { ...request.signer, role: 'mediator' } }))).toBeNull();
  });
});
