import { describe, expect, it } from 'vitest';
import { CoalescedLineWriter } from '../../../electron/runtime/coalesced-line-writer.js';

function recorder(): { writes: string[]; write(chunk: string): void } {
  const writes: string[] = [];
  return { writes, write: (chunk) => void writes.push(chunk) };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedLineWriter', () => {
  it('sends the lines of one event-loop turn as one write, in order, at the end of the turn', async () => {
    const out = recorder();
    const writer = new CoalescedLineWriter(out);
    writer.write('{"id":1}\n');
    writer.write('{"id":2}\n');
    await Promise.resolve(); // microtasks of the same turn do not flush it
    writer.write('{"id":3}\n');
    expect(out.writes).toEqual([]);
    await nextTurn();
    expect(out.writes).toEqual(['{"id":1}\n{"id":2}\n{"id":3}\n']);
  });

  it('starts a new write for lines of a later turn', async () => {
    const out = recorder();
    const writer = new CoalescedLineWriter(out);
    writer.write('a\n');
    await nextTurn();
    writer.write('b\n');
    await nextTurn();
    expect(out.writes).toEqual(['a\n', 'b\n']);
  });

  it('flush() writes what is queued at once, and the scheduled flush then writes nothing more', async () => {
    const out = recorder();
    const writer = new CoalescedLineWriter(out);
    writer.write('last words\n');
    writer.flush();
    expect(out.writes).toEqual(['last words\n']);
    await nextTurn();
    expect(out.writes).toEqual(['last words\n']);
  });
});
