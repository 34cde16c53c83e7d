import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer, minutesToMs, watchActivity } from '../../../renderer/features/auth/idle';

describe('idle lock timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('locks after the configured minutes without input, and only once', () => {
    const onIdle = vi.fn();
    createIdleTimer({ minutes: 5, onIdle });
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts the idle period from the last input', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer({ minutes: 1, onIdle });
    vi.advanceTimersByTime(50_000);
    timer.activity();
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    timer.activity();
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does not arm more than one timeout however much input arrives', () => {
    const timer = createIdleTimer({ minutes: 1, onIdle: () => {} });
    for (let i = 0; i < 1000; i += 1) timer.activity();
    expect(vi.getTimerCount()).toBe(1);
  });

  it('stays quiet when stopped and counts afresh after start()', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer({ minutes: 2, onIdle });
    timer.stop();
    expect(timer.running).toBe(false);
    vi.advanceTimersByTime(10 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    timer.start();
    vi.advanceTimersByTime(2 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.running).toBe(false);
  });

  it('applies a changed period counted from the last input', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer({ minutes: 10, onIdle });
    vi.advanceTimersByTime(3 * 60_000);
    timer.setTimeoutMinutes(4);
    vi.advanceTimersByTime(60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('locks at once when a sleeping machine wakes after the period passed', () => {
    const onIdle = vi.fn();
    createIdleTimer({ minutes: 1, onIdle });
    // The clock jumps (suspend) without timers running; the next tick sees the whole period gone.
    vi.setSystemTime(Date.now() + 5 * 60_000);
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('rejects a period that is not a positive number of minutes', () => {
    expect(() => minutesToMs(0)).toThrow(RangeError);
    expect(() => minutesToMs(Number.NaN)).toThrow(/positive number of minutes/);
    expect(minutesToMs(1.5)).toBe(90_000);
  });

  it('feeds input events into the timer and detaches cleanly', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer({ minutes: 1, onIdle });
    const target = new EventTarget();
    const detach = watchActivity(target, timer);
    vi.advanceTimersByTime(40_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(40_000);
    expect(onIdle).not.toHaveBeenCalled();
    detach();
    // Input after detaching must not postpone the lock due 60 s after the last watched keydown.
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(20_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
