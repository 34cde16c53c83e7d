// Sessions and rooms on a real server with real WebSocket clients: the waiting room, admit,
// relaying only within a room, caucus rooms, mediator-only commands, the cap, leave and end.
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/signaling';
import { closeServers, expectNoInternalErrors, jointRoom, startServer } from './helpers';

afterEach(closeServers);

const ice = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 54400 typ host', sdpMid: '0', sdpMLineIndex: 0 };

describe('signaling rooms', () => {
  it('puts the mediator in the joint room and parties in the waiting room until admitted', async () => {
    const test = await startServer({}, { iceServers: [{ urls: 'turns:turn.example.org:5349', username: 'u', credential: 'p' }] });
    const mediator = await test.join('mediator', { name: '赵调解' });
    expect(mediator.joined).toMatchObject({ protocol: 1, session: 'S-1', resumed: false, participants: [], you: { role: 'mediator', name: '赵调解', room: 'joint', state: 'connected' } });
    expect(mediator.joined.iceServers).toEqual([{ urls: 'turns:turn.example.org:5349', username: 'u', credential: 'p' }]);

    const applicant = await test.join('applicant', { name: '王堃' });
    expect(applicant.joined.you).toMatchObject({ room: 'waiting', name: '王堃' });
    // A party in the waiting room sees nobody, not even the mediator.
    expect(applicant.joined.participants).toEqual([]);
    expect(await mediator.client.expect('peer-joined')).toMatchObject({ participant: { id: applicant.joined.you.id, room: 'waiting', state: 'connected' } });

    const respondent = await test.join('respondent', { name: '刘䶮' });
    await mediator.client.expect('peer-joined');
    // Two parties in the waiting room are not in contact.
    respondent.client.send({ type: 'offer', to: applicant.joined.you.id, sdp: 'v=0 waiting' });
    await respondent.client.expectError('not_in_your_room');
    await applicant.client.sync();

    mediator.client.send({ type: 'admit', participant: applicant.joined.you.id });
    expect(await mediator.client.expect('peer-moved')).toEqual({ type: 'peer-moved', participant: applicant.joined.you.id, room: 'joint' });
    const moved = await applicant.client.expect('moved');
    expect(moved.room).toBe('joint');
    expect(moved.participants.map((p) => p.name)).toEqual(['赵调解']);
    // The respondent, still waiting, learns nothing.
    await respondent.client.sync();

    mediator.client.send({ type: 'admit', participant: applicant.joined.you.id });
    await mediator.client.expectError('not_waiting');
    mediator.client.send({ type: 'admit', participant: 'AAAAAAAAAAAAAAAAAAAAAA' });
    await mediator.client.expectError('unknown_participant');
    expectNoInternalErrors(test);
  });

  it('relays offer, answer and ICE only between participants of the same room', async () => {
    const test = await startServer();
    const { mediator, applicant, respondent } = await jointRoom(test);
    const [m, a, r] = [mediator.joined.you.id, applicant.joined.you.id, respondent.joined.you.id];

    applicant.client.send({ type: 'offer', to: r, sdp: 'v=0 offer a→r' });
    expect(await respondent.client.take()).toEqual({ type: 'offer', from: a, sdp: 'v=0 offer a→r' });
    respondent.client.send({ type: 'answer', to: a, sdp: 'v=0 answer r→a' });
    expect(await applicant.client.take()).toEqual({ type: 'answer', from: r, sdp: 'v=0 answer r→a' });
    applicant.client.send({ type: 'ice', to: r, candidate: ice });
    expect(await respondent.client.take()).toEqual({ type: 'ice', from: a, candidate: ice });
    // Addressed messages reach only their addressee.
    await mediator.client.sync();

    // Caucus: the mediator takes the applicant aside.
    mediator.client.send({ type: 'move', participant: a, room: 'caucus-1' });
    expect(await mediator.client.take()).toEqual({ type: 'peer-moved', participant: a, room: 'caucus-1' });
    expect(await applicant.client.take()).toEqual({ type: 'moved', room: 'caucus-1', participants: [] });
    expect(await respondent.client.take()).toEqual({ type: 'peer-left', participant: a, reason: 'moved' });
    mediator.client.send({ type: 'move', participant: m, room: 'caucus-1' });
    const mediatorMoved = await mediator.client.expect('moved');
    expect(mediatorMoved.room).toBe('caucus-1');
    expect(mediatorMoved.participants.map((p) => [p.id, p.room])).toEqual([
      [a, 'caucus-1'],
      [r, 'joint'],
    ]);
    expect(await applicant.client.expect('peer-joined')).toMatchObject({ participant: { id: m, role: 'mediator', room: 'caucus-1' } });
    expect(await respondent.client.take()).toEqual({ type: 'peer-left', participant: m, reason: 'moved' });

    // Inside the caucus: mediator ↔ applicant works; the respondent outside gets nothing and
    // cannot reach either of them.
    mediator.client.send({ type: 'offer', to: a, sdp: 'v=0 caucus' });
    expect(await applicant.client.take()).toEqual({ type: 'offer', from: m, sdp: 'v=0 caucus' });
    applicant.client.send({ type: 'ice', to: m, candidate: ice });
    expect(await mediator.client.take()).toEqual({ type: 'ice', from: a, candidate: ice });
    applicant.client.send({ type: 'offer', to: r, sdp: 'v=0 leak?' });
    await applicant.client.expectError('not_in_your_room');
    respondent.client.send({ type: 'offer', to: m, sdp: 'v=0 listen in?' });
    await respondent.client.expectError('not_in_your_room');
    mediator.client.send({ type: 'offer', to: r, sdp: 'v=0 across rooms' });
    await mediator.client.expectError('not_in_your_room');
    await respondent.client.sync();

    // Back to the joint room: the applicant first (the mediator stays in the caucus room, so
    // the applicant sees only the respondent), then the mediator.
    mediator.client.send({ type: 'move', participant: a, room: 'joint' });
    await mediator.client.expect('peer-moved');
    expect((await applicant.client.expect('moved')).participants.map((p) => p.id)).toEqual([r]);
    expect(await respondent.client.expect('peer-joined')).toMatchObject({ participant: { id: a, room: 'joint' } });
    mediator.client.send({ type: 'move', participant: m, room: 'joint' });
    await mediator.client.expect('moved');
    expect(await applicant.client.expect('peer-joined')).toMatchObject({ participant: { id: m, room: 'joint' } });
    expect(await respondent.client.expect('peer-joined')).toMatchObject({ participant: { id: m, room: 'joint' } });
    respondent.client.send({ type: 'offer', to: a, sdp: 'v=0 again' });
    expect(await applicant.client.take()).toEqual({ type: 'offer', from: r, sdp: 'v=0 again' });
    mediator.client.send({ type: 'move', participant: a, room: 'joint' });
    await mediator.client.expectError('already_in_room');
    for (const c of [mediator, applicant, respondent]) expect(c.client.invalid).toEqual([]);
    expectNoInternalErrors(test);
  });

  it('refuses move, admit and end from anyone but the mediator, and joining a room one was not moved to', async () => {
    const test = await startServer();
    const { mediator, applicant, respondent } = await jointRoom(test);
    const observer = await test.join('observer');
    await mediator.client.expect('peer-joined');
    for (const party of [applicant, respondent, observer]) {
      party.client.send({ type: 'move', participant: party.joined.you.id, room: 'caucus-1' });
      expect((await party.client.expectError('forbidden')).refused).toBe('move');
      party.client.send({ type: 'move', participant: mediator.joined.you.id, room: 'waiting' });
      await party.client.expectError('forbidden');
      party.client.send({ type: 'admit', participant: observer.joined.you.id });
      await party.client.expectError('forbidden');
      party.client.send({ type: 'end' });
      await party.client.expectError('forbidden');
    }
    // There is no "enter a room" message: a join naming a room is not a protocol message.
    applicant.client.send({ type: 'join', token: test.token('applicant'), room: 'caucus-1' });
    await applicant.client.expectError('invalid_message');
    // Nobody moved: the mediator heard of no change, the parties still talk in the joint room.
    await mediator.client.sync();
    applicant.client.send({ type: 'offer', to: respondent.joined.you.id, sdp: 'v=0 still here' });
    expect(await respondent.client.take()).toMatchObject({ type: 'offer', sdp: 'v=0 still here' });
    observer.client.send({ type: 'offer', to: applicant.joined.you.id, sdp: 'v=0' });
    await observer.client.expectError('not_in_your_room');
    expectNoInternalErrors(test);
  });

  it('caps a session at its participant limit, counting every seat', async () => {
    const test = await startServer({ maxParticipantsPerSession: 3 });
    await test.join('mediator');
    await test.join('applicant');
    await test.join('respondent');
    const fourth = await test.connect();
    fourth.send({ type: 'join', token: test.token('agent') });
    await fourth.expectError('session_full');
    expect((await fourth.closed).code).toBe(CloseCode.sessionFull);
    // Other sessions are not affected.
    const elsewhere = await test.join('mediator', { session: 'S-2' });
    expect(elsewhere.joined.you.room).toBe('joint');
    expect(test.server.stats()).toMatchObject({ sessions: 2, participants: 4 });
  });

  it('frees a seat on leave and tells those who could see the participant', async () => {
    const test = await startServer();
    const { mediator, applicant, respondent } = await jointRoom(test);
    applicant.client.send({ type: 'leave' });
    expect((await applicant.client.closed).code).toBe(CloseCode.normal);
    expect(await mediator.client.take()).toEqual({ type: 'peer-left', participant: applicant.joined.you.id, reason: 'left' });
    expect(await respondent.client.take()).toEqual({ type: 'peer-left', participant: applicant.joined.you.id, reason: 'left' });
    expect(test.server.stats().participants).toBe(2);
    // The seat is gone: the same token starts afresh in the waiting room.
    const token = test.token('applicant');
    const back = await test.connect();
    back.send({ type: 'join', token });
    expect((await back.expect('joined')).you.room).toBe('waiting');
  });

  it('ends the session for everyone and refuses tokens issued before the end', async () => {
    const test = await startServer();
    const { mediator, applicant, respondent } = await jointRoom(test);
    const oldToken = test.token('applicant', { now: Date.now() - 1000 });
    mediator.client.send({ type: 'end' });
    for (const c of [mediator, applicant, respondent]) {
      expect(await c.client.take()).toEqual({ type: 'ended', by: mediator.joined.you.id });
      expect((await c.client.closed).code).toBe(CloseCode.sessionEnded);
    }
    expect(test.server.stats()).toMatchObject({ sessions: 0, participants: 0 });
    const late = await test.connect();
    late.send({ type: 'join', token: oldToken });
    await late.expectError('session_ended');
    expect((await late.closed).code).toBe(CloseCode.sessionEnded);
    // A token minted afterwards opens a new sitting of the same session.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const next = await test.join('mediator');
    expect(next.joined.resumed).toBe(false);
    expectNoInternalErrors(test);
  });
});
