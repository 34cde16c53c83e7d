import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  base64UrlDecode,
  base64UrlEncode,
  constantTimeEqual,
  mintSessionToken,
  nobleHmacSha256,
  TOKEN_MAC_LABEL,
  TokenError,
  verifySessionToken,
  type HmacSha256,
} from '../../../shared/protocol/session-token';
import { MAX_TOKEN_TTL_SECONDS } from '../../../shared/protocol/signaling';
import { nodeHmacSha256 } from '../../../node/crypto';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef-token-tests');
const now = Date.UTC(2026, 10, 22, 9, 30);
const request = { session: '2026-TRF-0042', role: 'applicant', name: '王堃', ttlSeconds: 3600, now } as const;

/** Signs any payload the way mint does, to build tokens mint itself would refuse to make. */
function sign(payload: unknown, key = secret): string {
  const segment = base64UrlEncode(new TextEncoder().encode(JSON.stringify(payload)));
  return `${segment}.${base64UrlEncode(nodeHmacSha256(key, new TextEncoder().encode(TOKEN_MAC_LABEL + segment)))}`;
}

describe('session tokens', () => {
  it('round-trips the payload: session, role, name, a random participant id and the lifetime', () => {
    const { token, payload } = mintSessionToken(secret, request);
    expect(payload).toMatchObject({ v: 1, session: '2026-TRF-0042', role: 'applicant', name: '王堃', iat: now, exp: now + 3_600_000 });
    expect(payload.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifySessionToken(secret, token, now + 1000)).toEqual({ ok: true, payload });
    // Different participant ids every time, unless one is given (a re-issued token).
    expect(mintSessionToken(secret, request).payload.id).not.toBe(payload.id);
    expect(mintSessionToken(secret, { ...request, id: payload.id }).payload.id).toBe(payload.id);
  });

  it('is the same token with pure-JS and Node HMAC, and the MAC is HMAC-SHA256 over the label and the payload segment', () => {
    const random = (n: number) => new Uint8Array(n).fill(7);
    const noble = mintSessionToken(secret, request, { random }).token;
    const node = mintSessionToken(secret, request, { random, hmac: nodeHmacSha256 }).token;
    expect(node).toBe(noble);
    const [segment, mac] = noble.split('.') as [string, string];
    expect(Buffer.from(mac, 'base64url')).toEqual(createHmac('sha256', secret).update(`${TOKEN_MAC_LABEL}${segment}`).digest());
    expect(JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))).toMatchObject({ name: '王堃', id: base64UrlEncode(random(16)) });
    expect(verifySessionToken(secret, noble, now, nodeHmacSha256).ok).toBe(true);
  });

  it('expires at exp exactly', () => {
    const { token, payload } = mintSessionToken(secret, { ...request, ttlSeconds: 60 });
    expect(verifySessionToken(secret, token, payload.exp - 1).ok).toBe(true);
    expect(verifySessionToken(secret, token, payload.exp)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses every token with any one character changed', () => {
    const { token } = mintSessionToken(secret, request);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    let tried = 0;
    for (let i = 0; i < token.length; i++) {
      for (const replacement of [alphabet[(alphabet.indexOf(token[i] as string) + 1) % alphabet.length], alphabet[(alphabet.indexOf(token[i] as string) + 33) % alphabet.length]]) {
        const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
        const result = verifySessionToken(secret, tampered, now);
        expect(result.ok, `position ${i}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(token.length * 2);
  });

  it('says why: bad signature for another secret or a re-signed payload, malformed for garbage', () => {
    const { token, payload } = mintSessionToken(secret, request);
    const other = new TextEncoder().encode('another secret that is also long enough, 32+');
    expect(verifySessionToken(other, token, now)).toEqual({ ok: false, reason: 'bad_signature' });
    // Promoting oneself to mediator means changing the payload, which the MAC covers.
    const [, mac] = token.split('.');
    const promoted = `${base64UrlEncode(new TextEncoder().encode(JSON.stringify({ ...payload, role: 'mediator' })))}.${mac}`;
    expect(verifySessionToken(secret, promoted, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySessionToken(secret, sign({ ...payload, role: 'mediator' }, other), now)).toEqual({ ok: false, reason: 'bad_signature' });

    for (const garbage of ['', '.', 'abc', `${token}.x`, `${token}=`, token.replace('.', '..'), `${token.split('.')[0]}.`, 'é.é', 'x'.repeat(5000)]) {
      expect(verifySessionToken(secret, garbage, now), garbage.slice(0, 40)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses correctly signed payloads that are not valid token payloads', () => {
    const { payload } = mintSessionToken(secret, request);
    const cases: unknown[] = [
      'not an object',
      { ...payload, v: 2 },
      { ...payload, role: 'judge' },
      { ...payload, extra: true },
      { ...payload, name: '' },
      { ...payload, name: 'evil\u202Emediator' },
      { ...payload, id: 'short' },
      { ...payload, session: '../etc' },
      { ...payload, exp: payload.iat },
      { ...payload, exp: payload.iat + MAX_TOKEN_TTL_SECONDS * 1000 + 1 },
    ];
    for (const bad of cases) expect(verifySessionToken(secret, sign(bad), now), JSON.stringify(bad)).toEqual({ ok: false, reason: 'malformed' });
    const segment = base64UrlEncode(new Uint8Array([0xff, 0xfe, 0x7b]));
    const notUtf8 = `${segment}.${base64UrlEncode(nodeHmacSha256(secret, new TextEncoder().encode(TOKEN_MAC_LABEL + segment)))}`;
    expect(verifySessionToken(secret, notUtf8, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySessionToken(secret, sign(payload), now).ok).toBe(true);
  });

  it('refuses to mint with a short secret, a bad lifetime or a bad name', () => {
    expect(() => mintSessionToken(secret.slice(0, 31), request)).toThrow(TokenError);
    expect(() => verifySessionToken(secret.slice(0, 31), 'a.b', now)).toThrow(TokenError);
    for (const ttlSeconds of [0, -1, 1.5, MAX_TOKEN_TTL_SECONDS + 1]) expect(() => mintSessionToken(secret, { ...request, ttlSeconds })).toThrow(/lives/);
    expect(() => mintSessionToken(secret, { ...request, name: ' padded' })).toThrow(/name/);
    expect(() => mintSessionToken(secret, { ...request, name: 'x'.repeat(65) })).toThrow(/name/);
    expect(() => mintSessionToken(secret, { ...request, session: 'a b' })).toThrow(/session/);
    expect(() => mintSessionToken(secret, { ...request, id: 'not a participant id' })).toThrow(/id/);
    expect(mintSessionToken(secret, { ...request, name: '刘䶮 𠮷' }).payload.name).toBe('刘䶮 𠮷');
  });

  it('encodes base64url like Node and decodes only its one canonical spelling', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 151 + length * 17) & 0xff);
      const encoded = base64UrlEncode(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64UrlDecode(encoded)).toEqual(bytes);
    }
    // "AB" and "AA" differ only in bits that fall off the end: only "AA" is accepted.
    expect(base64UrlDecode('AA')).toEqual(new Uint8Array([0]));
    expect(base64UrlDecode('AB')).toBeNull();
    for (const bad of ['A', 'AA==', 'A+', 'A/', 'AAAAA', 'é']) expect(base64UrlDecode(bad), bad).toBeNull();
  });

  it('compares MACs in full', () => {
    const a = new Uint8Array(32).fill(1);
    expect(constantTimeEqual(a, a.slice())).toBe(true);
    for (const at of [0, 15, 31]) {
      const b = a.slice();
      b[at] = 2;
      expect(constantTimeEqual(a, b)).toBe(false);
    }
    expect(constantTimeEqual(a, a.slice(0, 31))).toBe(false);
  });

  it('uses the HMAC it is given', () => {
    const calls: number[] = [];
    const counting: HmacSha256 = (key, message) => {
      calls.push(message.length);
      return nobleHmacSha256(key, message);
    };
    const { token } = mintSessionToken(secret, request, { hmac: counting });
    expect(verifySessionToken(secret, token, now, counting).ok).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
