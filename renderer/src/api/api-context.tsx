import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ApiEvent, ApiEventPayload, ApiInput, ApiMethod, ApiResult } from '../../../shared/api.js';
import type { DesktopApi } from '../../../shared/bridge.js';
import type { Connection, ConnectionStatus } from './connect.js';

/**
 * The one way components reach the engine: `call` runs a control method (typed from shared/api.ts; a failure
 * rejects with a SwitchyardError carrying code and hint), `on` follows an engine event. The same for the
 * desktop app (IPC through the preload) and web mode (the token-protected WebSocket).
 */
export interface ApiAccess {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>>;
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  /** Calls the listener at once with the current connection status, then on every change. */
  watch(listener: (status: ConnectionStatus) => void): () => void;
  /** The desktop app's own abilities (its preferences, through the preload); absent in web mode. */
  desktop?: DesktopApi;
}

const ApiContext = createContext<ApiAccess | undefined>(undefined);

export function apiAccess(connection: Connection): ApiAccess {
  return {
    call: (method, input) => connection.call(method, input),
    on: (event, listener) => connection.api.events.on(event, listener),
    watch: (listener) => connection.watch(listener),
    ...(connection.desktop ? { desktop: connection.desktop } : {}),
  };
}

export function ApiProvider({ access, children }: { access: ApiAccess; children: ReactNode }) {
  return <ApiContext.Provider value={access}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiAccess {
  const access = useContext(ApiContext);
  if (!access) throw new Error('useApi() needs an <ApiProvider> above it');
  return access;
}

/** The connection's current status (connecting, connected, disconnected, unauthorized), kept up to date. */
export function useConnectionStatus(): ConnectionStatus {
  const { watch } = useApi();
  // Read at once (watch reports the current status synchronously), so a refused link never renders the pages first.
  const [status, setStatus] = useState<ConnectionStatus>(() => currentStatus(watch));
  useEffect(() => watch(setStatus), [watch]);
  return status;
}

function currentStatus(watch: ApiAccess['watch']): ConnectionStatus {
  let now: ConnectionStatus = { state: 'connecting' };
  watch((status) => (now = status))();
  return now;
}
