import type { Command } from 'commander';
import type { ServerRuntime } from '../runtime/docker-runtime.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import { serverFromOptions, type RunOptions } from './gateway-run-options.js';
export function registerGatewayCommands(program: Command): void {
  const gateway = program.command('gateway').description('Run and control the MCP gateway');
  gateway
    .command('run')
    .description('Run the gateway: every enabled server (or the one given by --image) behind one MCP endpoint')
    .option('--transport <kind>', 'stdio (one client on stdin/stdout) or http (Streamable HTTP on 127.0.0.1, all clients)', 'stdio')
    .option('--port <port>', 'HTTP port (default: the gateway.port setting, 8819)')
    .option('--image <ref>', 'front only this Docker image instead of the enabled servers')
    .option('--name <name>', 'server name for --image (default: derived from the image)')
    .option('--env <KEY=VALUE>', 'environment variable for the --image container (repeatable)', collect, [])
    .option('--network', 'give the --image container network access (default: none)')
    .option('--writable', 'do not mount the --image container root file system read-only')
    .option('--idle-timeout <seconds>', 'stop a server after this many seconds without calls (0: never; default: setting, 600)')
    .option('--always-prefix', 'expose every tool as <server>__<tool>, not only on a clash')
    .option('--no-history', 'do not record calls in the history database')
    .option('--no-auth', 'HTTP without the bearer token (Host/Origin checks stay): only for protocol test suites, never for real clients')
    .option('--session-idle-timeout <seconds>', 'end an HTTP session after this many seconds unused, no stream open (0: never; default 1800)')
    .option('--max-sessions <count>', 'most HTTP sessions open at once; past it, new ones get 503 (default 1000)')
    .option('--ui', 'also serve the status UI on http://127.0.0.1 and print its URL')
    .option('--ui-port <port>', 'port for the UI (default: any free port)')
    .option('--log-level <level>', 'debug, info, warn, error or silent', process.env.SWITCHYARD_LOG_LEVEL ?? 'info')
    .option('--profile <name>', 'stdio: serve the client the servers of this profile (HTTP clients choose theirs by path: /mcp/profiles/NAME)')
    .argument('[command...]', 'command for the --image container, after --')
    .addHelpText(
      'after',
      '\nExamples:\n  switchyard gateway run --image mcp/everything -- stdio\n  switchyard gateway run --transport http --port 8819\n\nLogs go to stderr; on stdio, stdout carries the MCP protocol.',
    )
    .action((command: string[], options: RunOptions) => runGatewayCommand(command, options));

  gateway
    .command('token')
    .description('Print the bearer token HTTP clients must send (generated on first use)')
    .action(async () => {
      const [{ ensureGatewayToken }, { services }] = await Promise.all([import('../settings/gateway-token.js'), import('./engine-context.js')]);
      process.stdout.write(`${ensureGatewayToken(services().settings)}\n`);
    });
}

/**
 * `gateway run`. The gateway's modules load after the command line is read; with `--image` on stdio the one
 * server's container is started first (the Docker runtime alone loads for it), as `docker run -i` starts its
 * container at once: the client launched us to call that server. The runtime then serves the gateway, whose
 * first start of the server takes that container.
 */
export async function runGatewayCommand(command: string[], options: RunOptions): Promise<void> {
  const server = options.image !== undefined && options.transport === 'stdio' ? serverFromOptions(options.image, command, options) : undefined;
  // Its modules first, on their own: loaded beside the gateway's, its start would wait for most of them.
  const runtime = server ? await startContainerAhead(server) : undefined;
  const { runGateway } = await import('./gateway-run.js');
  await runGateway(command, options, runtime);
}

/**
 * How long `gateway run --image` waits for its container to start before loading the gateway anyway (an image
 * being pulled, a slow engine): its client waits for the answer to initialize meanwhile.
 */
const containerStartWaitMs = 1500;

/**
 * Starts the container, and loads the gateway once it runs. The container's start goes first, before even the
 * Docker runtime loads (early-launch.ts: plain HTTP on the engine's socket, begun by bin/switchyard.js before the
 * CLI loads), so that its create reaches the engine about when `docker run -i` would send it. The engine's
 * create-to-start is its busiest stretch (dockerd, containerd and runc at once): loading code beside it, on a
 * 2-core machine, made it ~40% slower. The CLI and the gateway load instead while the server in the container
 * boots. Where the early start does not apply (an image to pull, no stdio socket), the runtime's own start runs,
 * ahead of the gateway all the same.
 */
async function startContainerAhead(server: ServerDefinition): Promise<ServerRuntime> {
  const [{ takeEarlyLaunch }, { resolveHome }] = await Promise.all([import('../runtime/early-launch.js'), import('../core/paths.js')]);
  const home = resolveHome();
  const early = takeEarlyLaunch(server, home);
  let waited: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => (waited = setTimeout(() => resolve('timed out'), containerStartWaitMs)));
  const started = await Promise.race([early, timedOut]);
  const { DockerRuntime } = await import('../runtime/docker-runtime.js');
  const runtime = new DockerRuntime({ home });
  const settled = runtime.startAhead(server, early);
  // No early start (an image to pull, no stdio socket): the runtime's own start, waited for as long.
  if (started === undefined) await Promise.race([settled, timedOut]);
  clearTimeout(waited);
  return runtime;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
