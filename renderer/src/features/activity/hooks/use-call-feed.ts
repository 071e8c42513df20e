import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { HistoryFilter } from '../lib/activity-filter.js';
import { liveOverRecorded, recordedRows, type CallRows } from '../lib/call-rows.js';
import { useHistoryPages } from './use-history.js';
import { useLiveCalls, type LiveCalls } from './use-live-calls.js';

export interface CallFeed {
  /** What the list shows, newest first: the live calls over the recorded history (the engine's answer alone when filtered). */
  rows: CallRows;
  live: LiveCalls;
  history: ReturnType<typeof useHistoryPages>;
}

/**
 * The Activity list's calls: live calls (unfiltered) over the history's pages, each call once. When the live feed
 * has let calls fall off its end that the history's first page does not reach (more calls than the feed keeps
 * arrived since the history was read), the history is read again from its newest page, so the list never has a
 * gap between the two.
 */
export function useCallFeed(filter: HistoryFilter, filtered: boolean, hold: boolean): CallFeed {
  const live = useLiveCalls(hold || filtered);
  const history = useHistoryPages(filter);
  const queries = useQueryClient();

  const recorded = useMemo(() => history.data?.pages.flatMap((page) => page.records) ?? [], [history.data]);
  const rows = useMemo(() => (filtered ? recordedRows(recorded) : liveOverRecorded(live.calls, recorded)), [recorded, live.calls, filtered]);

  const newestRecorded = history.data?.pages[0]?.records[0];
  const gap = !filtered && live.dropped !== undefined && !history.isFetching && (newestRecorded?.startedAt ?? -Infinity) < live.dropped.startedAt;
  const repairing = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!gap || repairing.current === live.dropped?.id) return;
    repairing.current = live.dropped?.id;
    // Keep the first page only, then read it again: the pages after it follow on from the newest calls.
    queries.setQueryData<InfiniteData<unknown, string | undefined>>(['history', filter], (data) =>
      data ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) } : data,
    );
    void history.refetch();
  }, [gap, live.dropped, filter, queries, history]);

  return { rows, live, history };
}
