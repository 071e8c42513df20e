import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { backendClientCapabilities, backendProtocolVersion } from './protocol.js';
import { classify, errorOutcome, outcomeOf, rpcErrorCodes, withId, type RpcNotification, type RpcOutcome, type RpcRequest } from './json-rpc.js';

/** Who asked: the backend's answer, progress and server-to-client requests go back to this caller. */
export interface RequestOrigin {
  /** Receives progress notifications for this request, with the caller's own progress token. */
  onProgress(params: Record<string, unknown>): void;
  /** Relays a server-to-client request (sampling, elicitation, roots) made while this request is in flight. */
  relayServerRequest(method: string, params: Record<string, unknown> | undefined): Promise<RpcOutcome>;
}

export interface BackendEvents {
  /** Notifications not tied to one request (list_changed, log messages, resource updates). */
  onNotification(notification: RpcNotification): void;
  /** A server-to-client request with no request of ours in flight to attribute it to. */
  onUnattributedRequest(method: string, params: Record<string, unknown> | undefined): Promise<RpcOutcome>;
  onClose(): void;
  /** Output on the protocol stream that is not a JSON-RPC message. */
  onStrayOutput?(line: string): void;
}

export interface InFlight {
  /** The id this request has on the backend connection. */
  backendId: number;
  response: Promise<RpcOutcome>;
}

interface Pending {
  resolve: (outcome: RpcOutcome) => void;
  origin: RequestOrigin | undefined;
  progressToken: string | undefined;
}

/**
 * One live MCP session with one backend server. The gateway is the client here: it performs the handshake,
 * then relays requests from any number of client sessions, giving each its own backend id and progress
 * token so concurrent callers never see each other's answers. Messages are relayed as plain objects.
 */
export class BackendConnection {
  serverInfo: Record<string, unknown> | undefined;
  capabilities: Record<string, unknown> = {};
  instructions: string | undefined;
  protocolVersion: string | undefined;

  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly progressOwners = new Map<string, { origin: RequestOrigin; token: unknown }>();
  private closed = false;

  constructor(
    readonly serverName: string,
    private readonly transport: Transport,
    private readonly events: BackendEvents,
    private readonly describeClose: () => string,
  ) {
    transport.onmessage = (message) => this.receive(message);
    transport.onclose = () => this.handleClose();
  }

  /** The 2025-era handshake; the connection is usable once this resolves. */
  async initialize(clientInfo: { name: string; version: string }, timeoutMs = 60_000): Promise<void> {
    const { response } = this.request(
      'initialize',
      { protocolVersion: backendProtocolVersion, capabilities: backendClientCapabilities, clientInfo },
      undefined,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<RpcOutcome>((resolve) => {
      timer = setTimeout(() => resolve(errorOutcome(rpcErrorCodes.internalError, `no answer to initialize within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const outcome = await Promise.race([response, timeout]);
    clearTimeout(timer);
    if ('error' in outcome) throw new Error(outcome.error.message);
    this.protocolVersion = String(outcome.result.protocolVersion ?? '');
    this.serverInfo = outcome.result.serverInfo as Record<string, unknown> | undefined;
    this.capabilities = (outcome.result.capabilities as Record<string, unknown> | undefined) ?? {};
    this.instructions = typeof outcome.result.instructions === 'string' ? outcome.result.instructions : undefined;
    await this.notify({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }

  /** Sends a request on behalf of `origin`. The outcome never rejects: a dead backend yields an error outcome. */
  request(method: string, params: Record<string, unknown> | undefined, origin: RequestOrigin | undefined): InFlight {
    const backendId = this.nextId++;
    let progressToken: string | undefined;
    let sentParams = params;
    const meta = params?._meta as Record<string, unknown> | undefined;
    if (origin && meta && meta.progressToken !== undefined) {
      progressToken = `${this.serverName}:${backendId}`;
      this.progressOwners.set(progressToken, { origin, token: meta.progressToken });
      sentParams = { ...params, _meta: { ...meta, progressToken } };
    }
    const response = new Promise<RpcOutcome>((resolve) => {
      this.pending.set(backendId, { resolve, origin, progressToken });
    });
    const message: RpcRequest = sentParams === undefined ? { jsonrpc: '2.0', id: backendId, method } : { jsonrpc: '2.0', id: backendId, method, params: sentParams };
    this.transmit(message).catch((error: unknown) => this.settle(backendId, errorOutcome(rpcErrorCodes.internalError, `could not reach server "${this.serverName}": ${String(error)}`)));
    return { backendId, response };
  }

  /** Tells the backend a request it is working on was cancelled by its caller. */
  cancel(backendId: number, reason?: string): void {
    if (!this.pending.has(backendId)) return;
    void this.notify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: reason ? { requestId: backendId, reason } : { requestId: backendId } });
    this.settle(backendId, errorOutcome(rpcErrorCodes.internalError, reason ?? 'cancelled'));
  }

  notify(notification: RpcNotification): Promise<void> {
    return this.transmit(notification);
  }

  get inFlight(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private receive(raw: JSONRPCMessage): void {
    const classified = classify(raw);
    switch (classified.kind) {
      case 'response': {
        const id = classified.message.id;
        if (typeof id === 'number') this.settle(id, outcomeOf(classified.message));
        return;
      }
      case 'notification':
        this.receiveNotification(classified.message);
        return;
      case 'request':
        void this.answerServerRequest(classified.message);
        return;
      case 'invalid':
        // Not JSON-RPC (often a JSON log line on stdout): keep it where the user looks for server output.
        this.events.onStrayOutput?.(JSON.stringify(raw));
        return;
    }
  }

  private receiveNotification(notification: RpcNotification): void {
    if (notification.method === 'notifications/progress' && notification.params) {
      const owner = this.progressOwners.get(String(notification.params.progressToken));
      if (owner) owner.origin.onProgress({ ...notification.params, progressToken: owner.token });
      return;
    }
    this.events.onNotification(notification);
  }

  private async answerServerRequest(request: RpcRequest): Promise<void> {
    if (request.method === 'ping') {
      await this.transmit(withId(request.id, { result: {} }));
      return;
    }
    const origin = this.latestOrigin();
    const outcome = origin ? await origin.relayServerRequest(request.method, request.params) : await this.events.onUnattributedRequest(request.method, request.params);
    if (!this.closed) await this.transmit(withId(request.id, outcome));
  }

  /** Server-to-client requests carry no link to the call that caused them on stdio: the newest call in flight is the best witness. */
  private latestOrigin(): RequestOrigin | undefined {
    let latest: RequestOrigin | undefined;
    for (const pending of this.pending.values()) if (pending.origin) latest = pending.origin;
    return latest;
  }

  private settle(backendId: number, outcome: RpcOutcome): void {
    const pending = this.pending.get(backendId);
    if (!pending) return;
    this.pending.delete(backendId);
    if (pending.progressToken) this.progressOwners.delete(pending.progressToken);
    pending.resolve(outcome);
  }

  private async transmit(message: RpcRequest | RpcNotification | ReturnType<typeof withId>): Promise<void> {
    if (this.closed) throw new Error(this.describeClose());
    await this.transport.send(message as JSONRPCMessage);
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    const reason = this.describeClose();
    for (const id of [...this.pending.keys()]) this.settle(id, errorOutcome(rpcErrorCodes.internalError, reason));
    this.events.onClose();
  }
}
