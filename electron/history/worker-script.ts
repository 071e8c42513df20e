import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../core/version.js';

/**
 * A history worker thread's compiled script (`history-writer-worker.js`, `history-reader-worker.js`): next to
 * this module once compiled (dist/node, or the Electron bundle's folder); else the node build. Undefined when
 * neither is there (running from sources without a build): the caller then works on its own thread.
 */
export function compiledWorkerScript(name: string): string | undefined {
  const here = fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (existsSync(here)) return here;
  try {
    const built = path.join(projectRoot(), 'dist', 'node', 'electron', 'history', name);
    return existsSync(built) ? built : undefined;
  } catch {
    return undefined; // bundled somewhere without its workers
  }
}
