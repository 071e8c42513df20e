import os from 'node:os';
import path from 'node:path';

/**
 * The one folder that holds all of Switchyard's state. SWITCHYARD_HOME wins (every test sets it); otherwise
 * the same folder Electron's app.getPath('userData') gives an app named "Switchyard", so the desktop app and
 * the CLI share settings.
 */
export function resolveHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, homedir: string = os.homedir()): string {
  if (env.SWITCHYARD_HOME) return path.resolve(env.SWITCHYARD_HOME);
  const p = platform === 'win32' ? path.win32 : path.posix;
  switch (platform) {
    case 'darwin':
      return p.join(homedir, 'Library', 'Application Support', 'Switchyard');
    case 'win32':
      return p.join(env.APPDATA || p.join(homedir, 'AppData', 'Roaming'), 'Switchyard');
    default:
      return p.join(env.XDG_CONFIG_HOME || p.join(homedir, '.config'), 'Switchyard');
  }
}
