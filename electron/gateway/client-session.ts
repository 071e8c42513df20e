import { randomUUID } from 'node:crypto';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { gatewayCapabilities, negotiateProtocolVersion, clientCapabilityFor } from './protocol.js';
import type { RequestOrigin } from './backend-connection.js';
import {
  classify,
  errorOutcome,
  outcomeOf,
  rpcErrorCodes,
  withId,
  type RequestId,
  type RpcNotification,
  type RpcOutcome,
  type RpcRequest,
  type RpcResponse,
} from './json-rpc.js';

/** What a session needs from the gateway: routing of requests and notifications it does not answer itself. */
export interface SessionHost {
  readonly serverInfo: { name: string; version: string };
  handleRequest(session: ClientSession, request: RpcRequest, origin: RequestOrigin, signal: AbortSignal): Promise<RpcOutcome>;
  handleNotification(session: ClientSession, notification: RpcNotification): void;
  sessionClosed(session: ClientSession): void;
}

/**
 * One connected MCP client. Answers the handshake and ping itself, hands everything else to the gateway,
 * and relays what servers send back: responses, progress for its own calls, server-to-client requests
 * (only those its declared capabilities allow), and broadcast notifications.
 */
export class ClientSession {
  readonly id = randomUUID();
  clientInfo: { name?: string; version?: string } = {};
  clientCapabilities: Record<string, unknown> = {};
  protocolVersion: string | undefined;

  private readonly inFlight = new Map<RequestId, AbortController>();
  private readonly cancelledByClient = new Set<RequestId>();
  private readonly awaitingClient = new Map<number, (outcome: RpcOutcome) => void>();
  private nextOutgoingId = 1;
  private closed = false;

  constructor(
    private readonly transport: Transport & { onparseerror?: (line: string) => void },
    private readonly host: SessionHost,
  ) {}

  async start(): Promise<void> {
    this.transport.onmessage = (message) => this.receive(message);
    this.transport.onparseerror = (line) =>
      void this.send({ jsonrpc: '2.0', id: null, error: { code: rpcErrorCodes.parseError, message: `Parse error: not a JSON-RPC message: ${line.slice(0, 200)}` } });
    this.transport.onclose = () => this.handleClose();
    await this.transport.start();
  }

  notify(notification: RpcNotification): void {
    void this.send(notification);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private receive(raw: JSONRPCMessage): void {
    const classified = classify(raw);
    switch (classified.kind) {
      case 'request':
        void this.answer(classified.message);
        return;
      case 'notification':
        this.receiveNotification(classified.message);
        return;
      case 'response':
        this.receiveResponse(classified.message);
        return;
      case 'invalid':
        void this.send({ jsonrpc: '2.0', id: classified.id, error: { code: rpcErrorCodes.invalidRequest, message: `Invalid request: ${classified.reason}` } });
        return;
    }
  }

  private async answer(request: RpcRequest): Promise<void> {
    const outcome = await this.outcomeFor(request);
    // MCP: the receiver of a cancellation does not answer the cancelled request.
    if (this.cancelledByClient.delete(request.id)) return;
    await this.send(withId(request.id, outcome), request.id);
  }

  private async outcomeFor(request: RpcRequest): Promise<RpcOutcome> {
    switch (request.method) {
      case 'initialize':
        return this.initialize(request.params ?? {});
      case 'ping':
        return { result: {} };
      default:
        return this.forward(request);
    }
  }

  private initialize(params: Record<string, unknown>): RpcOutcome {
    this.protocolVersion = negotiateProtocolVersion(params.protocolVersion);
    this.clientInfo = (params.clientInfo as ClientSession['clientInfo'] | undefined) ?? {};
    this.clientCapabilities = (params.capabilities as Record<string, unknown> | undefined) ?? {};
    return {
      result: { protocolVersion: this.protocolVersion, capabilities: gatewayCapabilities, serverInfo: this.host.serverInfo },
    };
  }

  private async forward(request: RpcRequest): Promise<RpcOutcome> {
    const controller = new AbortController();
    this.inFlight.set(request.id, controller);
    try {
      return await this.host.handleRequest(this, request, this.originFor(request), controller.signal);
    } catch (error) {
      return errorOutcome(rpcErrorCodes.internalError, error instanceof Error ? error.message : String(error));
    } finally {
      this.inFlight.delete(request.id);
    }
  }

  private originFor(request: RpcRequest): RequestOrigin {
    return {
      onProgress: (params) => void this.send({ jsonrpc: '2.0', method: 'notifications/progress', params }, request.id),
      relayServerRequest: (method, params) => this.requestFromClient(method, params, request),
    };
  }

  /** A server-to-client request, sent to this client only if it declared the capability the method needs. */
  requestFromClient(method: string, params: Record<string, unknown> | undefined, during?: RpcRequest): Promise<RpcOutcome> {
    const capability = clientCapabilityFor[method];
    if (capability && this.clientCapabilities[capability] === undefined) {
      const who = this.clientInfo.name ? `Client "${this.clientInfo.name}"` : 'This client';
      return Promise.resolve(errorOutcome(rpcErrorCodes.methodNotFound, `${who} does not support ${capability} (needed for ${method} during ${during?.method ?? 'a call'}).`));
    }
    if (this.closed) return Promise.resolve(errorOutcome(rpcErrorCodes.internalError, 'The client session has closed.'));
    const id = this.nextOutgoingId++;
    const answered = new Promise<RpcOutcome>((resolve) => this.awaitingClient.set(id, resolve));
    void this.send(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params }, during?.id);
    return answered;
  }

  private receiveNotification(notification: RpcNotification): void {
    if (notification.method === 'notifications/initialized') return;
    if (notification.method === 'notifications/cancelled') {
      const requestId = notification.params?.requestId as RequestId | undefined;
      const controller = requestId === undefined ? undefined : this.inFlight.get(requestId);
      if (controller && requestId !== undefined) {
        this.cancelledByClient.add(requestId);
        controller.abort(notification.params?.reason);
      }
      return;
    }
    this.host.handleNotification(this, notification);
  }

  private receiveResponse(response: RpcResponse): void {
    if (typeof response.id !== 'number') return;
    const resolve = this.awaitingClient.get(response.id);
    if (!resolve) return;
    this.awaitingClient.delete(response.id);
    resolve(outcomeOf(response));
  }

  /** `related`: the client request this message belongs to (HTTP transports send it on that request's stream). */
  private async send(message: RpcResponse | RpcRequest | RpcNotification, related?: RequestId): Promise<void> {
    if (this.closed) return;
    try {
      await this.transport.send(message as JSONRPCMessage, related === undefined ? undefined : { relatedRequestId: related });
    } catch {
      // The client went away mid-send; handleClose cleans up.
    }
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    // A client that disconnects cancels its calls.
    for (const controller of this.inFlight.values()) controller.abort('client disconnected');
    for (const resolve of this.awaitingClient.values()) resolve(errorOutcome(rpcErrorCodes.internalError, 'The client session has closed.'));
    this.awaitingClient.clear();
    this.host.sessionClosed(this);
  }
}
