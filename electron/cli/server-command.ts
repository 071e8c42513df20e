import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import type { EngineServices } from '../app/engine-services.js';
import { parseHeaderPairs } from '../servers/custom-server-source.js';
import { parseEnvAssignments } from './option-parsers.js';
import { describeProblems, describeReadiness, describeWarnings } from './readiness-text.js';
import { registerSignInCommands } from './sign-in-command.js';
import { addServerCommand, registerServerListCommand } from './server-list-command.js';

interface AddOptions {
  image?: string;
  npm?: string;
  remote?: string;
  transport?: string;
  header: string[];
  env: string[];
  secret: string[];
  network?: boolean;
  writable?: boolean;
  perSession?: boolean;
  disabled?: boolean;
}

/** `switchyard server ...`: the servers the gateway fronts, kept in the settings file (a running gateway follows changes). */
export function registerServerCommands(program: Command, services: () => EngineServices): void {
  const server = addServerCommand(program);
  registerServerListCommand(server, () => services().settings);

  server
    .command('add <name>')
    .description('Add a custom server from a Docker image, an npm package or a remote URL (enabled unless --disabled)')
    .option('--image <ref>', 'Docker image of the MCP server')
    .option('--npm <package>', 'npm package of the MCP server, name[@version]: its image is built on first use (base: gateway.npmBaseImage)')
    .option('--remote <url>', 'a remote MCP server at this URL instead of a container (https, or http to this machine)')
    .option('--transport <kind>', 'with --remote: streamable-http (default) or sse')
    .option(
      '--header <Name=Value>',
      "with --remote: HTTP header sent on every request (repeatable); reference secrets as ${ENV}, e.g. 'Authorization=Bearer ${TOKEN}' --secret <server>.token:TOKEN",
      collect,
      [],
    )
    .option('--env <KEY=VALUE>', 'environment variable (repeatable)', collect, [])
    .option('--secret <KEY:ENV>', 'pass secret KEY (<server>.<name>, set with `switchyard secret set`) as variable ENV (repeatable)', collect, [])
    .option('--network', 'give the container network access')
    .option('--writable', 'do not mount the root file system read-only')
    .option('--per-session', 'one container per client session (for servers that keep per-client state)')
    .option('--disabled', 'add without enabling')
    .argument('[command...]', 'command for the container, after --')
    .action(async (name: string, command: string[], options: AddOptions) => {
      if (options.remote === undefined && (options.transport !== undefined || options.header.length > 0)) {
        throw new SwitchyardError('INVALID_INPUT', '--transport and --header go with --remote URL.');
      }
      const readiness = await services().servers.add(name, {
        ...(options.image !== undefined ? { image: options.image } : {}),
        ...(options.npm !== undefined ? { npm: options.npm } : {}),
        ...(options.remote !== undefined
          ? { remote: { url: options.remote, headers: parseHeaderPairs(options.header), ...(options.transport ? { transport: options.transport } : {}) } }
          : {}),
        command,
        env: parseEnvAssignments(options.env),
        secretEnv: parseSecretRefs(options.secret),
        ...(options.network ? { network: true } : {}),
        ...(options.writable ? { writable: true } : {}),
        ...(options.perSession ? { perSession: true } : {}),
        enabled: !options.disabled,
      });
      process.stderr.write(`Server "${name}" added${options.disabled ? '' : ' and enabled'}.\n`);
      for (const warning of describeWarnings(name, readiness.warnings)) process.stderr.write(`switchyard: warning: ${warning}\n`);
      if (!readiness.ready) process.stderr.write(`${describeProblems(name, readiness.problems)}\n`);
    });

  server
    .command('rm <name>')
    .description('Remove a server')
    .action((name: string) => {
      const removed = services().servers.remove(name);
      process.stderr.write(`Server "${removed}" removed.\n`);
    });

  server
    .command('enable <name>')
    .description('Enable a configured server, or a catalog entry by name (it starts on the first call that needs it)')
    .action(async (name: string) => {
      const readiness = await services().servers.enable(name);
      // A catalog entry's server may be named otherwise than typed (`SQLite` -> `sqlite`): say which.
      process.stderr.write(`Server "${readiness.name}" enabled${readiness.name !== name ? ` (catalog entry ${name})` : ''}.\n`);
      if (!readiness.ready) process.stderr.write(`${describeProblems(readiness.name, readiness.problems)}\n`);
    });

  server
    .command('disable <name>')
    .description('Disable a server (its container stops; its settings stay)')
    .action((name: string) => {
      const disabled = services().servers.disable(name);
      process.stderr.write(`Server "${disabled}" disabled.\n`);
    });

  server
    .command('start <name>')
    .description('Start a server now, after a fix: clears the back-off of a failed start (with no gateway running, starts it once to check)')
    .action(async (name: string) => {
      const readiness = await services().servers.inspect(name);
      const home = services().home;
      services().startFailures.clear(readiness.name);
      // Loaded here: `server ls` and the other server commands never load the gateway.
      const [{ findRunningGateway }, { refreshTools }, { createLogger }] = await Promise.all([
        import('./running-gateway.js'),
        import('./tools-refresh.js'),
        import('../core/logger.js'),
      ]);
      const found = await findRunningGateway(home, services().settings);
      if (found.kind !== 'none') {
        process.stderr.write(`Server "${readiness.name}": back-off cleared; the gateway at ${found.base} starts it on the next call.\n`);
        return;
      }
      // No gateway: start it once in-process (the same as `tools ls --refresh NAME`), so the user sees whether the fix worked.
      const failed = await refreshTools(home, createLogger('warn'), readiness.name);
      if (failed.length > 0) process.exitCode = 1;
    });

  server
    .command('inspect <name>')
    .description('Everything about a server: where it comes from, its tools, its config, which secrets are set, what it still needs')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options: { json?: boolean }) => {
      const report = await services().servers.inspect(name);
      process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : describeReadiness(report));
    });

  registerSignInCommands(server, services);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--secret github.token:GITHUB_TOKEN` pairs. */
function parseSecretRefs(refs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const ref of refs) {
    const colon = ref.lastIndexOf(':');
    const key = ref.slice(0, colon);
    const name = ref.slice(colon + 1);
    if (colon <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !key.includes('.')) {
      throw new SwitchyardError(
        'INVALID_INPUT',
        `--secret "${ref}" is not KEY:ENV.`,
        'Example: --secret github.token:GITHUB_TOKEN (then: switchyard secret set github.token)',
      );
    }
    env[name] = key;
  }
  return env;
}
