import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { isInputRequiredResult, SUBSCRIPTION_ID_META_KEY } from './spec-constants.js';
import { SwitchyardError } from '../../shared/errors.js';
import { backendClientCapabilities, backendProtocolVersion } from './protocol.js';
import { classify, errorOutcome, outcomeOf, rpcErrorCodes, withId, type RpcNotification, type RpcOutcome, type RpcRequest } from './json-rpc.js';
import {
  ClosedDuringProbeError,
  classifyDiscoverOutcome,
  discoverTimeoutMs,
  envelopeMeta,
  inLegacyForm,
  inModernForm,
  type BackendEra,
  type Envelope,
  type EraVerdict,
} from './backend-era.js';
import { answerInputRequests, maxInputRounds } from './input-round-trips.js';
import { legacyView } from './modern-era.js';
import type { OversizedMessage } from '../runtime/json-line-reader.js';

/** Who asked: the backend's answer, progress and server-to-client requests go back to this caller. */
export interface RequestOrigin {
  /** Receives progress notifications for this request, with the caller's own progress token. */
  onProgress(params: Record<string, unknown>): void;
  /** Relays a server-to-client request (sampling, elicitation, roots) made while this request is in flight. */
  relayServerRequest(method: string, params: Record<string, unknown> | undefined): Promise<RpcOutcome>;
  /**
   * The caller's protocol era. A 2026-era caller gets a 2026-era backend's `input_required` results as they are
   * (and retries with its own answers); for anyone else the connection answers them through relayServerRequest.
   */
  era?: BackendEra;
  /** What the caller declared it can answer (sampling, elicitation, roots): a 2026-era backend is told. */
  clientCapabilities?: Record<string, unknown>;
  /** The `Mcp-Param-*` headers of the caller's HTTP request, if it came over HTTP. */
  paramHeaders?: Record<string, string> | undefined;
}

export interface BackendEvents {
  /** Notifications not tied to one request (list_changed, log messages, resource updates). */
  onNotification(notification: RpcNotification): void;
  /** A server-to-client request with no request of ours in flight to attribute it to. */
  onUnattributedRequest(method: string, params: Record<string, unknown> | undefined): Promise<RpcOutcome>;
  onClose(): void;
  /** Output on the protocol stream that is not a JSON-RPC message. */
  onStrayOutput?(line: string): void;
  /** A message over the size cap was dropped (once, when it crossed the cap). */
  onOversized?(limitBytes: number): void;
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

/** A call to a 2026-era backend answered in several rounds: the id it started with, and the id of its current round. */
interface RoundChain {
  current: number;
  cancelled: boolean;
}

export interface OpenOptions {
  /** Ask server/discover first; false goes straight to the 2025 handshake. */
  probe: boolean;
  /** The era of the caller the backend starts for: a backend of both eras is opened in it. Default 2026-07-28. */
  prefer?: BackendEra | undefined;
  probeTimeoutMs?: number;
  timeoutMs?: number;
}

/** The first request id of a connection in the other era (see attachOtherEra). */
const otherEraFirstId = 1_000_000_000;

/** Change notifications a 2026-era backend is asked for on its listen stream. */
const listenedChanges = { toolsListChanged: true, promptsListChanged: true, resourcesListChanged: true } as const;

/**
 * One live MCP session with one backend server. The gateway is the client here: it finds out the backend's
 * era (see backend-era.ts) and opens it, then relays requests from any number of client sessions, giving each
 * its own backend id and progress token so concurrent callers never see each other's answers. Messages are
 * relayed as plain objects. A 2026-era backend gets every request in the 2026 form; its list changes arrive
 * on a `subscriptions/listen` stream, and logging/setLevel and resources/(un)subscribe are answered here.
 */
export class BackendConnection {
  serverInfo: Record<string, unknown> | undefined;
  capabilities: Record<string, unknown> = {};
  instructions: string | undefined;
  protocolVersion: string | undefined;
  era: BackendEra = 'legacy';
  /** Why a probed backend is driven in the 2025 era (for diagnostics). */
  legacyReason: string | undefined;

  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly progressOwners = new Map<string, { origin: RequestOrigin; token: unknown }>();
  private readonly chains = new Map<number, RoundChain>();
  private closed = false;
  private clientInfo: { name: string; version: string } = { name: 'switchyard', version: '0' };
  private logLevel: string | undefined;
  private readonly resourceSubscriptions = new Set<string>();
  private listenId: number | undefined;
  private otherEra: BackendConnection | undefined;
  /** The message being dropped for its size already failed its request. */
  private oversizedAnswered = false;

