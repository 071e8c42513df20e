import type { GatewayStatus } from '../../../shared/domain.js';

/** What the tray can ask the shell to do. Routes are the window's hash routes (e.g. `/servers/github`). */
export interface TrayActions {
  startGateway(): void;
  stopGateway(): void;
  startServer(name: string): void;
  stopServer(name: string): void;
  openWindow(route?: string): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

/** What the tray shows: the gateway's status, where clients reach it, and the login-item state. */
export interface TrayView {
  status: GatewayStatus;
  /** The gateway's MCP URL (http://127.0.0.1:PORT/mcp) while it serves. */
  endpoint?: string | undefined;
  startAtLogin: boolean;
}
