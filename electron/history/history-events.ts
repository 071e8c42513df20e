import type { Logger } from '../core/logger.js';
import type { CallRecord } from './call-record.js';

/** A call's record as it starts and as it ends, emitted on the call path before anything is written. */
export interface RecordEvent {
  kind: 'start' | 'end';
  record: CallRecord;
}

export interface FlushEvent {
  /** Records written in this transaction. */
  records: number;
  /** Those records, as written (a call's latest state). */
  batch: readonly CallRecord[];
  /** The change counter the batch was written with. */
  rev: number;
  ms: number;
}

export interface HistoryEvents {
  record: RecordEvent;
  flush: FlushEvent;
  clear: { at: number };
}

type Listener<K extends keyof HistoryEvents> = (payload: HistoryEvents[K]) => void;

/** The history's typed events; a listener that throws is logged and does not stop the others. */
export class HistoryEmitter {
  private readonly listeners: { [K in keyof HistoryEvents]: Set<Listener<K>> } = { record: new Set(), flush: new Set(), clear: new Set() };

  constructor(private readonly logger: Logger) {}

  on<K extends keyof HistoryEvents>(event: K, listener: Listener<K>): () => void {
    this.listeners[event].add(listener);
    return () => this.off(event, listener);
  }

  off<K extends keyof HistoryEvents>(event: K, listener: Listener<K>): void {
    this.listeners[event].delete(listener);
  }

  emit<K extends keyof HistoryEvents>(event: K, payload: HistoryEvents[K]): void {
    for (const listener of this.listeners[event]) {
      try {
        listener(payload);
      } catch (error) {
        this.logger.warn(`history: a ${event} listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
