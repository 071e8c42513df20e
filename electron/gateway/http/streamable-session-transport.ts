import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, Transport, TransportSendOptions } from '@modelcontextprotocol/client';
import { SUBSCRIPTION_ID_META_KEY } from '../spec-constants.js';
import type { RequestId } from '../json-rpc.js';
import { openEventStream, sliceChars, writeEvent, writeInSlices, writeLargeEvent } from './sse.js';

/** The HTTP response a POSTed request is answered on: plain JSON unless something must stream first. */
interface Exchange {
  response: ServerResponse;
  streaming: boolean;
  headers: Record<string, string>;
  /** The id the client used, when this transport renamed it (shared stateless session). */
  clientId: RequestId;
  /** The request's `Mcp-Param-*` headers, passed on to an HTTP backend. */
  paramHeaders: Record<string, string> | undefined;
}

export interface StreamableSessionOptions {
  /**
   * 2026-07-28 clients have no session: their requests all share one gateway session, so request ids from
   * different clients could collide. With this set, each request gets a unique id inside the gateway and its
   * own id back in the answer; closing a request's stream cancels it (the 2026 cancellation signal).
   */
  stateless?: boolean;
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
  private nextInternalId = 1;
  private readonly closeListeners: Array<() => void> = [];

  constructor(private readonly options: StreamableSessionOptions = {}) {}

  /** The stateless session is shared by every 2026-07-28 client of its profile (see ClientSession.sharedByClients). */
  get sharedByClients(): boolean {
    return this.options.stateless === true;
  }

  async start(): Promise<void> {}

  /** A request is being answered or the GET stream is open. */
  get inUse(): boolean {
    return this.exchanges.size > 0 || this.standalone !== undefined;
  }

  /** Called once the session ends. Unlike `onclose`, which the gateway's session takes over, any number may listen. */
  onceClosed(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** A POSTed request: its answer will be written to `response`. */
  acceptRequest(
    message: JSONRPCMessage & { id: RequestId },
    response: ServerResponse,
    headers: Record<string, string>,
    paramHeaders?: Record<string, string>,
  ): void {
    const id = this.options.stateless ? `http-${this.nextInternalId++}` : message.id;
    const exchange: Exchange = { response, streaming: false, headers, clientId: message.id, paramHeaders };
    this.exchanges.set(id, exchange);
    // An answer that takes longer than a quick one goes on an SSE stream opened now: the client gets its headers
    // (and its own timeouts and keep-alives behave) instead of a silent response until the call ends.
    setTimeout(() => {
      if (this.exchanges.get(id) !== exchange || exchange.streaming || response.headersSent) return;
      openEventStream(response, headers);
      exchange.streaming = true;
    }, openStreamAfterMs).unref();
    response.on('close', () => {
      if (this.exchanges.get(id)?.response !== response) return;
      this.exchanges.delete(id);
      // 2025-11-25: a hang-up only loses the reply. 2026-07-28: closing the stream cancels the request.
      if (this.options.stateless) this.onmessage?.({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'stream closed' } });
    });
    this.onmessage?.(this.options.stateless ? { ...message, id } : message);
  }

  /** The `Mcp-Param-*` headers the request with this id came with (asked while it is being answered). */
  paramHeadersFor(id: RequestId): Record<string, string> | undefined {
    return this.exchanges.get(id)?.paramHeaders;
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
    const body = JSON.stringify(exchange && exchange.clientId !== related ? withClientId(message, related!, exchange.clientId) : message);
    if (!exchange) {
      if (this.standalone) writeEvent(this.standalone, body);
      return;
    }
    const answersExchange = isResponse && (message as { id: RequestId }).id === related;
    if (answersExchange) {
      this.exchanges.delete(related!);
      // The answer is the exchange's last message: a large one goes out in slices (see writeInSlices).
      if (exchange.streaming) {
        await writeLargeEvent(exchange.response, body);
        exchange.response.end();
      } else {
        exchange.response.writeHead(this.options.stateless ? statelessStatus(message) : 200, { 'Content-Type': 'application/json', ...exchange.headers });
        if (body.length > sliceChars) await writeInSlices(exchange.response, body);
        exchange.response.end(body.length > sliceChars ? undefined : body);
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
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

/** How long a request may go unanswered before its response becomes an SSE stream (headers sent at once). */
export const openStreamAfterMs = 100;

/** Puts the client's own request id back on an answer (and on a listen stream's subscription id). */
function withClientId(message: JSONRPCMessage, internalId: RequestId, clientId: RequestId): JSONRPCMessage {
  const m = message as Record<string, unknown>;
  if (m.id === internalId) return { ...m, id: clientId } as JSONRPCMessage;
  const params = m.params as { _meta?: Record<string, unknown> } | undefined;
  if (params?._meta?.[SUBSCRIPTION_ID_META_KEY] === internalId) {
    return { ...m, params: { ...params, _meta: { ...params._meta, [SUBSCRIPTION_ID_META_KEY]: clientId } } } as unknown as JSONRPCMessage;
  }
  return message;
}

/** 2026-07-28 carries some JSON-RPC errors in the HTTP status too: an unknown method is 404, a bad envelope 400. */
function statelessStatus(message: JSONRPCMessage): number {
  const code = (message as { error?: { code?: number } }).error?.code;
  if (code === -32601) return 404;
  if (code === -32602 || code === -32020 || code === -32021 || code === -32022) return 400;
  return 200;
}
