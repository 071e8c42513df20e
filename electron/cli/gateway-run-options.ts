import type { ServerDefinition } from '../runtime/server-definition.js';
import { parseEnvAssignments, serverNameFromImage } from './option-parsers.js';

/** The options of `switchyard gateway run`, as commander parses them. */
export interface RunOptions {
  image?: string;
  name?: string;
  env: string[];
  network?: boolean;
  writable?: boolean;
  transport: string;
  port?: string;
  idleTimeout?: string;
  alwaysPrefix?: boolean;
  auth: boolean;
  history: boolean;
  ui?: boolean;
  uiPort?: string;
  sessionIdleTimeout?: string;
  maxSessions?: string;
  logLevel?: string;
  /** stdio: the profile whose servers the one client sees (default: every enabled server). */
  profile?: string;
}

/** The one server of `gateway run --image`. */
export function serverFromOptions(image: string, command: string[], options: RunOptions): ServerDefinition {
  return {
    name: options.name ?? serverNameFromImage(image),
    image,
    ...(command.length > 0 ? { command } : {}),
    env: parseEnvAssignments(options.env),
    ...(options.network ? { network: true } : {}),
    ...(options.writable ? { readOnlyRootfs: false } : {}),
  };
}
