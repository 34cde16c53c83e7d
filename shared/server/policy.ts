// The numbers of the center server's sign-in and sessions (docs/server.md "Passwords, sign-in and
// sessions"), in shared/ so that the app can say them to the user in its own words.

export const SIGN_IN_LIMITS = {
  /** Consecutive failed sign-ins of one account that lock it… */
  failuresBeforeLock: 5,
  /** …for this long; a successful sign-in or an administrator's password reset clears the count. */
  lockMinutes: 15,
  /** Attempts per account name (known or not), as a token bucket: this many at once… */
  perAccountBurst: 5,
  /** …then one every this many seconds. */
  perAccountRefillSeconds: 12,
  /** Attempts per client address (an IPv6 /64 counts as one): this many at once… */
  perAddressBurst: 20,
  /** …then one every this many seconds. */
  perAddressRefillSeconds: 3,
} as const;

export const SESSION_LIMITS = {
  /** A session ends this long after sign-in, used or not. */
  absoluteHours: 12,
  /** A session unused for this long ends. */
  idleMinutes: 120,
} as const;
