import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../api/api-context.js';
import type { HistoryFilter } from '../lib/activity-filter.js';

const pageSize = 100;

/** Recorded calls matching the filter, newest first, a page at a time (the engine's query, with its cursor). */
export function useHistoryPages(filter: HistoryFilter) {
  const { call } = useApi();
  return useInfiniteQuery({
    queryKey: ['history', filter],
    queryFn: ({ pageParam }) => call('history.query', { ...filter, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Calls, errors and p50/p95 durations per server or per tool over the filter (the engine's stats). */
export function useHistoryStats(filter: HistoryFilter, groupBy: 'server' | 'tool') {
  const { call } = useApi();
  return useQuery({
    queryKey: ['history-stats', filter, groupBy],
    queryFn: () => call('history.stats', { ...filter, groupBy }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Calls and errors per time bucket over the filter (the engine's GROUP BY on time buckets). Its key sits under
 * ['history-stats'], so the same throttled refresh on new calls keeps it current.
 */
export function useHistoryTimeline(filter: HistoryFilter, bucketMs: number) {
  const { call } = useApi();
  return useQuery({
    queryKey: ['history-stats', 'timeline', filter, bucketMs],
    queryFn: () => call('history.timeline', { ...filter, bucketMs }),
    placeholderData: keepPreviousData,
  });
}
