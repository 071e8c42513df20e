import { describe, expect, it } from 'vitest';
import { JsonLineReader, parseLine, threadedParseBytes, type LineOutcome } from '../../../electron/runtime/json-line-reader.js';
import { lineParseThread } from '../../../electron/runtime/line-parse-thread.js';

function collect(maxLineBytes?: number): { reader: JsonLineReader; out: LineOutcome[] } {
  const out: LineOutcome[] = [];
  const reader = maxLineBytes === undefined ? new JsonLineReader((o) => out.push(o)) : new JsonLineReader((o) => out.push(o), maxLineBytes);
  return { reader, out };
}

const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };

describe('JsonLineReader', () => {
  it('emits one message per newline-terminated line', () => {
    const { reader, out } = collect();
    reader.push(Buffer.from(`${JSON.stringify(ping)}\n`));
    expect(out).toEqual([{ kind: 'message', message: ping }]);
  });

  it('waits for the newline: an unterminated line is not emitted', () => {
    const { reader, out } = collect();
    reader.push(Buffer.from(JSON.stringify(ping)));
    expect(out).toEqual([]);
    reader.push(Buffer.from('\n'));
    expect(out).toEqual([{ kind: 'message', message: ping }]);
  });

  it('reassembles a line split at every byte', () => {
    const { reader, out } = collect();
    const bytes = Buffer.from(`${JSON.stringify(ping)}\n${JSON.stringify({ ...ping, id: 2 })}\n`);
    for (const byte of bytes) reader.push(Buffer.from([byte]));
    expect(out).toEqual([
      { kind: 'message', message: ping },
      { kind: 'message', message: { ...ping, id: 2 } },
    ]);
  });

  it('emits several lines from one chunk, in order', () => {
    const { reader, out } = collect();
    reader.push(Buffer.from([1, 2, 3].map((id) => JSON.stringify({ ...ping, id })).join('\n') + '\n'));
    expect(out.map((o) => (o.kind === 'message' ? (o.message as { id: number }).id : o.kind))).toEqual([1, 2, 3]);
  });

  it('accepts CRLF line endings (the \\r is stripped, not parsed as noise)', () => {
    const { reader, out } = collect();
    reader.push(Buffer.from(`${JSON.stringify(ping)}\r\nnot json\r\n`));
    expect(out).toEqual([
      { kind: 'message', message: ping },
      { kind: 'noise', line: 'not json' },
    ]);
  });

  it('handles a CRLF whose \\r and \\n arrive in different chunks', () => {
    const { reader, out } = collect();
    reader.push(Buffer.from(`${JSON.stringify(ping)}\r`));
    reader.push(Buffer.from('\n'));
    expect(out).toEqual([{ kind: 'message', message: ping }]);
  });

  it('skips blank and whitespace-only lines silently', () => {
    const { reader, out } = collect();
    reader.push(Buffer.from(`\n\r\n   \n\t\n${JSON.stringify(ping)}\n\n`));
    expect(out).toEqual([{ kind: 'message', message: ping }]);
  });

  it('reports non-JSON lines (a server logging to stdout) as noise and keeps reading', () => {
    const { reader, out } = collect();
    reader.push(Buffer.from(`Server listening on stdio\n${JSON.stringify(ping)}\n{broken json\n`));
    expect(out).toEqual([
      { kind: 'noise', line: 'Server listening on stdio' },
      { kind: 'message', message: ping },
      { kind: 'noise', line: '{broken json' },
    ]);
  });

  it('reports JSON that is not an object (number, string, null, array, boolean) as noise', () => {
    const { reader, out } = collect();
    const lines = ['42', '"a string"', 'null', '[1,2]', `[${JSON.stringify(ping)}]`, 'true'];
    reader.push(Buffer.from(lines.join('\n') + '\n'));
    expect(out).toEqual(lines.map((line) => ({ kind: 'noise', line })));
  });

  it('passes any JSON object through as a message (validation is the receiver’s job)', () => {
    const { reader, out } = collect();
    reader.push(Buffer.from('{"level":"info","msg":"started"}\n'));
    expect(out).toEqual([{ kind: 'message', message: { level: 'info', msg: 'started' } }]);
  });

  it('decodes a multi-byte UTF-8 character split across two chunks correctly', () => {
    const { reader, out } = collect();
    const text = 'héllo — 日本 🚀';
    const bytes = Buffer.from(`${JSON.stringify({ jsonrpc: '2.0', method: 'x', params: { text } })}\n`);
    const rocket = bytes.indexOf(Buffer.from('🚀'));
    // Cut inside the 4-byte emoji, then inside a 3-byte CJK character.
    reader.push(bytes.subarray(0, rocket + 2));
    reader.push(bytes.subarray(rocket + 2));
    expect(out).toEqual([{ kind: 'message', message: { jsonrpc: '2.0', method: 'x', params: { text } } }]);

    const again = collect();
    for (const byte of bytes) again.reader.push(Buffer.from([byte]));
    expect(again.out).toEqual(out);
  });

  it('keeps noise lines intact when they contain split multi-byte characters', () => {
    const { reader, out } = collect();
    const bytes = Buffer.from('démarrage…\n');
    reader.push(bytes.subarray(0, 2)); // 'd' + first byte of 'é'
    reader.push(bytes.subarray(2));
    expect(out).toEqual([{ kind: 'noise', line: 'démarrage…' }]);
  });

  it('drops an unterminated line that grows past maxLineBytes, says so, and recovers at the next line', () => {
    const { reader, out } = collect(16);
    reader.push(Buffer.from('x'.repeat(20)));
    expect(out).toEqual([{ kind: 'oversized', phase: 'started', limitBytes: 16, head: 'x'.repeat(20) }]);
    reader.push(Buffer.from(`\n${JSON.stringify(ping)}\n`));
    expect(out.slice(2)).toEqual([{ kind: 'message', message: ping }]);
  });

  it('does not drop a long line that arrives complete in one chunk', () => {
    const { reader, out } = collect(16);
    const long = { jsonrpc: '2.0', method: 'x', params: { pad: 'y'.repeat(100) } };
    reader.push(Buffer.from(`${JSON.stringify(long)}\n`));
    expect(out).toEqual([{ kind: 'message', message: long }]);
  });

  it('does not corrupt buffered data when the caller reuses its chunk buffer', () => {
    const { reader, out } = collect();
    const line = Buffer.from(`${JSON.stringify(ping)}\n`);
    const chunk = Buffer.from(line.subarray(0, 10));
    reader.push(chunk);
    chunk.fill(0x20);
    reader.push(line.subarray(10));
    expect(out).toEqual([{ kind: 'message', message: ping }]);
  });
});

