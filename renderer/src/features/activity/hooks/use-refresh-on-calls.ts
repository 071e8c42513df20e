import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../../../api/api-context.js';
import { RefreshSchedule } from '../lib/refresh-schedule.js';

/** The calls-per-minute chart, then the per-server/tool charts this long after: two redraws, two tasks, not one long one. */
const staggerMs = 300;

/**
 * Keeps the statistics current while calls flow: ended calls mark ['history-stats'] stale once they pause for a
 * second, or every 10 s while they keep coming (RefreshSchedule), so a burst of calls costs one stats query and
 * one redraw of each chart, not one per call.
 */
export function useRefreshStatsOnCalls(quietMs = 1_000, maxWaitMs = 10_000): void {
  const { on } = useApi();
  const queries = useQueryClient();
  useEffect(() => {
    let stagger: ReturnType<typeof setTimeout> | undefined;
    const schedule = new RefreshSchedule({
      quietMs,
      maxWaitMs,
      refresh: () => {
        void queries.invalidateQueries({ queryKey: ['history-stats', 'timeline'] });
        clearTimeout(stagger);
        stagger = setTimeout(
          () => void queries.invalidateQueries({ queryKey: ['history-stats'], predicate: ({ queryKey }) => queryKey[1] !== 'timeline' }),
          staggerMs,
        );
      },
    });
    const stop = on('history.records', ({ events }) => {
      if (events.some(({ kind }) => kind === 'end')) schedule.ended();
    });
    return () => {
      stop();
      schedule.stop();
      clearTimeout(stagger);
    };
  }, [on, queries, quietMs, maxWaitMs]);
}
