import { useEffect, useRef, useState } from 'react';
import type { CallRecordView } from '../../../../../shared/history-types.js';
import { useApi } from '../../../api/api-context.js';
import { applyLiveRecords, newerRecord } from '../lib/live-buffer.js';

/** Calls kept on screen by the live feed; older ones are read from the history as the list scrolls. */
export const liveCapacity = 5_000;

export interface LiveCalls {
  /** Shown records, newest first. */
  records: CallRecordView[];
  /** Calls that arrived while held (paused, or scrolled away from the top) and are not on screen yet. */
  waiting: number;
  /** The newest call that fell off the feed's end (beyond its capacity): the history must reach back to it. */
  dropped?: CallRecordView;
  /** Puts the waiting calls on screen. */
  release(): void;
}

/**
 * Every call as it starts and ends (the engine's history.record events). Events are gathered and applied once per
 * animation frame, so 500 calls a second cost one render a frame; while `hold` is true they wait, keyed by call
 * (a call's start and end count once, an end of a call already shown counts not at all), and the count shows.
 */
export function useLiveCalls(hold: boolean, capacity = liveCapacity): LiveCalls {
  const { on } = useApi();
  const [view, setView] = useState<{ records: CallRecordView[]; dropped?: CallRecordView }>({ records: [] });
  const [waiting, setWaiting] = useState(0);
  const shown = useRef<CallRecordView[]>([]);
  const shownIds = useRef<{ of: CallRecordView[]; ids: Set<string> }>({ of: [], ids: new Set() });
  const dropped = useRef<CallRecordView | undefined>(undefined);
  const incoming = useRef<CallRecordView[]>([]);
  const held = useRef(new Map<string, CallRecordView>());
  const heldNew = useRef(0);
  const holdRef = useRef(hold);
  const frame = useRef<number | undefined>(undefined);

  const show = (arrived: Iterable<CallRecordView>) => {
    const applied = applyLiveRecords(shown.current, arrived, capacity);
    if (applied.records === shown.current) return;
    shown.current = applied.records;
    dropped.current = newerRecord(dropped.current, applied.dropped);
    setView({ records: applied.records, ...(dropped.current ? { dropped: dropped.current } : {}) });
  };

  const holdBack = (arrived: readonly CallRecordView[]) => {
    if (shownIds.current.of !== shown.current) shownIds.current = { of: shown.current, ids: new Set(shown.current.map((record) => record.id)) };
    const ids = shownIds.current.ids;
    for (const record of arrived) {
      if (!held.current.has(record.id) && !ids.has(record.id)) heldNew.current += 1;
      held.current.set(record.id, record);
    }
    // Beyond capacity, the oldest held calls could never be shown: they are left to the history.
    for (const [id, record] of held.current) {
      if (held.current.size <= capacity) break;
      held.current.delete(id);
      if (!ids.has(id)) dropped.current = newerRecord(dropped.current, record);
    }
    setWaiting(heldNew.current);
  };

  const release = () => {
    const arrived = held.current;
    held.current = new Map();
    heldNew.current = 0;
    setWaiting(0);
    show(arrived.values());
  };

  useEffect(() => {
    const flush = () => {
      frame.current = undefined;
      const arrived = incoming.current;
      incoming.current = [];
      if (holdRef.current) holdBack(arrived);
      else show(arrived);
    };
    const stop = on('history.record', ({ record }) => {
      incoming.current.push(record);
      frame.current ??= requestAnimationFrame(flush);
    });
    return () => {
      stop();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
      frame.current = undefined;
    };
    // The helpers read refs only: subscribing once per connection is enough.
  }, [on]);

  useEffect(() => {
    holdRef.current = hold;
    if (!hold && held.current.size > 0) release();
  }, [hold]);

  return { records: view.records, waiting, ...(view.dropped ? { dropped: view.dropped } : {}), release };
}
