import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathFor } from './platform-paths.js';
import type { PlatformContext } from './types.js';

/** How Switchyard tells that an AI app is installed or running: executables on PATH, process names. */

/** An executable of that name in one of PATH's folders (with Windows' extensions). */
export function onPath(context: PlatformContext, binary: string): boolean {
  const p = pathFor(context);
  const pathValue = context.env.PATH ?? context.env.Path ?? '';
  const separator = context.platform === 'win32' ? ';' : ':';
  const extensions = context.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  return pathValue
    .split(separator)
    .filter(Boolean)
    .some((dir) => extensions.some((extension) => existsSync(p.join(dir, binary + extension))));
}

/** Names of running processes (executable base names), or undefined when they cannot be listed. */
export function listProcessNames(platform: NodeJS.Platform = process.platform): Promise<string[] | undefined> {
  const [command, args] = platform === 'win32' ? ['tasklist', ['/fo', 'csv', '/nh']] : ['ps', ['-A', '-o', 'comm=']];
  return new Promise((resolve) => {
    execFile(command, args as string[], { timeout: 3000, windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      if (error) return resolve(undefined);
      const names = stdout
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => (platform === 'win32' ? (/^"([^"]*)"/.exec(line)?.[1] ?? line) : path.posix.basename(line)));
      resolve(names);
    });
  });
}
