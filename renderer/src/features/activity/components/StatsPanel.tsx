import { memo, useDeferredValue, useId, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { HistoryStatsRowSchema } from '../../../../../shared/history-types.js';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { useHistoryStats } from '../hooks/use-history.js';
import { useLagged } from '../hooks/use-lagged.js';
import type { HistoryFilter } from '../lib/activity-filter.js';
import { duration } from '../lib/format.js';

/** Calls, errors, error rate and p50/p95 durations per server or per tool, over the same filter as the list (memoized, as the chart). */
export const StatsPanel = memo(function StatsPanel({ filter }: { filter: HistoryFilter }) {
  const [groupBy, setGroupBy] = useState<'server' | 'tool'>('server');
  const groupById = useId();
  const stats = useHistoryStats(filter, groupBy);
  // Deferred, as the calls-per-minute chart: the charts redraw in a render React slices, behind the live feed.
  const data = useDeferredValue(stats.data);
  const rows = useMemo(() => statsRows(data ?? [], groupBy), [data, groupBy]);
  return (
    <section aria-labelledby="stats-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="stats-title" className="text-base font-semibold">
          Calls by {groupBy}
        </h2>
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={groupById}>Group by</label>
          <select
            id={groupById}
            value={groupBy}
            onChange={(event) => setGroupBy(event.target.value as 'server' | 'tool')}
            className="h-8 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="server">server</option>
            <option value="tool">tool</option>
          </select>
        </div>
      </div>
      {stats.isPending ? (
        <LoadingState label="Counting calls…" />
      ) : stats.isError ? (
        <ErrorState title="Could not compute the statistics" error={stats.error} />
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No calls match the filter yet.</p>
      ) : (
        <>
          <GroupCharts rows={rows} groupBy={groupBy} />
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Calls, error rate and durations by {groupBy}</caption>
              <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    {groupBy}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    calls
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    error rate
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    p50
                  </th>
                  <th scope="col" className="py-1 text-right">
                    p95
                  </th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {rows.map((row) => (
                  <tr key={row.label} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="py-1 pr-3 font-medium">
                      {row.label}
                    </th>
                    <td className="py-1 pr-3 text-right">{row.count.toLocaleString()}</td>
                    <td className="py-1 pr-3 text-right">{(row.errorRate * 100).toFixed(1)}%</td>
                    <td className="py-1 pr-3 text-right">{duration(row.p50Ms ?? undefined)}</td>
                    <td className="py-1 text-right">{duration(row.p95Ms ?? undefined)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
});

type StatsRow = z.infer<typeof HistoryStatsRowSchema> & { label: string; ok: number };

function statsRows(data: readonly z.infer<typeof HistoryStatsRowSchema>[], groupBy: 'server' | 'tool'): StatsRow[] {
  return data.map((row) => ({ ...row, label: groupBy === 'tool' ? `${row.server}/${row.tool ?? ''}` : row.server, ok: row.count - row.errors }));
}

const axisTick = { fill: 'currentColor' };

/** Two bar charts over the 15 most called: calls (ok and errors stacked), and p50/p95 durations. */
const GroupCharts = memo(function GroupCharts({ rows, groupBy }: { rows: StatsRow[]; groupBy: 'server' | 'tool' }) {
  const top = useMemo(() => rows.slice(0, 15), [rows]);
  // The durations chart redraws a moment after the calls chart: each redraw is its own task.
  const durations = useLagged(top, 150);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <figure aria-label={`Bar chart: calls and errors by ${groupBy}`} className="h-56 w-full text-xs [contain:strict]">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={top} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            <XAxis dataKey="label" tick={axisTick} interval={0} angle={-20} textAnchor="end" height={48} />
            {/* interval 0: every tick, none measured in the DOM (recharts' default measures each label on every render). */}
            <YAxis allowDecimals={false} tick={axisTick} width={40} interval={0} />
            <Tooltip contentStyle={{ fontSize: 12, color: '#0f172a' }} />
            <Legend />
            <Bar dataKey="ok" name="ok" stackId="calls" fill="#16a34a" isAnimationActive={false} />
            <Bar dataKey="errors" name="errors" stackId="calls" fill="#dc2626" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure aria-label={`Bar chart: p50 and p95 duration by ${groupBy}, in milliseconds`} className="h-56 w-full text-xs [contain:strict]">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={durations} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            <XAxis dataKey="label" tick={axisTick} interval={0} angle={-20} textAnchor="end" height={48} />
            <YAxis tick={axisTick} width={48} interval={0} unit=" ms" />
            <Tooltip contentStyle={{ fontSize: 12, color: '#0f172a' }} formatter={(value) => duration(Number(value))} />
            <Legend />
            <Bar dataKey="p50Ms" name="p50" fill="#2563eb" isAnimationActive={false} />
            <Bar dataKey="p95Ms" name="p95" fill="#9333ea" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
});
