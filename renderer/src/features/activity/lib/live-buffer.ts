import type { CallRecordView } from '../../../../../shared/history-types.js';

/**
 * The live feed's records, newest first, at most `capacity` of them. A call arrives twice (start, then end):
 * the end replaces the start in place. Pure: each `apply` returns a new array, so React sees one change per batch.
 */
export function applyLiveRecords(current: readonly CallRecordView[], arrived: readonly CallRecordView[], capacity: number): CallRecordView[] {
  if (arrived.length === 0) return current as CallRecordView[];
  const latest = new Map<string, CallRecordView>();
  for (const record of arrived) latest.set(record.id, record);
  const updated = current.map((record) => {
    const newer = latest.get(record.id);
    if (!newer) return record;
    latest.delete(record.id);
    return newer;
  });
  // What remains is new: newest first (arrival order reversed).
  const fresh = [...latest.values()].reverse();
  const merged = fresh.length > 0 ? [...fresh, ...updated] : updated;
  return merged.length > capacity ? merged.slice(0, capacity) : merged;
}
