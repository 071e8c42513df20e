import { describe, expect, it } from 'vitest';
import { newCallId, newTraceId } from '../../../electron/history/call-ids.js';

describe('call ids', () => {
  it('are RFC 9562 version-7 UUIDs carrying the time in milliseconds', () => {
    const now = Date.UTC(2026, 10, 26, 3, 0, 0, 123);
    const id = newCallId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it('sort in the order they were made, across milliseconds', () => {
    const ids = [1000, 2000, 3000, 1_700_000_000_000, 1_800_000_000_000].map((ms) => newCallId(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differ within one millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newCallId(42)));
    expect(ids.size).toBe(1000);
  });

  it('trace ids are 32 lowercase hex digits, random', () => {
    const a = newTraceId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newTraceId()).not.toBe(a);
    // Across several refills of the random pool (4 KiB): no repeats.
    expect(new Set(Array.from({ length: 1000 }, () => newTraceId())).size).toBe(1000);
  });
});
