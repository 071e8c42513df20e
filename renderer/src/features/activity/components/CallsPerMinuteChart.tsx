import { memo, useDeferredValue, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { useHistoryTimeline } from '../hooks/use-history.js';
import type { HistoryFilter, RangeChoice } from '../lib/activity-filter.js';
import { fullTime, tickTime } from '../lib/format.js';
import { bucketWords, timelinePoints, timelineScale, type TimelinePoint } from '../lib/timeline.js';

/**
 * A fixed label interval on the time axis (about 6 labels). Recharts' default ('preserveEnd' with a minimum gap)
 * measures every label in the DOM on each render, which took most of a frame under a live feed.
 */
const labelEvery = (count: number) => Math.max(0, Math.ceil(count / 6) - 1);

const rate = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/**
 * Calls per minute over the selected range, failed calls stacked on the others; same filter as the list.
 * Memoized: the live feed re-renders the page every frame under load, and the chart changes only with its data.
 */
export const CallsPerMinuteChart = memo(function CallsPerMinuteChart({ filter, range }: { filter: HistoryFilter; range: RangeChoice }) {
  const scale = useMemo(() => timelineScale(range), [range]);
  // All time draws at most the last day of minutes: asking for that day alone spares the engine a GROUP BY over every row.
  const timeline = useHistoryTimeline(range === 'all' ? { ...filter, since: '24h' } : filter, scale.bucketMs);
  // The bars follow new data in a deferred render, which React slices so that typing and the live feed go first.
  const data = useDeferredValue(timeline.data);
  const points = useMemo(() => timelinePoints(data ?? [], scale, Date.now()), [data, scale]);
  const total = points.reduce((sum, point) => sum + point.count, 0);
  return (
    <section aria-labelledby="timeline-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-title" className="text-base font-semibold">
          Calls per minute
        </h2>
        <p className="text-xs text-slate-600 dark:text-slate-400">{bucketWords(scale.bucketMs)}; errors stacked in red</p>
      </div>
      {timeline.isPending ? (
        <LoadingState label="Counting calls per minute…" />
      ) : timeline.isError ? (
        <ErrorState title="Could not count the calls over time" error={timeline.error} />
      ) : total === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No calls in this range yet.</p>
      ) : (
        <TimelineFigure points={points} bucketMs={scale.bucketMs} />
      )}
    </section>
  );
});

const TimelineFigure = memo(function TimelineFigure({ points, bucketMs }: { points: TimelinePoint[]; bucketMs: number }) {
  const total = points.reduce((sum, point) => sum + point.count, 0);
  const errors = points.reduce((sum, point) => sum + point.errors, 0) / (60_000 / bucketMs);
  const peak = points.reduce((max, point) => Math.max(max, point.other + point.errors), 0);
  return (
    <figure aria-label="Bar chart: calls per minute over time, errors stacked" className="h-48 w-full text-xs [contain:strict]">
      <figcaption className="sr-only">
        {total.toLocaleString()} calls, {Math.round(errors).toLocaleString()} failed; at most {rate(peak)} calls {bucketWords(bucketMs)}.
      </figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} vertical={false} />
          <XAxis dataKey="start" tick={{ fill: 'currentColor' }} tickFormatter={(ms: number) => tickTime(ms, bucketMs)} interval={labelEvery(points.length)} />
          <YAxis allowDecimals tick={{ fill: 'currentColor' }} width={40} interval={0} />
          <Tooltip contentStyle={{ fontSize: 12, color: '#0f172a' }} labelFormatter={(ms) => fullTime(Number(ms))} formatter={(value) => rate(Number(value))} />
          <Legend />
          <Bar dataKey="other" name="calls" stackId="rate" fill="#16a34a" isAnimationActive={false} />
          <Bar dataKey="errors" name="errors" stackId="rate" fill="#dc2626" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
});
