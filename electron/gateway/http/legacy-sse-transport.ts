import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { openEventStream, writeEvent } from './sse.js';

/**
 * The 2024-11-05 HTTP+SSE transport, for older clients: one long GET stream carries every server message;
 * the client POSTs its messages to the endpoint announced in the first event.
 */
export class LegacySseTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly stream: ServerResponse,
    private readonly postPath: string,
  ) {}

  async start(): Promise<void> {
    openEventStream(this.stream);
    writeEvent(this.stream, `${this.postPath}?sessionId=${this.sessionId}`, 'endpoint');
    this.stream.on('close', () => void this.close());
  }

  /** The session's stream is open for as long as the session lives. */
  get inUse(): boolean {
    return !this.closed;
  }

  /** Called once the session ends. Unlike `onclose`, which the gateway's session takes over, any number may listen. */
  onceClosed(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  accept(message: JSONRPCMessage): void {
    this.onmessage?.(message);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (!this.closed) writeEvent(this.stream, JSON.stringify(message));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stream.end();
    this.onclose?.();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
