import type { ApiEvent, ApiEventPayload, ApiInput, ApiMethod, ApiResult } from './api.js';
import type { GatewayStatus, ServerStatus } from './domain.js';

/**
 * The API as the renderer sees it: one small object per domain. Built from two primitives, so Electron IPC
 * (the preload's `window.switchyard` bridge) and the WebSocket client (web mode) give exactly the same surface;
 * see apiFromBridge in shared/bridge.ts.
 */
export interface SwitchyardApi {
  gateway: {
    status(): Promise<GatewayStatus>;
    start(): Promise<GatewayStatus>;
    stop(): Promise<GatewayStatus>;
  };
  server: {
    start(name: string): Promise<ServerStatus>;
    stop(name: string): Promise<ServerStatus>;
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
  };
}

function eventsDomain(subscribe: SubscribeFn): SwitchyardApi['events'] {
  return {
    on: (event, listener) => subscribe(event, listener as (payload: unknown) => void),
  };
}