  constructor(
    readonly serverName: string,
    private readonly transport: Transport,
    private readonly events: BackendEvents,
    private readonly describeClose: () => string,
  ) {
    transport.onmessage = (message) => this.receive(message);
    transport.onclose = () => this.handleClose();
    (transport as Transport & { onoversized?: (drop: OversizedMessage) => void }).onoversized = (drop) => this.dropOversized(drop);
    (transport as Transport & { oninterrupted?: (error: SwitchyardError) => void }).oninterrupted = (error) => this.interrupted(error);
  }

  /**
   * Opens the connection in the backend's era: a `server/discover` probe first (unless `probe` is false), then
   * the 2025 handshake when the backend gave no 2026 answer. Throws ClosedDuringProbeError when the backend
   * quit on the probe (a fresh connection without the probe is the caller's way on).
   */
  async open(clientInfo: { name: string; version: string }, options: OpenOptions): Promise<EraVerdict | undefined> {
    this.clientInfo = clientInfo;
    if (!options.probe) {
      await this.initialize(clientInfo, options.timeoutMs);
      return undefined;
    }
    const verdict = await this.probe(options.probeTimeoutMs ?? discoverTimeoutMs);
    if (verdict.era === 'legacy') {
      this.legacyReason = verdict.reason;
      await this.initialize(clientInfo, options.timeoutMs);
      return verdict;
    }
    // A backend of both eras serves 2025-era callers fully only in the 2025 era (server-to-client requests do
    // not exist in 2026-07-28), so it runs in the era its starter asked for; a 2026-only one refuses initialize.
    if (options.prefer === 'legacy' && (await this.tryInitialize(clientInfo, options.timeoutMs))) {
      this.legacyReason = 'the server speaks both eras and was started for a 2025-era client';
      return verdict;
    }
    this.era = 'modern';
    this.protocolVersion = verdict.discovery.version;
    this.serverInfo = verdict.discovery.serverInfo;
    this.capabilities = verdict.discovery.capabilities;
    this.instructions = verdict.discovery.instructions;
    this.openListenStream();
    return verdict;
  }

  /** The 2025-era handshake; the connection is usable once this resolves. */
  async initialize(clientInfo: { name: string; version: string }, timeoutMs = 60_000): Promise<void> {
    await this.tryInitialize(clientInfo, timeoutMs, true);
  }