describe('JsonLineReader: large messages and floods', () => {
  const chunkBytes = 64 * 1024;
  /** A `bytes`-long result message fed in stream-sized chunks; returns the ms it took. */
  function feed(reader: JsonLineReader, bytes: number): number {
    const message = Buffer.from(`{"jsonrpc":"2.0","id":7,"result":{"text":"${'x'.repeat(bytes)}"}}\n`);
    const started = performance.now();
    for (let at = 0; at < message.length; at += chunkBytes) reader.push(message.subarray(at, at + chunkBytes));
    return performance.now() - started;
  }

  it('reads a large line in time linear in its size (chunks joined once, not copied per chunk)', () => {
    const sizes = [8, 40].map((mb) => mb * 1024 * 1024);
    const times = sizes.map((bytes) => {
      const { reader, out } = collect(64 * 1024 * 1024);
      const ms = feed(reader, bytes);
      expect(out).toHaveLength(1);
      expect((out[0] as unknown as { message: { result: { text: string } } }).message.result.text.length).toBe(bytes);
      return ms;
    });
    // Quadratic copying made 5x the size cost ~25x the time; linear stays near 5x (JSON.parse is most of it).
    expect(times[1]!).toBeLessThan(times[0]! * 10 + 50);
  });

  it('drops a line past the cap as it arrives, reports its start and end, and reads the next line', () => {
    const { reader, out } = collect(1024 * 1024);
    reader.push(Buffer.from('{"jsonrpc":"2.0","id":41,"result":{"text":"'));
    const junk = Buffer.alloc(chunkBytes, 0x78);
    for (let i = 0; i < 64; i++) reader.push(junk); // 4 MB: 3 MB past the cap
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'oversized', phase: 'started', limitBytes: 1024 * 1024 });
    expect((out[0] as { head: string }).head.startsWith('{"jsonrpc":"2.0","id":41,')).toBe(true);
    reader.push(Buffer.from(`"}}\n${JSON.stringify(ping)}\n`));
    expect(out[1]).toMatchObject({ kind: 'oversized', phase: 'ended', bytes: 43 + 64 * chunkBytes + 3 });
    expect((out[1] as { tail: string }).tail.endsWith('xxx"}}')).toBe(true);
    expect(out[2]).toEqual({ kind: 'message', message: ping });
  });

  it('drops a line whose last chunk takes it past the cap', () => {
    const { reader, out } = collect(100);
    reader.push(Buffer.from(`{"id":1,"pad":"${'y'.repeat(80)}`));
    reader.push(Buffer.from(`${'y'.repeat(40)}"}\n{"id":2}\n`));
    expect(out.map((o) => (o.kind === 'oversized' ? o.phase : o.kind))).toEqual(['started', 'ended', 'message']);
  });

  it('scans a 200 MB flood without a newline in bounded steps and keeps nothing of it', () => {
    const { reader, out } = collect(32 * 1024 * 1024);
    const junk = Buffer.alloc(chunkBytes, 0x78);
    let slowest = 0;
    for (let i = 0; i < (200 * 1024 * 1024) / chunkBytes; i++) {
      const started = performance.now();
      reader.push(junk);
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(out).toHaveLength(1);
    // One push is one chunk's scan (plus, once, the join of what was kept for the head): a few ms at most.
    expect(slowest).toBeLessThan(50);
    expect((reader as unknown as { bufferedBytes: number }).bufferedBytes).toBe(0);
  });
});

