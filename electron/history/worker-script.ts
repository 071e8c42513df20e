import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../core/version.js';

/** The history's worker threads, each by where it sits beside this module once compiled (or bundled). */
const workers = {
  writer: { name: 'history-writer-worker.js', url: () => new URL('./history-writer-worker.js', import.meta.url) },
  reader: { name: 'history-reader-worker.js', url: () => new URL('./history-reader-worker.js', import.meta.url) },
};

/**
 * A history worker thread's compiled script: next to this module once compiled (dist/node, or the Electron
 * bundle's folder); else the node build. Undefined when neither is there (running from sources without a
 * build): the caller then works on its own thread.
 */
export function compiledWorkerScript(which: keyof typeof workers): string | undefined {
  const here = fileURLToPath(workers[which].url());
  if (existsSync(here)) return here;
  try {
    const built = path.join(projectRoot(), 'dist', 'node', 'electron', 'history', workers[which].name);
    return existsSync(built) ? built : undefined;
  } catch {
    return undefined; // bundled somewhere without its workers
  }
}
