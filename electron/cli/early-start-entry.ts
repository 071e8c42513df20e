import { parseArgs } from 'node:util';
import { resolveHome } from '../core/paths.js';
import { beginEarlyLaunch } from '../runtime/early-launch.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import { serverFromOptions } from './gateway-run-options.js';

/** The options of `gateway run` (gateway-command.ts), as node:util reads them. */
export const runOptions = {
  transport: { type: 'string' },
  port: { type: 'string' },
  image: { type: 'string' },
  name: { type: 'string' },
  env: { type: 'string', multiple: true },
  network: { type: 'boolean' },
  writable: { type: 'boolean' },
  'idle-timeout': { type: 'string' },
  'always-prefix': { type: 'boolean' },
  'no-history': { type: 'boolean' },
  'no-auth': { type: 'boolean' },
  'session-idle-timeout': { type: 'string' },
  'max-sessions': { type: 'string' },
  ui: { type: 'boolean' },
  'ui-port': { type: 'string' },
  'log-level': { type: 'string' },
  profile: { type: 'string' },
} as const;

/**
 * The server of a `gateway run --image REF` line on stdio, read without commander; undefined for any other
 * line, or one this cannot read (an option it does not know, a malformed --env): the command reads those.
 */
export function earlyServer(args: readonly string[]): ServerDefinition | undefined {
  if (args[0] !== 'gateway' || args[1] !== 'run') return undefined;
  try {
    const { values, positionals } = parseArgs({ args: args.slice(2), options: runOptions, allowPositionals: true, strict: true });
    if (values.image === undefined || (values.transport ?? 'stdio') !== 'stdio') return undefined;
    return serverFromOptions(values.image, positionals, {
      env: values.env ?? [],
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.network ? { network: true } : {}),
      ...(values.writable ? { writable: true } : {}),
      transport: 'stdio',
      auth: true,
      history: true,
    });
  } catch {
    return undefined;
  }
}

/**
 * `gateway run --image REF` on stdio, as an AI app launches it: bin/switchyard.js calls this (dist/cli/early-start.js)
 * before it loads the CLI, so that the container's create reaches the engine sooner (early-launch.ts). It only
 * begins the launch; the command, once it has parsed its line with commander, takes it when it starts the same
 * container. A line this reads otherwise than commander would begins a launch the command undoes: never a
 * different behaviour, only a slower start. Resolves once the container runs (or the early start gave up): the
 * CLI then loads while the server in the container boots, not beside the engine's start.
 */
export async function startEarly(args: readonly string[]): Promise<void> {
  const server = earlyServer(args);
  if (!server) return;
  // A slow engine (an image being unpacked, a loaded machine) holds the CLI back no longer than the command waits.
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([beginEarlyLaunch(server, resolveHome()), new Promise((resolve) => (waited = setTimeout(resolve, earlyStartWaitMs)))]);
  clearTimeout(waited);
}

/** How long bin/switchyard.js waits for the early start before it loads the CLI anyway (as gateway-command.ts waits). */
const earlyStartWaitMs = 1500;
