// Bad input against a session in progress: each is refused to its sender only, the server stays
// up, and the session keeps relaying (proved by an exchange between two others afterwards).
import { afterEach, describe, expect, it } from 'vitest';
import { mintSessionToken } from '../../../shared/protocol/session-token';
import { CloseCode } from '../../../shared/protocol/signaling';
import { Client, closeServers, expectNoInternalErrors, jointRoom, startServer, stillTalking } from './helpers';

afterEach(closeServers);

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('signaling under hostile input', () => {
  it('refuses invalid, tampered, foreign, expired and concurrently reused tokens with 4401', async () => {
    const test = await startServer();
    const { mediator, applicant, respondent } = await jointRoom(test);
    const valid = test.token('agent');
    const [payload, mac] = valid.split('.') as [string, string];
    const flipped = `${payload.slice(0, 10)}${payload[10] === 'A' ? 'B' : 'A'}${payload.slice(11)}.${mac}`;
    const foreign = mintSessionToken(new TextEncoder().encode('a different secret, also 32 bytes long!'), { session: 'S-1', role: 'mediator', name: 'x', ttlSeconds: 60, now: Date.now() }).token;
    const expired = test.token('agent', { now: Date.now() - 120_000, ttlSeconds: 60 });
    const cases: [string, string][] = [
      ['not-a-token', 'token_malformed'],
      [flipped, 'token_bad_signature'],
      [foreign, 'token_bad_signature'],
      [expired, 'token_expired'],
    ];
    for (const [token, code] of cases) {
      const client = await test.connect();
      client.send({ type: 'join', token });
      expect((await client.expectError(code)).refused).toBe('join');
      expect((await client.closed).code).toBe(CloseCode.unauthorized);
    }
    // The applicant's own token, while the applicant is connected.
    const stolen = await test.connect();
    const applicantToken = test.token('applicant', { id: applicant.joined.you.id, name: applicant.joined.you.name });
    stolen.send({ type: 'join', token: applicantToken });
    await stolen.expectError('token_in_use');
    expect((await stolen.closed).code).toBe(CloseCode.unauthorized);
    // The same participant id with another role is a conflict, not a takeover.
    const impostor = await test.connect();
    impostor.send({ type: 'join', token: test.token('mediator', { id: applicant.joined.you.id }) });
    await impostor.expectError('token_conflict');
    expect((await impostor.closed).code).toBe(CloseCode.unauthorized);

    // None of it reached the session.
    for (const c of [mediator, applicant, respondent]) await c.client.sync();
    await stillTalking(applicant, respondent, 'after bad tokens');
    expect(test.server.stats()).toMatchObject({ connections: 3, participants: 3 });
    expectNoInternalErrors(test);
  });

  it('closes the sender of a 10 MB message, and the others keep talking', async () => {
    const test = await startServer();
    const { mediator, applicant, respondent } = await jointRoom(test);
    const huge = JSON.stringify({ type: 'offer', to: respondent.joined.you.id, sdp: 'x'.repeat(10 * 1024 * 1024) });
    applicant.client.send(huge);
    const { code } = await applicant.client.closed;
    // ws refuses the frame by its header (1009); if the reset wins the race, the client sees 1006.
    expect([CloseCode.tooLarge, 1006]).toContain(code);
    expect(await mediator.client.take()).toEqual({ type: 'reconnecting', participant: applicant.joined.you.id });
    expect(await respondent.client.take()).toEqual({ type: 'reconnecting', participant: applicant.joined.you.id });
    await stillTalking(mediator, respondent, 'after 10 MB');

    // Before joining, too.
    const stranger = await test.connect();
    stranger.send(huge);
    expect([CloseCode.tooLarge, 1006]).toContain((await stranger.closed).code);
    await stillTalking(respondent, mediator, 'after a stranger’s 10 MB');
    expect(test.events.some((e) => e.event === 'refused' && e.code === 'socket')).toBe(true);
    expectNoInternalErrors(test);
  });

  it('refuses non-JSON, binary and schema-invalid messages without closing a joined participant', async () => {
    const test = await startServer();
    const { mediator, applicant, respondent } = await jointRoom(test);
    const garbage: [unknown, string][] = [
      ['{"type":"offer",', 'invalid_json'],
      ['', 'invalid_json'],
      ['\u0000\u0001', 'invalid_json'],
      ['null', 'invalid_message'],
      ['42', 'invalid_message'],
      [{ type: 'offer', to: respondent.joined.you.id }, 'invalid_message'],
      [{ type: 'offer', to: respondent.joined.you.id, sdp: 'v=0', via: 'x' }, 'invalid_message'],
      [{ type: 'ice', to: respondent.joined.you.id, candidate: { candidate: 'x'.repeat(2000) } }, 'invalid_message'],
      [{ type: 'telepathy' }, 'invalid_message'],
      [{ type: { nested: true } }, 'invalid_message'],
      [{ type: 'move', participant: respondent.joined.you.id, room: 'caucus-99' }, 'invalid_message'],
      [{ type: 'offer', to: applicant.joined.you.id, sdp: 'v=0 to myself' }, 'not_in_your_room'],
    ];
    for (const [message, code] of garbage) {
      applicant.client.send(message);
      await applicant.client.expectError(code);
    }
    applicant.client.socket.send(new Uint8Array([1, 2, 3]));
    await applicant.client.expectError('binary_not_supported');
    // The sender is still in the session and can still talk; the others noticed nothing.
    await mediator.client.sync();
    await respondent.client.sync();
    await stillTalking(applicant, respondent, 'after garbage');
    expectNoInternalErrors(test);
  });

  it('closes a connection whose first message is not a valid join with 4400', async () => {
    const test = await startServer();
    for (const message of ['hello', JSON.stringify({ type: 'offer', to: 'AAAAAAAAAAAAAAAAAAAAAA', sdp: 'v=0' }), JSON.stringify({ type: 'join' })]) {
      const client = await test.connect();
      client.send(message);
      await client.take();
      expect((await client.closed).code).toBe(CloseCode.protocolError);
    }
    await until(() => test.server.stats().connections === 0, 'the server to let go of the refused sockets');
  });

  it('survives 500 connections opened and dropped at once while a session keeps relaying', async () => {
    const test = await startServer();
    const { applicant, respondent } = await jointRoom(test);
    let exchanged = 0;
    let storming = true;
    const conversation = (async () => {
      // Keep the session talking for as long as the storm lasts, at 20 messages a second each
      // (under the rate limit), and a few rounds after.
      while (storming || exchanged < 5) {
        await stillTalking(applicant, respondent, `round ${exchanged}`);
        exchanged++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    let opened = 0;
    const storm = Array.from({ length: 500 }, (_, i) => {
      const client = new Client(test.url);
      return client.opened.then(
        () => {
          opened++;
          // A third of them send junk, a third a bad join, a third nothing; then all drop.
          if (i % 3 === 0) client.send('junk');
          if (i % 3 === 1) client.send({ type: 'join', token: 'x.y' });
          return client;
        },
        () => client,
      );
    });
    const clients = await Promise.all(storm);
    for (const c of clients) c.terminate();
    storming = false;
    await conversation;
    await until(() => test.server.stats().connections === 3, 'the dropped connections to be gone');
    expect(opened).toBe(500);
    expect(exchanged).toBeGreaterThanOrEqual(5);
    await stillTalking(respondent, applicant, 'after the storm');
    expect(test.server.stats()).toMatchObject({ connections: 3, sessions: 1, participants: 3 });
    expectNoInternalErrors(test);
  });

  it('refuses connections beyond the server-wide cap with 4503', async () => {
    const test = await startServer({ maxConnections: 3 });
    const { applicant, respondent } = await jointRoom(test);
    const extra = await test.connect();
    await extra.expectError('server_full');
    expect((await extra.closed).code).toBe(CloseCode.serverFull);
    await stillTalking(applicant, respondent, 'at the cap');
  });

  it('rate-limits a flooding sender, then closes it with 4429; the others are unaffected', async () => {
    // A refill of one message per 100 s: nothing trickles back in while the test runs, however slow.
    const test = await startServer({ messagesPerSecond: 0.01, messageBurst: 10, maxRateStrikes: 20 });
    const { mediator, applicant, respondent } = await jointRoom(test);
    // The applicant's bucket holds 9: its join took one of the 10.
    for (let i = 0; i < 40; i++) applicant.client.send({ type: 'offer', to: respondent.joined.you.id, sdp: `v=0 flood ${i}` });
    await applicant.client.expectError('rate_limited');
    await applicant.client.expectError('rate_limited');
    expect((await applicant.client.closed).code).toBe(CloseCode.rateLimited);
    // Exactly what was left of the burst got through, in order, then the flooder dropped.
    for (let i = 0; i < 9; i++) expect(await respondent.client.take()).toMatchObject({ type: 'offer', sdp: `v=0 flood ${i}` });
    expect(await respondent.client.take()).toEqual({ type: 'reconnecting', participant: applicant.joined.you.id });
    expect(await mediator.client.take()).toEqual({ type: 'reconnecting', participant: applicant.joined.you.id });
    await stillTalking(mediator, respondent, 'after the flood');
  });

  it('closes a connection that does not join in time with 4408, and only that one', async () => {
    const test = await startServer({ joinTimeoutMs: 500 });
    const mediator = await test.join('mediator');
    const silent = await test.connect();
    // Not before its time: the same connection is still open well inside the 500 ms it has.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(silent.socket.readyState).toBe(1);
    await silent.expectError('join_timeout');
    expect((await silent.closed).code).toBe(CloseCode.joinTimeout);
    // The mediator joined in time and is kept well past the timeout.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await mediator.client.sync();
    expect(test.server.stats().connections).toBe(1);
  });
});
