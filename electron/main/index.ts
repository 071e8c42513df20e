import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage, session, shell, Tray } from 'electron';
import { createLogger } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { projectRoot } from '../core/version.js';
import { startDesktopApp } from './desktop-app.js';

// The Electron entry point: everything it does lives in desktop-app.ts, tested against a fake `electron`.
startDesktopApp({
  electron: { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage, session, shell, Tray },
  home: resolveHome(),
  logger: createLogger(),
  appRoot: projectRoot(),
  argv: process.argv,
  platform: process.platform,
  env: process.env,
  resourcesPath: process.resourcesPath,
});
