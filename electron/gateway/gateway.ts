import { EventEmitter } from 'node:events';
import type { Transport } from '@modelcontextprotocol/client';
import type { GatewayState, GatewayStatus, ProfileSessions, ServerStatus } from '../../shared/domain.js';
import { SwitchyardError } from '../../shared/errors.js';
import type { Logger } from '../core/logger.js';
import type { ServerRuntime } from '../runtime/docker-runtime.js';
import type { StartFailureLog } from '../runtime/start-failures.js';
import { configuredServerName } from '../catalog/catalog-schema.js';
import { checkServerName, type ServerDefinition } from '../runtime/server-definition.js';
import type { BackendConnection, RequestOrigin } from './backend-connection.js';
import type { CallCancellation } from './call-cancellation.js';
import type { BackendEra } from './backend-era.js';
import { ClientSession, type SessionHost } from './client-session.js';
import { requestClientInfo } from './modern-era.js';
import { unionOfClientRoots } from './client-roots.js';
import { errorOutcome, rpcErrorCodes, type RequestId, type RpcNotification, type RpcOutcome, type RpcRequest } from './json-rpc.js';
import { deniedOutcome, interceptedMethods, newCallInfo, type CallEnd, type CallInterceptor } from './call-interceptors.js';
import { awaitWithinLimit, callLimitMs, timeoutOutcome } from './call-timeout.js';
import { fetchLists } from './list-fetch.js';
import type { ListCache } from './list-cache.js';
import { buildRoutingTable, matchTemplate, prefixSeparator, type Route, type RoutingTable } from './routing-table.js';
import { changedKinds, emptyLists, listChangedNotification, listKinds, type ListKind, type ServerLists } from './server-lists.js';
import type { ToolPins } from './tool-pins.js';
import { OtherEraLists } from './era-lists.js';
import { ResourceSubscriptions, type ServerResource } from './resource-subscriptions.js';
import { ServerSlot } from './server-slot.js';
import { backendParamHeaders, headerDeclarations } from './param-headers.js';
import { defaultProfile, profileLists, profileRefusal, toolAllowed, viewKey, viewServers, type ProfileDefinition, type View } from './profile-view.js';
import { AddedServerHandles } from './added-server-handles.js';
import { gatewayToolServer, isOnDemandTool, OnDemandTools, onDemandToolDefinitions, type OnDemandHost } from './on-demand-tools.js';
import type { ServerDirectory } from './server-directory.js';
import type { Item } from './server-lists.js';

export interface GatewayOptions {
  runtime: ServerRuntime;
  servers: ServerDefinition[];
  version: string;
  logger: Logger;
  /** Lists seen at each server's last run; without it every tools/list starts the servers. */
  listCache?: ListCache;
  /** Expose every name as `<server>__<name>`, not only on a clash. */
  alwaysPrefix?: boolean;
  /** Stop a server's container after this long without calls; 0 keeps it running. Default 10 minutes. */
  idleTimeoutMs?: number;
  /** Completes a server's definition right before it starts (catalog templates, secrets). */
  prepare?: (server: ServerDefinition) => Promise<ServerDefinition>;
  /** Replaces stored secret values in servers' stderr as it arrives (every way out of the engine then carries the redacted text). */
  redact?: (text: string) => string;
  /** Policy and recording around every tools/call, prompts/get and resources/read. */
  interceptors?: CallInterceptor[];
  /** Tool-definition pinning: changed tools are held back until approved. */
  pins?: ToolPins;
  /** Failed starts, shared by every process of the home, for the start back-off (see start-backoff.ts). */
  startFailures?: StartFailureLog;
  /** Named sets of servers clients attach to (the default profile, every server, needs no entry). */
  profiles?: ProfileDefinition[];
  /** The catalog and configured servers, for the on-demand tools of dynamic profiles (find_servers, add_server). */
  directory?: ServerDirectory;
}

/** How long after a client with roots has initialized the running servers hear that the roots changed. */
const rootsJoinNoticeMs = 1_000;

type ListRequestKind = { method: string; kind: ListKind };
const listRequests: ListRequestKind[] = listKinds.map((kind) => ({
  kind,
  method: { tools: 'tools/list', prompts: 'prompts/list', resources: 'resources/list', resourceTemplates: 'resources/templates/list' }[kind],
}));

/**
 * The MCP gateway: client sessions on one side, one slot per enabled server on the other. Lists are answered
 * from the routing table (built from cached or live lists, no container needed); calls are routed to their
 * server, whose container starts on first use, is shared by every session, and stops when idle.
 */
