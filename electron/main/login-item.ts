import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Whether Switchyard starts when the user logs in (hidden, in the tray). */
export interface LoginItem {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

/** The part of Electron's `app` the macOS and Windows login items use. */
export interface LoginItemApp {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

/** The flag the shell reads to start in the tray without opening its window. */
export const startHiddenFlag = '--hidden';

export interface LoginItemOptions {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** The executable to start (Linux): the .AppImage file when running from one, else process.execPath. */
  executable: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * macOS and Windows: Electron's login item (Windows passes --hidden; macOS reports wasOpenedAtLogin instead).
 * Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/switchyard.desktop` (~/.config by default), which
 * every freedesktop session (GNOME, KDE, Xfce, …) runs at login.
 */
export function loginItemFor(options: LoginItemOptions): LoginItem {
  if (options.platform === 'linux') return xdgAutostart(options.executable, options.env ?? process.env);
  const args = options.platform === 'win32' ? [startHiddenFlag] : [];
  return {
    isEnabled: () => options.app.getLoginItemSettings({ args }).openAtLogin,
    setEnabled: (enabled) => options.app.setLoginItemSettings({ openAtLogin: enabled, args }),
  };
}

export function autostartFile(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME ?? os.homedir(), '.config');
  return path.join(configHome, 'autostart', 'switchyard.desktop');
}

function xdgAutostart(executable: string, env: NodeJS.ProcessEnv): LoginItem {
  const file = autostartFile(env);
  return {
    // An entry someone switched off in their session settings (Hidden=true) does not count.
    isEnabled: () => existsSync(file) && !/^Hidden\s*=\s*true\s*$/m.test(readFileSync(file, 'utf8')),
    setEnabled: (enabled) => {
      if (!enabled) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, desktopEntry(executable), { mode: 0o644 });
    },
  };
}

/** A Desktop Entry (freedesktop spec): Exec quotes the path, escaping what the spec says must be escaped. */
export function desktopEntry(executable: string): string {
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchyard',
    'Comment=One MCP gateway for every AI app (starts in the tray)',
    `Exec=${quoted} ${startHiddenFlag}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
