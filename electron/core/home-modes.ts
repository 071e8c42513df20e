import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** One path whose mode was narrowed: relative to the home, with the mode before and after (octal). */
export interface ModeFix {
  path: string;
  from: string;
  to: string;
}

/**
 * Folders under the home whose contents keep their own modes: npm package installs (`npm-cache/<hash>/...`)
 * are copied into server images, where the container's non-root user must read them and run their bins.
 * The folder itself is narrowed (0700), so other local users cannot reach inside.
 */
const contentsKeepModes = new Set(['npm-cache']);

/**
 * The home holds settings, secrets, call history (with its WAL/SHM), caches, runtime files and logs: it is
 * the user's alone. Narrows the home and every folder in it to 0700 and every file to 0600 where group or
 * others had any access (an older version, a copy, a umask of 022), and returns what it changed, for one
 * log line. Symbolic links and special files (sockets, pipes) are left alone. Does nothing on Windows.
 */
export function secureHomeModes(home: string, platform: NodeJS.Platform = process.platform): ModeFix[] {
  if (platform === 'win32') return [];
  const fixes: ModeFix[] = [];
  const visit = (absolute: string, relative: string, descend: boolean): void => {
    let stats;
    try {
      stats = lstatSync(absolute);
    } catch {
      return; // gone meanwhile
    }
    const target = stats.isDirectory() ? 0o700 : stats.isFile() ? 0o600 : undefined;
    if (target === undefined) return;
    const mode = stats.mode & 0o777;
    if (mode & 0o077) {
      try {
        chmodSync(absolute, target);
        fixes.push({ path: relative || '.', from: octal(mode), to: octal(target) });
      } catch {
        // Not ours to change (another owner): the README's threat model says the home must be the user's.
      }
    }
    if (!stats.isDirectory() || !descend) return;
    let names: string[];
    try {
      names = readdirSync(absolute);
    } catch {
      return;
    }
    for (const name of names) {
      const childRelative = relative ? `${relative}/${name}` : name;
      visit(path.join(absolute, name), childRelative, !contentsKeepModes.has(childRelative));
    }
  };
  visit(home, '', true);
  return fixes;
}

/** The fixes as one line's worth: `settings.json 0644->0600, cache 0755->0700, ...` (the first 20, then a count). */
export function describeModeFixes(fixes: ModeFix[]): string {
  const shown = fixes.slice(0, 20).map((fix) => `${fix.path} ${fix.from}->${fix.to}`);
  return fixes.length > 20 ? `${shown.join(', ')} and ${fixes.length - 20} more` : shown.join(', ');
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}
