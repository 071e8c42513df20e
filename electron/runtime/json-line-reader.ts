import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import type { LineParseThread, ParsedLine } from './line-parse-thread.js';

/** The default cap on one message from a server: 32 MB (settings: gateway.maxMessageMb, servers.<name>.maxMessageMb). */
export const defaultMaxMessageBytes = 32 * 1024 * 1024;

/** Lines at least this large are parsed on the parse thread (see line-parse-thread.ts), not on the event loop. */
export const threadedParseBytes = 1024 * 1024;

/** How much of a dropped message's start and end is kept, to tell which request it answered. */
const edgeBytes = 256;

/**
 * A message that grew past the cap. `started`: the moment it crossed the cap (its first bytes in `head`); from
 * then on its bytes are counted and dropped, never buffered. `ended`: its newline arrived (the stream is in step
 * again), with its size and last bytes in `tail`.
 */
export type OversizedMessage =
  { phase: 'started'; limitBytes: number; head: string } | { phase: 'ended'; limitBytes: number; bytes: number; head: string; tail: string };

export type LineOutcome = { kind: 'message'; message: JSONRPCMessage } | { kind: 'noise'; line: string } | ({ kind: 'oversized' } & OversizedMessage);

/**
 * Newline-delimited JSON-RPC, as MCP's stdio transport frames it. Only JSON.parse and a shape check: the
 * gateway relays messages and leaves full schema validation to the endpoints, which keeps the hot path cheap.
 * A line that is not JSON-RPC is reported as noise (some servers log to stdout) rather than killing the link.
 *
 * Linear in the bytes read: a partial line is kept as the list of its chunks and joined once, when its newline
 * arrives (never copied again per chunk). A line that grows past `maxLineBytes` is dropped as it arrives (its
 * bytes counted, not kept, so memory stays bounded by the cap), reported as `oversized`, and reading resumes
 * after its newline. Each push does work proportional to its chunk only, so a flood without a newline never
 * holds the event loop longer than one chunk takes to scan. A line that arrives whole within one chunk is already
 * in memory and is parsed whatever its size (stream chunks are at most 64 KB).
 *
 * A line of `threadedParseBytes` or more is joined, decoded and parsed on the parse thread when one is given, so
 * that a 50 MB result does not hold the event loop for it; the lines after it wait for it, so that outcomes are
 * always delivered in the order the server wrote them (idle() says when all are delivered).
 */
export class JsonLineReader {
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  private dropping: { bytes: number; head: string; tail: Buffer } | undefined;
  /** Outcomes not delivered yet because a line before them is still being parsed on the thread. */
  private queued = 0;
  private delivered: Promise<void> = Promise.resolve();

  constructor(
    private readonly onLine: (outcome: LineOutcome) => void,
    private readonly maxLineBytes = defaultMaxMessageBytes,
    private readonly parseThread?: LineParseThread,
  ) {}

  /** Resolves once every line read so far has been delivered (a large one may still be on the parse thread). */
  idle(): Promise<void> {
    return this.delivered;
  }

  push(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(0x0a);
    while (newline !== -1) {
      this.endLine(chunk.subarray(start, newline));
      start = newline + 1;
      newline = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  private endLine(piece: Buffer): void {
    if (this.dropping) {
      const { bytes, head, tail } = this.dropping;
      this.dropping = undefined;
      const last = Buffer.concat([tail, piece]);
      const tailText = last.toString('utf8', Math.max(0, last.length - edgeBytes));
      this.deliver({ kind: 'oversized', phase: 'ended', limitBytes: this.maxLineBytes, bytes: bytes + piece.length, head, tail: tailText });
      return;
    }
    if (this.bufferedBytes > 0 && this.bufferedBytes + piece.length > this.maxLineBytes) {
      // The end of a long line took it past the cap: dropped like one that crossed it earlier.
      this.startDropping(piece);
      this.endLine(Buffer.alloc(0));
      return;
    }
    const bytes = this.bufferedBytes + piece.length;
    if (bytes >= threadedParseBytes && this.parseThread?.available) {
      const chunks = [...this.chunks, Buffer.from(piece)];
      this.chunks = [];
      this.bufferedBytes = 0;
      this.deliver(this.parseThread.parse(chunks).then((parsed) => threadOutcome(parsed, bytes)));
      return;
    }
    const line = this.chunks.length > 0 ? Buffer.concat([...this.chunks, piece], bytes) : piece;
    this.chunks = [];
    this.bufferedBytes = 0;
    const end = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
    const text = line.toString('utf8', 0, end);
    // A message starts with "{"; anything else is checked for being blank before it counts as noise.
    if (text.charCodeAt(0) === 0x7b || text.trim().length > 0) this.deliver(parseLine(text));
  }

  /** Hands an outcome on at once, unless a line before it is still on the parse thread: then after that one. */
  private deliver(outcome: LineOutcome | Promise<LineOutcome>): void {
    if (this.queued === 0 && !(outcome instanceof Promise)) return this.onLine(outcome);
    this.queued += 1;
    this.delivered = Promise.all([this.delivered, outcome]).then(([, ready]) => {
      this.queued -= 1;
      try {
        this.onLine(ready);
      } catch (error) {
        // As thrown from a stream's data handler: the receiver's own fault, not this queue's.
        queueMicrotask(() => {
          throw error;
        });
      }
    });
  }

  /** The part of a chunk after its last newline: kept until the line ends, or counted and dropped past the cap. */
  private keep(rest: Buffer): void {
    if (this.dropping) {
      this.dropping.bytes += rest.length;
      this.dropping.tail = lastBytes(this.dropping.tail, rest);
      return;
    }
    if (this.bufferedBytes + rest.length > this.maxLineBytes) {
      this.startDropping(rest);
      return;
    }
    // A copy: the caller may reuse its chunk's memory. Each byte is copied once here and once when joined.
    this.chunks.push(Buffer.from(rest));
    this.bufferedBytes += rest.length;
  }

  private startDropping(rest: Buffer): void {
    const first = this.chunks.length > 0 ? Buffer.concat([this.chunks[0]!, rest]) : rest;
    const head = first.toString('utf8', 0, Math.min(first.length, edgeBytes));
    this.dropping = { bytes: this.bufferedBytes + rest.length, head, tail: lastBytes(Buffer.alloc(0), rest) };
    this.chunks = [];
    this.bufferedBytes = 0;
    this.deliver({ kind: 'oversized', phase: 'started', limitBytes: this.maxLineBytes, head });
  }
}

function threadOutcome(parsed: ParsedLine | undefined, bytes: number): LineOutcome {
  if (!parsed) return { kind: 'noise', line: `[switchyard] a line of ${bytes} bytes was lost: the thread parsing it failed` };
  return parsed.kind === 'message' ? { kind: 'message', message: parsed.value as JSONRPCMessage } : parsed;
}

function lastBytes(before: Buffer, next: Buffer): Buffer {
  if (next.length >= edgeBytes) return Buffer.from(next.subarray(next.length - edgeBytes));
  const joined = Buffer.concat([before, next]);
  return Buffer.from(joined.subarray(Math.max(0, joined.length - edgeBytes)));
}

export function parseLine(line: string): LineOutcome {
  try {
    const value: unknown = JSON.parse(line);
    if (isJsonRpcShaped(value)) return { kind: 'message', message: value };
  } catch {
    // fall through: not JSON
  }
  return { kind: 'noise', line };
}

/** Any JSON object counts: the receiver checks the JSON-RPC details and answers a bad one with "invalid request". */
function isJsonRpcShaped(value: unknown): value is JSONRPCMessage {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
