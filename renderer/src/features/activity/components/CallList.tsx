import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useImperativeHandle, useRef, type Ref, type UIEvent } from 'react';
import type { CallRecordView } from '../../../../../shared/history-types.js';
import type { CallRows } from '../lib/call-rows.js';
import { callTime, duration } from '../lib/format.js';
import { CallStatusBadge } from './CallStatusBadge.js';

const rowHeight = 44;

export interface CallListHandle {
  /** Back to the newest calls (the top). */
  scrollToTop(): void;
}

export interface CallListProps {
  rows: CallRows;
  onOpen(record: CallRecordView): void;
  /** Called with whether the list is scrolled to its top (new calls are held while it is not). */
  onAtTopChange?(atTop: boolean): void;
  /** Near the end: load the next page. */
  onEndReached?(): void;
  label: string;
  ref?: Ref<CallListHandle>;
}

/**
 * Calls, newest first; only the rows in view are in the DOM, so thousands stay smooth. Each row says its place
 * (aria-posinset of aria-setsize), since the rows out of view are not there to count; a row re-renders only when
 * its call changed.
 */
export function CallList({ rows, onOpen, onAtTopChange, onEndReached, label, ref }: CallListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.size, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  useImperativeHandle(ref, () => ({ scrollToTop: () => scroller.current?.scrollTo({ top: 0 }) }), []);
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    onAtTopChange?.(element.scrollTop < rowHeight / 2);
    if (element.scrollHeight - element.scrollTop - element.clientHeight < rowHeight * 10) onEndReached?.();
  };
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div
        aria-hidden
        className="hidden grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)_7rem_5rem] gap-3 border-b border-slate-200 px-3 py-2 text-xs font-semibold text-slate-500 uppercase md:grid dark:border-slate-800 dark:text-slate-400"
      >
        <span>Time</span>
        <span>Tool</span>
        <span>Client</span>
        <span>Status</span>
        <span className="text-right">Duration</span>
      </div>
      {/* contain: strict on the scroller and rows keeps each frame's new rows from laying out anything around them. */}
      <div ref={scroller} onScroll={onScroll} data-call-list-scroller className="h-[28rem] overflow-y-auto" style={{ contain: 'strict' }} tabIndex={-1}>
        <ul aria-label={label} className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const record = rows.at(item.index);
            return (
              <li
                key={record.id}
                aria-setsize={rows.size}
                aria-posinset={item.index + 1}
                className="absolute inset-x-0"
                style={{ top: item.start, height: rowHeight, contain: 'strict' }}
              >
                <CallRow record={record} onOpen={onOpen} />
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

const CallRow = memo(function CallRow({ record, onOpen }: { record: CallRecordView; onOpen(record: CallRecordView): void }) {
  const time = callTime(record.startedAt);
  return (
    <button
      type="button"
      onClick={() => onOpen(record)}
      aria-label={`${record.server} ${record.name}, ${record.status}, ${time}`}
      className="grid h-full w-full grid-cols-[minmax(0,1fr)_auto] items-center gap-3 border-b border-slate-100 px-3 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600 md:grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)_7rem_5rem] dark:border-slate-800 dark:hover:bg-slate-800"
    >
      <span className="hidden font-mono text-xs text-slate-500 tabular-nums md:block dark:text-slate-400">{time}</span>
      <span className="min-w-0 truncate">
        <span className="text-slate-500 dark:text-slate-400">{record.server} / </span>
        <span className="font-medium">{record.name}</span>
        {record.arguments !== '{}' && <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">{argumentsPreview(record.arguments)}</span>}
      </span>
      <span className="hidden min-w-0 truncate text-slate-600 md:block dark:text-slate-300">{record.client.name ?? record.client.sessionId}</span>
      <span>
        <CallStatusBadge status={record.status} />
      </span>
      <span className="hidden text-right font-mono text-xs text-slate-600 tabular-nums md:block dark:text-slate-300">{duration(record.durationMs)}</span>
    </button>
  );
});

/** The (redacted) arguments on one line, cut short: enough to tell calls apart in the list. */
function argumentsPreview(json: string): string {
  return json.length > 120 ? `${json.slice(0, 119)}…` : json;
}
