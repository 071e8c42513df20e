import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { desktopApiFromBridge, type DesktopApi, type PreloadBridge } from '../../../shared/bridge.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { ipcChannels } from '../../../shared/ipc-channels.js';
import { registerDesktopPreferenceHandlers } from '../../../electron/main/desktop-preference-handlers.js';
import { openDesktopPreferences } from '../../../electron/main/desktop-preferences.js';
import { autostartFile, loginItemFor, type LoginItemApp } from '../../../electron/main/login-item.js';
import { fake, FakeIpcMain, type IpcMain } from './fake-electron.js';
import { ownRendererUrl, renderer } from './fixtures.js';

// The main-process handlers against a fake `electron` (see fake-electron.ts), reached from the page through the
// real preload and the modelled contextBridge: real electron-store file, real XDG autostart entry. No Electron runs.
// electron-store reads the default export (app, ipcMain) only to find a folder, which the store is given.
vi.mock('electron', async () => ({ default: {}, ...(await import('./fake-electron.js')).fakeElectronModule }));

const noLoginItemApp: LoginItemApp = {
  getLoginItemSettings: () => {
    throw new Error('Linux uses the XDG autostart entry, not app.getLoginItemSettings');
  },
  setLoginItemSettings: () => {
    throw new Error('Linux uses the XDG autostart entry, not app.setLoginItemSettings');
  },
};

let inPage: PreloadBridge;
beforeAll(async () => {
  await import('../../../electron/preload/index.js');
  inPage = fake.contextBridge.inPage.get('switchyard') as PreloadBridge;
});

describe('desktop preferences over IPC (fake electron, real preload, real files)', () => {
  let home: string;
  let configHome: string;
  let ipcMain: FakeIpcMain;
  let dispose: () => void;
  let changes: unknown[];
  let desktop: DesktopApi;

  beforeEach(() => {
    fake.reset();
    home = mkdtempSync(path.join(tmpdir(), 'switchyard-desktop-prefs-'));
    configHome = path.join(home, 'xdg-config');
    ipcMain = new FakeIpcMain();
    changes = [];
    const loginItem = loginItemFor({
      platform: 'linux',
      app: noLoginItemApp,
      executable: '/opt/Switchyard/Switchyard.AppImage',
      env: { XDG_CONFIG_HOME: configHome },
    });
    dispose = registerDesktopPreferenceHandlers(
      ipcMain as unknown as IpcMain,
      { preferences: openDesktopPreferences(home), loginItem, onChange: (values) => changes.push(values) },
      renderer,
    );
    fake.ipcRenderer.route = (channel, input) => ipcMain.invokeFrom(ownRendererUrl, channel, input);
    desktop = desktopApiFromBridge(inPage.desktop);
  });
  afterEach(() => {
    dispose();
    rmSync(home, { recursive: true, force: true });
  });

  it('registers the get and set channels, and removes them on dispose', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([ipcChannels.desktopPreferences.get, ipcChannels.desktopPreferences.set].sort());
  });

  it('reads the defaults: not at login, not hidden, notifications on', async () => {
    await expect(desktop.preferences.get()).resolves.toEqual({ startAtLogin: false, startHidden: false, notifications: true });
  });

  it('start at login writes the XDG autostart entry (and removes it), and the tray is told', async () => {
    const file = autostartFile({ XDG_CONFIG_HOME: configHome });
    await expect(desktop.preferences.set({ startAtLogin: true })).resolves.toEqual({ startAtLogin: true, startHidden: false, notifications: true });
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Switchyard/Switchyard.AppImage" --hidden');
    expect(changes).toEqual([{ startAtLogin: true, startHidden: false, notifications: true }]);
    await expect(desktop.preferences.get()).resolves.toMatchObject({ startAtLogin: true });
    await desktop.preferences.set({ startAtLogin: false });
    expect(existsSync(file)).toBe(false);
  });

  it('start hidden and notifications are kept in desktop-preferences.json, read back by a new store', async () => {
    await expect(desktop.preferences.set({ startHidden: true, notifications: false })).resolves.toEqual({
      startAtLogin: false,
      startHidden: true,
      notifications: false,
    });
    expect(openDesktopPreferences(home).get()).toMatchObject({ startHidden: true, notifications: false });
  });

  it.each([
    ['a value of the wrong type', { startAtLogin: 'yes' }, ['startAtLogin']],
    ['a key the window may not set here', { theme: 'dark' }, []],
    ['no change at all', {}, []],
    ['no object at all', 'start', []],
  ])('refuses %s at the edge: INVALID_INPUT with the issue paths, intact in the page, nothing written', async (_label, input, firstPath) => {
    const file = path.join(home, 'desktop-preferences.json');
    const before = readFileSync(file, 'utf8');
    const error = await desktop.preferences.set(input as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { issues: expect.arrayContaining([expect.objectContaining({ path: firstPath })]) } });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(changes).toEqual([]);
  });

  it('an autostart folder that cannot be made: the OS reason, which preference, and the errno reach the page', async () => {
    mkdirSync(configHome, { recursive: true });
    writeFileSync(path.join(configHome, 'autostart'), 'a file where the folder should be');
    const error = await desktop.preferences.set({ startAtLogin: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'INTERNAL', details: { field: 'startAtLogin', errno: expect.stringMatching(/^E[A-Z]+$/) } });
    expect((error as Error).message).toMatch(/^Could not add the login item: /);
    await expect(desktop.preferences.get()).resolves.toMatchObject({ startAtLogin: false });
  });

  it('refuses a frame that is not our renderer, changing nothing', async () => {
    const outcome = await ipcMain.invokeFrom('https://evil.example/', ipcChannels.desktopPreferences.set, { notifications: false });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    await expect(desktop.preferences.get()).resolves.toMatchObject({ notifications: true });
  });
});
