// The stall figure of `npm run bench -- video`: the longest time a stream's framesDecoded did not rise.
import { describe, expect, it } from 'vitest';
import { counterIncrease, counterSteps, longestStall, summariseStalls, type FrameSample } from '../../bench/video/stalls';

const every500 = (frames: (number | null)[], start = 0): FrameSample[] => frames.map((f, i) => ({ at: start + i * 500, frames: f }));

describe('longestStall', () => {
  it('is the sampling interval for a stream that keeps decoding', () => {
    expect(longestStall(every500([0, 10, 20, 30, 40]))).toBe(500);
  });

  it('measures from the last rise to the next one', () => {
    // Rises at 500, then flat until the rise at 3000: 2500 ms without a new frame.
    expect(longestStall(every500([0, 10, 10, 10, 10, 10, 11, 12]))).toBe(2500);
  });

  it('counts a stall that lasts until the last sample', () => {
    expect(longestStall(every500([0, 10, 20, 20, 20, 20, 20]))).toBe(2000);
  });

  it('counts from the first sample when the stream never rises at first', () => {
    expect(longestStall(every500([5, 5, 5, 6]))).toBe(1500);
    expect(longestStall(every500([5, 5, 5]))).toBe(1000);
  });

  it('takes a missing stream as no rise', () => {
    expect(longestStall(every500([0, 10, null, null, null, 40]))).toBe(2000);
  });

  it('starts afresh when the counter goes down (a new connection)', () => {
    // 20 → 3 is no rise; 3 → 8 is.
    expect(longestStall(every500([10, 20, 3, 8, 12]))).toBe(1000);
  });

  it('uses the sample times, not their count', () => {
    expect(longestStall([{ at: 100, frames: 1 }, { at: 350, frames: 2 }, { at: 2450, frames: 3 }])).toBe(2100);
  });

  it('is 0 with fewer than two samples', () => {
    expect(longestStall([])).toBe(0);
    expect(longestStall([{ at: 7, frames: 3 }])).toBe(0);
  });
});

describe('summariseStalls', () => {
  it('gives each stream, the longest and those over the limit', () => {
    const summary = summariseStalls({ 'A ← B': every500([0, 1, 2, 3]), 'B ← A': every500([0, 1, 1, 1, 1, 1, 2]) }, 2000);
    expect(summary).toEqual({ streams: 2, longestMs: 2500, perStreamMs: { 'A ← B': 500, 'B ← A': 2500 }, over: ['B ← A'] });
  });

  it('is empty without streams', () => {
    expect(summariseStalls({}, 2000)).toEqual({ streams: 0, longestMs: 0, perStreamMs: {}, over: [] });
  });
});

describe('counterIncrease', () => {
  it('is the rise of a cumulative counter over the window', () => {
    expect(counterIncrease([3, 3, 4, 6])).toBe(3);
    expect(counterIncrease([0.5, 0.75, 1.25])).toBe(0.75);
  });

  it('skips missing values and counts a reset from 0', () => {
    expect(counterIncrease([2, null, 5, 1, 4])).toBe(3 + 1 + 3);
  });

  it('is 0 without two values', () => {
    expect(counterIncrease([])).toBe(0);
    expect(counterIncrease([null, 7, null])).toBe(0);
  });
});

describe('counterSteps', () => {
  it('gives the rise from each sample to the next, a reset counting from 0', () => {
    expect(counterSteps([0, 0.25, 0.25, null, 2.5, 0.5])).toEqual([0.25, 0, 2.25, 0.5]);
  });
});