export class Gateway extends EventEmitter<{ status: [GatewayStatus]; tools: [string] }> implements SessionHost {
  readonly serverInfo: { name: string; version: string };
  private state: GatewayState = 'stopped';
  private readonly slots = new Map<string, ServerSlot>();
  private readonly sessions = new Set<ClientSession>();
  /** Containers of `perSession` servers: one per client session, keyed by server name. */
  private readonly sessionSlots = new Map<string, Map<ClientSession, ServerSlot>>();
  /**
   * What each kind of session sees (see profile-view.ts), keyed by profile and additions: the routing tables for
   * 2025-era callers and for 2026-era ones (the same unless a server offers each era something else).
   */
  private views = new Map<string, View>();
  private readonly profiles = new Map<string, ProfileDefinition>();
  /** The servers of the settings (the rest were added by a session for itself). */
  private fromSettings = new Set<string>();
  private settingsServers: ServerDefinition[];
  /** Servers not in the settings that sessions added for themselves (add_server), while one of them uses it. */
  private readonly sessionOnly = new Map<string, ServerDefinition>();
  private readonly otherEraLists = new OtherEraLists();
  /** Resources clients watch (2025 resources/subscribe, 2026 subscriptions/listen): the servers subscribe once for all. */
  private readonly watched = new ResourceSubscriptions();
  private logLevel: string | undefined;
  /** The era of the latest client request: a backend of both eras starts in the era of whoever needs it. */
  private lastCallerEra: BackendEra | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** The server-list change being applied (setServers runs one at a time). */
  private serverChanges: Promise<void> = Promise.resolve();
  /** find_servers, describe_server, add_server and call_tool, for the sessions of dynamic profiles. */
  private readonly onDemand: OnDemandTools;
  /** What 2026-07-28 clients over HTTP (no session) added with add_server, under the handles it answered with. */
  private readonly handles = new AddedServerHandles();
  private handleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: GatewayOptions) {
    super();
    this.serverInfo = { name: 'switchyard', version: options.version };
    for (const server of options.servers) this.addServer(server);
    this.settingsServers = options.servers;
    this.fromSettings = new Set(options.servers.map((server) => server.name));
    for (const profile of options.profiles ?? []) this.profiles.set(profile.name, profile);
    this.onDemand = new OnDemandTools(this.onDemandHost(), options.directory);
    // The engine becoming unreachable, or reachable again, is part of the status (gateway.status, /health).
    options.runtime.onEngineChange?.(() => this.emitStatus());
  }

  /**
   * Checks the engine (fails within 2 s with a clear error), sweeps orphans, and starts serving. With
   * `serveWithoutEngine` (the stdio gateway, whose client cannot show our stderr) an unreachable engine is a
   * warning: the gateway serves remote servers and the lists it can, and every start of a container server
   * answers with the engine's error until the engine answers again.
   */
  async start(options: { serveWithoutEngine?: boolean } = {}): Promise<GatewayStatus> {
    if (this.state === 'running') return this.status();
    const needsDocker = this.slots.size === 0 || [...this.slots.values()].some((slot) => !slot.definition.remote);
    try {
      await this.options.runtime.ensureReachable();
      const swept = await this.options.runtime.sweepOrphans();
      if (swept > 0) this.options.logger.info(`removed ${swept} container(s) left behind by an earlier run`);
      void this.options.runtime
        .stdioSupport?.()
        .then((stdio) =>
          this.options.logger.info(
            stdio.usable
              ? "servers' stdio: a unix socket per container (no dockerd in the message path)"
              : `servers' stdio: Docker's attach stream (${stdio.reason})`,
          ),
        );
    } catch (error) {
      // Remote servers need no engine: with only those configured, a stopped Docker is worth a warning, not a stop.
      if (needsDocker && !options.serveWithoutEngine) throw error;
      const why = needsDocker
        ? 'serving anyway: calls to container servers answer with this error until the engine answers'
        : 'only remote servers are configured, so the gateway serves anyway';
      this.options.logger.warn(`${error instanceof Error ? error.message : String(error)} (${why})`);
    }
    this.startIdleTimer();
    // A catalog server added under a handle stops being offered once the handle is forgotten.
    this.handleTimer = setInterval(() => this.forgetIdleHandles(), 60_000).unref();
    this.setState('running');
    return this.status();
  }

  /** A new idle timeout (0: never stop idle servers), in force at once for the servers running now. */
  setIdleTimeout(ms: number): void {
    if (ms === (this.options.idleTimeoutMs ?? 600_000)) return;
    this.options.idleTimeoutMs = ms;
    clearInterval(this.idleTimer);
    if (this.state === 'running') this.startIdleTimer();
  }

  /** Stops every container; sessions stay connected and get an error until the gateway starts again. */
  async stop(): Promise<GatewayStatus> {
    clearInterval(this.idleTimer);
    clearInterval(this.handleTimer);
    this.setState('stopped');
    await Promise.all(this.allSlots().map((slot) => slot.stop()));
    return this.status();
  }

  /** Stops everything and disconnects every client. */
  async close(): Promise<void> {
    await Promise.all([this.stop(), this.options.runtime.discardStartedAhead?.()]);
    await Promise.all([...this.sessions].map((session) => session.close()));
  }

  status(): GatewayStatus {
    return {
      state: this.state,
      version: this.options.version,
      sessions: this.sessions.size,
      profiles: this.sessionsByProfile(),
      servers: [...this.slots.values()].map((slot) => slot.status()),
      ...(this.options.runtime.engineStatus ? { engine: this.options.runtime.engineStatus() } : {}),
    };
  }

  /** The profiles sessions are attached to, by name, each with its number of sessions. */
  private sessionsByProfile(): ProfileSessions[] {
    const counts = new Map<string, number>();
    for (const session of this.sessions) counts.set(session.profile, (counts.get(session.profile) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([name, sessions]) => ({ name, sessions }));
  }

  onStatus(listener: (status: GatewayStatus) => void): () => void {
    this.on('status', listener);
    return () => this.off('status', listener);
  }

  /** Calls back with a server's name when its tool list changed (a new list, a tool held back or shown again). */
  onToolsChanged(listener: (server: string) => void): () => void {
    this.on('tools', listener);
    return () => this.off('tools', listener);
  }

  /**
   * A sign-in to a remote server succeeded (in this process, or another one stored its tokens): its slots that
   * failed only for want of it leave the error state, and the status event tells the window.
   */
  signedIn(server: string): void {
    for (const slot of this.allSlots()) if (slot.name === server) slot.signedIn();
  }

  /** An explicit start (the user asked): it clears a failed start's back-off. */
  async startServer(name: string): Promise<ServerStatus> {
    this.assertRunning();
    const slot = this.slot(name);
    await slot.connect('explicit');
    return slot.status();
  }

  async stopServer(name: string): Promise<ServerStatus> {
    const slot = this.slot(name);
    await slot.stop();
    return slot.status();
  }

  /**
   * Replaces the set of enabled servers while running: removed or changed servers stop, clients hear list_changed.
   * Changes are applied one after another, in the order they were asked for: the same change applied twice (the
   * control API, then the settings watcher) finds it already made the second time.
   */
  setServers(servers: ServerDefinition[]): Promise<void> {
    const applied = this.serverChanges.then(() => this.applyServers(servers));
    this.serverChanges = applied.catch(() => undefined);
    return applied;
  }

  private async applyServers(servers: ServerDefinition[]): Promise<void> {
    this.settingsServers = servers;
    this.fromSettings = new Set(servers.map((server) => server.name));
    // Servers sessions added for themselves stay while a session uses them (the settings' definition wins a clash).
    const added = this.addedInUse();
    for (const name of this.sessionOnly.keys()) if (!added.has(name) || this.fromSettings.has(name)) this.sessionOnly.delete(name);
    const wanted = new Map([...this.sessionOnly.values(), ...servers].map((server) => [server.name, server]));
    const stopping: Promise<void>[] = [];
    const toggled = new Set<string>();
    for (const [name, slot] of this.slots) {
      const next = wanted.get(name);
      if (next && sameLaunch(next, slot.definition)) {
        // Hiding or showing a tool, a new call timeout or pull policy, leaves the running container as it is.
        if (JSON.stringify(next.disabledTools ?? []) !== JSON.stringify(slot.definition.disabledTools ?? [])) toggled.add(name);
        slot.definition = next;
        wanted.delete(name);
        continue;
      }
      stopping.push(slot.stop());
      slot.removeAllListeners();
      this.slots.delete(name);
      this.otherEraLists.delete(name);
    }
    await Promise.all(stopping);
    for (const server of wanted.values()) this.addServer(server);
    // A new server we know nothing about yet is not started here (enabling never starts a container): clients
    // are told the lists changed, and their next tools/list is what starts it once to learn what it offers.
    for (const name of wanted.keys()) if (!this.slots.get(name)?.lists) toggled.add(name);
    this.rebuildTable(listKinds, toggled);
    if (stopping.length > 0 || wanted.size > 0) this.emitStatus(); // the server list changed: the window and the tray follow
  }

  /**
   * Replaces the profiles. Only the sessions whose view changed hear list_changed: a change to one profile
   * leaves the clients of every other profile alone.
   */
  setProfiles(profiles: ProfileDefinition[]): void {
    this.profiles.clear();
    for (const profile of profiles) this.profiles.set(profile.name, profile);
    this.rebuildTable(listKinds);
  }

  /** The servers sessions still open added for themselves, and those live handles hold. */
  private addedInUse(): Set<string> {
    return new Set([...this.sessions].flatMap((session) => [...session.added]).concat([...this.handles.inUse()]));
  }

  /** Forgets handles nobody used for a while; a catalog server only they held goes. */
  private forgetIdleHandles(): void {
    const inUse = this.addedInUse();
    if ([...this.sessionOnly.keys()].some((name) => !inUse.has(name))) void this.setServers(this.settingsServers);
  }

  /** Whether clients can attach to this profile now. */
  hasProfile(name: string): boolean {
    return name === defaultProfile || this.profiles.has(name);
  }

  /** Serves one MCP client over the given transport until it disconnects; it sees the servers of `profile`. */
  async connect(transport: Transport, profile = defaultProfile): Promise<ClientSession> {
    const session = new ClientSession(transport, this, profile);
    this.sessions.add(session);
    await session.start();
    this.emitStatus();
    return session;
  }

  // SessionHost

  async handleRequest(session: ClientSession, request: RpcRequest, origin: RequestOrigin, cancellation: CallCancellation): Promise<RpcOutcome> {
    const call: Call = { session, request, origin, cancellation };
    this.lastCallerEra = origin.era;
    if (this.state !== 'running') {
      return errorOutcome(rpcErrorCodes.internalError, 'The Switchyard gateway is stopped; start it in the Switchyard app or with `switchyard gateway run`.', {
        code: 'GATEWAY_STOPPED',
      });
    }
    const list = listRequests.find((entry) => entry.method === request.method);
    if (list) return this.answerList(list.kind, session, origin.era);
    switch (request.method) {
      case 'tools/call':
        return this.routeByName('tools', call);
      case 'prompts/get':
        return this.routeByName('prompts', call);
      case 'resources/read':
      case 'resources/subscribe':
      case 'resources/unsubscribe':
        return this.routeByUri(call);
      case 'completion/complete':
        return this.routeCompletion(call);
      case 'logging/setLevel':
        return this.setLogLevel(request);
      default:
        return errorOutcome(rpcErrorCodes.methodNotFound, `Method not found: ${request.method}`);
    }
  }

  handleNotification(session: ClientSession, notification: RpcNotification): void {
    // Roots changed on a client, or a client with roots joined: the roots a server gets outside a call changed.
    if (notification.method === 'notifications/roots/list_changed') this.rootsChanged(session);
    // A new client is told about after a moment: over HTTP it opens the stream that carries the server's question just after this.
    if (notification.method === 'notifications/initialized' && session.sharesRoots) {
      setTimeout(() => session.sharesRoots && this.rootsChanged(session), rootsJoinNoticeMs).unref();
    }
  }

  sessionClosed(session: ClientSession): void {
    const hadRoots = session.clientCapabilities.roots !== undefined;
    this.sessions.delete(session);
    for (const resource of this.watched.removeHolders(`${session.id}/`)) void this.changeUpstreamSubscription(resource, 'resources/unsubscribe');
    // Its roots are no longer part of what servers are told: they ask again and get the clients still here.
    if (hadRoots) this.rootsChanged(session);
    // Servers it added for itself go when no other session uses them.
    if ([...session.added].some((name) => this.sessionOnly.has(name))) void this.setServers(this.settingsServers);
    // Per-session servers live and die with their client session.
    for (const perSession of this.sessionSlots.values()) {
      const slot = perSession.get(session);
      if (!slot) continue;
      perSession.delete(session);
      void slot.stop().finally(() => slot.removeAllListeners());
    }
    this.emitStatus();
  }

  listening(session: ClientSession, listenId: RequestId, resourceUris: string[]): void {
    const holder = `${session.id}/listen/${String(listenId)}/`;
    if (resourceUris.length === 0) {
      for (const resource of this.watched.removeHolders(holder)) void this.changeUpstreamSubscription(resource, 'resources/unsubscribe');
      return;
    }
    for (const uri of resourceUris) {
      const route = this.resolveUri(uri, session, 'modern');
      const resource = route && { server: route.server, uri: route.original };
      if (resource && this.watched.add(resource, holder)) void this.changeUpstreamSubscription(resource, 'resources/subscribe');
    }
  }

  /** Asks a server to (un)subscribe a resource; subscribing starts it if needed, unsubscribing only talks to a running one. */
  private async changeUpstreamSubscription({ server, uri }: ServerResource, method: 'resources/subscribe' | 'resources/unsubscribe'): Promise<void> {
    const slot = this.slots.get(server);
    if (!slot || slot.definition.perSession) return;
    const backend = method === 'resources/subscribe' ? await slot.connect().catch(() => undefined) : slot.running;
    const outcome = await backend?.request(method, { uri }, undefined).response;
    if (outcome && 'error' in outcome) this.options.logger.warn(`server "${server}" refused ${method} of ${uri}: ${outcome.error.message}`);
  }

  /** Tells the running servers whose roots include this client's that they changed (they ask again). */
  private rootsChanged(session: ClientSession): void {
    const changed: RpcNotification = { jsonrpc: '2.0', method: 'notifications/roots/list_changed' };
    for (const slot of this.slots.values()) if (!slot.definition.perSession) void slot.notifyIfRunning(changed);
    for (const perSession of this.sessionSlots.values()) void perSession.get(session)?.notifyIfRunning(changed);
  }

  /** A server-to-client request with no call in flight to attribute it to (see client-roots.ts for roots/list). */
  private answerUnattributed(server: string, method: string, owner: ClientSession | undefined): Promise<RpcOutcome> {
    if (method === 'roots/list') return unionOfClientRoots(owner ? [owner] : this.sessions);
    return Promise.resolve(errorOutcome(rpcErrorCodes.internalError, `${method} from server "${server}" arrived while no client call was in flight.`));
  }

  // Lists

  private async answerList(kind: ListKind, session: ClientSession, era: BackendEra | undefined): Promise<RpcOutcome> {
    await this.learnUnknownLists(session);
    const listed = this.tableFor(session, era).lists[kind];
    if (kind !== 'tools' || !this.isDynamic(session)) return { result: { [kind]: listed } };
    // The gateway's own tools come first; a server's tool of the same name is shadowed for this profile.
    return { result: { tools: [...onDemandToolDefinitions, ...listed.filter((tool) => !isOnDemandTool(String(tool.name)))] } };
  }

  private isDynamic(session: ClientSession): boolean {
    return this.profiles.get(session.profile)?.dynamic === true;
  }

  private tableFor(session: ClientSession, era: BackendEra | undefined): RoutingTable {
    const view = this.viewOf(session);
    return era === 'modern' ? view.modern : view.legacy;
  }

  /** What a session sees (built on first use, then shared by every session with the same profile and additions). */
  private viewOf(session: ClientSession): View {
    const key = viewKey(session.profile, session.added);
    let view = this.views.get(key);
    if (!view) this.views.set(key, (view = this.buildView(session.profile, session.added)));
    return view;
  }

  private buildView(profileName: string, added: ReadonlySet<string>): View {
    const profile = this.profiles.get(profileName);
    const servers = viewServers(profile, profileName, [...this.slots.keys()], this.fromSettings, added);
    return {
      key: viewKey(profileName, added),
      profile: profileName,
      servers,
      legacy: this.buildTable('legacy', servers, profile),
      modern: this.buildTable('modern', servers, profile),
    };
  }

  /** The shared slots a session's view shows. */
  private slotsOf(session: ClientSession): ServerSlot[] {
    return this.viewOf(session)
      .servers.map((name) => this.slots.get(name))
      .filter((slot): slot is ServerSlot => slot !== undefined);
  }

  /**
   * Servers never seen before (nothing cached) must run once to tell us what they offer: those this session sees.
   * One whose last start failed is not started again for this (see start-backoff.ts): that is for a call to it or the user.
   */
  private async learnUnknownLists(session: ClientSession): Promise<void> {
    const unknown = this.slotsOf(session).filter((slot) => !slot.lists);
    await Promise.all(
      unknown.map((slot) =>
        slot.connect('automatic').catch((error: unknown) => {
          // The failure itself was reported when it happened; that it still stands is only worth a note.
          if (error instanceof SwitchyardError && error.details?.backoff) this.options.logger.info(error.message.split('\n')[0]!);
          else this.options.logger.warn(error instanceof SwitchyardError ? error.describe() : String(error));
        }),
      ),
    );
  }

  /**
   * Tools clients never see: those the user switched off, and those whose definition changed since it was
   * pinned (until the user approves the change).
   */
  private withoutHeldTools(server: string, lists: ServerLists): ServerLists {
    const held = this.options.pins?.held(server);
    const disabled = this.slots.get(server)?.definition.disabledTools ?? [];
    if ((!held || held.size === 0) && disabled.length === 0) return lists;
    return { ...lists, tools: lists.tools.filter((tool) => !held?.has(String(tool.name)) && !disabled.includes(String(tool.name))) };
  }

  /** Every tool each server offers (as last seen), hidden ones included, for the settings views. */
  knownTools(): Array<{ server: string; tools: ServerLists['tools']; disabled: string[] }> {
    return [...this.slots.values()].map((slot) => ({
      server: slot.name,
      tools: slot.lists?.tools ?? slot.definition.knownTools ?? [],
      disabled: slot.definition.disabledTools ?? [],
    }));
  }

  /** The explanation for a call to a hidden tool, if that is what `name` is. */
  private heldToolNote(name: string): string | undefined {
    for (const slot of this.slots.values()) {
      const original = name.startsWith(`${slot.name}${prefixSeparator}`) ? name.slice(slot.name.length + prefixSeparator.length) : name;
      if (slot.definition.disabledTools?.includes(original) && slot.lists?.tools.some((tool) => tool.name === original)) {
        return `Tool "${name}" of server "${slot.name}" is switched off in your settings. Switch it on with \`switchyard tools enable ${slot.name} ${original}\`.`;
      }
      const held = this.options.pins?.held(slot.name);
      if (!held) continue;
      if (held.has(original)) {
        return `Tool "${name}" of server "${slot.name}" changed its definition since you approved it, so Switchyard holds it back. Review the change with \`switchyard tools pending\` and approve it with \`switchyard tools approve ${slot.name} ${original}\`.`;
      }
    }
    return undefined;
  }

  /** Servers whose lists we could not learn may be the ones offering a missing name: say why they are silent. */
  private unknownListsNote(session: ClientSession): string {
    const silent = this.slotsOf(session).filter((slot) => !slot.lists);
    if (silent.length === 0) return '';
    return `\nServers that could not be asked:\n${silent.map((slot) => `- ${slot.status().error ?? `"${slot.name}" has not started yet`}`).join('\n')}`;
  }

  private async onServerStarted(slot: ServerSlot, backend: BackendConnection): Promise<void> {
    this.otherEraLists.delete(slot.name);
    // A restarted server has forgotten what it was asked to watch.
    for (const uri of this.watched.watchedOn(slot.name)) await backend.request('resources/subscribe', { uri }, undefined).response;
    if (this.logLevel) await backend.request('logging/setLevel', { level: this.logLevel }, undefined).response;
    await this.refreshLists(slot, backend, listKinds);
  }

  /** Re-reads a server's lists; when they changed, updates the cache and tells every client. */
  private async refreshLists(slot: ServerSlot, backend: BackendConnection, kinds: ListKind[]): Promise<void> {
    const lists = await fetchLists(backend, kinds, slot.lists);
    // A server of both eras: the other era's lists too (any change notice may concern either).
    const other = backend.otherEraConnection;
    const otherBefore = this.otherEraLists.get(slot.name);
    if (other) this.otherEraLists.set(slot.name, other.era, await fetchLists(other, kinds, otherBefore));
    const otherChanged = other ? changedKinds(otherBefore, this.otherEraLists.get(slot.name)!).filter((kind) => kinds.includes(kind)) : [];
    const heldBefore = [...(this.options.pins?.held(slot.name) ?? [])].sort().join('\n');
    if (kinds.includes('tools')) this.options.pins?.review(slot.name, this.otherEraLists.allTools(slot.name, lists.tools));
    const heldChanged = heldBefore !== [...(this.options.pins?.held(slot.name) ?? [])].sort().join('\n');
    const changed = changedKinds(slot.lists, lists).filter((kind) => kinds.includes(kind) || (kind === 'tools' && heldChanged));
    for (const kind of otherChanged) if (!changed.includes(kind)) changed.push(kind);
    if (heldChanged && !changed.includes('tools')) changed.push('tools');
    const firstSight = !slot.lists;
    slot.lists = lists;
    if (changed.length === 0 && !firstSight) return;
    this.options.listCache?.set(slot.name, slot.definition.image, lists);
    this.rebuildTable(firstSight ? changed.filter((kind) => lists[kind].length > 0) : changed);
    if (changed.includes('tools')) this.emit('tools', slot.name);
  }

  /**
   * Rebuilds every view sessions use and tells each session what changed in its own view: a view that did not
   * change (another profile, a server it does not show) stays silent. `announce`: servers whose change is told
   * to every view that shows them even though their lists look the same (a new server not yet asked, a tool
   * switched on or off).
   */
  private rebuildTable(changed: ListKind[], announce: ReadonlySet<string> = new Set()): void {
    const before = this.views;
    this.views = new Map();
    const byView = new Map<string, ClientSession[]>();
    for (const session of this.sessions) {
      const key = viewKey(session.profile, session.added);
      byView.set(key, [...(byView.get(key) ?? []), session]);
    }
    for (const sessions of byView.values()) {
      const view = this.viewOf(sessions[0]!);
      const old = before.get(view.key);
      const announced = view.servers.some((server) => announce.has(server));
      const notified = new Set<string>();
      for (const kind of changed) {
        const method = listChangedNotification[kind === 'resourceTemplates' ? 'resources' : kind];
        if (!method || notified.has(method)) continue;
        const same = (a: RoutingTable, b: RoutingTable) => JSON.stringify(a.lists[kind]) === JSON.stringify(b.lists[kind]);
        if (!announced && old && same(old.legacy, view.legacy) && same(old.modern, view.modern)) continue;
        notified.add(method);
        for (const session of sessions) session.notify({ jsonrpc: '2.0', method });
      }
    }
  }

  /** A tool as clients of a profile see it (public name), for transport-level checks such as SEP-2243 parameter headers. */
  toolDefinition(publicName: string, profile = defaultProfile): Record<string, unknown> | undefined {
    const named = (tool: Record<string, unknown>) => tool.name === publicName;
    const view = this.buildView(profile, new Set());
    return view.legacy.lists.tools.find(named) ?? view.modern.lists.tools.find(named);
  }

  /** Re-reads the pins (the CLI approved a change) and shows the approved tools again. */
  pinsChanged(): void {
    try {
      this.options.pins?.reload();
    } catch (error) {
      // A half-written or hand-damaged pin file must not take the gateway down: keep trusting what was loaded before.
      this.options.logger.warn(`${error instanceof Error ? error.message : String(error)} Keeping the pins loaded before.`);
      return;
    }
    this.rebuildTable(['tools']);
  }

  /** The explanation for a call to a tool the session's profile leaves out, if that is what `name` is. */
  private profileNote(session: ClientSession, name: string): string | undefined {
    const profile = this.profiles.get(session.profile);
    return profileRefusal(profile, session.profile, name, (server) => this.slots.get(server)?.lists?.tools, [...this.fromSettings], prefixSeparator);
  }

  private buildTable(era: BackendEra, names: string[], profile: ProfileDefinition | undefined): RoutingTable {
    const servers = names
      .map((name) => ({ server: name, lists: this.otherEraLists.listsFor(name, this.slots.get(name)?.lists, era) }))
      .filter((entry): entry is { server: string; lists: ServerLists } => entry.lists !== undefined)
      .map(({ server, lists }) => ({ server, lists: profileLists(profile, server, this.withoutHeldTools(server, lists)) }));
    return buildRoutingTable(servers, this.options.alwaysPrefix ?? false);
  }

  // Routing

  private async routeByName(kind: 'tools' | 'prompts', call: Call): Promise<RpcOutcome> {
    const { request } = call;
    const name = String(request.params?.name ?? '');
    const { session } = call;
    if (kind === 'tools' && isOnDemandTool(name) && this.isDynamic(session)) {
      return this.forward({ server: gatewayToolServer, original: name }, { ...request.params }, call, (relayed) =>
        this.onDemand.call(name, objectOf(relayed.arguments), session, call.origin, (server, tool, args) =>
          // The real call goes the usual way: the profile's and the policy's rules apply, and it is recorded too.
          this.forward({ server, original: tool }, { ...request.params, name: tool, arguments: args }, call),
        ),
      );
    }
    let route = this.tableFor(session, call.origin.era)[kind].get(name);
    if (!route) {
      await this.learnUnknownLists(session);
      route = this.tableFor(session, call.origin.era)[kind].get(name);
    }
    if (!route) {
      const held = kind === 'tools' ? (this.heldToolNote(name) ?? this.profileNote(session, name)) : undefined;
      if (held) return errorOutcome(rpcErrorCodes.invalidParams, held);
      const what = kind === 'tools' ? 'tool' : 'prompt';
      return errorOutcome(
        rpcErrorCodes.invalidParams,
        `Unknown ${what} "${name}": no enabled server offers it. List ${kind} to see what is available.${this.unknownListsNote(session)}`,
      );
    }
    return this.forward(route, { ...request.params, name: route.original }, call);
  }

  private async routeByUri(call: Call): Promise<RpcOutcome> {
    const { request } = call;
    const uri = String(request.params?.uri ?? '');
    const route = this.resolveUri(uri, call.session, call.origin.era);
    if (!route) return errorOutcome(-32002, `Resource not found: no enabled server offers "${uri}".`, { uri });
    const watcher = `${call.session.id}/subscribe/`;
    if (request.method === 'resources/subscribe') this.watched.add({ server: route.server, uri: route.original }, watcher);
    // Another client still watches it: the server keeps its subscription.
    if (request.method === 'resources/unsubscribe' && !this.watched.remove({ server: route.server, uri: route.original }, watcher)) return { result: {} };
    const outcome = await this.forward(route, { ...request.params, uri: route.original }, call);
    return request.method === 'resources/read' ? this.publicContents(route.server, outcome, this.tableFor(call.session, call.origin.era)) : outcome;
  }

  private resolveUri(uri: string, session: ClientSession, era: BackendEra | undefined): Route | undefined {
    const listed = this.tableFor(session, era).resources.get(uri);
    if (listed) return listed;
    const visible = this.slotsOf(session);
    const split = uri.indexOf(prefixSeparator);
    if (split > 0) {
      const server = uri.slice(0, split);
      if (visible.some((slot) => slot.name === server)) return { server, original: uri.slice(split + prefixSeparator.length) };
    }
    for (const slot of visible) {
      const templates = this.otherEraLists.listsFor(slot.name, slot.lists, era)?.resourceTemplates;
      if (templates?.some((template) => matchTemplate(String(template.uriTemplate), uri))) return { server: slot.name, original: uri };
    }
    return undefined;
  }

  private async routeCompletion(call: Call): Promise<RpcOutcome> {
    const { request } = call;
    const ref = (request.params?.ref ?? {}) as Record<string, unknown>;
    await this.learnUnknownLists(call.session);
    if (ref.type === 'ref/prompt') {
      const route = this.tableFor(call.session, call.origin.era).prompts.get(String(ref.name));
      if (!route) return errorOutcome(rpcErrorCodes.invalidParams, `Unknown prompt "${String(ref.name)}" in completion/complete.`);
      return this.forward(route, { ...request.params, ref: { ...ref, name: route.original } }, call);
    }
    const uri = String(ref.uri ?? '');
    const owner = this.slotsOf(call.session).find((slot) => slot.lists?.resourceTemplates.some((template) => template.uriTemplate === uri));
    const route = owner ? { server: owner.name, original: uri } : this.resolveUri(uri, call.session, call.origin.era);
    if (!route) return errorOutcome(rpcErrorCodes.invalidParams, `No enabled server offers the resource template "${uri}".`);
    return this.forward(route, { ...request.params, ref: { ...ref, uri: route.original } }, call);
  }

  private async setLogLevel(request: RpcRequest): Promise<RpcOutcome> {
    this.logLevel = String(request.params?.level ?? 'info');
    await Promise.all([...this.slots.values()].map((slot) => slot.running?.request('logging/setLevel', { level: this.logLevel }, undefined).response));
    return { result: {} };
  }

  /** What the on-demand tools see of the gateway (see on-demand-tools.ts). */
  private onDemandHost(): OnDemandHost {
    return {
      sessionServers: (session) => this.viewOf(session).servers,
      isEnabled: (server) => this.fromSettings.has(server),
      reportedTools: (server) => this.slots.get(server)?.lists?.tools.map((tool) => String(tool.name)),
      toolsFor: async (session, server) => {
        const slot = this.slots.get(server);
        if (!slot) return undefined;
        // Never seen before: it runs once to say what it offers (as tools/list would; a failed start is not retried here).
        if (!slot.lists) await slot.connect('automatic').catch(() => undefined);
        const lists = slot.lists ?? (slot.definition.knownTools ? { ...emptyLists(), tools: slot.definition.knownTools } : undefined);
        if (!lists) return undefined;
        const profile = this.profiles.get(session.profile);
        return this.withoutHeldTools(server, lists).tools.filter((tool: Item) => toolAllowed(profile, server, String(tool.name)));
      },
      addUnderHandle: async (session, server, definition, handle) => {
        const held = this.handles.add(session.profile, server, handle);
        if (definition && !this.slots.has(server)) {
          this.sessionOnly.set(server, definition);
          await this.setServers(this.settingsServers);
        }
        return held;
      },
      handleServers: (session, handle) => this.handles.servers(session.profile, handle),
      addToSession: async (session, server, definition) => {
        const before = this.viewOf(session);
        session.added.add(server);
        if (definition && !this.slots.has(server)) {
          // A catalog server runs for the sessions that added it; the views that show it (theirs alone) hear of it.
          this.sessionOnly.set(server, definition);
          await this.setServers(this.settingsServers);
          return;
        }
        // An enabled server: the session's view (its key names its additions) is its own; only this session is told.
        const after = this.viewOf(session);
        // Tools always (a server not yet asked shows its tools at the next tools/list); prompts and resources when they differ.
        const changed = listKinds.filter((kind) => kind === 'tools' || JSON.stringify(before.legacy.lists[kind]) !== JSON.stringify(after.legacy.lists[kind]));
        const methods = new Set(changed.map((kind) => listChangedNotification[kind === 'resourceTemplates' ? 'resources' : kind]));
        for (const method of methods) if (method) session.notify({ jsonrpc: '2.0', method });
      },
    };
  }

  /** Relays one request to one server, starting it if needed; a server that cannot start answers with its reason. */
  /** The call path: interceptors (policy, recording) around the relay to the server. */
  private async forward(
    route: Route,
    params: Record<string, unknown>,
    call: Call,
    answer: (relayed: Record<string, unknown>) => Promise<RpcOutcome> = (relayed) => this.relay(route, relayed, call),
  ): Promise<RpcOutcome> {
    const interceptors = this.options.interceptors ?? [];
    if (interceptors.length === 0 || !interceptedMethods.has(call.request.method)) return answer(params);
    const info = newCallInfo({
      // A 2026-era client names itself in each request (there is no initialize); a 2025-era one once, at initialize.
      client: {
        ...(call.origin.era === 'modern' ? requestClientInfo(call.request) : call.session.clientInfo),
        sessionId: call.session.id,
        profile: call.session.profile,
      },
      server: route.server,
      method: call.request.method,
      name: route.original,
      arguments: call.request.method === 'resources/read' ? {} : (params.arguments ?? {}),
    });
    const started = performance.now();
    // The trace id in the server's own log view, so a record and the server's lines around it can be matched.
    const log = this.slots.get(route.server)?.stderr;
    log?.writeLine(`[switchyard trace=${info.traceId}] ${info.method} ${info.name} started`);
    const finish = (end: CallEnd) => {
      const duration = performance.now() - started;
      log?.writeLine(
        `[switchyard trace=${info.traceId}] ${info.method} ${info.name} ${end.kind === 'outcome' ? ('error' in end.outcome ? 'failed' : 'ended') : end.kind} after ${duration.toFixed(1)} ms`,
      );
      // After the answer is on its way: recording and export are never on the caller's critical path.
      setImmediate(() => {
        for (const interceptor of interceptors) interceptor.ended?.(info, end, duration);
      });
    };
    let relayed = params;
    for (const interceptor of interceptors) {
      // Most interceptors answer at once: awaiting a plain value still costs a turn of the microtask queue.
      const asked = interceptor.before?.(info);
      const decision = asked instanceof Promise ? await asked : asked;
      if (decision && 'deny' in decision) {
        finish({ kind: 'denied', reason: decision.deny });
        return deniedOutcome(call.request.method, decision.deny);
      }
      if (decision && 'arguments' in decision) {
        info.arguments = decision.arguments;
        relayed = { ...relayed, arguments: decision.arguments };
      }
    }
    let outcome = await answer(relayed);
    if (call.timedOutAfterMs !== undefined) {
      finish({ kind: 'timeout', afterMs: call.timedOutAfterMs });
      return outcome;
    }
    for (const interceptor of interceptors) {
      const asked = interceptor.after?.(info, outcome);
      const next = asked instanceof Promise ? await asked : asked;
      if (next && 'deny' in next) {
        finish({ kind: 'denied', reason: next.deny });
        return deniedOutcome(call.request.method, next.deny);
      }
      outcome = next ?? outcome;
    }
    const { cancellation } = call;
    finish(
      cancellation.aborted
        ? { kind: 'cancelled', ...(typeof cancellation.reason === 'string' ? { reason: cancellation.reason } : {}) }
        : { kind: 'outcome', outcome },
    );
    return outcome;
  }

  private async relay(route: Route, params: Record<string, unknown>, call: Call): Promise<RpcOutcome> {
    const { session, request, origin, cancellation } = call;
    const shared = this.slots.get(route.server);
    if (!shared) return errorOutcome(rpcErrorCodes.internalError, `Server "${route.server}" is no longer enabled.`);
    const slot = shared.definition.perSession ? this.sessionSlot(shared, session) : shared;
    let backend: BackendConnection;
    try {
      backend = await slot.connect();
    } catch (error) {
      return startFailureOutcome(request, error);
    }
    if (cancellation.aborted) return errorOutcome(rpcErrorCodes.internalError, 'cancelled before the server was ready');
    // Routed on the lists known before this start: the server's live tools, read as it started, may hold it back.
    if (request.method === 'tools/call' && this.options.pins?.held(route.server)?.has(route.original)) {
      return errorOutcome(
        rpcErrorCodes.invalidParams,
        this.heldToolNote(String(request.params?.name ?? route.original)) ?? `Tool "${route.original}" is held back.`,
      );
    }
    const inFlight = backend.request(request.method, params, origin, this.backendHeaders(shared, route, request.method, params, origin));
    const stopWatching = cancellation.onCancel((reason) => backend.cancel(inFlight.backendId, typeof reason === 'string' ? reason : undefined));
    const limitMs = interceptedMethods.has(request.method) ? callLimitMs(shared.definition, request.method, route.original) : undefined;
    const answer = await awaitWithinLimit(inFlight.response, limitMs, (reason) => backend.cancel(inFlight.backendId, reason));
    stopWatching();
    slot.lastActivity = Date.now();
    if ('outcome' in answer) return answer.outcome;
    call.timedOutAfterMs = answer.timedOutAfterMs;
    return timeoutOutcome({ method: request.method, server: route.server, name: route.original, limitMs: limitMs! });
  }

  /**
   * SEP-2243 `Mcp-Param-*` headers for a backend reached over HTTP: computed from what its tool declares and the
   * arguments actually relayed, plus the caller's headers the gateway does not recognise. Container backends
   * speak stdio, which has no headers.
   */
  private backendHeaders(
    slot: ServerSlot,
    route: Route,
    method: string,
    params: Record<string, unknown>,
    origin: RequestOrigin,
  ): Record<string, string> | undefined {
    if (!slot.definition.remote) return undefined;
    const lists = this.otherEraLists.listsFor(slot.name, slot.lists, origin.era);
    const tool = method === 'tools/call' ? lists?.tools.find((candidate) => candidate.name === route.original) : undefined;
    return backendParamHeaders(tool ? headerDeclarations(tool.inputSchema) : [], params.arguments ?? {}, origin.paramHeaders);
  }

  /** Resource contents carry the server's URIs; clients must see the public ones. */
  private publicContents(server: string, outcome: RpcOutcome, table: RoutingTable): RpcOutcome {
    if (!('result' in outcome) || !Array.isArray(outcome.result.contents)) return outcome;
    const contents = (outcome.result.contents as Array<Record<string, unknown>>).map((content) =>
      typeof content.uri === 'string' ? { ...content, uri: table.publicUri(server, content.uri) } : content,
    );
    return { result: { ...outcome.result, contents } };
  }

  // Backend notifications

  private onBackendNotification(slot: ServerSlot, notification: RpcNotification): void {
    const changedKind = (Object.entries(listChangedNotification) as Array<[ListKind, string]>).find(([, method]) => method === notification.method)?.[0];
    if (changedKind) {
      const backend = slot.running;
      const kinds: ListKind[] = changedKind === 'resources' ? ['resources', 'resourceTemplates'] : [changedKind];
      if (backend) void this.refreshLists(slot, backend, kinds);
      return;
    }
    const uri = notification.params?.uri;
    if (notification.method === 'notifications/resources/updated' && typeof uri === 'string') {
      // Each client hears of the servers it sees, by the URI it knows.
      for (const session of this.sessions) {
        const view = this.viewOf(session);
        if (view.servers.includes(slot.name))
          session.notify({ ...notification, params: { ...notification.params, uri: view.legacy.publicUri(slot.name, uri) } });
      }
      return;
    }
    if (notification.method === 'notifications/message') {
      for (const session of this.sessions) {
        if (this.viewOf(session).servers.includes(slot.name)) session.notify({ ...notification, params: { logger: slot.name, ...notification.params } });
      }
      return;
    }
    this.broadcast(notification);
  }

  // Servers and housekeeping

  private addServer(server: ServerDefinition): void {
    const problem = checkServerName(server.name);
    if (problem) throw new SwitchyardError('INVALID_INPUT', problem);
    if (this.slots.has(server.name)) throw new SwitchyardError('INVALID_INPUT', `Two servers are named "${server.name}".`);
    const slot = this.createSlot(server);
    const cached = this.options.listCache?.get(server.name, server.image);
    // Lists remembered from an earlier run pass the pins too: a tool approved since in another definition (the
    // server's image changed back, say) stays held back until the user approves this one again.
    if (cached) this.options.pins?.review(server.name, cached.tools);
    slot.lists = cached ?? (server.knownTools ? { ...emptyLists(), tools: server.knownTools } : undefined);
    this.slots.set(server.name, slot);
  }

  /** The container of a perSession server that belongs to this client session; its lists feed the shared entry. */
  private sessionSlot(shared: ServerSlot, session: ClientSession): ServerSlot {
    let perSession = this.sessionSlots.get(shared.name);
    if (!perSession) this.sessionSlots.set(shared.name, (perSession = new Map()));
    let slot = perSession.get(session);
    if (!slot) {
      slot = this.createSlot(shared.definition, shared, session);
      perSession.set(session, slot);
    }
    return slot;
  }

  /**
   * `listsOwner`: the slot whose lists a start refreshes (a per-session container reports for its shared entry);
   * `owner`: the client session a per-session container belongs to (the only client whose roots it gets).
   */
  private createSlot(server: ServerDefinition, listsOwner?: ServerSlot, owner?: ClientSession): ServerSlot {
    const slot: ServerSlot = new ServerSlot(server, {
      runtime: this.options.runtime,
      clientInfo: this.serverInfo,
      events: {
        onNotification: (notification) => this.onBackendNotification(listsOwner ?? slot, notification),
        onUnattributedRequest: (method) => this.answerUnattributed(server.name, method, owner),
      },
      onStarted: (backend) => this.onServerStarted(listsOwner ?? slot, backend),
      preferredEra: () => this.lastCallerEra,
      ...(this.options.prepare ? { prepare: this.options.prepare } : {}),
      ...(this.options.redact ? { redact: this.options.redact } : {}),
      ...(this.options.startFailures && !owner ? { startFailures: this.options.startFailures } : {}),
      warn: (message) => this.options.logger.warn(message),
    });
    slot.on('change', () => this.emitStatus());
    return slot;
  }

  private startIdleTimer(): void {
    const idleMs = this.options.idleTimeoutMs ?? 600_000;
    if (idleMs <= 0) return;
    clearInterval(this.idleTimer);
    this.idleTimer = setInterval(
      () => {
        const now = Date.now();
        for (const slot of this.allSlots()) {
          const backend = slot.running;
          if (backend && backend.inFlight === 0 && now - slot.lastActivity >= idleMs) {
            this.options.logger.info(`stopping idle server "${slot.name}" (no calls for ${Math.round(idleMs / 1000)} s)`);
            void slot.stop();
          }
        }
      },
      Math.max(50, Math.min(30_000, idleMs / 4)),
    );
    this.idleTimer.unref();
  }

  private allSlots(): ServerSlot[] {
    return [...this.slots.values(), ...[...this.sessionSlots.values()].flatMap((perSession) => [...perSession.values()])];
  }

  private broadcast(notification: RpcNotification): void {
    for (const session of this.sessions) session.notify(notification);
  }

  /** The slot of the server `name` means, by the one naming rule (configuredServerName: `SQLite` finds `sqlite`). */
  private slot(name: string): ServerSlot {
    const slot = this.slots.get(configuredServerName(name, Object.fromEntries(this.slots)) ?? name);
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

/** One client request on its way through the gateway. */
interface Call {
  session: ClientSession;
  request: RpcRequest;
  origin: RequestOrigin;
  cancellation: CallCancellation;
  /** Set by the relay when the call ran out of its time limit (see call-timeout.ts). */
  timedOutAfterMs?: number;
}

/** A server that cannot start answers a tool call with a tool error (the model can read it), anything else with a JSON-RPC error. */
/** Where a tools/call result that could not reach its server carries the failed start (a StartFailure). */
export const startFailureMetaKey = 'io.switchyard/startFailure';

function startFailureOutcome(request: RpcRequest, error: unknown): RpcOutcome {
  const failure = error instanceof SwitchyardError ? error : new SwitchyardError('CONTAINER_FAILED', String(error));
  const text = failure.describe();
  // The failed start as data (code, exit code, stderr lines, when a call may try again) for clients that read it.
  const startFailure = failure.details?.failure;
  if (request.method === 'tools/call') {
    return {
      result: { content: [{ type: 'text', text }], isError: true, ...(startFailure ? { _meta: { [startFailureMetaKey]: startFailure } } : {}) },
    };
  }
  return errorOutcome(rpcErrorCodes.internalError, text, { code: failure.code, ...(failure.hint ? { hint: failure.hint } : {}) });
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Two definitions that run the same container: they differ at most in which tools are hidden and in call timeouts. */
function sameLaunch(a: ServerDefinition, b: ServerDefinition): boolean {
  const { disabledTools: _a, callTimeoutMs: _at, toolCallTimeoutMs: _att, pullPolicy: _ap, ...launchA } = a;
  const { disabledTools: _b, callTimeoutMs: _bt, toolCallTimeoutMs: _btt, pullPolicy: _bp, ...launchB } = b;
  return JSON.stringify(launchA) === JSON.stringify(launchB);
}
