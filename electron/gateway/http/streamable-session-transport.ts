import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, Transport, TransportSendOptions } from '@modelcontextprotocol/client';
import type { RequestId } from '../json-rpc.js';
import { openEventStream, writeEvent } from './sse.js';

/** The HTTP response a POSTed request is answered on: plain JSON unless something must stream first. */
interface Exchange {
  response: ServerResponse;
  streaming: boolean;
  headers: Record<string, string>;
}

/**
 * One MCP session over Streamable HTTP (2025-11-25). Each POSTed request is answered on its own HTTP response:
 * as a single JSON body when the answer is all there is (the common, cheapest case), switching to an SSE
 * stream only when progress or a server-to-client request for that call comes first. Messages tied to no
 * request go to the session's GET stream, if the client opened one.
 */
export class StreamableSessionTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  protocolVersion: string | undefined;

  private readonly exchanges = new Map<RequestId, Exchange>();
  private standalone: ServerResponse | undefined;
  private closed = false;

  async start(): Promise<void> {}

  /** A POSTed request: its answer will be written to `response`. */
  acceptRequest(message: JSONRPCMessage & { id: RequestId }, response: ServerResponse, headers: Record<string, string>): void {
    this.exchanges.set(message.id, { response, streaming: false, headers });
    response.on('close', () => {
      // The client hung up before the answer: in 2025-11-25 that is not a cancellation, only a lost reply.
      if (this.exchanges.get(message.id)?.response === response) this.exchanges.delete(message.id);
    });
    this.onmessage?.(message);
  }

  /** A POSTed notification or response: acknowledged at once, then handled. */
  acceptOther(message: JSONRPCMessage): void {
    this.onmessage?.(message);
  }

  /** The GET stream for messages not tied to a request. A second GET replaces the first. */
  attachStandalone(response: ServerResponse, headers: Record<string, string>): void {
    this.standalone?.end();
    openEventStream(response, headers);
    this.standalone = response;
    response.on('close', () => {
      if (this.standalone === response) this.standalone = undefined;
    });
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.closed) return;
    const isResponse = 'result' in message || 'error' in message;
    const related = options?.relatedRequestId ?? (isResponse ? (message as { id: RequestId }).id : undefined);
    const exchange = related === undefined ? undefined : this.exchanges.get(related);
    const body = JSON.stringify(message);
    if (!exchange) {
      if (this.standalone) writeEvent(this.standalone, body);
      return;
    }
    const answersExchange = isResponse && (message as { id: RequestId }).id === related;
    if (answersExchange) {
      this.exchanges.delete(related!);
      if (exchange.streaming) {
        writeEvent(exchange.response, body);
        exchange.response.end();
      } else {
        exchange.response.writeHead(200, { 'Content-Type': 'application/json', ...exchange.headers });
        exchange.response.end(body);
      }
      return;
    }
    if (!exchange.streaming) {
      openEventStream(exchange.response, exchange.headers);
      exchange.streaming = true;
    }
    writeEvent(exchange.response, body);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const exchange of this.exchanges.values()) if (!exchange.response.headersSent) exchange.response.writeHead(404).end();
    this.exchanges.clear();
    this.standalone?.end();
    this.onclose?.();
  }
}
