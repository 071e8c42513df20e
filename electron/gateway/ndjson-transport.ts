import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { CoalescedLineWriter } from '../runtime/coalesced-line-writer.js';
import { JsonLineReader } from '../runtime/json-line-reader.js';

/**
 * MCP's stdio framing (one JSON-RPC message per line) over any pair of streams: the gateway's own stdin/stdout
 * when a client launches `switchyard gateway run`. Lines that are not JSON-RPC go to onparseerror, so the
 * session can answer them with a JSON-RPC parse error instead of silently dropping them.
 */
export class NdjsonTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  onparseerror?: (line: string) => void;

  private closed = false;
  private readonly writer: CoalescedLineWriter;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {
    this.writer = new CoalescedLineWriter(output);
  }

  async start(): Promise<void> {
    const reader = new JsonLineReader((outcome) => {
      if (outcome.kind === 'message') this.onmessage?.(outcome.message);
      else if (outcome.kind === 'noise') this.onparseerror?.(outcome.line);
      else if (outcome.phase === 'started') this.onparseerror?.(`[a message over ${outcome.limitBytes} bytes, dropped]`);
    });
    this.input.on('data', (chunk: Buffer | string) => reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    this.input.on('end', () => void this.close());
    this.input.on('error', (error: Error) => this.onerror?.(error));
    this.output.on('error', (error: Error) => {
      this.onerror?.(error);
      void this.close();
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return;
    this.writer.write(JSON.stringify(message) + '\n');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.writer.flush(); // answers sent just before the close still go out
    this.input.removeAllListeners('data');
    this.onclose?.();
  }
}
