import { SwitchyardError } from '../../shared/errors.js';
import { sourceMappedStack } from './source-mapped-stack.js';

/** Says what failed on stderr, as `switchyard: <what> (<hint>)`, and exits with status 1. */
export function reportAndExit(error: unknown): never {
  const text = error instanceof SwitchyardError ? error.describe() : error instanceof Error ? error.message : String(error);
  process.stderr.write(`switchyard: ${text}\n`);
  process.exit(1);
}

/** A bug that escapes every command: its stack names our TypeScript, not lines of the bundle. */
export function reportUncaughtErrors(): void {
  process.on('uncaughtException', (error) => {
    process.stderr.write(`${error instanceof Error && error.stack ? sourceMappedStack(error.stack) : String(error)}\n`);
    process.exit(1);
  });
}
