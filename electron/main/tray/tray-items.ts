import type { MenuItemConstructorOptions } from 'electron';
import type { ServerStatus } from '../../../shared/domain.js';
import type { TrayActions, TrayView } from './tray-actions.js';

/**
 * One function per tray item, each from the same view (status, endpoint, login item) and actions; the menu is
 * rebuilt from them on every engine event, so it never shows stale state. Labels are the tray's own words.
 */
export type TrayItem = (view: TrayView, actions: TrayActions) => MenuItemConstructorOptions | undefined;

export const gatewayItem: TrayItem = ({ status, endpoint }) => ({
  id: 'gateway',
  label: status.state === 'running' ? `Gateway running${endpoint ? ` at ${endpoint}` : ''}` : 'Gateway stopped',
  enabled: false,
});

export const startStopItem: TrayItem = ({ status }, actions) =>
  status.state === 'running'
    ? { id: 'stop', label: 'Stop gateway', click: () => actions.stopGateway() }
    : { id: 'start', label: 'Start gateway', click: () => actions.startGateway() };

/** Each enabled server with its state; the check mark starts or stops its container. */
export const serversItem: TrayItem = ({ status }, actions) => ({
  id: 'servers',
  label: status.servers.length === 0 ? 'Servers: none enabled' : `Servers (${countRunning(status.servers)} of ${status.servers.length} running)`,
  enabled: status.servers.length > 0,
  submenu: status.servers.map((server) => ({
    id: `server:${server.name}`,
    label: `${server.name} — ${serverState(server)}`,
    type: 'checkbox' as const,
    checked: server.state === 'running' || server.state === 'starting',
    enabled: status.state === 'running' && server.state !== 'stopping',
    click: () => (server.state === 'running' || server.state === 'starting' ? actions.stopServer(server.name) : actions.startServer(server.name)),
  })),
});

export const clientsItem: TrayItem = ({ status }) => ({
  id: 'clients',
  label: status.sessions === 1 ? '1 client connected' : `${status.sessions} clients connected`,
  enabled: false,
});

/**
 * The profiles AI apps are attached to now, each with its number of sessions; a profile opens on My servers.
 * Nothing while no client is connected (or the gateway does not say).
 */
export const profilesItem: TrayItem = ({ status }, actions) => {
  const inUse = status.profiles ?? [];
  if (inUse.length === 0) return undefined;
  return {
    id: 'profiles',
    label: inUse.length === 1 ? `Profile in use: ${inUse[0]!.name}` : `Profiles in use (${inUse.length})`,
    submenu: inUse.map((profile) => ({
      id: `profile:${profile.name}`,
      label: `${profile.name} — ${profile.sessions === 1 ? '1 client' : `${profile.sessions} clients`}`,
      click: () => actions.openWindow(`/servers?profile=${encodeURIComponent(profile.name)}`),
    })),
  };
};

/** The first server in error, opening its page; nothing when all is well. */
export const lastErrorItem: TrayItem = ({ status }, actions) => {
  const failed = status.servers.find((server) => server.state === 'error');
  if (!failed) return undefined;
  const reason = firstLine(failed.error ?? failed.stderrTail.at(-1) ?? 'stopped with an error');
  return {
    id: 'last-error',
    label: `⚠ ${failed.name}: ${truncate(reason, 60)}`,
    click: () => actions.openWindow(`/servers/${encodeURIComponent(failed.name)}`),
  };
};

export const openItem: TrayItem = (_view, actions) => ({ id: 'open', label: 'Open Switchyard', click: () => actions.openWindow() });

export const openActivityItem: TrayItem = (_view, actions) => ({ id: 'open-activity', label: 'Open Activity', click: () => actions.openWindow('/activity') });

export const startAtLoginItem: TrayItem = ({ startAtLogin }, actions) => ({
  id: 'start-at-login',
  label: 'Start at login',
  type: 'checkbox',
  checked: startAtLogin,
  click: () => actions.setStartAtLogin(!startAtLogin),
});

export const quitItem: TrayItem = (_view, actions) => ({ id: 'quit', label: 'Quit Switchyard', click: () => actions.quit() });

export const separator: TrayItem = () => ({ type: 'separator' });

function countRunning(servers: ServerStatus[]): number {
  return servers.filter((server) => server.state === 'running').length;
}

function serverState(server: ServerStatus): string {
  if (server.state === 'starting' && server.pull && server.pull.total > 0) return `pulling ${Math.round((server.pull.current / server.pull.total) * 100)}%`;
  return server.state;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
