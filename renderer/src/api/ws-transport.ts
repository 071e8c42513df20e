import type { ApiEventMessage, ApiOutcome, ApiRequestMessage, ApiResponseMessage } from '../../../shared/api.js';
import type { SwitchyardBridge } from '../../../shared/bridge.js';
import { markOnce, startupMarks } from './startup-marks.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';
export interface ConnectionStatus {
  state: ConnectionState;
  /** What the user should know or do, for the states other than connected. */
  detail?: string;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;
/** Close codes an engine may use after accepting the socket to say the token is wrong. */
const UNAUTHORIZED_CLOSE_CODES = new Set([1008, 4401, 4403]);

const NO_TOKEN_DETAIL =
  'The engine refused the connection: this page has no access token. Open the link printed by `switchyard gateway run --ui` (it ends with #token=...).';
const REFUSED_DETAIL = 'The engine refused the access token. Open the link printed by `switchyard gateway run --ui` again.';
const EXPIRED_DETAIL =
  "This page's link expired (the engine that made it has restarted or its token changed): open the window from the tray, or run `switchyard gateway run --ui` and open the link it prints.";

/**
 * Whether the engine's web server answers at all. A browser is not told why a WebSocket upgrade failed, so
 * after a socket that never opened this tells "the engine refused our token" (server up) from "the engine is
 * not there" (server down, worth retrying).
 */
export type EngineProbe = () => Promise<boolean>;

/**
 * The web-mode control channel: JSON requests answered by id, events pushed to every client. Calls made
 * while the socket opens are queued; calls in flight when it closes fail, since the engine will never answer
 * them. Reconnects with exponential backoff unless the engine refused us. A SwitchyardBridge like the
 * preload's: a call resolves its outcome (a failure too, as plain data), and apiFromBridge unwraps it.
 */
export class WebSocketTransport implements SwitchyardBridge {
  private socket: WebSocket | undefined;
  private status: ConnectionStatus = { state: 'connecting' };
  private nextId = 1;
  private retryMs = FIRST_RETRY_MS;
  /** Calls in flight, by id: each resolves its outcome. */
  private readonly pending = new Map<number, (outcome: ApiOutcome) => void>();
  private readonly unsent: string[] = [];
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly eventListeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(
    private readonly url: string,
    private readonly hasToken: boolean,
    private readonly probe?: EngineProbe,
  ) {
    this.open();
  }

  invoke(method: string, params: unknown): Promise<ApiOutcome> {
    if (!this.socket) return Promise.resolve(notConnected(this.status));
    const id = this.nextId++;
    const request: ApiRequestMessage = { id, method, params };
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send(JSON.stringify(request));
    });
  }

  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    let listeners = this.eventListeners.get(event);
    if (!listeners) this.eventListeners.set(event, (listeners = new Set()));
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  watch(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  private open(): void {
    this.setStatus({ state: 'connecting' });
    const socket = new WebSocket(this.url);
    let opened = false;
    this.socket = socket;
    socket.onopen = () => {
      opened = true;
      markOnce(startupMarks.connected);
      this.retryMs = FIRST_RETRY_MS;
      for (const message of this.unsent.splice(0)) socket.send(message);
      this.setStatus({ state: 'connected' });
    };
    socket.onmessage = (message) => this.receive(message.data);
    // Every failure is followed by a close, handled below; an error without a listener would throw in Node.
    socket.onerror = () => {};
    socket.onclose = (close) => void this.closed(opened, close.code);
  }

  private async closed(opened: boolean, code: number): Promise<void> {
    this.socket = undefined;
    this.unsent.length = 0;
    // A socket refused at the upgrade never opens; if the engine's server answers, it was our token it refused.
    const expired = !opened && this.hasToken && this.probe !== undefined && (await this.probe().catch(() => false));
    const refused = expired || UNAUTHORIZED_CLOSE_CODES.has(code) || (!opened && !this.hasToken);
    const detail = expired ? EXPIRED_DETAIL : this.hasToken ? REFUSED_DETAIL : NO_TOKEN_DETAIL;
    const status: ConnectionStatus = refused
      ? { state: 'unauthorized', detail }
      : { state: 'disconnected', detail: `Lost the connection to the Switchyard engine; retrying in ${Math.round(this.retryMs / 1000)} s.` };
    this.setStatus(status);
    for (const resolve of this.pending.values()) resolve(notConnected(status));
    this.pending.clear();
    // A refused token will be refused again; retrying would only hammer the engine.
    if (refused) return;
    setTimeout(() => this.open(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private send(message: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(message);
    else this.unsent.push(message);
  }

  private receive(data: unknown): void {
    const message = parse(data);
    if (!message) return;
    if ('id' in message) {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(outcomeOf(message));
    } else {
      for (const listener of this.eventListeners.get(message.event) ?? []) listener(message.payload);
    }
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

function parse(data: unknown): ApiResponseMessage | ApiEventMessage | undefined {
  try {
    const message: unknown = typeof data === 'string' ? JSON.parse(data) : undefined;
    if (typeof message === 'object' && message !== null && ('id' in message || 'event' in message)) {
      return message as ApiResponseMessage | ApiEventMessage;
    }
  } catch {
    // Fall through: a malformed frame is reported below and otherwise ignored.
  }
  console.warn('switchyard: ignored an unexpected control message', data);
  return undefined;
}

function outcomeOf(response: ApiResponseMessage): ApiOutcome {
  return response.ok ? { ok: true, result: response.result } : { ok: false, error: response.error };
}

function notConnected(status: ConnectionStatus): ApiOutcome {
  // ErrorCode has no transport code; INTERNAL with a hint is the closest honest one.
  const message = 'Not connected to the Switchyard engine.';
  return { ok: false, error: status.detail === undefined ? { code: 'INTERNAL', message } : { code: 'INTERNAL', message, hint: status.detail } };
}
