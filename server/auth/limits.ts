// Sign-in attempts per account name and per client address, counted in this process before any
// password is checked (SIGN_IN_LIMITS in shared/server/policy.ts). The lockout after repeated
// failures is kept in the database with the account (server/auth/sign-in.ts); these buckets also
// slow down guessing at names that do not exist. The clock is monotonic and passed in for tests.
import { SIGN_IN_LIMITS } from '../../shared/server/policy';

class Bucket {
  constructor(
    public tokens: number,
    public last: number,
  ) {}
}

/** Token buckets by key: `take` answers 0 when the attempt may go, else the seconds to wait. */
export class AttemptLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst: number,
    private readonly refillSeconds: number,
    private readonly clock: () => number,
    /** Buckets kept at most; the fullest are forgotten first when there are more (a flood of names). */
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string): number {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? new Bucket(this.burst, now);
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.last) / (this.refillSeconds * 1000));
    bucket.last = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.forgetFull(now);
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) * this.refillSeconds);
    bucket.tokens -= 1;
    return 0;
  }

  /** Buckets refilled to the brim are the same as none. Oldest first (Map keeps insertion order). */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.buckets.size <= this.maxKeys * 0.9) return;
      if (bucket.tokens + (now - bucket.last) / (this.refillSeconds * 1000) >= this.burst) this.buckets.delete(key);
    }
    // All still draining: drop the oldest, which have been refilling longest.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys * 0.9) return;
      this.buckets.delete(key);
    }
  }
}

export interface SignInLimiters {
  readonly perAccount: AttemptLimiter;
  readonly perAddress: AttemptLimiter;
}

export function signInLimiters(clock: () => number = () => performance.now()): SignInLimiters {
  return {
    perAccount: new AttemptLimiter(SIGN_IN_LIMITS.perAccountBurst, SIGN_IN_LIMITS.perAccountRefillSeconds, clock),
    perAddress: new AttemptLimiter(SIGN_IN_LIMITS.perAddressBurst, SIGN_IN_LIMITS.perAddressRefillSeconds, clock),
  };
}
