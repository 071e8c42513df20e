import { randomUUID } from 'node:crypto';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { gatewayCapabilities, negotiateProtocolVersion, clientCapabilityFor } from './protocol.js';
import { CallCancellation } from './call-cancellation.js';
import { InputRoundTrips } from './input-round-trips.js';
import {
  claimedVersion,
  completeModernResult,
  modernProtocolVersion,
  removedInModernEra,
  discoverResult,
  isChangeNotification,
  isModernRequest,
  ListenSubscriptions,
  requestClientCapabilities,
  requestClientInfo,
} from './modern-era.js';
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
  handleRequest(session: ClientSession, request: RpcRequest, origin: RequestOrigin, cancellation: CallCancellation): Promise<RpcOutcome>;
  handleNotification(session: ClientSession, notification: RpcNotification): void;
  sessionClosed(session: ClientSession): void;
  /** A `subscriptions/listen` stream opened (with the resource URIs it watches) or closed (no URIs). */
  listening?(session: ClientSession, listenId: RequestId, resourceUris: string[]): void;
}

/** A client's transport, with what some transports know about a request beyond its message. */
export type SessionTransport = Transport & {
  /** Set by stdio transports: a line that is not JSON-RPC. */
  onparseerror?: (line: string) => void;
  /** Set by HTTP transports: the `Mcp-Param-*` headers the request came with. */
  paramHeadersFor?(id: RpcRequest['id']): Record<string, string> | undefined;
  /** True for the one session every stateless (2026-07-28) HTTP client of a profile shares. */
  readonly sharedByClients?: boolean;
};

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

  private readonly inFlight = new Map<RequestId, CallCancellation>();
  private readonly cancelledByClient = new Set<RequestId>();
  private readonly awaitingClient = new Map<number, (outcome: RpcOutcome) => void>();
  private nextOutgoingId = 1;
  private closed = false;
  /** Set once a 2025-era client has initialized: it gets unsolicited notifications on the session. */
  private legacyInitialized = false;
  private readonly subscriptions = new ListenSubscriptions();
  private readonly roundTrips = new InputRoundTrips();

  /** Servers this session added for itself (the gateway's add_server tool); they last as long as the session. */
  readonly added = new Set<string>();

  constructor(
    private readonly transport: SessionTransport,
    private readonly host: SessionHost,
    /** The profile whose servers this client sees (see profile-view.ts). */
    readonly profile = 'default',
  ) {}

  async start(): Promise<void> {
    this.transport.onmessage = (message) => this.receive(message);
    this.transport.onparseerror = (line) =>
      void this.send({
        jsonrpc: '2.0',
        id: null,
        error: { code: rpcErrorCodes.parseError, message: `Parse error: not a JSON-RPC message: ${line.slice(0, 200)}` },
      });
    this.transport.onclose = () => this.handleClose();
    await this.transport.start();
  }

  /** A notification for every client: 2025-era sessions get it as is, 2026-era ones only on a matching listen stream. */
  notify(notification: RpcNotification): void {
    if (this.legacyInitialized) void this.send(notification);
    if (!isChangeNotification(notification.method)) return;
    for (const { id, notification: stamped } of this.subscriptions.route(notification)) void this.send(stamped, id);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  /** The one session all stateless HTTP clients of a profile share: nothing can be added for one of them alone. */
  get sharedByClients(): boolean {
    return this.transport.sharedByClients === true;
  }

  /** A 2025-era client that declared roots: servers may ask for them outside a call (see client-roots.ts). */
  get sharesRoots(): boolean {
    return this.legacyInitialized && !this.closed && this.clientCapabilities.roots !== undefined;
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
    if (request.method === 'subscriptions/listen') return this.listen(request);
    const modern = isModernRequest(request);
    let outcome = await this.outcomeFor(request, modern);
    // MCP: the receiver of a cancellation does not answer the cancelled request.
    if (this.cancelledByClient.delete(request.id)) return;
    if (modern && 'result' in outcome) outcome = { result: completeModernResult(request.method, outcome.result, this.host.serverInfo) };
    // 2026-07-28 reports an unknown resource as invalid params (the 2025-era servers behind us say -32002).
    if (modern && 'error' in outcome && outcome.error.code === -32002) outcome = { error: { ...outcome.error, code: rpcErrorCodes.invalidParams } };
    await this.send(withId(request.id, outcome), request.id);
  }

  private async outcomeFor(request: RpcRequest, modern: boolean): Promise<RpcOutcome> {
    const claimed = claimedVersion(request);
    if (claimed !== undefined && !modern && request.method === 'server/discover') {
      return errorOutcome(-32022, `Unsupported protocol version "${claimed}".`, { supported: [modernProtocolVersion], requested: claimed });
    }
    if (modern && removedInModernEra.has(request.method))
      return errorOutcome(rpcErrorCodes.methodNotFound, `Method not found: ${request.method} is not part of protocol revision ${modernProtocolVersion}.`);
    switch (request.method) {
      case 'initialize':
        return this.initialize(request.params ?? {});
      case 'server/discover':
        return { result: discoverResult(this.host.serverInfo, gatewayCapabilities) };
      case 'ping':
        return { result: {} };
      default:
        if (!modern) return this.forward(request, this.originFor(request));
        if (this.roundTrips.owns(request.params?.requestState)) {
          return this.roundTrips.resume(String(request.params?.requestState), request.params?.inputResponses as Record<string, unknown> | undefined);
        }
        return this.roundTrips.start((ask, fail) => this.forward(request, this.modernOriginFor(request, ask, fail)));
    }
  }

  /** A listen request stays open: its stream carries the acknowledgement, then the changes it asked for. */
  private async listen(request: RpcRequest): Promise<void> {
    const ack = this.subscriptions.open(request);
    if (!ack) {
      await this.send(
        withId(request.id, errorOutcome(rpcErrorCodes.invalidParams, "Invalid params: 'notifications' must be a subscription filter.")),
        request.id,
      );
      return;
    }
    await this.send(ack, request.id);
    const honored = ack.params?.notifications as { resourceSubscriptions?: string[] } | undefined;
    if (honored?.resourceSubscriptions?.length) this.host.listening?.(this, request.id, honored.resourceSubscriptions);
  }

  private initialize(params: Record<string, unknown>): RpcOutcome {
    this.protocolVersion = negotiateProtocolVersion(params.protocolVersion);
    this.clientInfo = (params.clientInfo as ClientSession['clientInfo'] | undefined) ?? {};
    this.clientCapabilities = (params.capabilities as Record<string, unknown> | undefined) ?? {};
    this.legacyInitialized = true;
    return {
      result: { protocolVersion: this.protocolVersion, capabilities: gatewayCapabilities, serverInfo: this.host.serverInfo },
    };
  }

  private async forward(request: RpcRequest, origin: RequestOrigin): Promise<RpcOutcome> {
    const cancellation = new CallCancellation();
    this.inFlight.set(request.id, cancellation);
    try {
      return await this.host.handleRequest(this, request, origin, cancellation);
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
      era: 'legacy',
      clientCapabilities: this.clientCapabilities,
      paramHeaders: this.transport.paramHeadersFor?.(request.id),
    };
  }

  /** For a 2026-era call, a server's question becomes part of an input_required answer (see InputRoundTrips). */
  private modernOriginFor(
    request: RpcRequest,
    ask: (method: string, params: Record<string, unknown> | undefined) => Promise<RpcOutcome>,
    fail: (outcome: RpcOutcome) => void,
  ): RequestOrigin {
    const capabilities = requestClientCapabilities(request);
    const clientName = requestClientInfo(request).name;
    return {
      onProgress: (params) => void this.send({ jsonrpc: '2.0', method: 'notifications/progress', params }, request.id),
      era: 'modern',
      clientCapabilities: capabilities,
      paramHeaders: this.transport.paramHeadersFor?.(request.id),
      relayServerRequest: (method, params) => {
        const refusal = unsupported(method, capabilities, clientName, request.method);
        if (!refusal) return ask(method, stripRelatedTask(params));
        // A 2025-era server on stdio asks for roots at times of its own (at start, after a change): the newest call
        // is only a guess at who asked, and a caller without roots has none. That is its answer, not a failed call.
        if (method === 'roots/list') return Promise.resolve({ result: { roots: [] } });
        // 2026-07-28: a call that needs a capability the client did not declare fails with -32021, and the server's work stops.
        const capability = clientCapabilityFor[method]!;
        fail(
          errorOutcome(-32021, `Missing required client capability: ${capability} (the server asked for ${method}).`, {
            requiredCapabilities: { [capability]: {} },
          }),
        );
        this.inFlight.get(request.id)?.cancel('the client lacks a capability the server needs');
        return refusal;
      },
    };
  }

  /** A server-to-client request, sent to this client only if it declared the capability the method needs. */
  requestFromClient(method: string, params: Record<string, unknown> | undefined, during?: RpcRequest): Promise<RpcOutcome> {
    // A client without roots has none: that is the answer (the call it is attributed to may not even be the cause).
    if (method === 'roots/list' && this.clientCapabilities.roots === undefined) return Promise.resolve({ result: { roots: [] } });
    const refusal = unsupported(method, this.clientCapabilities, this.clientInfo.name, during?.method);
    if (refusal) return refusal;
    if (this.closed) return Promise.resolve(errorOutcome(rpcErrorCodes.internalError, 'The client session has closed.'));
    const id = this.nextOutgoingId++;
    const answered = new Promise<RpcOutcome>((resolve) => this.awaitingClient.set(id, resolve));
    void this.send(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params }, during?.id);
    return answered;
  }

  private receiveNotification(notification: RpcNotification): void {
    if (notification.method === 'notifications/cancelled') {
      const requestId = notification.params?.requestId as RequestId | undefined;
      if (requestId !== undefined && this.subscriptions.close(requestId)) {
        this.host.listening?.(this, requestId, []);
        return;
      }
      const cancellation = requestId === undefined ? undefined : this.inFlight.get(requestId);
      if (cancellation && requestId !== undefined) {
        this.cancelledByClient.add(requestId);
        cancellation.cancel(notification.params?.reason);
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
    for (const cancellation of this.inFlight.values()) cancellation.cancel('client disconnected');
    for (const resolve of this.awaitingClient.values()) resolve(errorOutcome(rpcErrorCodes.internalError, 'The client session has closed.'));
    this.awaitingClient.clear();
    this.host.sessionClosed(this);
  }
}

/** The refusal for a server-to-client request the client did not declare it can handle, if any. */
function unsupported(
  method: string,
  capabilities: Record<string, unknown>,
  clientName: string | undefined,
  during: string | undefined,
): Promise<RpcOutcome> | undefined {
  const capability = clientCapabilityFor[method];
  if (!capability || capabilities[capability] !== undefined) return undefined;
  const who = clientName ? `Client "${clientName}"` : 'This client';
  return Promise.resolve(
    errorOutcome(rpcErrorCodes.methodNotFound, `${who} does not support ${capability} (needed for ${method} during ${during ?? 'a call'}).`),
  );
}

/** Embedded input requests have no JSON-RPC envelope and no task metadata. */
function stripRelatedTask(params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!params?._meta) return params;
  const { _meta: _ignored, ...rest } = params;
  return rest;
}
