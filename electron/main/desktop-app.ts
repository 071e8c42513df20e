import path from 'node:path';
import type * as Electron from 'electron';
import type { Switchyard } from '../app/create-switchyard.js';
import { openServingEngine } from '../app/serving-engine.js';
import { setSwitchyardCommandResolver } from '../clients/switchyard-command.js';
import { createControlService } from '../control/create-control.js';
import type { ControlService } from '../control/control-service.js';
import { publishGatewayRuntime } from '../core/gateway-runtime-file.js';
import type { Logger } from '../core/logger.js';
import type { GatewayStatus } from '../../shared/domain.js';
import { fromWireError, toWireError } from '../../shared/errors.js';
import { registerDesktopPreferenceHandlers } from './desktop-preference-handlers.js';
import { registerFolderDialogHandler } from './folder-dialog-handler.js';
import { openDesktopPreferences, type DesktopPreferencesStore } from './desktop-preferences.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { loginItemFor, startHiddenFlag, type LoginItem } from './login-item.js';
import { createNotifier, noticeForHeldTool, noticesForStatus, type DesktopNotice } from './notifications.js';
import { packagedBridgeCommand } from './packaged-bridge-command.js';
import type { RendererLocation } from './renderer-location.js';
import type { TrayActions } from './tray/tray-actions.js';
import { trayIconFile, trayIconState } from './tray/tray-icon.js';
import { buildTrayMenuTemplate, trayTooltip } from './tray/tray-menu.js';
import { applySessionPolicy, hardenWebContents, isBrowserLink, secureWindowOptions } from './window-options.js';

/** The parts of Electron the shell uses: the real module in the app, a fake in the tests. */
export type ElectronParts = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'Notification' | 'safeStorage' | 'session' | 'shell' | 'Tray'
>;

export interface DesktopAppOptions {
  electron: ElectronParts;
  home: string;
  logger: Logger;
  /** Where package.json, dist/ and assets/ are (app.asar when packaged). */
  appRoot: string;
  argv: string[];
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Electron's process.resourcesPath (where app.asar is) in the packaged app. */
  resourcesPath?: string | undefined;
  /** Stopping containers can hang on a wedged Docker daemon; quitting must not (default 15 s). */
  closeTimeoutMs?: number;
  /** The engine behind the window (default: the settings' servers served over Streamable HTTP). */
  openEngine?: typeof openServingEngine;
}

export interface DesktopApp {
  /** Settles once the engine, IPC and tray are up (rejects if the start failed). */
  ready: Promise<void>;
  /** The window, once opened. */
  window(): Electron.BrowserWindow | undefined;
}

/**
 * The Electron shell: one instance per Switchyard home, the engine in this process, a tray that outlives the
 * window. Closing the window hides it; only Quit stops the gateway (and its containers) and exits.
 */
export function startDesktopApp(options: DesktopAppOptions): DesktopApp {
  const { app } = options.electron;
  // Chromium's own data lives with ours, and the single-instance lock is per userData folder: so SWITCHYARD_HOME
  // gives a test its own profile and its own instance. Must happen before the lock and before ready.
  app.setPath('userData', options.home);
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the running instance gets 'second-instance' and shows its window
    return { ready: Promise.resolve(), window: () => undefined };
  }
  return runDesktopShell(options);
}