describe('parseLine', () => {
  it('returns a message for a JSON object and noise for anything else', () => {
    expect(parseLine('{"a":1}')).toEqual({ kind: 'message', message: { a: 1 } });
    expect(parseLine('nope')).toEqual({ kind: 'noise', line: 'nope' });
    expect(parseLine('')).toEqual({ kind: 'noise', line: '' });
  });
});

describe('JsonLineReader with the parse thread', () => {
  const big = (id: number, bytes: number) => `{"jsonrpc":"2.0","id":${id},"result":{"content":[{"type":"text","text":"${'x'.repeat(bytes)}"}]}}`;
  const idOf = (outcome: LineOutcome) => (outcome.kind === 'message' ? (outcome.message as { id: number }).id : outcome.kind);

  it('parses a large line on the thread and delivers the lines after it in order, once it is back', async () => {
    const out: LineOutcome[] = [];
    const reader = new JsonLineReader((o) => out.push(o), 64 * 1024 * 1024, lineParseThread);
    const bytes = Buffer.from(`${big(1, 3 * 1024 * 1024)}\n${JSON.stringify({ ...ping, id: 2 })}\nnot json\n`);
    for (let start = 0; start < bytes.length; start += 65_536) reader.push(bytes.subarray(start, start + 65_536));
    // Nothing overtakes the large line while it is on the thread.
    expect(out).toEqual([]);
    await reader.idle();
    expect(out.map(idOf)).toEqual([1, 2, 'noise']);
    const text = ((out[0] as unknown as { message: { result: { content: Array<{ text: string }> } } }).message.result.content[0]!.text as string).length;
    expect(text).toBe(3 * 1024 * 1024);
  });

  it('reports a large line that is not JSON as noise, cut for the log', async () => {
    const out: LineOutcome[] = [];
    const reader = new JsonLineReader((o) => out.push(o), 64 * 1024 * 1024, lineParseThread);
    reader.push(Buffer.from(`${'y'.repeat(2 * 1024 * 1024)}\n`));
    await reader.idle();
    expect(out).toHaveLength(1);
    expect(out[0]!.kind).toBe('noise');
    expect((out[0] as { line: string }).line).toBe('y'.repeat(64 * 1024));
  });

  it('parses a line below the threshold at once, on its own thread', () => {
    const out: LineOutcome[] = [];
    const reader = new JsonLineReader((o) => out.push(o), 64 * 1024 * 1024, lineParseThread);
    reader.push(Buffer.from(`${big(7, threadedParseBytes - 200)}\n`));
    expect(out.map(idOf)).toEqual([7]);
  });
});
