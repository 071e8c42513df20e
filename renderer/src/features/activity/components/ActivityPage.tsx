import { Link } from '@tanstack/react-router';
import { Activity, ArrowUp, Download, Link2, Pause, Play, RefreshCw } from 'lucide-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CallRecordView } from '../../../../../shared/history-types.js';
import { Button, buttonClasses } from '../../../ui/button.js';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states.js';
import { useActivityUi } from '../hooks/activity-filter-store.js';
import { useExportCalls } from '../hooks/use-export-calls.js';
import { useCallFeed } from '../hooks/use-call-feed.js';
import { useRefreshStatsOnCalls } from '../hooks/use-refresh-on-calls.js';
import { historyFilter, isFiltered } from '../lib/activity-filter.js';
import { ActivityFilters } from './ActivityFilters.js';
import { CallDetail } from './CallDetail.js';
import { CallList, type CallListHandle } from './CallList.js';
import { CallsPerMinuteChart } from './CallsPerMinuteChart.js';
import { StatsPanel } from './StatsPanel.js';

/**
 * Activity: calls as they happen (live, unfiltered) over the recorded history; with a filter, the engine's query
 * answers (never a filter over what the page holds), and new calls are offered as a refresh.
 */
export function ActivityPage() {
  const { filter, paused, setPaused } = useActivityUi();
  const engineFilter = useMemo(() => historyFilter(filter), [filter]);
  const filtered = isFiltered(filter);
  const [atTop, setAtTop] = useState(true);
  const { rows, live, history } = useCallFeed(engineFilter, filtered, paused || !atTop);
  const exporter = useExportCalls(engineFilter);
  const [open, setOpen] = useState<CallRecordView | undefined>();
  const closeDetail = useCallback(() => setOpen(undefined), []);
  const list = useRef<CallListHandle>(null);
  useRefreshStatsOnCalls();

  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
            Activity
          </h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every tool call, prompt and resource read your AI apps make through Switchyard, recorded and redacted.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setPaused(!paused)} aria-pressed={paused} disabled={filtered}>
            {paused ? <Play className="h-4 w-4" aria-hidden /> : <Pause className="h-4 w-4" aria-hidden />}
            {paused ? 'Resume live' : 'Pause live'}
          </Button>
          <Button onClick={() => exporter.mutate('jsonl')} disabled={exporter.isPending}>
            <Download className="h-4 w-4" aria-hidden />
            Export JSONL
          </Button>
          <Button onClick={() => exporter.mutate('csv')} disabled={exporter.isPending}>
            <Download className="h-4 w-4" aria-hidden />
            Export CSV
          </Button>
        </div>
      </div>
      <ActivityFilters />
      <div aria-live="polite" className="min-h-0">
        {live.waiting > 0 && (
          <Button
            variant="primary"
            size="sm"
            onClick={() => {
              if (filtered) void history.refetch();
              else list.current?.scrollToTop();
              live.release();
            }}
          >
            {filtered ? <RefreshCw className="h-3.5 w-3.5" aria-hidden /> : <ArrowUp className="h-3.5 w-3.5" aria-hidden />}
            {live.waiting.toLocaleString()} new {live.waiting === 1 ? 'call' : 'calls'}
            {filtered ? ' — refresh' : ''}
          </Button>
        )}
      </div>
      {history.isPending ? (
        <LoadingState label="Reading the call history…" />
      ) : history.isError ? (
        <ErrorState title="Could not read the call history" error={history.error} action={<Button onClick={() => void history.refetch()}>Try again</Button>} />
      ) : rows.size === 0 ? (
        filtered ? (
          <EmptyState title="No calls match these filters">Try a longer time range, another status, or clear the filters.</EmptyState>
        ) : (
          <EmptyState
            icon={<Activity className="h-8 w-8" />}
            title="No calls yet"
            action={
              <Link to="/clients" className={buttonClasses('primary', 'sm')}>
                <Link2 className="h-4 w-4" aria-hidden />
                Connect an AI app
              </Link>
            }
          >
            Calls appear here, live, as your AI apps use their tools. To try one from a terminal:{' '}
            <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs dark:bg-slate-800">switchyard tools call</code>
          </EmptyState>
        )
      ) : (
        <CallList
          ref={list}
          label={filtered ? 'Matching calls' : 'Calls, newest first'}
          rows={rows}
          onOpen={setOpen}
          onAtTopChange={setAtTop}
          onEndReached={() => {
            if (history.hasNextPage && !history.isFetchingNextPage) void history.fetchNextPage();
          }}
        />
      )}
      <CallsPerMinuteChart filter={engineFilter} range={filter.range} />
      <StatsPanel filter={engineFilter} />
      <CallDetail record={open} onClose={closeDetail} />
    </section>
  );
}
