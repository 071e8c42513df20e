import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Batcher } from '../../../electron/core/batcher.js';

describe('Batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const batcher = (maxItems = 3, maxWaitMs = 50) => {
    const sent: number[][] = [];
    return { sent, batches: new Batcher<number>({ maxItems, maxWaitMs, send: (items) => sent.push(items) }) };
  };

  it('sends a batch maxWaitMs after its first item, in order, and nothing when nothing came', () => {
    const { sent, batches } = batcher(100, 50);
    batches.push(1);
    vi.advanceTimersByTime(30);
    batches.push(2);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(sent).toEqual([[1, 2]]);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([[1, 2]]);
    batches.push(3);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([[1, 2], [3]]);
  });

  it('sends at once when maxItems are waiting, and the rest on the next timer', () => {
    const { sent, batches } = batcher(3, 50);
    for (let item = 1; item <= 7; item++) batches.push(item);
    expect(sent).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('close sends what is waiting (nothing lost at shutdown), then each later item at once; no timer is left', () => {
    const { sent, batches } = batcher(100, 50);
    batches.push(1);
    batches.push(2);
    batches.close();
    expect(sent).toEqual([[1, 2]]);
    expect(vi.getTimerCount()).toBe(0);
    batches.push(3);
    expect(sent).toEqual([[1, 2], [3]]);
    batches.close();
    expect(sent).toHaveLength(2);
  });

  it('flush sends now and cancels the timer', () => {
    const { sent, batches } = batcher(100, 50);
    batches.push(1);
    batches.flush();
    expect(sent).toEqual([[1]]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
