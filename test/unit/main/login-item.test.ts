import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartFile, desktopEntry, loginItemFor, type LoginItemApp } from '../../../electron/main/login-item.js';

/** Electron's login-item settings, kept the way the OS would keep them. */
function fakeApp(): LoginItemApp & { saved: Array<{ openAtLogin: boolean; args?: string[] }> } {
  const saved: Array<{ openAtLogin: boolean; args?: string[] }> = [];
  return {
    saved,
    getLoginItemSettings: () => ({ openAtLogin: saved.at(-1)?.openAtLogin ?? false }),
    setLoginItemSettings: (settings) => void saved.push(settings),
  };
}

describe('start at login', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const configHome = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-xdg-'));
    dirs.push(dir);
    return dir;
  };

  it('Linux: writes and removes an XDG autostart entry that starts the app hidden', () => {
    const env = { XDG_CONFIG_HOME: configHome() };
    const item = loginItemFor({ platform: 'linux', app: fakeApp(), executable: '/home/me/Apps/Switchyard.AppImage', env });
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    const file = autostartFile(env);
    expect(file).toBe(path.join(env.XDG_CONFIG_HOME, 'autostart', 'switchyard.desktop'));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/me/Apps/Switchyard.AppImage" --hidden');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(item.isEnabled()).toBe(true);
    item.setEnabled(false);
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(false); // already off: no error
  });

  it('Linux: an entry switched off in the session settings (Hidden=true) is not enabled', () => {
    const env = { XDG_CONFIG_HOME: configHome() };
    const item = loginItemFor({ platform: 'linux', app: fakeApp(), executable: '/opt/Switchyard/switchyard-desktop', env });
    item.setEnabled(true);
    writeFileSync(autostartFile(env), `${readFileSync(autostartFile(env), 'utf8')}Hidden=true\n`);
    expect(item.isEnabled()).toBe(false);
  });

  it('Linux: ~/.config when XDG_CONFIG_HOME is unset or not absolute', () => {
    expect(autostartFile({ HOME: '/home/me' })).toBe('/home/me/.config/autostart/switchyard.desktop');
    expect(autostartFile({ HOME: '/home/me', XDG_CONFIG_HOME: 'relative' })).toBe('/home/me/.config/autostart/switchyard.desktop');
  });

  it('quotes and escapes the executable path as the Desktop Entry spec says', () => {
    expect(desktopEntry('/opt/My "Apps"/$witch\\yard')).toContain('Exec="/opt/My \\"Apps\\"/\\$witch\\\\yard" --hidden');
  });

  it('Windows: Electron login item with --hidden; macOS: without arguments', () => {
    const windowsApp = fakeApp();
    const windows = loginItemFor({ platform: 'win32', app: windowsApp, executable: 'C:\\Switchyard.exe' });
    windows.setEnabled(true);
    expect(windowsApp.saved).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    expect(windows.isEnabled()).toBe(true);
    const macApp = fakeApp();
    const mac = loginItemFor({ platform: 'darwin', app: macApp, executable: '/Applications/Switchyard.app' });
    mac.setEnabled(true);
    mac.setEnabled(false);
    expect(macApp.saved).toEqual([
      { openAtLogin: true, args: [] },
      { openAtLogin: false, args: [] },
    ]);
    expect(mac.isEnabled()).toBe(false);
  });
});
