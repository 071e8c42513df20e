import type { RangeChoice } from './activity-filter.js';

const minute = 60_000;

/** How the calls-per-minute chart cuts a time range: bucket size and how far back it reaches (undefined: to the oldest call). */
export interface TimelineScale {
  bucketMs: number;
  spanMs?: number;
}

/** About a hundred bars or fewer for each range choice; minutes where that is few enough, and for all time (at most the last day of them). */
export function timelineScale(range: RangeChoice): TimelineScale {
  switch (range) {
    case '15m':
      return { bucketMs: minute, spanMs: 15 * minute };
    case '1h':
      return { bucketMs: minute, spanMs: 60 * minute };
    case '24h':
      return { bucketMs: 15 * minute, spanMs: 24 * 60 * minute };
    case '7d':
      return { bucketMs: 2 * 60 * minute, spanMs: 7 * 24 * 60 * minute };
    case 'all':
      return { bucketMs: minute };
  }
}

export interface TimelinePoint {
  start: number;
  /** Calls per minute in the bucket that did not fail (ok, denied, cancelled, running). */
  other: number;
  /** Failed calls (tool error, protocol error, timeout) per minute. */
  errors: number;
  count: number;
}

/** At most this many bars: an 'all' range reaching far back starts at the newest ones (a day of minutes). */
const maxPoints = 1440;
const minBars = 15;

/**
 * The engine's buckets (only those with calls) as a continuous series up to `now`: empty buckets filled with
 * zeros, counts turned into per-minute rates (a 15-minute bucket of 30 calls is 2 calls per minute).
 */
export function timelinePoints(rows: readonly { start: number; count: number; errors: number }[], scale: TimelineScale, now: number): TimelinePoint[] {
  const { bucketMs } = scale;
  const last = now - (now % bucketMs);
  // Without a span (all time): from the oldest bucket with calls, and never fewer than minBars.
  const from =
    scale.spanMs !== undefined ? last - (Math.ceil(scale.spanMs / bucketMs) - 1) * bucketMs : Math.min(rows[0]?.start ?? last, last - (minBars - 1) * bucketMs);
  const first = Math.max(from, last - (maxPoints - 1) * bucketMs);
  const byStart = new Map(rows.map((row) => [row.start, row]));
  const perMinute = minute / bucketMs;
  const points: TimelinePoint[] = [];
  for (let start = first; start <= last; start += bucketMs) {
    const row = byStart.get(start);
    const count = row?.count ?? 0;
    const errors = row?.errors ?? 0;
    points.push({ start, count, other: (count - errors) * perMinute, errors: errors * perMinute });
  }
  return points;
}

/** What one bar stands for, in words: "per minute", "per minute, averaged over 15 minutes". */
export function bucketWords(bucketMs: number): string {
  if (bucketMs === minute) return 'per minute';
  const minutes = bucketMs / minute;
  return minutes < 60 ? `per minute, averaged over ${minutes} minutes` : `per minute, averaged over ${minutes / 60} h`;
}
