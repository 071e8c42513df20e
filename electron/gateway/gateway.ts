import { EventEmitter } from 'node:events';
import type { Transport } from '@modelcontextprotocol/client';
import type { GatewayState, GatewayStatus, ServerStatus } from '../../shared/domain.js';
import { SwitchyardError } from '../../shared/errors.js';
import type { Logger } from '../app/logger.js';
import type { ServerRuntime } from '../runtime/docker-runtime.js';
import { checkServerName, type ServerDefinition } from '../runtime/server-definition.js';
import type { RequestOrigin } from './backend-connection.js';
import { ClientSession, type SessionHost } from './client-session.js';
import { errorOutcome, rpcErrorCodes, type RpcNotification, type RpcOutcome, type RpcRequest } from './json-rpc.js';
import { listMethods } from './protocol.js';
import { routeRequest } from './router.js';
import { ServerSlot } from './server-slot.js';

export interface GatewayOptions {
  runtime: ServerRuntime;
  servers: ServerDefinition[];
  version: string;
  logger: Logger;
}

/**
 * The MCP gateway: client sessions on one side, server slots (one container each) on the other. It routes
 * each client request to a server, starting that server's container on first use, and fans server
 * notifications out to every session.
 */
export class Gateway extends EventEmitter<{ status: [GatewayStatus] }> implements SessionHost {
  readonly serverInfo: { name: string; version: string };
  private state: GatewayState = 'stopped';
  private readonly slots = new Map<string, ServerSlot>();
  private readonly sessions = new Set<ClientSession>();

  constructor(private readonly options: GatewayOptions) {
    super();
    this.serverInfo = { name: 'switchyard', version: options.version };
    for (const server of options.servers) this.addServer(server);
  }

  /** Checks the engine (fails within 2 s with a clear error), sweeps orphans, and starts serving. */
  async start(): Promise<GatewayStatus> {
    if (this.state === 'running') return this.status();
    await this.options.runtime.ensureReachable();
    const swept = await this.options.runtime.sweepOrphans();
    if (swept > 0) this.options.logger.info(`removed ${swept} container(s) left behind by an earlier run`);
    this.setState('running');
    return this.status();
  }

  /** Stops every container; sessions stay connected and get an error until the gateway starts again. */
  async stop(): Promise<GatewayStatus> {
    this.setState('stopped');
    await Promise.all([...this.slots.values()].map((slot) => slot.stop()));
    return this.status();
  }

  /** Stops everything and disconnects every client. */
  async close(): Promise<void> {
    await this.stop();
    await Promise.all([...this.sessions].map((session) => session.close()));
  }

  status(): GatewayStatus {
    return {
      state: this.state,
      version: this.options.version,
      sessions: this.sessions.size,
      servers: [...this.slots.values()].map((slot) => slot.status()),
    };
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: GatewayStatus) => void): () => void {
    this.on('status', listener);
    return () => this.off('status', listener);
  }

  async startServer(name: string): Promise<ServerStatus> {
    this.assertRunning();
    const slot = this.slot(name);
    await slot.connect();
    return slot.status();
  }

  async stopServer(name: string): Promise<ServerStatus> {
    const slot = this.slot(name);
    await slot.stop();
    return slot.status();
  }

  /** Serves one MCP client over the given transport until it disconnects. */
  async connect(transport: Transport): Promise<ClientSession> {
    const session = new ClientSession(transport, this);
    this.sessions.add(session);
    await session.start();
    this.emitStatus();
    return session;
  }

  // SessionHost

  async handleRequest(_session: ClientSession, request: RpcRequest, origin: RequestOrigin, signal: AbortSignal): Promise<RpcOutcome> {
    if (this.state !== 'running') {
      return errorOutcome(rpcErrorCodes.internalError, 'The Switchyard gateway is stopped. Start it from the tray menu, the window, or `switchyard gateway run`.');
    }
    const slot = routeRequest(request, [...this.slots.values()]);
    if (!slot) return this.unroutable(request);
    let backend;
    try {
      backend = await slot.connect();
    } catch (error) {
      return startFailureOutcome(request, error);
    }
    const inFlight = backend.request(request.method, request.params, origin);
    const onAbort = () => backend.cancel(inFlight.backendId, typeof signal.reason === 'string' ? signal.reason : undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    const outcome = await inFlight.response;
    signal.removeEventListener('abort', onAbort);
    return emptyListIfUnsupported(request.method, outcome);
  }

  handleNotification(_session: ClientSession, notification: RpcNotification): void {
    // Roots changed on a client: every running backend may depend on them.
    if (notification.method === 'notifications/roots/list_changed') {
      for (const slot of this.slots.values()) void slot.notifyIfRunning(notification);
    }
  }

  sessionClosed(session: ClientSession): void {
    this.sessions.delete(session);
    this.emitStatus();
  }

  private addServer(server: ServerDefinition): void {
    const problem = checkServerName(server.name);
    if (problem) throw new SwitchyardError('INVALID_INPUT', problem);
    if (this.slots.has(server.name)) throw new SwitchyardError('INVALID_INPUT', `Two servers are named "${server.name}".`);
    const slot = new ServerSlot(server, {
      runtime: this.options.runtime,
      clientInfo: this.serverInfo,
      events: {
        onNotification: (notification) => this.broadcast(notification),
        onUnattributedRequest: async (method) => errorOutcome(rpcErrorCodes.internalError, `${method} from server "${server.name}" arrived while no client call was in flight.`),
      },
    });
    slot.on('change', () => this.emitStatus());
    this.slots.set(server.name, slot);
  }

  private broadcast(notification: RpcNotification): void {
    for (const session of this.sessions) session.notify(notification);
  }

  private unroutable(request: RpcRequest): RpcOutcome {
    const list = listMethods[request.method];
    if (list) return { result: { [list]: [] } };
    return errorOutcome(rpcErrorCodes.methodNotFound, `No enabled server handles ${request.method}.`);
  }

  private slot(name: string): ServerSlot {
    const slot = this.slots.get(name);
    if (!slot) {
      const known = [...this.slots.keys()].join(', ') || 'none';
      throw new SwitchyardError('SERVER_NOT_FOUND', `No server named "${name}".`, `Configured servers: ${known}.`);
    }
    return slot;
  }

  private assertRunning(): void {
    if (this.state !== 'running') throw new SwitchyardError('GATEWAY_STOPPED', 'The gateway is stopped.', 'Start the gateway first.');
  }

  private setState(state: GatewayState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.emit('status', this.status());
  }
}

/** A server that cannot start answers a tool call with a tool error (the model can read it), anything else with a JSON-RPC error. */
function startFailureOutcome(request: RpcRequest, error: unknown): RpcOutcome {
  const failure = error instanceof SwitchyardError ? error : new SwitchyardError('CONTAINER_FAILED', String(error));
  const text = failure.describe();
  if (request.method === 'tools/call') return { result: { content: [{ type: 'text', text }], isError: true } };
  return errorOutcome(rpcErrorCodes.internalError, text, { code: failure.code, ...(failure.hint ? { hint: failure.hint } : {}) });
}

/** A server without prompts (say) answers prompts/list with "method not found"; to the client that is an empty list. */
function emptyListIfUnsupported(method: string, outcome: RpcOutcome): RpcOutcome {
  const list = listMethods[method];
  if (list && 'error' in outcome && outcome.error.code === rpcErrorCodes.methodNotFound) return { result: { [list]: [] } };
  return outcome;
}
