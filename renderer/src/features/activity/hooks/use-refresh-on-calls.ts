import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../../../api/api-context.js';

/**
 * Keeps the statistics current while calls flow: a call's end marks ['history-stats'] stale, at most once every
 * `everyMs`, so a burst of calls costs one stats query, not one per call.
 */
export function useRefreshStatsOnCalls(everyMs = 2_000): void {
  const { on } = useApi();
  const queries = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = on('history.records', ({ events }) => {
      if (timer !== undefined || !events.some(({ kind }) => kind === 'end')) return;
      timer = setTimeout(() => {
        timer = undefined;
        void queries.invalidateQueries({ queryKey: ['history-stats'] });
      }, everyMs);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [on, queries, everyMs]);
}
