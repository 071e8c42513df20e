import type { ApiEvent, ApiEventPayload, ApiInput, ApiMethod, ApiResult } from './api.js';

/**
 * The API as the renderer sees it: one small object per domain, every method typed from the declarations in
 * api.ts. Built from two primitives, so Electron IPC (through the preload's bridge) and the WebSocket client
 * (web mode) expose exactly the same surface.
 */
export interface SwitchyardApi {
  gateway: {
    status(): Promise<ApiResult<'gateway.status'>>;
    start(): Promise<ApiResult<'gateway.start'>>;
    stop(): Promise<ApiResult<'gateway.stop'>>;
  };
  server: {
    start(name: string): Promise<ApiResult<'server.start'>>;
    stop(name: string): Promise<ApiResult<'server.stop'>>;
    enable(name: string): Promise<ApiResult<'server.enable'>>;
    disable(name: string): Promise<ApiResult<'server.disable'>>;
    inspect(name: string): Promise<ApiResult<'server.inspect'>>;
    add(server: ApiInput<'server.add'>): Promise<ApiResult<'server.add'>>;
    remove(name: string): Promise<ApiResult<'server.remove'>>;
  };
  catalog: {
    list(category?: string): Promise<ApiResult<'catalog.list'>>;
    search(query: string, category?: string): Promise<ApiResult<'catalog.search'>>;
    inspect(name: string): Promise<ApiResult<'catalog.inspect'>>;
    sources(): Promise<ApiResult<'catalog.sources'>>;
    addSource(source: string): Promise<ApiResult<'catalog.addSource'>>;
    removeSource(source: string): Promise<ApiResult<'catalog.removeSource'>>;
    refresh(): Promise<ApiResult<'catalog.refresh'>>;
  };
  config: {
    get(name: string): Promise<ApiResult<'config.get'>>;
    set(name: string, key: string, value: unknown): Promise<ApiResult<'config.set'>>;
    unset(name: string, key: string): Promise<ApiResult<'config.unset'>>;
  };
  secret: {
    /** The value goes to the engine; no method ever returns a value. */
    set(key: string, value: string): Promise<ApiResult<'secret.set'>>;
    delete(key: string): Promise<ApiResult<'secret.delete'>>;
    status(): Promise<ApiResult<'secret.status'>>;
  };
  client: {
    list(): Promise<ApiResult<'client.list'>>;
    connect(id: string, projectDir?: string): Promise<ApiResult<'client.connect'>>;
    disconnect(id: string, projectDir?: string): Promise<ApiResult<'client.disconnect'>>;
    snippet(id: string): Promise<ApiResult<'client.snippet'>>;
  };
  tools: {
    list(server?: string): Promise<ApiResult<'tools.list'>>;
    setEnabled(server: string, tool: string, enabled: boolean): Promise<ApiResult<'tools.setEnabled'>>;
    pending(): Promise<ApiResult<'tools.pending'>>;
    approve(server: string, tool?: string): Promise<ApiResult<'tools.approve'>>;
  };
  history: {
    query(query?: ApiInput<'history.query'>): Promise<ApiResult<'history.query'>>;
    stats(options: ApiInput<'history.stats'>): Promise<ApiResult<'history.stats'>>;
    clear(): Promise<ApiResult<'history.clear'>>;
  };
  events: {
    on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  };
}

export type CallFn = <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiResult<M>>;
export type SubscribeFn = (event: ApiEvent, listener: (payload: unknown) => void) => () => void;

export function createApiClient(call: CallFn, subscribe: SubscribeFn): SwitchyardApi {
  return {
    gateway: gatewayDomain(call),
    server: serverDomain(call),
    catalog: catalogDomain(call),
    config: configDomain(call),
    secret: secretDomain(call),
    client: clientDomain(call),
    tools: toolsDomain(call),
    history: historyDomain(call),
    events: eventsDomain(subscribe),
  } satisfies SwitchyardApi;
}

function gatewayDomain(call: CallFn): SwitchyardApi['gateway'] {
  return {
    status: () => call('gateway.status', {}),
    start: () => call('gateway.start', {}),
    stop: () => call('gateway.stop', {}),
  };
}

function serverDomain(call: CallFn): SwitchyardApi['server'] {
  return {
    start: (name) => call('server.start', { name }),
    stop: (name) => call('server.stop', { name }),
    enable: (name) => call('server.enable', { name }),
    disable: (name) => call('server.disable', { name }),
    inspect: (name) => call('server.inspect', { name }),
    add: (server) => call('server.add', server),
    remove: (name) => call('server.remove', { name }),
  };
}

function catalogDomain(call: CallFn): SwitchyardApi['catalog'] {
  return {
    list: (category) => call('catalog.list', category ? { category } : {}),
    search: (query, category) => call('catalog.search', category ? { query, category } : { query }),
    inspect: (name) => call('catalog.inspect', { name }),
    sources: () => call('catalog.sources', {}),
    addSource: (source) => call('catalog.addSource', { source }),
    removeSource: (source) => call('catalog.removeSource', { source }),
    refresh: () => call('catalog.refresh', {}),
  };
}

function configDomain(call: CallFn): SwitchyardApi['config'] {
  return {
    get: (name) => call('config.get', { name }),
    set: (name, key, value) => call('config.set', { name, key, value }),
    unset: (name, key) => call('config.unset', { name, key }),
  };
}

function secretDomain(call: CallFn): SwitchyardApi['secret'] {
  return {
    set: (key, value) => call('secret.set', { key, value }),
    delete: (key) => call('secret.delete', { key }),
    status: () => call('secret.status', {}),
  };
}

function clientDomain(call: CallFn): SwitchyardApi['client'] {
  return {
    list: () => call('client.list', {}),
    connect: (id, projectDir) => call('client.connect', projectDir ? { id, projectDir } : { id }),
    disconnect: (id, projectDir) => call('client.disconnect', projectDir ? { id, projectDir } : { id }),
    snippet: (id) => call('client.snippet', { id }),
  };
}

function toolsDomain(call: CallFn): SwitchyardApi['tools'] {
  return {
    list: (server) => call('tools.list', server ? { server } : {}),
    setEnabled: (server, tool, enabled) => call('tools.setEnabled', { name: server, tool, enabled }),
    pending: () => call('tools.pending', {}),
    approve: (server, tool) => call('tools.approve', tool ? { name: server, tool } : { name: server }),
  };
}

function historyDomain(call: CallFn): SwitchyardApi['history'] {
  return {
    query: (query) => call('history.query', query ?? {}),
    stats: (options) => call('history.stats', options),
    clear: () => call('history.clear', {}),
  };
}

function eventsDomain(subscribe: SubscribeFn): SwitchyardApi['events'] {
  return {
    on: (event, listener) => subscribe(event, listener as (payload: unknown) => void),
  };
}
