// Token buckets, and the books that keep them by participant and by address. The clock is passed
// in so tests can drive it; the server uses a monotonic one (wall-clock jumps must not hand out
// or withhold tokens).
//
// A bucket belongs to whoever is limited, never to a connection: a bucket on the connection
// was refilled by reconnecting, so one token that reconnected 134 times in 10 s relayed forty
// times its rate.
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: () => number,
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  /** Takes one token; false when the bucket is empty (the message is to be refused). */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Full again: forgetting the bucket now changes nothing, a new one starts full. */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

/** What a sender's message gets: through, dropped (with an error on the first of a run), or the socket closed. */
export type RateVerdict = 'pass' | 'drop' | 'warn' | 'close';

export interface SenderRateLimits {
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  readonly maxRateStrikes: number;
  readonly rateStrikeQuietMs: number;
}

/**
 * One participant's messages: the bucket, and the strikes of a sender over the rate. Strikes are
 * forgiven only after a quiet spell without refusals: a flood just over the rate has a message
 * let through by the refilling bucket every so often, and resetting on those would never close it.
 * Both outlive the participant's connections, so reconnecting resets neither.
 */
export class SenderRate {
  private readonly bucket: TokenBucket;
  private strikes = 0;
  private lastStrike = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly limits: SenderRateLimits,
    private readonly clock: () => number,
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, clock);
  }

  take(): RateVerdict {
    const now = this.clock();
    const quiet = now - this.lastStrike >= this.limits.rateStrikeQuietMs;
    if (this.bucket.take()) {
      if (quiet) this.strikes = 0;
      return 'pass';
    }
    if (quiet) this.strikes = 0;
    this.lastStrike = now;
    this.strikes += 1;
    if (this.strikes > this.limits.maxRateStrikes) return 'close';
    return this.strikes === 1 ? 'warn' : 'drop';
  }

  get idle(): boolean {
    return this.bucket.full && this.clock() - this.lastStrike >= this.limits.rateStrikeQuietMs;
  }
}

/** Entries kept before a sweep is forced between the server's periodic ones. */
const SWEEP_AT = 10_000;

/**
 * Rate state by key (a participant, an address), created on first use and forgotten once idle —
 * an idle entry is exactly what a new one would be, so forgetting it gives nothing away.
 */
export class RateBook<T extends { readonly idle: boolean }> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly create: () => T) {}

  get(key: string): T {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      if (this.entries.size >= SWEEP_AT) this.sweep();
      entry = this.create();
      this.entries.set(key, entry);
    }
    return entry;
  }

  sweep(): void {
    for (const [key, entry] of this.entries) if (entry.idle) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A bucket of attempts (joins, connections) for a RateBook. */
export class AttemptBucket {
  private readonly bucket: TokenBucket;

  constructor(perMinute: number, burst: number, clock: () => number) {
    this.bucket = new TokenBucket(perMinute / 60, burst, clock);
  }

  take(): boolean {
    return this.bucket.take();
  }

  get idle(): boolean {
    return this.bucket.full;
  }
}

/** The identity a participant's limits are kept under: its session and its participant id. */
export function participantKey(session: string, participant: string): string {
  return `${session}\u0000${participant}`;
}
