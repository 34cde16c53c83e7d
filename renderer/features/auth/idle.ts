// The idle-lock timer, kept free of React and the DOM so that it can be tested with fake timers.
// Activity only records a time stamp; the single pending timeout re-arms itself for the time that
// is left when it fires early. That keeps a mousemove storm from clearing and setting timers
// hundreds of times a second, and it still locks on time after the machine slept (the late
// timeout sees that the whole period has passed).

export interface IdleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface IdleTimer {
  /** Records user input: the idle period starts again from now. */
  activity(): void;
  /** Changes the idle period (e.g. after the settings changed); counts from the last activity. */
  setTimeoutMinutes(minutes: number): void;
  /** Stops the timer; `onIdle` is not called afterwards until `start()`. */
  stop(): void;
  /** (Re)starts counting from now, e.g. after the screen was unlocked. */
  start(): void;
  readonly running: boolean;
}

export interface IdleTimerOptions {
  minutes: number;
  onIdle: () => void;
  clock?: IdleClock;
}

export function minutesToMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new RangeError(`The idle lock period must be a positive number of minutes, not ${minutes}.`);
  }
  return Math.round(minutes * 60_000);
}

/** Calls `onIdle` once after `minutes` without `activity()`, then stays stopped until `start()`. */
export function createIdleTimer({ minutes, onIdle, clock = systemClock }: IdleTimerOptions): IdleTimer {
  let periodMs = minutesToMs(minutes);
  let lastActivity = clock.now();
  let handle: unknown = null;
  let running = false;

  const disarm = () => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = null;
  };

  const arm = (ms: number) => {
    disarm();
    handle = clock.setTimeout(check, Math.max(0, ms));
  };

  function check() {
    handle = null;
    if (!running) return;
    const left = lastActivity + periodMs - clock.now();
    if (left > 0) {
      arm(left);
      return;
    }
    running = false;
    onIdle();
  }

  const timer: IdleTimer = {
    activity() {
      if (running) lastActivity = clock.now();
    },
    setTimeoutMinutes(next) {
      periodMs = minutesToMs(next);
      if (running) arm(lastActivity + periodMs - clock.now());
    },
    stop() {
      running = false;
      disarm();
    },
    start() {
      running = true;
      lastActivity = clock.now();
      arm(periodMs);
    },
    get running() {
      return running;
    },
  };
  timer.start();
  return timer;
}

/** The inputs that count as "someone is at the keyboard". */
export const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'touchstart', 'wheel', 'pointerdown'] as const;

/** Feeds input events of `target` (the window) into the timer; returns the function that detaches. */
export function watchActivity(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, timer: IdleTimer): () => void {
  const onActivity = () => timer.activity();
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, onActivity, { passive: true, capture: true });
  return () => {
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onActivity, { capture: true });
  };
}
