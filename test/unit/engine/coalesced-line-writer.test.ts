import { describe, expect, it } from 'vitest';
import { CoalescedLineWriter } from '../../../electron/runtime/coalesced-line-writer.js';

function recorder(): { writes: string[]; write(chunk: string): void } {
  const writes: string[] = [];
  return { writes, write: (chunk) => void writes.push(chunk) };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedLineWriter', () => {
  it('writes the first line of a turn at once, and the rest of that turn as one write at its end, in order', async () => {
    const out = recorder();
    const writer = new CoalescedLineWriter(out);
    writer.write('{"id":1}\n');
    expect(out.writes).toEqual(['{"id":1}\n']);
    writer.write('{"id":2}\n');
    await Promise.resolve(); // microtasks of the same turn do not end it
    writer.write('{"id":3}\n');
    expect(out.writes).toEqual(['{"id":1}\n']);
    await nextTurn();
    expect(out.writes).toEqual(['{"id":1}\n', '{"id":2}\n{"id":3}\n']);
  });

  it('writes a lone line of a later turn at once again', async () => {
    const out = recorder();
    const writer = new CoalescedLineWriter(out);
    writer.write('a\n');
    await nextTurn();
    writer.write('b\n');
    expect(out.writes).toEqual(['a\n', 'b\n']);
    await nextTurn();
    expect(out.writes).toEqual(['a\n', 'b\n']);
  });

  it('flush() writes what is queued at once, and the end of the turn then writes nothing more', async () => {
    const out = recorder();
    const writer = new CoalescedLineWriter(out);
    writer.write('first\n');
    writer.write('last words\n');
    writer.flush();
    expect(out.writes).toEqual(['first\n', 'last words\n']);
    await nextTurn();
    expect(out.writes).toEqual(['first\n', 'last words\n']);
  });
});
