import { describe, expect, it } from 'vitest';
import { bucketWords, timelinePoints, timelineScale } from '../../../renderer/src/features/activity/lib/timeline.js';

const minute = 60_000;

describe('the calls-per-minute series', () => {
  const now = Date.parse('2026-12-03T12:30:20Z');
  const thisMinute = Date.parse('2026-12-03T12:30:00Z');

  it('fills the range with zero buckets up to now and stacks errors on the other calls', () => {
    const points = timelinePoints(
      [
        { start: thisMinute - 2 * minute, count: 5, errors: 2 },
        { start: thisMinute, count: 1, errors: 0 },
      ],
      timelineScale('15m'),
      now,
    );
    expect(points).toHaveLength(15);
    expect(points[0]?.start).toBe(thisMinute - 14 * minute);
    expect(points.at(-1)).toEqual({ start: thisMinute, count: 1, other: 1, errors: 0 });
    expect(points.at(-3)).toEqual({ start: thisMinute - 2 * minute, count: 5, other: 3, errors: 2 });
    expect(points.at(-2)).toEqual({ start: thisMinute - minute, count: 0, other: 0, errors: 0 });
  });

  it('turns longer buckets into per-minute rates', () => {
    const scale = timelineScale('24h');
    expect(scale.bucketMs).toBe(15 * minute);
    const start = Date.parse('2026-12-03T12:30:00Z');
    const points = timelinePoints([{ start, count: 30, errors: 15 }], scale, now);
    expect(points).toHaveLength(96);
    expect(points.at(-1)).toEqual({ start, count: 30, other: 1, errors: 1 });
    expect(bucketWords(scale.bucketMs)).toBe('per minute, averaged over 15 minutes');
  });

  it('an "all" range starts at the oldest minute with calls (15 bars at least), and stops at 1440 bars', () => {
    const scale = timelineScale('all');
    expect(timelinePoints([{ start: thisMinute - 40 * minute, count: 1, errors: 0 }], scale, now)).toHaveLength(41);
    expect(timelinePoints([{ start: thisMinute - 3 * minute, count: 1, errors: 0 }], scale, now)).toHaveLength(15);
    expect(timelinePoints([{ start: thisMinute - 5000 * minute, count: 1, errors: 0 }], scale, now)).toHaveLength(1440);
    expect(timelinePoints([], scale, now)).toHaveLength(15);
  });
});
