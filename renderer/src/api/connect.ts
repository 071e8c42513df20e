import type { CallFn, SwitchyardApi } from '../../../shared/api-client.js';
import { unwrapOutcome } from '../../../shared/bridge.js';
import { apiFromBridge, desktopApiFromBridge, type DesktopApi, type PreloadBridge } from '../../../shared/bridge.js';
import { WebSocketTransport, type ConnectionStatus } from './ws-transport.js';

export type { ConnectionState, ConnectionStatus } from './ws-transport.js';

export interface Connection {
  api: SwitchyardApi;
  /** One control method by name, typed from shared/api.ts. */
  call: CallFn;
  /** Calls the listener at once with the current status, then on every change. */
  watch(listener: (status: ConnectionStatus) => void): () => void;
  /** The desktop app's own abilities (its preferences); absent in web mode. */
  desktop?: DesktopApi;
}

/**
 * The engine's API over a bridge: the preload's `window.switchyard` in Electron, otherwise (web mode) a client
 * over the token-protected WebSocket served next to this page. Both bridges carry outcomes as plain data; one
 * apiFromBridge turns them into the typed API and failures into SwitchyardErrors with their code and hint.
 */
export function connect(): Connection {
  if (window.switchyard) return electronConnection(window.switchyard);
  const token = takeWebToken();
  const transport = new WebSocketTransport(controlUrl(token), token !== '', engineAnswers);
  return {
    api: apiFromBridge(transport),
    call: callOver(transport),
    watch: (listener) => transport.watch(listener),
  };
}

function electronConnection(bridge: PreloadBridge): Connection {
  // IPC to the main process cannot drop while the window lives.
  return {
    api: apiFromBridge(bridge),
    ...(bridge.desktop ? { desktop: desktopApiFromBridge(bridge.desktop) } : {}),
    call: callOver(bridge),
    watch: (listener) => {
      listener({ state: 'connected' });
      return () => {};
    },
  };
}

const TOKEN_KEY = 'switchyard.token';

/**
 * The web-mode token arrives in the fragment of the printed link (`#token=...`), where the router wants the
 * route. It moves to this tab's sessionStorage (so a reload or a deep link in the same tab keeps working) and
 * the fragment is cleared for the router; the token never reaches the server logs or another tab.
 */
function takeWebToken(): string {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(history.state, '', `${location.pathname}${location.search}#/`);
    return fromLink;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The page's own origin is the engine's web server: if it answers, the engine is up. */
async function engineAnswers(): Promise<boolean> {
  const response = await fetch(`${location.origin}/`, { method: 'HEAD', cache: 'no-store' });
  return response.ok;
}

function controlUrl(token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/control?token=${encodeURIComponent(token)}`;
}

function callOver(bridge: Pick<PreloadBridge, 'invoke'>): CallFn {
  return async (method, input) => unwrapOutcome(await bridge.invoke(method, input));
}
