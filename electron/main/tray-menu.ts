import type { MenuItemConstructorOptions } from 'electron';
import type { GatewayStatus } from '../../shared/domain.js';

/** What the tray menu can ask the shell to do. */
export interface TrayActions {
  startGateway(): void;
  stopGateway(): void;
  openWindow(): void;
  quit(): void;
}

/** The tray menu for one gateway status; rebuilt on every status event, so it never shows stale state. */
export function buildTrayMenuTemplate(state: GatewayStatus, actions: TrayActions): MenuItemConstructorOptions[] {
  return [statusItem(state), startItem(state, actions), stopItem(state, actions), openItem(actions), { type: 'separator' }, quitItem(actions)];
}

export function trayTooltip(state: GatewayStatus): string {
  return `Switchyard\n${statusLine(state)}`;
}

/** "Gateway: running — 3 servers, 1 running". */
export function statusLine(state: GatewayStatus): string {
  const total = state.servers.length;
  const running = state.servers.filter((server) => server.state === 'running').length;
  return `Gateway: ${state.state} — ${total} ${total === 1 ? 'server' : 'servers'}, ${running} running`;
}

function statusItem(state: GatewayStatus): MenuItemConstructorOptions {
  return { id: 'status', label: statusLine(state), enabled: false };
}

function startItem(state: GatewayStatus, actions: TrayActions): MenuItemConstructorOptions {
  return { id: 'start', label: 'Start gateway', enabled: state.state === 'stopped', click: () => actions.startGateway() };
}

function stopItem(state: GatewayStatus, actions: TrayActions): MenuItemConstructorOptions {
  return { id: 'stop', label: 'Stop gateway', enabled: state.state === 'running', click: () => actions.stopGateway() };
}

function openItem(actions: TrayActions): MenuItemConstructorOptions {
  return { id: 'open', label: 'Open Switchyard', click: () => actions.openWindow() };
}

function quitItem(actions: TrayActions): MenuItemConstructorOptions {
  return { id: 'quit', label: 'Quit', click: () => actions.quit() };
}
