import { describe, expect, it } from 'vitest';
import type { CallRecordView } from '../../../shared/history-types.js';
import { applyLiveRecords, newerRecord } from '../../../renderer/src/features/activity/lib/live-buffer.js';
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

describe('the live feed buffer', () => {
  it('puts new calls on top, newest first, and replaces a started call by its end in place', () => {
    const first = applyLiveRecords([], [call(1), call(2)], 10);
    expect(first.records.map((record) => record.id)).toEqual(['c2', 'c1']);
    const second = applyLiveRecords(first.records, [call(1, 'ok'), call(3)], 10);
    expect(second.records.map((record) => [record.id, record.status])).toEqual([
      ['c3', 'running'],
      ['c2', 'running'],
      ['c1', 'ok'],
    ]);
    expect(second.dropped).toBeUndefined();
  });

  it('keeps at most its capacity and names the newest call that fell off, so the history can reach back to it', () => {
    const full = applyLiveRecords([], [call(1), call(2), call(3)], 3);
    const over = applyLiveRecords(full.records, [call(4), call(5)], 3);
    expect(over.records.map((record) => record.id)).toEqual(['c5', 'c4', 'c3']);
    expect(over.dropped?.id).toBe('c2');
    expect(newerRecord(over.dropped, call(1))?.id).toBe('c2');
    expect(newerRecord(undefined, call(1))?.id).toBe('c1');
  });

  it('returns the same array when nothing arrived (no render)', () => {
    const records = [call(1)];
    expect(applyLiveRecords(records, [], 10).records).toBe(records);
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
