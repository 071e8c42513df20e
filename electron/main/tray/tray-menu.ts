import type { MenuItemConstructorOptions } from 'electron';
import type { GatewayStatus } from '../../../shared/domain.js';
import type { TrayActions, TrayView } from './tray-actions.js';
import {
  clientsItem,
  gatewayItem,
  lastErrorItem,
  openActivityItem,
  openItem,
  profilesItem,
  quitItem,
  separator,
  serversItem,
  startAtLoginItem,
  startStopItem,
  type TrayItem,
} from './tray-items.js';

/** The menu, top to bottom: state, the gateway switch, servers, clients, profiles in use, a problem if any, windows, login item, quit. */
const layout: TrayItem[] = [
  gatewayItem,
  startStopItem,
  separator,
  serversItem,
  clientsItem,
  profilesItem,
  lastErrorItem,
  separator,
  openItem,
  openActivityItem,
  separator,
  startAtLoginItem,
  quitItem,
];

export function buildTrayMenuTemplate(view: TrayView, actions: TrayActions): MenuItemConstructorOptions[] {
  return layout.map((item) => item(view, actions)).filter((entry): entry is MenuItemConstructorOptions => entry !== undefined);
}

/** "Switchyard — running, 2 of 3 servers running, 1 client". */
export function trayTooltip(status: GatewayStatus): string {
  const running = status.servers.filter((server) => server.state === 'running').length;
  const clients = status.sessions === 1 ? '1 client' : `${status.sessions} clients`;
  return `Switchyard — gateway ${status.state}, ${running} of ${status.servers.length} servers running, ${clients}`;
}
