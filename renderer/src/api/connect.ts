import { createApiClient, type CallFn, type SwitchyardApi } from '../../../shared/api-client.js';
import { WebSocketTransport, type ConnectionStatus } from './ws-transport.js';

export type { ConnectionState, ConnectionStatus } from './ws-transport.js';

export interface Connection {
  api: SwitchyardApi;
  /** Calls the listener at once with the current status, then on every change. */
  watch(listener: (status: ConnectionStatus) => void): () => void;
}

/**
 * The engine's API: the preload's `window.switchyard` in Electron, otherwise (web mode) a client over the
 * token-protected WebSocket served next to this page.
 */
export function connect(): Connection {
  if (window.switchyard) return electronConnection(window.switchyard);
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const transport = new WebSocketTransport(controlUrl(token), token !== '');
  // The transport takes any method name; the typed surface comes from createApiClient.
  const call = ((method, input) => transport.call(method, input)) as CallFn;
  return {
    api: createApiClient(call, (event, listener) => transport.subscribe(event, listener)),
    watch: (listener) => transport.watch(listener),
  };
}

function electronConnection(api: SwitchyardApi): Connection {
  // IPC to the main process cannot drop while the window lives.
  return {
    api,
    watch: (listener) => {
      listener({ state: 'connected' });
      return () => {};
    },
  };
}

function controlUrl(token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/control?token=${encodeURIComponent(token)}`;
}
