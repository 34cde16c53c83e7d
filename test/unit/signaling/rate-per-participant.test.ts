// Issue 14 §4: the rate limit lived on the connection, so one valid token reconnecting 134 times
// in 10 s relayed about 1,190 messages a second (limit 30). Messages are now limited per
// participant, joins per participant, and new connections per address — while several parties
// behind one NAT address each keep the full rate. Time is the core's injected clock: the tests
// say how much passes, nothing depends on how fast the machine runs them.
import { afterEach, describe, expect, it } from 'vitest';
import { nobleHmacSha256 } from '../../../shared/protocol/session-token';
import { CloseCode, DEFAULT_LIMITS, type SignalingLimits } from '../../../shared/protocol/signaling';
import { RateBook, SenderRate } from '../../../shared/signaling/rate-limit';
import { createSignalingCore, type SignalingCore } from '../../../shared/signaling/server';
import { connect, count, errors, joinAs, token, type MemoryPeer, type Token } from './fake-peer';
import { SECRET } from './helpers';

const cores: SignalingCore[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

function core(limits: Partial<SignalingLimits> = {}): { core: SignalingCore; clock: { now: number } } {
  const clock = { now: 0 };
  const created = createSignalingCore({ secret: SECRET, hmac: nobleHmacSha256, limits, monotonic: () => clock.now });
  cores.push(created);
  return { core: created, clock };
}

/** A mediator and a respondent in the joint room, each from its own address. */
function session(c: SignalingCore): { mediator: MemoryPeer; respondent: MemoryPeer; respondentId: string; admit: (id: string) => void } {
  const mediator = joinAs(c, token('mediator'), '192.0.2.1');
  const respondentToken = token('respondent');
  const respondent = joinAs(c, respondentToken, '192.0.2.2');
  const admit = (id: string) => mediator.send({ type: 'admit', participant: id });
  admit(respondentToken.id);
  return { mediator, respondent, respondentId: respondentToken.id, admit };
}

describe('signaling rate limits per participant', () => {
  it('relays no more than the participant’s rate to a token that reconnects 134 times in 10 s', () => {
    // Joins and connections are left unlimited here: this is about the messages alone.
    const { core: c, clock } = core({ joinBurst: 1e6, connectionBurstPerAddress: 1e6 });
    const { respondent, respondentId, admit } = session(c);
    const attacker = token('applicant');
    joinAs(c, attacker, '198.51.100.1').drop();
    admit(attacker.id);
    const stepMs = 75;
    for (let round = 0; round < 134; round++) {
      clock.now += stepMs;
      const peer = connect(c, '198.51.100.1');
      peer.send({ type: 'join', token: attacker.token });
      for (let i = 0; i < 100; i++) peer.send({ type: 'offer', to: respondentId, sdp: `v=0 ${round}.${i}` });
      peer.drop();
    }
    const seconds = (134 * stepMs) / 1000;
    const allowed = DEFAULT_LIMITS.messageBurst + DEFAULT_LIMITS.messagesPerSecond * seconds;
    const relayed = count(respondent, 'offer');
    // The burst and the rate's worth, and a fair part of it (the limit is not refusing everything).
    expect(relayed).toBeLessThanOrEqual(allowed);
    expect(relayed).toBeGreaterThanOrEqual(DEFAULT_LIMITS.messageBurst - 2);
  });

  it('keeps a flooder’s empty bucket across a reconnect: its rejoin is refused with 4429', () => {
    const { core: c } = core({ messagesPerSecond: 1, messageBurst: 5, maxRateStrikes: 10 });
    const { respondentId, admit } = session(c);
    const flooder = token('applicant');
    const first = joinAs(c, flooder, '198.51.100.2');
    admit(flooder.id);
    // 4 left after the join; 6 more are refused (6 strikes of the 10 allowed).
    for (let i = 0; i < 10; i++) first.send({ type: 'offer', to: respondentId, sdp: `v=0 ${i}` });
    expect(errors(first, 'rate_limited')).toBe(1);
    expect(first.closed).toBeNull();
    first.drop();
    // The bucket is still empty: the rejoin is refused, and counts as a strike.
    const second = connect(c, '198.51.100.2');
    second.send({ type: 'join', token: flooder.token });
    expect(second.received).toMatchObject([{ type: 'error', code: 'rate_limited', refused: 'join' }]);
    expect(second.closed).toBe(CloseCode.rateLimited);
  });

  it('lets a participant rejoin its burst of times, then refuses with 4429 until the allowance refills', () => {
    const { core: c, clock } = core();
    const { mediator } = session(c);
    const phone = token('applicant');
    for (let i = 0; i < DEFAULT_LIMITS.joinBurst; i++) joinAs(c, phone, `198.51.100.${10 + i}`).drop();
    const refused = connect(c, '198.51.100.99');
    refused.send({ type: 'join', token: phone.token });
    expect(refused.received).toMatchObject([{ type: 'error', code: 'rate_limited', refused: 'join' }]);
    expect(refused.closed).toBe(CloseCode.rateLimited);
    // Someone else from the same address is not affected.
    joinAs(c, token('agent'), '198.51.100.99');
    // One join's worth of time later, the phone is back.
    clock.now += 60_000 / DEFAULT_LIMITS.joinsPerMinute;
    joinAs(c, phone, '198.51.100.99');
    expect(mediator.closed).toBeNull();
  });

  it('refuses new connections from an address beyond its allowance, not from other addresses', () => {
    const { core: c, clock } = core({ connectionBurstPerAddress: 5, connectionsPerAddressPerMinute: 6 });
    for (let i = 0; i < 5; i++) connect(c, '203.0.113.9').drop();
    const sixth = connect(c, '203.0.113.9');
    expect(sixth.received).toMatchObject([{ type: 'error', code: 'too_many_connections' }]);
    expect(sixth.closed).toBe(CloseCode.rateLimited);
    joinAs(c, token('mediator'), '203.0.113.10');
    clock.now += 10_000;
    joinAs(c, token('applicant'), '203.0.113.9');
  });

  it('lets several parties behind one NAT address each talk at the full rate', () => {
    const { core: c, clock } = core();
    const nat = '203.0.113.7';
    const tokens: Token[] = (['mediator', 'applicant', 'respondent', 'agent'] as const).map((role) => token(role));
    const [mediatorToken, ...parties] = tokens as [Token, ...Token[]];
    const mediator = joinAs(c, mediatorToken, nat);
    const peers = [mediator, ...parties.map((t) => joinAs(c, t, nat))];
    for (const party of parties) mediator.send({ type: 'admit', participant: party.id });
    for (const peer of peers) peer.received.length = 0;
    // Ten seconds, each of the four sending exactly the sustained rate to the next one.
    const perTick = DEFAULT_LIMITS.messagesPerSecond / 10;
    let sent = 0;
    for (let tick = 0; tick < 100; tick++) {
      clock.now += 100;
      peers.forEach((peer, i) => {
        const to = tokens[(i + 1) % tokens.length] as Token;
        for (let k = 0; k < perTick; k++) {
          peer.send({ type: 'ice', to: to.id, candidate: { candidate: `candidate:${tick}.${k}` } });
          sent++;
        }
      });
    }
    const relayed = peers.reduce((sum, peer) => sum + count(peer, 'ice'), 0);
    expect(relayed).toBe(sent);
    for (const peer of peers) expect(errors(peer, 'rate_limited')).toBe(0);
  });
});

describe('RateBook', () => {
  it('forgets a participant only once its bucket is full again, so forgetting gives nothing away', () => {
    const clock = { now: 0 };
    const book = new RateBook(() => new SenderRate({ messagesPerSecond: 10, messageBurst: 5, maxRateStrikes: 3, rateStrikeQuietMs: 1000 }, () => clock.now));
    for (let i = 0; i < 5; i++) expect(book.get('S\u0000a').take()).toBe('pass');
    expect(book.get('S\u0000a').take()).toBe('warn');
    book.get('S\u0000b');
    book.sweep();
    // b is untouched (full): gone; a is empty and has a strike: kept.
    expect(book.size).toBe(1);
    clock.now += 400;
    book.sweep();
    expect(book.size).toBe(1);
    clock.now += 600;
    book.sweep();
    expect(book.size).toBe(0);
  });
});