  /** The 2025-era handshake; false when the server refused it (unless `mustSucceed`, which throws the reason). */
  private async tryInitialize(clientInfo: { name: string; version: string }, timeoutMs = 60_000, mustSucceed = false): Promise<boolean> {
    this.clientInfo = clientInfo;
    const outcome = await this.requestWithin(
      'initialize',
      { protocolVersion: backendProtocolVersion, capabilities: backendClientCapabilities, clientInfo },
      timeoutMs,
    );
    if (outcome === 'timeout') throw new Error(`no answer to initialize within ${timeoutMs / 1000} s`);
    if ('error' in outcome) {
      if (mustSucceed) throw new Error(outcome.error.message);
      return false;
    }
    this.protocolVersion = String(outcome.result.protocolVersion ?? '');
    this.serverInfo = outcome.result.serverInfo as Record<string, unknown> | undefined;
    this.capabilities = (outcome.result.capabilities as Record<string, unknown> | undefined) ?? {};
    this.instructions = typeof outcome.result.instructions === 'string' ? outcome.result.instructions : undefined;
    await this.notify({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return true;
  }

  /** Sends a request on behalf of `origin`. The outcome never rejects: a dead backend yields an error outcome. */
  /** `headers`: HTTP headers for this request, for a backend reached over HTTP (SEP-2243 `Mcp-Param-*`). */
  request(method: string, params: Record<string, unknown> | undefined, origin: RequestOrigin | undefined, headers?: Record<string, string>): InFlight {
    // A backend of both eras reached over HTTP has a connection in each: a caller is served in its own era.
    if (origin?.era && origin.era !== this.era && this.otherEra && !this.otherEra.closed) return this.otherEra.request(method, params, origin, headers);
    if (this.era === 'legacy') return this.send(method, inLegacyForm(params), origin, headers);
    const local = this.answerForModernBackend(method, params);
    if (local) return { backendId: this.nextId++, response: Promise.resolve(local) };
    const first = this.send(method, inModernForm(params, this.envelopeFor(origin)), origin, headers);
    // Without a caller (the gateway's own list reads) there is nobody to ask: the result goes back as it is.
    if (!origin || origin.era === 'modern') return first;
    return { backendId: first.backendId, response: this.answerRounds(method, params, origin, first, headers) };
  }

  private send(method: string, params: Record<string, unknown> | undefined, origin: RequestOrigin | undefined, headers?: Record<string, string>): InFlight {
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
    const message: RpcRequest =
      sentParams === undefined ? { jsonrpc: '2.0', id: backendId, method } : { jsonrpc: '2.0', id: backendId, method, params: sentParams };
    // A refusal of ours (a remote server that needs a sign-in) keeps its hint and facts; anything else is named as it is.
    this.transmit(message, headers).catch((error: unknown) =>
      this.settle(
        backendId,
        error instanceof SwitchyardError
          ? errorOutcome(rpcErrorCodes.internalError, `could not reach server "${this.serverName}": ${error.describe()}`, error.details)
          : errorOutcome(rpcErrorCodes.internalError, `could not reach server "${this.serverName}": ${String(error)}`),
      ),
    );
    return { backendId, response };
  }

  /**
   * The connection in the other era, for a backend that speaks both (see era-companion.ts). Its request ids
   * start far above ours, so an id says which connection carries the request.
   */
  attachOtherEra(other: BackendConnection): void {
    other.nextId = otherEraFirstId;
    this.otherEra = other;
  }

  /** The connection in the other era, if this backend has one. */
  get otherEraConnection(): BackendConnection | undefined {
    return this.otherEra && !this.otherEra.closed ? this.otherEra : undefined;
  }

  /** Tells the backend a request it is working on was cancelled by its caller. */
  cancel(backendId: number, reason?: string): void {
    if (this.otherEra && backendId >= otherEraFirstId) return this.otherEra.cancel(backendId, reason);
    const chain = this.chains.get(backendId);
    if (chain) {
      chain.cancelled = true;
      backendId = chain.current;
    }
    if (!this.pending.has(backendId)) return;
    void this.notify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: reason ? { requestId: backendId, reason } : { requestId: backendId } });
    this.settle(backendId, errorOutcome(rpcErrorCodes.internalError, reason ?? 'cancelled'));
  }

  notify(notification: RpcNotification): Promise<void> {
    // A 2026-era server learns roots by asking within a call; it has no roots list to refresh.
    if (this.otherEra && !this.otherEra.closed) void this.otherEra.notify(notification).catch(() => undefined);
    if (this.era === 'modern' && notification.method === 'notifications/roots/list_changed') return Promise.resolve();
    return this.transmit(notification);
  }

  /** Calls still running, including multi-round calls that wait for their caller's input. */
  get inFlight(): number {
    return this.pending.size + this.chains.size + (this.otherEra?.inFlight ?? 0);
  }

  async close(): Promise<void> {
    await this.otherEra?.close().catch(() => undefined);
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
    const meta = notification.params?._meta as Record<string, unknown> | undefined;
    if (this.era === 'modern' && meta?.[SUBSCRIPTION_ID_META_KEY] !== undefined) {
      if (notification.method === 'notifications/subscriptions/acknowledged') return;
      // A change from the listen stream is told to the gateway like a 2025 session's notification.
      const { [SUBSCRIPTION_ID_META_KEY]: _stream, ...rest } = meta;
      this.events.onNotification({ ...notification, params: { ...notification.params, _meta: rest } });
      return;
    }
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
    const outcome = origin
      ? await origin.relayServerRequest(request.method, request.params)
      : await this.events.onUnattributedRequest(request.method, request.params);
    if (!this.closed) await this.transmit(withId(request.id, outcome));
  }

