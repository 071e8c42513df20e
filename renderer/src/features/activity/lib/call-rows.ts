import type { CallRecordView } from '../../../../../shared/history-types.js';
import type { LiveCallsView } from './live-call-store.js';

/** The Activity list's rows, newest first: a count and the i-th row (no array of them all is built). */
export interface CallRows {
  readonly size: number;
  at(index: number): CallRecordView;
}

/** The engine's answer alone (a filtered list). */
export function recordedRows(recorded: readonly CallRecordView[]): CallRows {
  return { size: recorded.length, at: (index) => recorded[index]! };
}

/**
 * The live calls, then the recorded history below them, each call once: a recorded call the live feed holds is
 * left out of the history's part. Costs the history pages read (a few hundred calls), not the live calls kept.
 */
export function liveOverRecorded(live: LiveCallsView, recorded: readonly CallRecordView[]): CallRows {
  if (live.size === 0) return recordedRows(recorded);
  const older = recorded.filter((record) => !live.has(record.id));
  return { size: live.size + older.length, at: (index) => (index < live.size ? live.at(index) : older[index - live.size]!) };
}
