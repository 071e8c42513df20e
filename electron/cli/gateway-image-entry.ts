import { reportAndExit, reportUncaughtErrors } from './exit-reporting.js';
import { runGatewayCommand } from './gateway-command.js';
import type { RunOptions } from './gateway-run-options.js';

/**
 * `gateway run --image REF` on stdio, as early-start-entry.ts read its line: bin/switchyard.js runs it from this
 * entry (dist/cli/gateway-image.js) without the command line parser, once the container runs. Failures are said
 * as the CLI says them.
 */
export async function runGatewayImage(command: string[], options: RunOptions): Promise<void> {
  reportUncaughtErrors();
  try {
    await runGatewayCommand(command, options);
  } catch (error) {
    reportAndExit(error);
  }
}
