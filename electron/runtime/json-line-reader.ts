import type { JSONRPCMessage } from '@modelcontextprotocol/client';

export type LineOutcome = { kind: 'message'; message: JSONRPCMessage } | { kind: 'noise'; line: string };

/**
 * Newline-delimited JSON-RPC, as MCP's stdio transport frames it. Only JSON.parse and a shape check: the
 * gateway relays messages and leaves full schema validation to the endpoints, which keeps the hot path cheap.
 * A line that is not JSON-RPC is reported as noise (some servers log to stdout) rather than killing the link.
 */
export class JsonLineReader {
  private buffered: Buffer | undefined;

  constructor(
    private readonly onLine: (outcome: LineOutcome) => void,
    private readonly maxLineBytes = 64 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let data = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk;
    let newline = data.indexOf(0x0a);
    while (newline !== -1) {
      const end = newline > 0 && data[newline - 1] === 0x0d ? newline - 1 : newline;
      const line = data.toString('utf8', 0, end);
      data = data.subarray(newline + 1);
      // A message starts with "{"; anything else is checked for being blank before it counts as noise.
      if (line.charCodeAt(0) === 0x7b || line.trim().length > 0) this.onLine(parseLine(line));
      newline = data.indexOf(0x0a);
    }
    if (data.length > this.maxLineBytes) {
      this.onLine({ kind: 'noise', line: `[dropped ${data.length} bytes without a newline]` });
      data = Buffer.alloc(0);
    }
    this.buffered = data.length > 0 ? Buffer.from(data) : undefined;
  }
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