  /** Server-to-client requests carry no link to the call that caused them on stdio: the newest call in flight is the best witness. */
  private latestOrigin(): RequestOrigin | undefined {
    let latest: RequestOrigin | undefined;
    for (const pending of this.pending.values()) if (pending.origin) latest = pending.origin;
    return latest;
  }

  /** Sends a request and waits at most `timeoutMs` for its answer; a late answer is dropped. */
  private async requestWithin(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<RpcOutcome | 'timeout'> {
    const { backendId, response } = this.send(method, params, undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([response, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.settle(backendId, errorOutcome(rpcErrorCodes.internalError, `no answer to ${method}`));
    return outcome;
  }

  private async probe(timeoutMs: number): Promise<EraVerdict> {
    const envelope: Envelope = { clientInfo: this.clientInfo, clientCapabilities: backendClientCapabilities };
    const outcome = await this.requestWithin('server/discover', { _meta: envelopeMeta(envelope) }, timeoutMs);
    if (this.closed) throw new ClosedDuringProbeError(this.describeClose());
    return classifyDiscoverOutcome(outcome, timeoutMs);
  }

  /** Who is asking, for a 2026-era backend: the gateway, with what its caller can answer. */
  private envelopeFor(origin: RequestOrigin | undefined): Envelope {
    return { clientInfo: this.clientInfo, clientCapabilities: origin?.clientCapabilities ?? {}, logLevel: this.logLevel };
  }

  /** Requests the 2026 era removed, answered by the connection from what it keeps for the backend. */
  private answerForModernBackend(method: string, params: Record<string, unknown> | undefined): RpcOutcome | undefined {
    switch (method) {
      case 'logging/setLevel':
        // 2026-07-28 carries the level on each request (LOG_LEVEL_META_KEY).
        this.logLevel = typeof params?.level === 'string' ? params.level : undefined;
        return { result: {} };
      case 'resources/subscribe':
      case 'resources/unsubscribe': {
        const uri = params?.uri;
        if (typeof uri !== 'string') return errorOutcome(rpcErrorCodes.invalidParams, `${method} needs a uri.`);
        if (method === 'resources/subscribe') this.resourceSubscriptions.add(uri);
        else this.resourceSubscriptions.delete(uri);
        this.openListenStream();
        return { result: {} };
      }
      default:
        return undefined;
    }
  }

  /**
   * The one `subscriptions/listen` stream of a 2026-era backend: list changes and the subscribed resources. A
   * changed subscription set replaces the stream (the old one is cancelled).
   */
  private openListenStream(): void {
    if (this.listenId !== undefined)
      void this.notify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: this.listenId } }).catch(() => undefined);
    const id = this.nextId++;
    this.listenId = id;
    const notifications = { ...listenedChanges, ...(this.resourceSubscriptions.size > 0 ? { resourceSubscriptions: [...this.resourceSubscriptions] } : {}) };
    const params = { notifications, _meta: envelopeMeta(this.envelopeFor(undefined)) };
    this.transmit({ jsonrpc: '2.0', id, method: 'subscriptions/listen', params }).catch(() => undefined);
  }

  /**
   * A 2025-era caller cannot receive `input_required`: its embedded requests go to the caller as server-to-client
   * requests, and the call is retried with the answers and the backend's requestState until it completes.
   */
  private async answerRounds(
    method: string,
    params: Record<string, unknown> | undefined,
    origin: RequestOrigin,
    first: InFlight,
    headers: Record<string, string> | undefined,
  ): Promise<RpcOutcome> {
    const chain: RoundChain = { current: first.backendId, cancelled: false };
    this.chains.set(first.backendId, chain);
    try {
      let outcome = await first.response;
      for (let round = 1; 'result' in outcome && isInputRequiredResult(outcome.result); round++) {
        if (round > maxInputRounds) return this.inputFailure(method, `it still asked for input after ${maxInputRounds} rounds`);
        const { inputRequests, requestState } = outcome.result as { inputRequests?: unknown; requestState?: unknown };
        const answers = await answerInputRequests(inputRequests, (asked, askedParams) => origin.relayServerRequest(asked, askedParams));
        if (chain.cancelled || this.closed) return errorOutcome(rpcErrorCodes.internalError, 'cancelled');
        if ('failed' in answers) return this.inputFailure(method, answers.failed);
        const retry = { ...params, inputResponses: answers.responses, ...(typeof requestState === 'string' ? { requestState } : {}) };
        const next = this.send(method, inModernForm(retry, this.envelopeFor(origin)), origin, headers);
        chain.current = next.backendId;
        outcome = await next.response;
      }
      return 'result' in outcome ? { result: legacyView(outcome.result) } : outcome;
    } finally {
      this.chains.delete(first.backendId);
    }
  }

  /** A tool call fails as a tool error (the model can read why); anything else as a JSON-RPC error. */
  private inputFailure(method: string, why: string): RpcOutcome {
    const text = `Server "${this.serverName}" needed input from the client during ${method} and did not get it: ${why}.`;
    return method === 'tools/call' ? { result: { content: [{ type: 'text', text }], isError: true } } : errorOutcome(rpcErrorCodes.internalError, text);
  }

  /**
   * A message over the size cap was dropped unread: the request it answered fails with a clear error. Which one
   * is told by an `"id":N` of a pending request in its first or last bytes; with one request in flight, it is that
   * one; when its end arrives and nothing told, every request in flight fails (none can be told apart).
   */
  private dropOversized(drop: OversizedMessage): void {
    if (drop.phase === 'started') this.events.onOversized?.(drop.limitBytes);
    else if (this.oversizedAnswered) return void (this.oversizedAnswered = false);
    const mentioned = [...`${drop.head} ${drop.phase === 'ended' ? drop.tail : ''}`.matchAll(/"id"\s*:\s*(\d+)/g)]
      .map((match) => Number(match[1]))
      .filter((id) => this.pending.has(id));
    const requests = [...this.pending.keys()].filter((id) => id !== this.listenId);
    const failing = mentioned.length > 0 ? mentioned.slice(0, 1) : requests.length === 1 || drop.phase === 'ended' ? requests : [];
    const mb = Math.round(drop.limitBytes / 1024 / 1024);
    const message = `Server "${this.serverName}" sent a message larger than ${mb} MB, the limit for one message; it was dropped. If its results are legitimately this large, raise servers.${this.serverName}.maxMessageMb (or gateway.maxMessageMb) in settings.json.`;
    this.oversizedAnswered = drop.phase === 'started' && failing.length > 0;
    for (const id of failing) {
      this.settle(id, errorOutcome(rpcErrorCodes.internalError, message, { code: 'MESSAGE_TOO_LARGE', server: this.serverName, limitBytes: drop.limitBytes }));
    }
  }

  /**
   * The transport lost the answers of the requests in flight (Docker's attach stream was cut) but the server
   * lives on: they fail now, saying why; the resource listen stays (the server still holds it).
   */
  private interrupted(error: SwitchyardError): void {
    const message = `Server "${this.serverName}": ${error.message}`;
    for (const id of [...this.pending.keys()]) {
      if (id !== this.listenId)
        this.settle(id, errorOutcome(rpcErrorCodes.internalError, message, { code: error.code, server: this.serverName, ...error.details }));
    }
  }

  private settle(backendId: number, outcome: RpcOutcome): void {
    const pending = this.pending.get(backendId);
    if (!pending) return;
    this.pending.delete(backendId);
    if (pending.progressToken) this.progressOwners.delete(pending.progressToken);
    pending.resolve(outcome);
  }

  private async transmit(message: RpcRequest | RpcNotification | ReturnType<typeof withId>, headers?: Record<string, string>): Promise<void> {
    if (this.closed) throw new Error(this.describeClose());
    await this.transport.send(message as JSONRPCMessage, headers ? { headers } : undefined);
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    const reason = this.describeClose();
    for (const id of [...this.pending.keys()]) this.settle(id, errorOutcome(rpcErrorCodes.internalError, reason));
    this.events.onClose();
  }
}
