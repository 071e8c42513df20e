import type { JSONRPCMessage } from '@modelcontextprotocol/client';

/** The default cap on one message from a server: 32 MB (settings: gateway.maxMessageMb, servers.<name>.maxMessageMb). */
export const defaultMaxMessageBytes = 32 * 1024 * 1024;

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
 */
export class JsonLineReader {
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  private dropping: { bytes: number; head: string; tail: Buffer } | undefined;

  constructor(
    private readonly onLine: (outcome: LineOutcome) => void,
    private readonly maxLineBytes = defaultMaxMessageBytes,
  ) {}

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
      this.onLine({ kind: 'oversized', phase: 'ended', limitBytes: this.maxLineBytes, bytes: bytes + piece.length, head, tail: tailText });
      return;
    }
    if (this.bufferedBytes > 0 && this.bufferedBytes + piece.length > this.maxLineBytes) {
      // The end of a long line took it past the cap: dropped like one that crossed it earlier.
      this.startDropping(piece);
      this.endLine(Buffer.alloc(0));
      return;
    }
    const line = this.chunks.length > 0 ? Buffer.concat([...this.chunks, piece], this.bufferedBytes + piece.length) : piece;
    this.chunks = [];
    this.bufferedBytes = 0;
    const end = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
    const text = line.toString('utf8', 0, end);
    // A message starts with "{"; anything else is checked for being blank before it counts as noise.
    if (text.charCodeAt(0) === 0x7b || text.trim().length > 0) this.onLine(parseLine(text));
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
    this.onLine({ kind: 'oversized', phase: 'started', limitBytes: this.maxLineBytes, head });
  }
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
