// Dropped connections: the seat and room are kept for a grace period, the others are told
// `reconnecting` and `rejoined`; dead peers are found by ping; a token is usable by one open
// connection at a time.
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/signaling';
import { closeServers, expectNoInternalErrors, jointRoom, startServer } from './helpers';

afterEach(closeServers);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('signaling reconnects', () => {
  it('gives a dropped participant back the seat and room, telling the others reconnecting then rejoined', async () => {
    const test = await startServer();
    const { mediator, applicant, respondent } = await jointRoom(test);
    const a = applicant.joined.you.id;
    const token = test.token('applicant', { id: a, name: applicant.joined.you.name });

    applicant.client.terminate();
    expect(await mediator.client.take()).toEqual({ type: 'reconnecting', participant: a });
    expect(await respondent.client.take()).toEqual({ type: 'reconnecting', participant: a });
    // While away, the mediator moves the applicant into a caucus room; the move waits for them.
    mediator.client.send({ type: 'move', participant: a, room: 'caucus-1' });
    expect(await mediator.client.take()).toEqual({ type: 'peer-moved', participant: a, room: 'caucus-1' });
    expect(await respondent.client.take()).toEqual({ type: 'peer-left', participant: a, reason: 'moved' });
    // A newcomer sees the applicant as reconnecting in the mediator's roster.
    const observer = await test.join('observer', { client: {} });
    expect(await mediator.client.expect('peer-joined')).toMatchObject({ participant: { id: observer.joined.you.id } });
    mediator.client.send({ type: 'move', participant: observer.joined.you.id, room: 'caucus-1' });
    await mediator.client.expect('peer-moved');
    const observerView = await observer.client.expect('moved');
    expect(observerView.participants).toEqual([expect.objectContaining({ id: a, state: 'reconnecting', room: 'caucus-1' })]);
    mediator.client.send({ type: 'move', participant: mediator.joined.you.id, room: 'caucus-1' });
    await mediator.client.expect('moved');
    await observer.client.expect('peer-joined');
    await respondent.client.expect('peer-left');

    const back = await test.connect();
    back.send({ type: 'join', token });
    const rejoined = await back.expect('joined');
    expect(rejoined.resumed).toBe(true);
    expect(rejoined.you).toMatchObject({ id: a, room: 'caucus-1', state: 'connected' });
    expect(rejoined.participants.map((p) => p.id).sort()).toEqual([mediator.joined.you.id, observer.joined.you.id].sort());
    expect(await mediator.client.take()).toEqual({ type: 'rejoined', participant: a });
    expect(await observer.client.take()).toEqual({ type: 'rejoined', participant: a });
    // The respondent, in the joint room, was not told about someone in a caucus room.
    await respondent.client.sync();

    mediator.client.send({ type: 'offer', to: a, sdp: 'v=0 welcome back' });
    expect(await back.take()).toEqual({ type: 'offer', from: mediator.joined.you.id, sdp: 'v=0 welcome back' });
    expect(test.server.stats()).toMatchObject({ participants: 4, sessions: 1 });
    expectNoInternalErrors(test);
  });

  it('frees the seat when the grace period ends; a later join starts afresh in the waiting room', async () => {
    const test = await startServer({ reconnectGraceMs: 300 });
    const { mediator, applicant, respondent } = await jointRoom(test);
    const a = applicant.joined.you.id;
    const token = test.token('applicant', { id: a });
    applicant.client.terminate();
    expect(await mediator.client.take()).toEqual({ type: 'reconnecting', participant: a });
    expect(await respondent.client.take()).toEqual({ type: 'reconnecting', participant: a });
    expect(await mediator.client.take()).toEqual({ type: 'peer-left', participant: a, reason: 'timeout' });
    expect(await respondent.client.take()).toEqual({ type: 'peer-left', participant: a, reason: 'timeout' });
    expect(test.server.stats().participants).toBe(2);

    const late = await test.connect();
    late.send({ type: 'join', token });
    const joined = await late.expect('joined');
    expect(joined).toMatchObject({ resumed: false, you: { id: a, room: 'waiting' } });
    expect(await mediator.client.expect('peer-joined')).toMatchObject({ participant: { id: a, room: 'waiting' } });
  });

  it('keeps a waiting participant waiting across a reconnect, visible only to the mediator', async () => {
    const test = await startServer();
    const mediator = await test.join('mediator');
    const applicant = await test.join('applicant');
    await mediator.client.expect('peer-joined');
    const respondent = await test.join('respondent');
    await mediator.client.expect('peer-joined');
    const token = test.token('applicant', { id: applicant.joined.you.id });
    applicant.client.terminate();
    expect(await mediator.client.take()).toEqual({ type: 'reconnecting', participant: applicant.joined.you.id });
    const back = await test.connect();
    back.send({ type: 'join', token });
    expect((await back.expect('joined')).you.room).toBe('waiting');
    expect(await mediator.client.take()).toEqual({ type: 'rejoined', participant: applicant.joined.you.id });
    await respondent.client.sync();
  });

  it('refuses a second connection with a live token, and lets it in once a probe finds the first one dead', async () => {
    const test = await startServer({ probeTimeoutMs: 400 });
    const mediator = await test.join('mediator');
    // A connection that stops answering pings: what a laptop that changed networks leaves behind.
    const stale = await test.join('applicant', { client: { autoPong: false } });
    await mediator.client.expect('peer-joined');
    const id = stale.joined.you.id;
    const token = test.token('applicant', { id });

    const retry = await test.connect();
    retry.send({ type: 'join', token });
    await retry.expectError('token_in_use');
    expect((await retry.closed).code).toBe(CloseCode.unauthorized);
    // The probe gets no pong and the stale connection is dropped.
    expect(await mediator.client.take()).toEqual({ type: 'reconnecting', participant: id });
    const again = await test.connect();
    again.send({ type: 'join', token });
    expect(await again.expect('joined')).toMatchObject({ resumed: true, you: { id, room: 'waiting' } });
    expect(await mediator.client.take()).toEqual({ type: 'rejoined', participant: id });

    // A live connection answers the probe and keeps its seat.
    const thief = await test.connect();
    thief.send({ type: 'join', token });
    await thief.expectError('token_in_use');
    await sleep(700);
    await again.sync();
    await mediator.client.sync();
    expectNoInternalErrors(test);
  });

  it('drops a peer that stops answering pings, and keeps those that answer', async () => {
    const test = await startServer({ heartbeatIntervalMs: 250 });
    const mediator = await test.join('mediator');
    const dead = await test.join('applicant', { client: { autoPong: false } });
    await mediator.client.expect('peer-joined');
    expect(await mediator.client.take()).toEqual({ type: 'reconnecting', participant: dead.joined.you.id });
    // Three more rounds of pings: the mediator answers them all.
    await sleep(800);
    await mediator.client.sync();
    expect(test.server.stats().connections).toBe(1);
  });

  it('closes every connection with 1001 when the server shuts down', async () => {
    const test = await startServer();
    const { mediator, applicant } = await jointRoom(test);
    const waiting = await test.connect();
    await test.server.close();
    for (const client of [mediator.client, applicant.client, waiting]) expect((await client.closed).code).toBe(CloseCode.goingAway);
    expect(test.server.stats().connections).toBe(0);
  });
});
