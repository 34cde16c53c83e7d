import { describe, expect, it } from 'vitest';
import {
  caucusRoom,
  CLIENT_MESSAGE_TYPES,
  clientMessageSchema,
  CloseCode,
  DEFAULT_LIMITS,
  MAX_MESSAGE_BYTES,
  roomIdSchema,
  serverMessageSchema,
} from '../../../shared/protocol/signaling';

const id = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('signaling protocol schemas', () => {
  it('knows the rooms: waiting, joint and caucus-1 … caucus-9, each spelled one way', () => {
    for (const room of ['waiting', 'joint', 'caucus-1', 'caucus-9']) expect(roomIdSchema.safeParse(room).success, room).toBe(true);
    for (const room of ['caucus-0', 'caucus-10', 'caucus-01', 'caucus--1', 'caucus-1e0', 'caucus-1.0', 'Joint', 'lobby', '']) {
      expect(roomIdSchema.safeParse(room).success, room).toBe(false);
    }
    expect(caucusRoom(3)).toBe('caucus-3');
    expect(() => caucusRoom(10)).toThrow();
  });

  it('parses every client message type and nothing with extra or missing fields', () => {
    const valid = [
      { type: 'join', token: 'a.b' },
      { type: 'offer', to: id, sdp: 'v=0' },
      { type: 'answer', to: id, sdp: 'v=0' },
      { type: 'ice', to: id, candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } },
      { type: 'ice', to: id, candidate: { candidate: '' } },
      { type: 'move', participant: id, room: 'caucus-2' },
      { type: 'admit', participant: id },
      { type: 'leave' },
      { type: 'end' },
    ];
    for (const m of valid) expect(clientMessageSchema.safeParse(m).success, JSON.stringify(m)).toBe(true);
    expect(new Set(valid.map((m) => m.type))).toEqual(new Set(CLIENT_MESSAGE_TYPES));
    const invalid = [
      { type: 'join', token: 'a.b', room: 'caucus-1' },
      { type: 'join' },
      { type: 'offer', to: id, sdp: '' },
      { type: 'offer', to: 'x', sdp: 'v=0' },
      { type: 'offer', to: id, sdp: 'x'.repeat(MAX_MESSAGE_BYTES + 1) },
      { type: 'ice', to: id, candidate: { candidate: 'c', extra: 1 } },
      { type: 'move', participant: id, room: 'caucus-0' },
      { type: 'leave', now: true },
      { type: 'chat', text: 'hi' },
      { token: 'a.b' },
      null,
      [],
      'join',
    ];
    for (const m of invalid) expect(clientMessageSchema.safeParse(m).success, JSON.stringify(m)?.slice(0, 80)).toBe(false);
  });

  it('describes the server messages the server sends', () => {
    const view = { id, role: 'mediator', name: '赵调解', room: 'joint', state: 'connected' };
    expect(serverMessageSchema.safeParse({ type: 'joined', protocol: 1, session: 'S', you: view, participants: [], iceServers: [{ urls: 'stun:stun.example.org' }], resumed: false }).success).toBe(true);
    expect(serverMessageSchema.safeParse({ type: 'peer-left', participant: id, reason: 'timeout' }).success).toBe(true);
    expect(serverMessageSchema.safeParse({ type: 'error', code: 'forbidden', message: 'no' }).success).toBe(true);
    expect(serverMessageSchema.safeParse({ type: 'error', code: 'nonsense', message: 'no' }).success).toBe(false);
    expect(serverMessageSchema.safeParse({ type: 'joined', protocol: 1, session: 'S', you: { ...view, state: 'gone' }, participants: [], iceServers: [], resumed: false }).success).toBe(false);
  });

  it('has distinct application close codes in the 4000 range and sane limits', () => {
    const ours = Object.values(CloseCode).filter((c) => c >= 4000);
    expect(new Set(ours).size).toBe(ours.length);
    expect(ours.every((c) => c < 5000)).toBe(true);
    expect(CloseCode.unauthorized).toBe(4401);
    expect(DEFAULT_LIMITS.maxParticipantsPerSession).toBe(6);
    expect(DEFAULT_LIMITS.messageBurst).toBeGreaterThanOrEqual(DEFAULT_LIMITS.messagesPerSecond);
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });
});
