import { describe, expect, it, vi } from 'vitest';
import { buildTrayMenuTemplate, trayTooltip, type TrayActions } from '../../../electron/main/tray-menu.js';
import { gatewayStatus, server } from './fixtures.js';

type MenuItemConstructorOptions = ReturnType<typeof buildTrayMenuTemplate>[number];

// Pure functions: the template is plain data, so no Electron (real or fake) is involved.
function actions() {
  return {
    startGateway: vi.fn<() => void>(),
    stopGateway: vi.fn<() => void>(),
    openWindow: vi.fn<() => void>(),
    quit: vi.fn<() => void>(),
  } satisfies TrayActions;
}

function item(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = template.find((entry) => entry.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  (entry.click as () => void)();
}

describe('tray menu', () => {
  const running = gatewayStatus('running', [server('fetch', 'running'), server('github', 'stopped'), server('time', 'error')]);

  it('shows a disabled status line counting servers and running servers', () => {
    const status = item(buildTrayMenuTemplate(running, actions()), 'status');
    expect(status.label).toBe('Gateway: running — 3 servers, 1 running');
    expect(status.enabled).toBe(false);
  });

  it('offers only Stop while the gateway runs', () => {
    const template = buildTrayMenuTemplate(running, actions());
    expect(item(template, 'start').enabled).toBe(false);
    expect(item(template, 'stop').enabled).toBe(true);
  });

  it('offers only Start while the gateway is stopped', () => {
    const template = buildTrayMenuTemplate(gatewayStatus('stopped', [server('fetch', 'stopped')]), actions());
    expect(item(template, 'status').label).toBe('Gateway: stopped — 1 server, 0 running');
    expect(item(template, 'start').enabled).toBe(true);
    expect(item(template, 'stop').enabled).toBe(false);
  });

  it('lays out status, start, stop, open, a separator, then Quit', () => {
    const template = buildTrayMenuTemplate(running, actions());
    expect(template.map((entry) => entry.type ?? entry.label)).toEqual([
      'Gateway: running — 3 servers, 1 running',
      'Start gateway',
      'Stop gateway',
      'Open Switchyard',
      'separator',
      'Quit',
    ]);
  });

  it('routes each item to its action', () => {
    const spy = actions();
    const template = buildTrayMenuTemplate(running, spy);
    click(item(template, 'start'));
    click(item(template, 'stop'));
    click(item(template, 'open'));
    click(item(template, 'quit'));
    expect(spy.startGateway).toHaveBeenCalledOnce();
    expect(spy.stopGateway).toHaveBeenCalledOnce();
    expect(spy.openWindow).toHaveBeenCalledOnce();
    expect(spy.quit).toHaveBeenCalledOnce();
  });

  it('puts the status line in the tooltip', () => {
    expect(trayTooltip(running)).toBe('Switchyard\nGateway: running — 3 servers, 1 running');
  });
});
