import path from 'node:path';
import { projectRoot } from '../core/version.js';

/** The command a stdio-only client launches to reach Switchyard: the `switchyard connect` bridge. */
export interface BridgeCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export type BridgeCommandResolver = () => BridgeCommand;

let resolver: BridgeCommandResolver = defaultSwitchyardCommand;

/**
 * The bridge command written into client configs. Absolute paths only: a GUI app launches it with a minimal
 * PATH (no nvm, no Homebrew), so nothing may be looked up on PATH. The packaged desktop app swaps in its own
 * resolver (its executable with ELECTRON_RUN_AS_NODE, or a shipped CLI) through setSwitchyardCommandResolver.
 */
export function switchyardCommand(): BridgeCommand {
  return resolver();
}

export function setSwitchyardCommandResolver(next: BridgeCommandResolver | undefined): void {
  resolver = next ?? defaultSwitchyardCommand;
}

/**
 * This Node binary running this checkout's bin/switchyard.js. SWITCHYARD_HOME goes along when it is set, so the
 * bridge reads the same settings as the Switchyard that wrote the entry (a client does not pass our environment).
 */
export function defaultSwitchyardCommand(env: NodeJS.ProcessEnv = process.env, execPath: string = process.execPath): BridgeCommand {
  const script = path.join(projectRoot(), 'bin', 'switchyard.js');
  return {
    command: path.resolve(execPath),
    args: [path.resolve(script), 'connect'],
    env: env.SWITCHYARD_HOME ? { SWITCHYARD_HOME: path.resolve(env.SWITCHYARD_HOME) } : {},
  };
}
