// Stalls of a video stream from samples of its decoded-frame counter (getStats inbound-rtp
// framesDecoded), for `npm run bench -- video`: the longest time the counter did not rise.

export interface FrameSample {
  /** When the sample was taken, ms (any clock, the same for every sample of a stream). */
  at: number;
  /** framesDecoded then; null when the stream was not there (no connection, no tile). */
  frames: number | null;
}

/**
 * The longest interval, in ms, over which the counter did not rise: from the first sample (or the
 * last rise) to the next rise, and from the last rise to the last sample. A missing stream (null)
 * is no rise; a counter that went down (a new connection) starts counting afresh from its new
 * value. With samples every T ms a stream that keeps decoding shows T; the answer is never
 * finer than the sampling. No samples, or one, is 0.
 */
export function longestStall(samples: readonly FrameSample[]): number {
  const first = samples[0];
  if (first === undefined) return 0;
  let lastRise = first.at;
  let previous = first.frames;
  let longest = 0;
  for (const sample of samples.slice(1)) {
    if (sample.frames === null) continue;
    if (previous !== null && sample.frames > previous) {
      longest = Math.max(longest, sample.at - lastRise);
      lastRise = sample.at;
    }
    previous = sample.frames;
  }
  const last = samples[samples.length - 1] as FrameSample;
  return Math.max(longest, last.at - lastRise);
}

export interface StallSummary {
  streams: number;
  /** The longest stall of any stream, ms. */
  longestMs: number;
  /** Each stream's longest stall, ms, by the stream's name. */
  perStreamMs: Record<string, number>;
  /** Streams whose longest stall exceeded the limit. */
  over: string[];
}

/** Longest stalls of several streams, and those over `limitMs`. */
export function summariseStalls(streams: Readonly<Record<string, readonly FrameSample[]>>, limitMs: number): StallSummary {
  const perStreamMs: Record<string, number> = {};
  for (const [name, samples] of Object.entries(streams)) perStreamMs[name] = longestStall(samples);
  const values = Object.values(perStreamMs);
  return {
    streams: values.length,
    longestMs: values.length ? Math.max(...values) : 0,
    perStreamMs,
    over: Object.entries(perStreamMs)
      .filter(([, ms]) => ms > limitMs)
      .map(([name]) => name),
  };
}

/**
 * The rises of a cumulative counter (getStats freezeCount, totalFreezesDuration…) from each
 * sample to the next, across resets: a value lower than the one before is a new connection
 * counting from 0. Missing values (null) are skipped.
 */
export function counterSteps(values: readonly (number | null)[]): number[] {
  let previous: number | null = null;
  const steps: number[] = [];
  for (const value of values) {
    if (value === null) continue;
    if (previous !== null) steps.push(value >= previous ? value - previous : value);
    previous = value;
  }
  return steps;
}

/** How much a cumulative counter rose over the samples (the sum of its steps). */
export function counterIncrease(values: readonly (number | null)[]): number {
  return counterSteps(values).reduce((sum, step) => sum + step, 0);
}
