import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../../shared/ipc-channels.js';
import { switchyardCommand, setSwitchyardCommandResolver } from '../../../electron/clients/switchyard-command.js';
import { createLogger } from '../../../electron/core/logger.js';
import { labelKeys, ownerIdentity } from '../../../electron/runtime/labels.js';
import { openServingEngine } from '../../../electron/app/serving-engine.js';
import { startDesktopApp, type DesktopApp } from '../../../electron/main/desktop-app.js';
import { fakeDesktop, FakeNotification, FakeTray, FakeWindow } from './fake-desktop.js';

// The shell takes its Electron parts as arguments; two modules import electron themselves: electron-store
// (desktop preferences: `app` only for a default folder, which we give) and ipc-handlers.ts (BrowserWindow, to
// send engine events to every window).
vi.mock('electron', async () => ({ default: {}, BrowserWindow: (await import('./fake-desktop.js')).FakeWindow }));

const repo = path.resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

type MenuItem = { id?: string; label?: string; checked?: boolean; click?: () => void; submenu?: MenuItem[] };
const menuItem = (tray: FakeTray, id: string) => (tray.menu as MenuItem[]).find((entry) => entry.id === id);

/**
 * The desktop shell against a fake Electron (fake-desktop.ts) with the real engine behind it: a real home,
 * settings, Docker engine check, HTTP gateway on 127.0.0.1 and runtime file. What Electron itself would do
 * (draw windows, menus, notifications) is not tested here; it cannot run on this machine.
 */