function runDesktopShell(options: DesktopAppOptions): DesktopApp {
  const { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage, session, shell, Tray } = options.electron;
  const { logger, home } = options;
  const closeTimeoutMs = options.closeTimeoutMs ?? 15_000;
  const renderer: RendererLocation = {
    indexHtml: path.join(options.appRoot, 'dist', 'renderer', 'index.html'),
    devUrl: app.isPackaged ? undefined : options.env.SWITCHYARD_DEV_URL,
  };
  const preferences: DesktopPreferencesStore = openDesktopPreferences(home);
  const loginItem: LoginItem = loginItemFor({ platform: options.platform, app, executable: options.env.APPIMAGE ?? process.execPath, env: options.env });
  // Launched at login: start in the tray without opening the window.
  const startHidden =
    options.argv.includes(startHiddenFlag) || preferences.get().startHidden || (options.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  const resourcesPath = options.resourcesPath;
  if (app.isPackaged && resourcesPath) {
    // AI apps must launch the packaged app's bridge, not a developer's `node bin/switchyard.js`.
    setSwitchyardCommandResolver(() =>
      packagedBridgeCommand({
        platform: options.platform,
        execPath: process.execPath,
        resourcesPath,
        appImage: options.env.APPIMAGE,
        home: options.env.SWITCHYARD_HOME,
      }),
    );
  }

  let switchyard: Switchyard | undefined;
  let control: ControlService | undefined;
  let endpoint: string | undefined;
  let lastStatus: GatewayStatus | undefined;
  let mainWindow: Electron.BrowserWindow | undefined;
  let tray: Electron.Tray | undefined;
  let quitting = false;
  let closed = false;
  const heldTools = new Set<string>();

  const notify = createNotifier({
    enabled: () => preferences.get().notifications,
    show: (notice) => showNotice(notice),
  });
  const trayActions: TrayActions = {
    startGateway: () => void attempt(() => switchyard?.gateway.start()),
    stopGateway: () => void attempt(() => switchyard?.gateway.stop()),
    startServer: (name) => void attempt(() => switchyard?.gateway.startServer(name)),
    stopServer: (name) => void attempt(() => switchyard?.gateway.stopServer(name)),
    openWindow: (route) => showWindow(route),
    setStartAtLogin: (enabled) => {
      loginItem.setEnabled(enabled);
      if (lastStatus) updateTray(lastStatus);
    },
    quit: () => app.quit(),
  };

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, renderer, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => {}); // the tray keeps the app (and the gateway) alive
  app.on('before-quit', (event) => beforeQuit(event));
  const ready = app.whenReady().then(start);
  ready.catch(failStart);

  async function start(): Promise<void> {
    applySessionPolicy(session.defaultSession, renderer);
    // The desktop app is the one gateway for every client: settings' servers, Streamable HTTP on 127.0.0.1.
    const serving = await (options.openEngine ?? openServingEngine)({ home, logger, safeStorage });
    const engine = serving.app;
    endpoint = `http://127.0.0.1:${serving.http.port}/mcp`;
    // Other commands find this gateway (and whether the user stopped it) through its runtime file.
    const runtime = publishGatewayRuntime(home, engine.gateway, {
      transport: 'http',
      port: serving.http.port,
      ...(serving.socket ? { socket: serving.socket.path } : {}),
      owner: 'desktop',
    });
    switchyard = {
      ...engine,
      close: async () => {
        runtime.remove();
        await serving.close();
      },
    };
    // Sign in (the server page's button) opens the system browser from here in one click; the page keeps the link.
    engine.services.oauth.systemBrowser = (url) => {
      if (!isBrowserLink(url)) throw new Error(`not a browser link: ${url}`);
      return shell.openExternal(url);
    };
    control = createControlService(engine);
    // Handlers before the window exists: the renderer asks for gateway.status as soon as it loads.
    registerIpcHandlers(ipcMain, control, renderer);
    // The window's Settings shows and changes start at login, start hidden and notifications; the tray follows.
    registerDesktopPreferenceHandlers(ipcMain, { preferences, loginItem, onChange: () => lastStatus && updateTray(lastStatus) }, renderer);
    // "Choose…" beside the Clients page's project folder: the OS's folder picker, modal to the window.
    registerFolderDialogHandler(
      ipcMain,
      {
        showOpenDialog: (parent, dialogOptions) => (parent ? dialog.showOpenDialog(parent, dialogOptions) : dialog.showOpenDialog(dialogOptions)),
        windowFor: (event) => BrowserWindow.fromWebContents(event.sender) ?? undefined,
      },
      renderer,
    );
    control.onEvent((event, payload) => {
      if (event === 'tools.changed') void noticeHeldTools((payload as { server: string }).server);
    });
    tray = new Tray(trayIconFile(path.join(options.appRoot, 'assets'), 'stopped', options.platform));
    tray.on('click', () => showWindow());
    engine.gateway.onStatus((status) => updateTray(status));
    updateTray(engine.gateway.status());
    if (!startHidden) showWindow();
  }

  function updateTray(status: GatewayStatus): void {
    notify(noticesForStatus(lastStatus, status));
    lastStatus = status;
    if (!tray) return;
    tray.setImage(trayIconFile(path.join(options.appRoot, 'assets'), trayIconState(status), options.platform));
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate({ status, endpoint, startAtLogin: loginItem.isEnabled() }, trayActions)));
    tray.setToolTip(trayTooltip(status));
  }

  /** A tool newly held back (its definition changed since approved): one notice, pointing at the tools section. */
  async function noticeHeldTools(server: string): Promise<void> {
    const outcome = await control?.dispatch('tools.pending', {});
    if (!outcome?.ok) return;
    const pending = (outcome.result as Array<{ server: string; tool: string }>).filter((entry) => entry.server === server);
    const notices = pending.filter((entry) => !heldTools.has(`${entry.server}/${entry.tool}`)).map((entry) => noticeForHeldTool(entry.server, entry.tool));
    for (const key of [...heldTools].filter((key) => key.startsWith(`${server}/`))) heldTools.delete(key);
    for (const entry of pending) heldTools.add(`${entry.server}/${entry.tool}`);
    notify(notices);
  }

  function showNotice(notice: DesktopNotice): void {
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title: notice.title, body: notice.body });
    shown.on('click', () => showWindow(notice.route));
    shown.show();
  }

  function showWindow(route?: string): void {
    if (!switchyard || quitting) return; // not ready yet, or on the way out
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createWindow(route);
      return; // shown on ready-to-show
    }
    if (route) void mainWindow.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#${route}`)}`);
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  function createWindow(route?: string): Electron.BrowserWindow {
    const bounds = preferences.get().windowBounds;
    const created = new BrowserWindow({ ...secureWindowOptions(path.join(options.appRoot, 'dist', 'electron', 'preload.cjs')), ...(bounds ?? {}) });
    created.once('ready-to-show', () => created.show());
    created.on('close', (event) => {
      preferences.set({ windowBounds: created.getBounds() });
      if (quitting) return;
      event.preventDefault();
      created.hide();
    });
    // Windows log-off or shutdown: hiding instead of closing would hold it up.
    created.on('session-end', () => {
      quitting = true;
    });
    const loading =
      renderer.devUrl === undefined
        ? created.loadFile(renderer.indexHtml, route ? { hash: route } : {})
        : created.loadURL(renderer.devUrl + (route ? `#${route}` : ''));
    loading.catch((error: unknown) => {
      logger.error(`could not load the window from ${renderer.devUrl ?? renderer.indexHtml}: ${describe(error)} (run \`npm run build\` first)`);
    });
    return created;
  }

  /** Quit waits for the engine to stop its containers (at most closeTimeoutMs), then quits for real. */
  function beforeQuit(event: Electron.Event): void {
    quitting = true;
    if (closed || !switchyard) return;
    event.preventDefault();
    const closing = switchyard;
    switchyard = undefined; // a second Quit while closing just waits for this one
    void closeWithin(closing, closeTimeoutMs).then((stopped) => {
      if (!stopped) {
        const text = `Switchyard quit before its containers stopped (waited ${closeTimeoutMs / 1000} s). They are swept at its next start, or now with: docker rm -f $(docker ps -q --filter label=io.switchyard.managed)`;
        logger.warn(text);
        if (Notification.isSupported()) new Notification({ title: 'Some servers did not stop', body: text }).show();
      }
      closed = true;
      control?.close();
      app.quit();
    });
  }

  async function closeWithin(closing: Switchyard, timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([closing.close().then(() => true as const), timeout]);
    } catch (error) {
      logger.error(`stopping the gateway failed: ${describe(error)}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs a user action; a failure is shown, since the tray has nowhere else to say it. */
  async function attempt(action: () => Promise<unknown> | undefined): Promise<void> {
    try {
      await action();
    } catch (error) {
      logger.error(describe(error));
      dialog.showErrorBox('Switchyard', describe(error));
    }
  }

  function failStart(error: unknown): void {
    logger.error(`could not start: ${describe(error)}`);
    dialog.showErrorBox('Switchyard could not start', describe(error));
    app.exit(1);
  }

  return { ready, window: () => mainWindow };
}

/** Message and hint of any error, a SwitchyardError or not. */
function describe(error: unknown): string {
  return fromWireError(toWireError(error)).describe();
}
