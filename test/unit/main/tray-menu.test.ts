import { describe, expect, it, vi } from 'vitest';
import type { TrayActions, TrayView } from '../../../electron/main/tray/tray-actions.js';
import { trayIconFile, trayIconState } from '../../../electron/main/tray/tray-icon.js';
import { buildTrayMenuTemplate, trayTooltip } from '../../../electron/main/tray/tray-menu.js';
import { gatewayStatus, server } from './fixtures.js';

type MenuItemConstructorOptions = ReturnType<typeof buildTrayMenuTemplate>[number];

// Pure functions: the template is plain data, so no Electron (real or fake) is involved.
function actions() {
  return {
    startGateway: vi.fn<() => void>(),
    stopGateway: vi.fn<() => void>(),
    startServer: vi.fn<(name: string) => void>(),
    stopServer: vi.fn<(name: string) => void>(),
    openWindow: vi.fn<(route?: string) => void>(),
    setStartAtLogin: vi.fn<(enabled: boolean) => void>(),
    quit: vi.fn<() => void>(),
  } satisfies TrayActions;
}

function item(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = template.find((entry) => entry.id === id);
  if (!found) throw new Error(`no menu item ${id} in ${template.map((entry) => entry.id ?? entry.type).join(', ')}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  (entry.click as () => void)();
}

const failing = { ...server('time', 'error'), error: 'exited with code 3\nmore detail', stderrTail: ['boom'] };
const running: TrayView = {
  status: { ...gatewayStatus('running', [server('fetch', 'running'), server('github', 'stopped'), failing]), sessions: 2 },
  endpoint: 'http://127.0.0.1:8819/mcp',
  startAtLogin: false,
};

describe('tray menu', () => {
  it('says the gateway state with its endpoint, and offers Stop while it runs', () => {
    const template = buildTrayMenuTemplate(running, actions());
    expect(item(template, 'gateway')).toMatchObject({ label: 'Gateway running at http://127.0.0.1:8819/mcp', enabled: false });
    expect(template.some((entry) => entry.id === 'start')).toBe(false);
    const act = actions();
    click(item(buildTrayMenuTemplate(running, act), 'stop'));
    expect(act.stopGateway).toHaveBeenCalledOnce();
  });

  it('offers Start when stopped, and the server switches are off', () => {
    const act = actions();
    const stopped = buildTrayMenuTemplate({ ...running, status: { ...running.status, state: 'stopped' } }, act);
    expect(item(stopped, 'gateway').label).toBe('Gateway stopped');
    click(item(stopped, 'start'));
    expect(act.startGateway).toHaveBeenCalledOnce();
    const submenu = item(stopped, 'servers').submenu as MenuItemConstructorOptions[];
    expect(submenu.every((entry) => entry.enabled === false)).toBe(true);
  });

  it('lists each server with its state; the check mark starts or stops it', () => {
    const act = actions();
    const servers = item(buildTrayMenuTemplate(running, act), 'servers');
    expect(servers.label).toBe('Servers (1 of 3 running)');
    const submenu = servers.submenu as MenuItemConstructorOptions[];
    expect(submenu.map((entry) => [entry.label, entry.checked])).toEqual([
      ['fetch — running', true],
      ['github — stopped', false],
      ['time — error', false],
    ]);
    click(submenu[0]!);
    click(submenu[1]!);
    expect(act.stopServer).toHaveBeenCalledWith('fetch');
    expect(act.startServer).toHaveBeenCalledWith('github');
  });

  it('shows pull progress while an image is pulled', () => {
    const pulling = { ...server('fetch', 'starting'), pull: { status: 'Downloading', current: 25, total: 100 } };
    const submenu = item(buildTrayMenuTemplate({ ...running, status: gatewayStatus('running', [pulling]) }, actions()), 'servers')
      .submenu as MenuItemConstructorOptions[];
    expect(submenu[0]?.label).toBe('fetch — pulling 25%');
  });

  it('counts connected clients', () => {
    expect(item(buildTrayMenuTemplate(running, actions()), 'clients').label).toBe('2 clients connected');
  });

  it('lists the profiles in use with their clients, each opening My servers on that profile; nothing while no client is attached', () => {
    const act = actions();
    const inUse = {
      ...running,
      status: {
        ...running.status,
        sessions: 3,
        profiles: [
          { name: 'coding', sessions: 1 },
          { name: 'default', sessions: 2 },
        ],
      },
    };
    const profiles = item(buildTrayMenuTemplate(inUse, act), 'profiles');
    expect(profiles.label).toBe('Profiles in use (2)');
    const submenu = profiles.submenu as MenuItemConstructorOptions[];
    expect(submenu.map((entry) => entry.label)).toEqual(['coding — 1 client', 'default — 2 clients']);
    click(submenu[0]!);
    expect(act.openWindow).toHaveBeenCalledWith('/servers?profile=coding');
    const one = { ...running, status: { ...running.status, profiles: [{ name: 'research notes', sessions: 2 }] } };
    const single = item(buildTrayMenuTemplate(one, act), 'profiles');
    expect(single.label).toBe('Profile in use: research notes');
    click((single.submenu as MenuItemConstructorOptions[])[0]!);
    expect(act.openWindow).toHaveBeenLastCalledWith('/servers?profile=research%20notes');
    for (const none of [{ ...running.status, profiles: [] }, running.status]) {
      expect(buildTrayMenuTemplate({ ...running, status: none }, actions()).some((entry) => entry.id === 'profiles')).toBe(false);
    }
  });

  it('shows the last error, opening that server page; none when all is well', () => {
    const act = actions();
    const lastError = item(buildTrayMenuTemplate(running, act), 'last-error');
    expect(lastError.label).toBe('⚠ time: exited with code 3');
    click(lastError);
    expect(act.openWindow).toHaveBeenCalledWith('/servers/time');
    const healthy = buildTrayMenuTemplate({ ...running, status: gatewayStatus('running', [server('fetch', 'running')]) }, actions());
    expect(healthy.some((entry) => entry.id === 'last-error')).toBe(false);
  });

  it('opens the window and the Activity page, toggles start at login, and quits', () => {
    const act = actions();
    const template = buildTrayMenuTemplate(running, act);
    click(item(template, 'open'));
    click(item(template, 'open-activity'));
    expect(act.openWindow.mock.calls).toEqual([[], ['/activity']]);
    expect(item(template, 'start-at-login')).toMatchObject({ type: 'checkbox', checked: false });
    click(item(template, 'start-at-login'));
    expect(act.setStartAtLogin).toHaveBeenCalledWith(true);
    click(item(template, 'quit'));
    expect(act.quit).toHaveBeenCalledOnce();
  });

  it('has a tooltip with the state, servers and clients', () => {
    expect(trayTooltip(running.status)).toBe('Switchyard — gateway running, 1 of 3 servers running, 2 clients');
  });

  it('picks the icon for running, stopped and error; a template image on macOS', () => {
    expect(trayIconState(running.status)).toBe('error');
    expect(trayIconState(gatewayStatus('running', [server('fetch', 'running')]))).toBe('running');
    expect(trayIconState(gatewayStatus('stopped'))).toBe('stopped');
    expect(trayIconFile('/app/assets', 'error', 'linux')).toBe('/app/assets/tray/tray-error.png');
    expect(trayIconFile('/app/assets', 'running', 'win32')).toBe('/app/assets/tray/tray-running.png');
    expect(trayIconFile('/app/assets', 'running', 'darwin')).toBe('/app/assets/tray/trayTemplate.png');
  });
});
