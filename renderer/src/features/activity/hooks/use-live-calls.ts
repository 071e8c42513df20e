import { useEffect, useRef, useState } from 'react';
import type { CallRecordView } from '../../../../../shared/history-types.js';
import { useApi } from '../../../api/api-context.js';
import { applyLiveRecords } from '../lib/live-buffer.js';

const capacity = 5_000;

export interface LiveCalls {
  /** Shown records, newest first. */
  records: CallRecordView[];
  /** Calls that arrived while held (paused, or scrolled away from the top). */
  waiting: number;
  /** Puts the waiting calls on screen. */
  release(): void;
}

/**
 * Every call as it starts and ends (the engine's history.record events). Events are gathered and applied once per
 * animation frame, so 500 calls a second cost one render a frame; while `hold` is true they wait (the count shows).
 */
export function useLiveCalls(hold: boolean): LiveCalls {
  const { on } = useApi();
  const [records, setRecords] = useState<CallRecordView[]>([]);
  const [waiting, setWaiting] = useState(0);
  const incoming = useRef<CallRecordView[]>([]);
  const held = useRef<CallRecordView[]>([]);
  const holdRef = useRef(hold);
  const frame = useRef<number | undefined>(undefined);

  useEffect(() => {
    const flush = () => {
      frame.current = undefined;
      const arrived = incoming.current;
      incoming.current = [];
      if (holdRef.current) {
        held.current.push(...arrived);
        setWaiting(new Set(held.current.map((record) => record.id)).size);
        return;
      }
      setRecords((current) => applyLiveRecords(current, arrived, capacity));
    };
    const stop = on('history.record', ({ record }) => {
      incoming.current.push(record);
      frame.current ??= requestAnimationFrame(flush);
    });
    return () => {
      stop();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    };
  }, [on]);

  const release = () => {
    const arrived = held.current;
    held.current = [];
    setWaiting(0);
    setRecords((current) => applyLiveRecords(current, arrived, capacity));
  };

  useEffect(() => {
    holdRef.current = hold;
    if (!hold && held.current.length > 0) release();
  }, [hold]);

  return { records, waiting, release };
}
