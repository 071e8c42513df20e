import { describe, expect, it } from 'vitest';
import type { CallRecordView } from '../../../shared/history-types.js';
import { LiveCallStore, newerRecord, type LiveCallsView } from '../../../renderer/src/features/activity/lib/live-call-store.js';
import { liveOverRecorded, recordedRows, type CallRows } from '../../../renderer/src/features/activity/lib/call-rows.js';
import { callTime } from '../../../renderer/src/features/activity/lib/format.js';

const call = (n: number, status: CallRecordView['status'] = 'running'): CallRecordView => ({
  id: `c${n}`,
  traceId: '0'.repeat(32),
  startedAt: 1_000 + n,
  client: { sessionId: 's' },
  server: 'everything',
  method: 'tools/call',
  name: 'echo',
  arguments: '{}',
  status,
});

const ids = (view: LiveCallsView | CallRows) => Array.from({ length: view.size }, (_, index) => view.at(index).id);

describe('the live call store', () => {
  it('puts new calls on top, newest first, and replaces a started call by its end in place', () => {
    const store = new LiveCallStore(10);
    store.apply([call(1), call(2)]);
    expect(ids(store.view())).toEqual(['c2', 'c1']);
    store.apply([call(1, 'ok'), call(3)]);
    const view = store.view();
    expect(Array.from({ length: view.size }, (_, index) => [view.at(index).id, view.at(index).status])).toEqual([
      ['c3', 'running'],
      ['c2', 'running'],
      ['c1', 'ok'],
    ]);
    expect(store.dropped).toBeUndefined();
  });

  it('keeps at most its capacity and names the newest call that fell off, so the history can reach back to it', () => {
    const store = new LiveCallStore(3);
    store.apply([call(1), call(2), call(3)]);
    store.apply([call(4), call(5)]);
    expect(ids(store.view())).toEqual(['c5', 'c4', 'c3']);
    expect(store.dropped?.id).toBe('c2');
    expect(store.has('c2')).toBe(false);
    expect(newerRecord(store.dropped, call(1))?.id).toBe('c2');
    expect(newerRecord(undefined, call(1))?.id).toBe('c1');
  });

  it('stays indexed by call id across many compactions: an end finds its start wherever it sits', () => {
    const store = new LiveCallStore(4);
    for (let n = 1; n <= 50; n++) store.apply([call(n)]);
    expect(ids(store.view())).toEqual(['c50', 'c49', 'c48', 'c47']);
    store.apply([call(48, 'ok'), call(47, 'timeout')]);
    const view = store.view();
    expect([view.at(2).status, view.at(3).status]).toEqual(['ok', 'timeout']);
    expect(view.size).toBe(4);
    // An end of a call that already fell off comes back as a new call (the newest), as it did before.
    store.apply([call(10, 'ok')]);
    expect(ids(store.view())).toEqual(['c10', 'c50', 'c49', 'c48']);
  });

  it('changes version only when something arrived, and an earlier view keeps the calls it had', () => {
    const store = new LiveCallStore(3);
    store.apply([call(1), call(2), call(3)]);
    const before = store.view();
    expect(store.apply([])).toBe(false);
    expect(store.view().version).toBe(before.version);
    for (let n = 4; n <= 9; n++) store.apply([call(n)]);
    expect(store.view().version).toBeGreaterThan(before.version);
    expect(ids(before)).toEqual(['c3', 'c2', 'c1']);
  });

  it('a batch costs what it brings, not the calls kept: 5,000 kept, 10 calls (start and end) a frame for 3,000 frames', () => {
    const store = new LiveCallStore(5_000);
    const batches: CallRecordView[][] = [];
    let n = 0;
    for (let frame = 0; frame < 3_000; frame++) {
      const started = Array.from({ length: 10 }, () => call(++n));
      batches.push(
        started,
        started.map((record) => ({ ...record, status: 'ok' as const })),
      );
    }
    const began = performance.now();
    for (const batch of batches) {
      store.apply(batch);
      store.view();
    }
    const elapsed = performance.now() - began;
    expect(store.view().size).toBe(5_000);
    expect(ids(store.view()).slice(0, 2)).toEqual(['c30000', 'c29999']);
    expect(store.view().at(0).status).toBe('ok');
    // The old buffer (a new array of the 5,000 per batch) took 4.0 s for these batches at load 19, this store 0.17 s.
    expect(elapsed).toBeLessThan(1_500);
  });
});

describe('the list rows: live calls over the recorded history', () => {
  it('puts the live calls first and leaves out recorded calls the feed holds', () => {
    const store = new LiveCallStore(10);
    store.apply([call(5), call(6)]);
    const rows = liveOverRecorded(store.view(), [call(6, 'ok'), call(4), call(3)]);
    expect(ids(rows)).toEqual(['c6', 'c5', 'c4', 'c3']);
    expect(ids(liveOverRecorded(new LiveCallStore(10).view(), [call(2), call(1)]))).toEqual(['c2', 'c1']);
    expect(ids(recordedRows([call(2)]))).toEqual(['c2']);
  });
});

describe('call times', () => {
  it('show the time with milliseconds for today, and the date before it for other days', () => {
    const now = new Date(2026, 11, 3, 15, 0, 0).getTime();
    const today = new Date(2026, 11, 3, 9, 41, 7, 123).getTime();
    expect(callTime(today, now)).toMatch(/^09:41:07\.123$/);
    const yesterday = new Date(2026, 11, 2, 23, 59, 59, 5).getTime();
    expect(callTime(yesterday, now)).toMatch(/^\S.*\s23:59:59\.005$/);
  });
});
