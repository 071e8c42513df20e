import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshSchedule } from '../../../renderer/src/features/activity/lib/refresh-schedule.js';

describe('the statistics refresh while calls end', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refreshes once the calls pause, one refresh for a burst', () => {
    const refresh = vi.fn();
    const schedule = new RefreshSchedule({ quietMs: 1_000, maxWaitMs: 10_000, refresh });
    for (let tick = 0; tick < 20; tick++) {
      schedule.ended();
      vi.advanceTimersByTime(50);
    }
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes every maxWaitMs while calls keep ending (a flood), and stops cleanly', () => {
    const refresh = vi.fn();
    const schedule = new RefreshSchedule({ quietMs: 1_000, maxWaitMs: 10_000, refresh });
    for (let tick = 0; tick < 600; tick++) {
      schedule.ended();
      vi.advanceTimersByTime(50);
    }
    // 30 s of calls every 50 ms: at 10 s and 20 s and 30 s.
    expect(refresh).toHaveBeenCalledTimes(3);
    schedule.ended();
    schedule.stop();
    vi.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