describe('the desktop shell (fake electron, real engine)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function launch(
    options: {
      argv?: string[];
      packaged?: boolean;
      servers?: Record<string, unknown>;
      profiles?: Record<string, unknown>;
      token?: string;
      openEngine?: typeof openServingEngine;
    } = {},
  ) {
    const home = mkdtempSync(path.join(tmpdir(), 'switchyard-desktop-'));
    const xdg = mkdtempSync(path.join(tmpdir(), 'switchyard-xdg-'));
    const port = await freePort();
    const settings = {
      version: 1,
      gateway: { port, ...(options.token ? { token: options.token } : {}) },
      servers: options.servers ?? {},
      ...(options.profiles ? { profiles: options.profiles } : {}),
    };
    writeFileSync(path.join(home, 'settings.json'), JSON.stringify(settings), { mode: 0o600 });
    const desktop = fakeDesktop();
    desktop.app.isPackaged = options.packaged ?? false;
    const shell: DesktopApp = startDesktopApp({
      electron: desktop.electron,
      home,
      logger: createLogger('error'),
      appRoot: repo,
      argv: options.argv ?? ['electron', '.'],
      platform: 'linux',
      env: { HOME: home, XDG_CONFIG_HOME: xdg },
      closeTimeoutMs: 15_000,
      resourcesPath: '/opt/Switchyard/resources',
      ...(options.openEngine ? { openEngine: options.openEngine } : {}),
    });
    cleanups.push(async () => {
      // Quit for real (closes the engine) unless the test already did.
      if (desktop.app.listenerCount('before-quit') > 0 && !desktop.app.emit('quit-done')) {
        desktop.app.quit();
        await vi.waitFor(() => expect(desktop.app.quitCalls).toBeGreaterThanOrEqual(2), { timeout: 20_000 });
      }
      rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      rmSync(xdg, { recursive: true, force: true });
    });
    desktop.app.becomeReady();
    await shell.ready;
    return { ...desktop, shell, home, xdg, port };
  }

  it('takes the single-instance lock per home; a second instance quits and starts nothing', async () => {
    const desktop = fakeDesktop();
    desktop.app.locked = false;
    const home = mkdtempSync(path.join(tmpdir(), 'switchyard-desktop-'));
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    startDesktopApp({ electron: desktop.electron, home, logger: createLogger('error'), appRoot: repo, argv: [], platform: 'linux', env: {} });
    expect(desktop.app.paths.get('userData')).toBe(home);
    expect(desktop.app.quitCalls).toBe(1);
    expect(desktop.ipcMain.handlers.size).toBe(0);
    expect(FakeTray.created).toHaveLength(0);
  });

  it('starts the engine, the control API over IPC, the tray and the window; publishes its runtime file', async () => {
    const { ipcMain, home, port } = await launch();
    expect(ipcMain.handlers.size).toBeGreaterThan(0);
    const tray = FakeTray.created[0]!;
    expect(menuItem(tray, 'gateway')?.label).toBe(`Gateway running at http://127.0.0.1:${port}/mcp`);
    expect(tray.image).toBe(path.join(repo, 'assets', 'tray', 'tray-running.png'));
    const window = FakeWindow.created[0]!;
    expect(window.loaded?.file).toBe(path.join(repo, 'dist', 'renderer', 'index.html'));
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    // Engine events reach the page.
    menuItem(tray, 'stop')?.click?.();
    await vi.waitFor(() => expect(window.sent.some(({ message }) => (message as { event?: string }).event === 'gateway.status')).toBe(true));
    // One runtime file, and the bridge socket it names.
    expect(readdirSync(path.join(home, 'run')).filter((name) => name.endsWith('.json')).length).toBe(1);
    expect(readdirSync(path.join(home, 'run')).filter((name) => name.endsWith('.sock')).length).toBe(1);
  });

  it("serves the window's folder picker: the OS dialog for folders, modal to the window that asked", async () => {
    const { ipcMain, folderPickers, pickedFolder } = await launch();
    const window = FakeWindow.created[0]!;
    const ownPage = pathToFileURL(path.join(repo, 'dist', 'renderer', 'index.html')).href;
    const outcome = await ipcMain.invokeFrom(ownPage, ipcChannels.chooseFolder, { title: 'Project folder for Cursor' }, window.webContents);
    expect(outcome).toEqual({ ok: true, result: { path: '/home/me/code/site' } });
    expect(folderPickers).toEqual([{ window, options: { title: 'Project folder for Cursor', properties: ['openDirectory', 'createDirectory'] } }]);
    pickedFolder.path = undefined;
    await expect(ipcMain.invokeFrom(ownPage, ipcChannels.chooseFolder, { title: 'Project folder' }, window.webContents)).resolves.toEqual({
      ok: true,
      result: {},
    });
  });

  it("gives the engine the system browser for a window's Sign in: shell.openExternal, only for https or loopback links", async () => {
    let engine: Awaited<ReturnType<typeof openServingEngine>> | undefined;
    const { opened } = await launch({ openEngine: async (options) => (engine = await openServingEngine(options)) });
    const systemBrowser = engine?.app.services.oauth.systemBrowser;
    expect(systemBrowser).toBeDefined();
    await systemBrowser!('https://auth.example.test/authorize?client_id=c&state=s');
    expect(opened).toEqual(['https://auth.example.test/authorize?client_id=c&state=s']);
    await expect(async () => systemBrowser!('file:///etc/passwd')).rejects.toThrow('not a browser link');
    expect(opened).toHaveLength(1);
  });

  it('starts hidden in the tray with --hidden (a login start)', async () => {
    await launch({ argv: ['switchyard-desktop', '--hidden'] });
    expect(FakeTray.created).toHaveLength(1);
    expect(FakeWindow.created).toHaveLength(0);
  });

  it('closing the window hides it; a second instance or the tray shows it again, at a route', async () => {
    const { app } = await launch();
    const window = FakeWindow.created[0]!;
    window.emit('ready-to-show');
    expect(window.userClose()).toBe(false);
    expect(window.visible).toBe(false);
    app.emit('second-instance');
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
    menuItem(FakeTray.created[0]!, 'open-activity')?.click?.();
    expect(window.scripts).toEqual(['location.hash = "#/activity"']);
    expect(FakeWindow.created).toHaveLength(1);
  });

  it('the tray follows the engine: Stop from the tray turns it to stopped, Start back to running', async () => {
    await launch({ argv: ['x', '--hidden'] });
    const tray = FakeTray.created[0]!;
    menuItem(tray, 'stop')?.click?.();
    await vi.waitFor(() => expect(menuItem(tray, 'gateway')?.label).toBe('Gateway stopped'));
    expect(tray.image).toBe(path.join(repo, 'assets', 'tray', 'tray-stopped.png'));
    menuItem(tray, 'start')?.click?.();
    await vi.waitFor(() => expect(menuItem(tray, 'gateway')?.label).toMatch(/^Gateway running/), { timeout: 20_000 });
  });

  it('Start at login writes the XDG autostart entry and the tray shows it checked', async () => {
    const { xdg } = await launch({ argv: ['x', '--hidden'] });
    const tray = FakeTray.created[0]!;
    expect(menuItem(tray, 'start-at-login')?.checked).toBe(false);
    menuItem(tray, 'start-at-login')?.click?.();
    expect(existsSync(path.join(xdg, 'autostart', 'switchyard.desktop'))).toBe(true);
    expect(menuItem(tray, 'start-at-login')?.checked).toBe(true);
  });

  it('Quit stops the gateway first (its runtime file and HTTP port go), then quits for real', async () => {
    const { app, home, port } = await launch({ argv: ['x', '--hidden'] });
    app.quit();
    expect(app.quitCalls).toBe(1);
    await vi.waitFor(() => expect(app.quitCalls).toBe(2), { timeout: 20_000 });
    expect(readdirSync(path.join(home, 'run'))).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    // Everything stopped in time: nothing to warn about.
    expect(FakeNotification.shown.map((notice) => notice.options)).toEqual([]);
  });

  it('Quit stops every container the gateway started before the app exits', async () => {
    const image = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
    const { app, home } = await launch({ argv: ['x', '--hidden'], servers: { everything: { image } } });
    const tray = FakeTray.created[0]!;
    const serverSwitch = () => (menuItem(tray, 'servers')?.submenu ?? []).find((entry) => entry.id === 'server:everything');
    serverSwitch()?.click?.();
    await vi.waitFor(() => expect(serverSwitch()?.label).toBe('everything — running'), { timeout: 30_000 });
    const mine = () => execFileSync('docker', ['ps', '-q', '--filter', `label=${labelKeys.home}=${ownerIdentity(home).homeHash}`], { encoding: 'utf8' }).trim();
    expect(mine()).not.toBe('');
    app.quit();
    await vi.waitFor(() => expect(app.quitCalls).toBe(2), { timeout: 20_000 });
    expect(mine()).toBe('');
  });

  it('the tray shows the profiles AI apps are attached to, with their clients, and drops one when its last client leaves', async () => {
    const token = 'tray-profiles-test-token-0123456789';
    const { port } = await launch({ argv: ['x', '--hidden'], profiles: { coding: { servers: {} } }, token });
    const tray = FakeTray.created[0]!;
    const profiles = () => menuItem(tray, 'profiles');
    expect(profiles()).toBeUndefined();
    // An app leaving ends its session (DELETE), as the SDK's HTTP clients do.
    const connect = async (route: string) => {
      const client = new Client({ name: 'tray-test', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}${route}`), { authProvider: { token: async () => token } });
      await client.connect(transport);
      return { close: async () => (await transport.terminateSession(), await client.close()) };
    };
    const coding = await connect('/mcp/profiles/coding');
    await vi.waitFor(() => expect(profiles()?.label).toBe('Profile in use: coding'));
    expect(profiles()?.submenu?.map((entry) => entry.label)).toEqual(['coding — 1 client']);
    const plain = await connect('/mcp');
    await vi.waitFor(() => expect(profiles()?.label).toBe('Profiles in use (2)'));
    expect(profiles()?.submenu?.map((entry) => entry.label)).toEqual(['coding — 1 client', 'default — 1 client']);
    await coding.close();
    await vi.waitFor(() => expect(profiles()?.label).toBe('Profile in use: default'));
    await plain.close();
    await vi.waitFor(() => expect(profiles()).toBeUndefined());
  });

  it('the packaged app writes its own bridge command into AI apps, not node bin/switchyard.js', async () => {
    cleanups.push(() => setSwitchyardCommandResolver(undefined));
    await launch({ argv: ['x', '--hidden'], packaged: true });
    const command = switchyardCommand();
    expect(command.command).toBe(process.execPath);
    expect(command.args.at(-1)).toBe('connect');
    expect(command.args[0]).toBe('/opt/Switchyard/resources/app.asar/bin/switchyard.js');
    expect(command.env.ELECTRON_RUN_AS_NODE).toBe('1');
  });
});
