import { watch } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/logger.js';

/** Calls `onChange` (debounced) when the file is replaced or written; atomic writes replace it, so watch the folder. */
export function watchSettingsFile(file: string, onChange: () => Promise<void>, logger: Logger): () => void {
  return watchFiles([file], onChange, logger);
}

/**
 * The same for several files of one folder (e.g. the secret stores' files in the home). A name may be a folder
 * that does not exist yet: its creation is seen too (clients/client-config-watch.ts watches that way).
 */
export function watchFiles(files: string[], onChange: () => Promise<void>, logger: Logger, debounceMs = 100): () => void {
  const file = files[0]!;
  const names = new Set(files.map((each) => path.basename(each)));
  let timer: NodeJS.Timeout | undefined;
  try {
    const watcher = watch(path.dirname(file), (_event, name) => {
      if (name === null || !names.has(name)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void onChange().catch((error: unknown) => logger.warn(`settings change not applied: ${String(error)}`)), debounceMs);
    });
    // The folder removed or no longer readable: an unhandled 'error' would end the process.
    watcher.on('error', (error) => logger.warn(`stopped watching ${path.dirname(file)}: ${String(error)}`));
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  } catch {
    logger.warn(`cannot watch ${file}: settings changes apply at the next start`);
    return () => undefined;
  }
}
