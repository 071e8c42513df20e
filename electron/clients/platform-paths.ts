import os from 'node:os';
import path from 'node:path';
import type { PlatformContext } from './types.js';

/** path.win32 for Windows, path.posix elsewhere: paths for any OS can be computed (and tested) on any OS. */
export function pathFor(ctx: PlatformContext): path.PlatformPath {
  return ctx.platform === 'win32' ? path.win32 : path.posix;
}

/** Joins onto the home folder. */
export function inHome(ctx: PlatformContext, ...parts: string[]): string {
  return pathFor(ctx).join(ctx.homedir, ...parts);
}

/**
 * The per-user application data folder Electron apps (VS Code, Claude Desktop...) use:
 * ~/Library/Application Support on macOS, %APPDATA% on Windows, $XDG_CONFIG_HOME (or ~/.config) on Linux.
 */
export function appDataDir(ctx: PlatformContext): string {
  const p = pathFor(ctx);
  switch (ctx.platform) {
    case 'darwin':
      return p.join(ctx.homedir, 'Library', 'Application Support');
    case 'win32':
      return nonEmpty(ctx.env.APPDATA) ?? p.join(ctx.homedir, 'AppData', 'Roaming');
    default:
      return xdgConfigHome(ctx);
  }
}

/** $XDG_CONFIG_HOME when set to an absolute path, else ~/.config (the XDG rule), on any OS. */
export function xdgConfigHome(ctx: PlatformContext): string {
  const p = pathFor(ctx);
  const value = nonEmpty(ctx.env.XDG_CONFIG_HOME);
  return value && p.isAbsolute(value) ? value : p.join(ctx.homedir, '.config');
}

export function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

/** The context of this process: what the connector uses unless a test gives another. */
export function currentContext(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, homedir?: string): PlatformContext {
  // os.homedir() reads HOME (USERPROFILE on Windows) first, so a temporary HOME is honoured.
  return { platform, homedir: homedir ?? os.homedir(), env };
}
