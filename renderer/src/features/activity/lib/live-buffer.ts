import type { CallRecordView } from '../../../../../shared/history-types.js';

export interface LiveApplied {
  /** Newest first, at most `capacity`. */
  records: CallRecordView[];
  /** The newest record that fell off the end (beyond capacity), if any did. */
  dropped?: CallRecordView;
}

/**
 * The live feed's records, newest first, at most `capacity` of them. A call arrives twice (start, then end):
 * the end replaces the start in place. Pure: each `apply` returns a new array, so React sees one change per batch.
 */
export function applyLiveRecords(current: readonly CallRecordView[], arrived: Iterable<CallRecordView>, capacity: number): LiveApplied {
  const latest = new Map<string, CallRecordView>();
  for (const record of arrived) latest.set(record.id, record);
  if (latest.size === 0) return { records: current as CallRecordView[] };
  const updated = current.map((record) => {
    const newer = latest.get(record.id);
    if (!newer) return record;
    latest.delete(record.id);
    return newer;
  });
  // What remains is new: newest first (arrival order reversed).
  const fresh = [...latest.values()].reverse();
  const merged = fresh.length > 0 ? [...fresh, ...updated] : updated;
  if (merged.length <= capacity) return { records: merged };
  return { records: merged.slice(0, capacity), dropped: merged[capacity] };
}

/** The later-started of two records (either may be missing). */
export function newerRecord(a: CallRecordView | undefined, b: CallRecordView | undefined): CallRecordView | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.startedAt > a.startedAt ? b : a;
}
