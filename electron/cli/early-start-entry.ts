import { parseArgs } from 'node:util';
import { resolveHome } from '../core/paths.js';
import { beginEarlyLaunch } from '../runtime/early-launch.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import { serverFromOptions, type RunOptions } from './gateway-run-options.js';

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

/** A `gateway run --image REF` line on stdio: its options and command exactly as commander gives them to the command. */
export interface EarlyRunLine {
  command: string[];
  options: RunOptions & { image: string };
}

/**
 * A `gateway run --image REF` line on stdio, read without commander (gateway-command.ts declares the same
 * options; a test holds the two readings equal); undefined for any other line, or one this cannot read (an
 * option it does not know, --help, a value that looks like an option): commander reads those, and says what is wrong.
 */
export function earlyRunLine(args: readonly string[]): EarlyRunLine | undefined {
  if (args[0] !== 'gateway' || args[1] !== 'run') return undefined;
  let parsed;
  try {
    parsed = parseArgs({ args: args.slice(2), options: runOptions, allowPositionals: true, strict: true });
  } catch {
    return undefined;
  }
  const { values, positionals } = parsed;
  if (values.image === undefined || (values.transport ?? 'stdio') !== 'stdio') return undefined;
  const strings = { port: values.port, name: values.name, idleTimeout: values['idle-timeout'], sessionIdleTimeout: values['session-idle-timeout'] };
  const more = { maxSessions: values['max-sessions'], uiPort: values['ui-port'], profile: values.profile };
  const flags = { network: values.network, writable: values.writable, alwaysPrefix: values['always-prefix'], ui: values.ui };
  const given = <T extends object>(entries: T) => Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Partial<T>;
  return {
    command: positionals,
    options: {
      transport: 'stdio',
      image: values.image,
      env: values.env ?? [],
      logLevel: values['log-level'] ?? process.env.SWITCHYARD_LOG_LEVEL ?? 'info',
      history: !values['no-history'],
      auth: !values['no-auth'],
      ...given(strings),
      ...given(more),
      ...given(flags),
    },
  };
}

/** The server a `gateway run --image` line starts (see earlyRunLine); undefined when the line is not one, or a malformed --env. */
export function earlyServer(args: readonly string[]): ServerDefinition | undefined {
  const line = earlyRunLine(args);
  if (!line) return undefined;
  try {
    return serverFromOptions(line.options.image, line.command, line.options);
  } catch {
    return undefined; // the command says what is wrong with the --env
  }
}

/**
 * `gateway run --image REF` on stdio, as an AI app launches it: bin/switchyard.js calls this (dist/cli/early-start.js)
 * before anything else loads. It begins the container's start at once (early-launch.ts: its create reaches the
 * engine about when `docker run -i` would send it), waits until the container runs (so that no code loads beside the
 * engine's start, its busiest stretch), and hands back the line, which bin/switchyard.js then runs without the
 * command line parser (dist/cli/gateway-image.js). Undefined for any other line: the CLI runs it.
 */
export async function startEarly(args: readonly string[]): Promise<EarlyRunLine | undefined> {
  const line = earlyRunLine(args);
  const server = line && earlyServer(args);
  if (!line || !server) return undefined;
  // A slow engine (an image being unpacked, a loaded machine) holds the gateway back no longer than the command waits.
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([beginEarlyLaunch(server, resolveHome()), new Promise((resolve) => (waited = setTimeout(resolve, earlyStartWaitMs)))]);
  clearTimeout(waited);
  return line;
}

/** How long bin/switchyard.js waits for the early start before it loads the gateway anyway (as gateway-command.ts waits). */
const earlyStartWaitMs = 1500;
