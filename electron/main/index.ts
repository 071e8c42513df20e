import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, Tray, type Event as ElectronEvent } from 'electron';
import type { Switchyard } from '../app/create-switchyard.js';
import { openServingEngine } from '../app/settings-engine.js';
import { createControlService } from '../control/create-control.js';
import { publishGatewayRuntime } from '../core/gateway-runtime-file.js';
import { createLogger } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { projectRoot } from '../core/version.js';
import type { GatewayStatus } from '../../shared/domain.js';
import { fromWireError, toWireError } from '../../shared/errors.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import type { RendererLocation } from './renderer-location.js';
import { buildTrayMenuTemplate, trayTooltip, type TrayActions } from './tray-menu.js';
import { applySessionPolicy, hardenWebContents, secureWindowOptions } from './window-options.js';

/**
 * The Electron shell: one instance per Switchyard home, the engine in this process, a tray that outlives the
 * window. Closing the window hides it; only Quit stops the gateway (and its containers) and exits.
 */

// The app root (the asar when packaged) holds dist/electron, dist/renderer and assets.
const appRoot = projectRoot();
const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.cjs');
const trayIconPath = path.join(appRoot, 'assets', 'tray.png'); // tray@2x.png is picked up on HiDPI screens
const renderer: RendererLocation = {
  indexHtml: path.join(appRoot, 'dist', 'renderer', 'index.html'),
  devUrl: app.isPackaged ? undefined : process.env.SWITCHYARD_DEV_URL,
};
// Stopping containers can hang on a wedged Docker daemon; quitting must not.
const closeTimeoutMs = 15_000;
// Launched at login: start in the tray without opening the window.
const startHidden = process.argv.includes('--hidden');
const logger = createLogger();
const home = resolveHome();

// Chromium's own data lives with ours, and the single-instance lock is per userData folder: so SWITCHYARD_HOME
// gives a test its own profile and its own instance. Must happen before the lock and before ready.
app.setPath('userData', home);
if (app.requestSingleInstanceLock()) {
  runDesktopShell();
} else {
  app.quit(); // the running instance gets 'second-instance' and shows its window
}

function runDesktopShell(): void {
  let switchyard: Switchyard | undefined;
  let mainWindow: BrowserWindow | undefined;
  let tray: Tray | undefined;
  let quitting = false;
  let closed = false;

  const trayActions: TrayActions = {
    startGateway: () => void attempt(() => switchyard?.gateway.start()),
    stopGateway: () => void attempt(() => switchyard?.gateway.stop()),
    openWindow: () => showWindow(),
    quit: () => app.quit(),
  };

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, renderer));
  app.on('window-all-closed', () => {}); // the tray keeps the app (and the gateway) alive
  app.on('before-quit', (event) => beforeQuit(event));
  app.whenReady().then(start).catch(failStart);

  async function start(): Promise<void> {
    applySessionPolicy(session.defaultSession, renderer);
    // The desktop app is the one gateway for every client: settings' servers, Streamable HTTP on 127.0.0.1.
    const serving = await openServingEngine({ home, logger, safeStorage });
    const engine = serving.app;
    // Other commands find this gateway (and whether the user stopped it) through its runtime file.
    const runtime = publishGatewayRuntime(home, engine.gateway, { transport: 'http', port: serving.http.port, owner: 'desktop' });
    switchyard = {
      ...engine,
      close: async () => {
        runtime.remove();
        await serving.close();
      },
    };
    // Handlers before the window exists: the renderer asks for gateway.status as soon as it loads.
    registerIpcHandlers(ipcMain, createControlService(engine), renderer);
    tray = new Tray(trayIconPath);
    tray.on('click', () => showWindow());
    engine.gateway.onStatus((status) => updateTray(status));
    updateTray(engine.gateway.status());
    if (!startHidden) showWindow();
  }

  function updateTray(status: GatewayStatus): void {
    tray?.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(status, trayActions)));
    tray?.setToolTip(trayTooltip(status));
  }

  function showWindow(): void {
    if (!switchyard || quitting) return; // not ready yet, or on the way out
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createWindow();
      return; // shown on ready-to-show
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  function createWindow(): BrowserWindow {
    const created = new BrowserWindow(secureWindowOptions(preloadPath));
    created.once('ready-to-show', () => created.show());
    created.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      created.hide();
    });
    // Windows log-off or shutdown: hiding instead of closing would hold it up.
    created.on('session-end', () => {
      quitting = true;
    });
    const loading = renderer.devUrl === undefined ? created.loadFile(renderer.indexHtml) : created.loadURL(renderer.devUrl);
    loading.catch((error: unknown) => {
      logger.error(`could not load the window from ${renderer.devUrl ?? renderer.indexHtml}: ${describe(error)} (run \`npm run build\` first)`);
    });
    return created;
  }

  /** Quit waits for the engine to stop its containers, then quits for real. */
  function beforeQuit(event: ElectronEvent): void {
    quitting = true;
    if (closed || !switchyard) return;
    event.preventDefault();
    const closing = switchyard;
    switchyard = undefined; // a second Quit while closing just waits for this one
    void closeWithin(closing, closeTimeoutMs).finally(() => {
      closed = true;
      app.quit();
    });
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
}

async function closeWithin(switchyard: Switchyard, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.warn(`gave up waiting for the gateway to stop after ${timeoutMs / 1000}s; quitting anyway`);
      resolve();
    }, timeoutMs);
  });
  try {
    await Promise.race([switchyard.close(), timeout]);
  } catch (error) {
    logger.error(`stopping the gateway failed: ${describe(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Message and hint of any error, a SwitchyardError or not. */
function describe(error: unknown): string {
  return fromWireError(toWireError(error)).describe();
}
