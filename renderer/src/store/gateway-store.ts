import { createStore, type StoreApi } from 'zustand';
import type { GatewayStatus, ServerStatus } from '../../../shared/domain.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { Connection, ConnectionStatus } from '../api/connect.js';

export type PendingAction = 'start' | 'stop';

export interface ShownError {
  message: string;
  hint?: string;
}

export interface GatewayStoreState {
  status: GatewayStatus | undefined;
  connection: ConnectionStatus;
  lastError: ShownError | undefined;
  gatewayPending: PendingAction | undefined;
  /** The action in flight per server name, so its buttons can be disabled until the engine answers. */
  serverPending: Record<string, PendingAction>;
  startGateway(): Promise<void>;
  stopGateway(): Promise<void>;
  startServer(name: string): Promise<void>;
  stopServer(name: string): Promise<void>;
  dismissError(): void;
}

export type GatewayStore = StoreApi<GatewayStoreState>;

/**
 * The gateway status as the engine last reported it. Reloaded on every (re)connect, because events pushed
 * while disconnected are lost; kept current by the `gateway.status` event and by each action's result.
 */
export function createGatewayStore({ api, watch }: Connection): GatewayStore {
  const store = createStore<GatewayStoreState>()(() => ({
    status: undefined,
    connection: { state: 'connecting' },
    lastError: undefined,
    gatewayPending: undefined,
    serverPending: {},
    startGateway: () => gatewayAction('start', () => api.gateway.start()),
    stopGateway: () => gatewayAction('stop', () => api.gateway.stop()),
    startServer: (name) => serverAction(name, 'start', () => api.server.start(name)),
    stopServer: (name) => serverAction(name, 'stop', () => api.server.stop(name)),
    dismissError: () => set({ lastError: undefined }),
  }));
  const set = store.setState;
  const get = store.getState;

  async function gatewayAction(action: PendingAction, run: () => Promise<GatewayStatus>): Promise<void> {
    set({ gatewayPending: action, lastError: undefined });
    try {
      set({ status: await run() });
    } catch (error) {
      set({ lastError: shownError(error) });
    } finally {
      set({ gatewayPending: undefined });
    }
  }

  async function serverAction(name: string, action: PendingAction, run: () => Promise<ServerStatus>): Promise<void> {
    set({ serverPending: { ...get().serverPending, [name]: action }, lastError: undefined });
    try {
      const server = await run();
      const status = get().status;
      if (status) set({ status: { ...status, servers: status.servers.map((s) => (s.name === server.name ? server : s)) } });
    } catch (error) {
      set({ lastError: shownError(error) });
    } finally {
      set({ serverPending: without(get().serverPending, name) });
    }
  }

  async function reload(): Promise<void> {
    try {
      set({ status: await api.gateway.status() });
    } catch (error) {
      set({ lastError: shownError(error) });
    }
  }

  api.events.on('gateway.status', (status) => set({ status }));
  watch((connection) => {
    set({ connection });
    if (connection.state === 'connected') void reload();
  });
  return store;
}

function shownError(error: unknown): ShownError {
  if (error instanceof SwitchyardError && error.hint !== undefined) return { message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error) };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
