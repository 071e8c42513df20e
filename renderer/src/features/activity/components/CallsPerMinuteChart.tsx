import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { useHistoryTimeline } from '../hooks/use-history.js';
import type { HistoryFilter, RangeChoice } from '../lib/activity-filter.js';
import { bucketWords, timelinePoints, timelineScale } from '../lib/timeline.js';

const rate = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

function tickLabel(ms: number, bucketMs: number): string {
  const date = new Date(ms);
  if (bucketMs >= 60 * 60_000) return date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', hour12: false });
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** Calls per minute over the selected range, failed calls stacked on the others; same filter as the list. */
export function CallsPerMinuteChart({ filter, range }: { filter: HistoryFilter; range: RangeChoice }) {
  const scale = timelineScale(range);
  // All time draws at most the last day of minutes: asking for that day alone spares the engine a GROUP BY over every row.
  const timeline = useHistoryTimeline(range === 'all' ? { ...filter, since: '24h' } : filter, scale.bucketMs);
  const points = useMemo(() => timelinePoints(timeline.data ?? [], scale, Date.now()), [timeline.data, scale]);
  const total = points.reduce((sum, point) => sum + point.count, 0);
  const errors = points.reduce((sum, point) => sum + point.errors, 0) / (60_000 / scale.bucketMs);
  const peak = points.reduce((max, point) => Math.max(max, point.other + point.errors), 0);
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
        <figure aria-label="Bar chart: calls per minute over time, errors stacked" className="h-48 w-full text-xs">
          <figcaption className="sr-only">
            {total.toLocaleString()} calls, {Math.round(errors).toLocaleString()} failed; at most {rate(peak)} calls {bucketWords(scale.bucketMs)}.
          </figcaption>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={points} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} barCategoryGap={1}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} vertical={false} />
              <XAxis dataKey="start" tick={{ fill: 'currentColor' }} tickFormatter={(ms: number) => tickLabel(ms, scale.bucketMs)} minTickGap={24} />
              <YAxis allowDecimals tick={{ fill: 'currentColor' }} width={40} />
              <Tooltip
                contentStyle={{ fontSize: 12, color: '#0f172a' }}
                labelFormatter={(ms) => new Date(Number(ms)).toLocaleString()}
                formatter={(value) => rate(Number(value))}
              />
              <Legend />
              <Bar dataKey="other" name="calls" stackId="rate" fill="#16a34a" isAnimationActive={false} />
              <Bar dataKey="errors" name="errors" stackId="rate" fill="#dc2626" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
    </section>
  );
}
