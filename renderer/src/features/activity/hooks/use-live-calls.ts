import { startTransition, useEffect, useRef, useState } from 'react';
import type { CallRecordView } from '../../../../../shared/history-types.js';
import { useApi } from '../../../api/api-context.js';
import { LiveCallStore, newerRecord, type LiveCallsView } from '../lib/live-call-store.js';

/**
 * The least time between two updates of the feed. A call that comes alone shows on the next frame; under a flood
 * the list moves ten times a second, not sixty: at 500 calls/s a frame's rows could not be read anyway, and each
 * move costs the browser a style and layout pass over every row on screen, all it takes to push a frame past 50 ms
 * on a busy machine.
 */
const minFlushGapMs = 100;

/** Calls kept on screen by the live feed; older ones are read from the history as the list scrolls. */
export const liveCapacity = 5_000;

export interface LiveCalls {
  /** Shown calls, newest first (a view of the append-only store: no copy per batch). */
  calls: LiveCallsView;
  /** Calls that arrived while held (paused, or scrolled away from the top) and are not on screen yet. */
  waiting: number;
  /** The newest call that fell off the feed's end (beyond its capacity): the history must reach back to it. */
  dropped?: CallRecordView;
  /** Puts the waiting calls on screen. */
  release(): void;
}

/**
 * Every call as it starts and ends (the engine's history.records batches). Batches are gathered and applied in an
 * animation frame at most every minFlushGapMs, so 500 calls a second cost ten renders a second, and the work of one is what it brought
 * (see LiveCallStore); while `hold` is true they wait, keyed by call (a call's start and end count once, an end of
 * a call already shown counts not at all), and the count shows.
 */
export function useLiveCalls(hold: boolean, capacity = liveCapacity): LiveCalls {
  const { on } = useApi();
  const [store] = useState(() => new LiveCallStore(capacity));
  const [calls, setCalls] = useState<LiveCallsView>(() => store.view());
  const [waiting, setWaiting] = useState(0);
  const [heldDropped, setHeldDropped] = useState<CallRecordView | undefined>(undefined);
  const incoming = useRef<CallRecordView[]>([]);
  const held = useRef(new Map<string, CallRecordView>());
  const heldNew = useRef(0);
  const holdRef = useRef(hold);
  const frame = useRef<number | undefined>(undefined);

  // A transition: React renders the new rows in slices between frames (typing, clicks and the next batch go
  // first), so a frame's render never becomes one long task; the views are snapshots, so a slice never tears.
  const show = (arrived: Iterable<CallRecordView>) => {
    if (!store.apply(arrived)) return;
    const view = store.view();
    startTransition(() => setCalls(view));
  };

  const holdBack = (arrived: readonly CallRecordView[]) => {
    for (const record of arrived) {
      if (!held.current.has(record.id) && !store.has(record.id)) heldNew.current += 1;
      held.current.set(record.id, record);
    }
    // Beyond capacity, the oldest held calls could never be shown: they are left to the history.
    let dropped: CallRecordView | undefined;
    for (const [id, record] of held.current) {
      if (held.current.size <= capacity) break;
      held.current.delete(id);
      if (!store.has(id)) dropped = newerRecord(dropped, record);
    }
    if (dropped) setHeldDropped((before) => newerRecord(before, dropped));
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
    let lastFlush = -Infinity;
    let wait: ReturnType<typeof setTimeout> | undefined;
    const flush = (now: number) => {
      frame.current = undefined;
      lastFlush = now;
      const arrived = incoming.current;
      incoming.current = [];
      if (holdRef.current) holdBack(arrived);
      else show(arrived);
    };
    const stop = on('history.records', ({ events }) => {
      for (const { record } of events) incoming.current.push(record);
      if (frame.current !== undefined || wait !== undefined) return;
      const early = lastFlush + minFlushGapMs - performance.now();
      if (early <= 0) frame.current = requestAnimationFrame(flush);
      else
        wait = setTimeout(() => {
          wait = undefined;
          frame.current = requestAnimationFrame(flush);
        }, early);
    });
    return () => {
      stop();
      clearTimeout(wait);
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
      frame.current = undefined;
    };
    // The helpers read refs and the store only: subscribing once per connection is enough.
  }, [on]);

  useEffect(() => {
    holdRef.current = hold;
    if (!hold && held.current.size > 0) release();
  }, [hold]);

  const dropped = newerRecord(store.dropped, heldDropped);
  return { calls, waiting, ...(dropped ? { dropped } : {}), release };
}
