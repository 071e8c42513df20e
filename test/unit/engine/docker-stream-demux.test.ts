import { describe, expect, it } from 'vitest';
import { DockerStreamDemuxer, type DemuxedStream } from '../../../electron/runtime/docker-stream-demux.js';

/** One frame of Docker's multiplexed attach stream: type, three zero bytes, big-endian length, payload. */
function frame(type: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function collect(): { demuxer: DockerStreamDemuxer; got: Array<{ stream: DemuxedStream; payload: Buffer }>; text: () => Array<[DemuxedStream, string]> } {
  const got: Array<{ stream: DemuxedStream; payload: Buffer }> = [];
  // Copy each payload: a consumer may keep it after push() returns, so it must stay valid.
  const demuxer = new DockerStreamDemuxer((stream, payload) => got.push({ stream, payload: Buffer.from(payload) }));
  return { demuxer, got, text: () => got.map(({ stream, payload }) => [stream, payload.toString('utf8')]) };
}

describe('DockerStreamDemuxer', () => {
  it('emits one stdout frame delivered in one chunk', () => {
    const { demuxer, text } = collect();
    demuxer.push(frame(1, '{"jsonrpc":"2.0"}\n'));
    expect(text()).toEqual([['stdout', '{"jsonrpc":"2.0"}\n']]);
  });

  it('tells stderr (type 2) from stdout (type 1)', () => {
    const { demuxer, text } = collect();
    demuxer.push(Buffer.concat([frame(2, 'warning\n'), frame(1, 'out\n'), frame(2, 'again\n')]));
    expect(text()).toEqual([
      ['stderr', 'warning\n'],
      ['stdout', 'out\n'],
      ['stderr', 'again\n'],
    ]);
  });

  it('treats stdin echo (type 0) and unknown types as stdout, never as stderr', () => {
    const { demuxer, text } = collect();
    demuxer.push(Buffer.concat([frame(0, 'zero'), frame(3, 'three'), frame(255, 'ff')]));
    expect(text()).toEqual([
      ['stdout', 'zero'],
      ['stdout', 'three'],
      ['stdout', 'ff'],
    ]);
  });

  it('reassembles frames fed one byte at a time, header and payload alike', () => {
    const { demuxer, text } = collect();
    const stream = Buffer.concat([frame(1, 'hello'), frame(2, 'oops'), frame(1, 'world')]);
    for (const byte of stream) demuxer.push(Buffer.from([byte]));
    expect(text()).toEqual([
      ['stdout', 'hello'],
      ['stderr', 'oops'],
      ['stdout', 'world'],
    ]);
  });

  it('emits nothing until a split frame is complete', () => {
    const { demuxer, got } = collect();
    const whole = frame(1, 'abcdef');
    demuxer.push(whole.subarray(0, 5)); // part of the header
    expect(got).toHaveLength(0);
    demuxer.push(whole.subarray(5, 10)); // rest of the header and two payload bytes
    expect(got).toHaveLength(0);
    demuxer.push(whole.subarray(10));
    expect(got.map((g) => g.payload.toString())).toEqual(['abcdef']);
  });

  it('handles every possible split point of a two-frame stream', () => {
    const stream = Buffer.concat([frame(1, 'first payload'), frame(2, 'second')]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const { demuxer, text } = collect();
      demuxer.push(stream.subarray(0, cut));
      demuxer.push(stream.subarray(cut));
      expect(text(), `cut at ${cut}`).toEqual([
        ['stdout', 'first payload'],
        ['stderr', 'second'],
      ]);
    }
  });

  it('emits several frames packed in one chunk, in order, and keeps a trailing partial frame for later', () => {
    const { demuxer, text } = collect();
    const third = frame(1, 'three');
    demuxer.push(Buffer.concat([frame(1, 'one'), frame(1, 'two'), third.subarray(0, 9)]));
    expect(text()).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
    ]);
    demuxer.push(third.subarray(9));
    expect(text()).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
      ['stdout', 'three'],
    ]);
  });

  it('passes zero-length frames through as empty payloads without stalling the frames after them', () => {
    const { demuxer, got } = collect();
    demuxer.push(Buffer.concat([frame(1, ''), frame(2, ''), frame(1, 'after')]));
    expect(got.map((g) => [g.stream, g.payload.length])).toEqual([
      ['stdout', 0],
      ['stderr', 0],
      ['stdout', 5],
    ]);
  });

  it('handles a zero-length frame whose header arrives alone', () => {
    const { demuxer, got } = collect();
    demuxer.push(frame(2, ''));
    expect(got.map((g) => [g.stream, g.payload.length])).toEqual([['stderr', 0]]);
  });

  it('reassembles a 5 MiB frame split into 64 KiB chunks, byte for byte', () => {
    const { demuxer, got } = collect();
    const payload = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) & 0xff;
    const stream = Buffer.concat([frame(1, payload), frame(2, 'tail')]);
    for (let offset = 0; offset < stream.length; offset += 64 * 1024) demuxer.push(stream.subarray(offset, offset + 64 * 1024));
    expect(got).toHaveLength(2);
    expect(got[0]?.stream).toBe('stdout');
    expect(got[0]?.payload.equals(payload)).toBe(true);
    expect(got[1]?.payload.toString()).toBe('tail');
  });

  it('reads the length as an unsigned 32-bit big-endian number (not just the low byte)', () => {
    const { demuxer, got } = collect();
    const payload = Buffer.alloc(0x0102, 0x61); // 258 bytes: the length's high byte matters
    demuxer.push(frame(1, payload));
    expect(got[0]?.payload.length).toBe(258);
  });

  it('does not corrupt earlier payloads when the caller reuses its chunk buffer', () => {
    const received: string[] = [];
    const demuxer = new DockerStreamDemuxer((_stream, payload) => received.push(payload.toString()));
    const chunk = Buffer.concat([frame(1, 'abc'), frame(1, 'de')]);
    const reused = Buffer.alloc(chunk.length);
    chunk.copy(reused);
    demuxer.push(reused.subarray(0, 10)); // whole first frame (11 bytes) not yet complete
    reused.fill(0x7a, 0, 10); // the stream implementation reuses its buffer
    demuxer.push(chunk.subarray(10));
    expect(received).toEqual(['abc', 'de']);
  });

  it('emits nothing for an empty chunk', () => {
    const { demuxer, got } = collect();
    demuxer.push(Buffer.alloc(0));
    expect(got).toEqual([]);
  });
});
