import path from 'node:path';
import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import { createSwitchyard } from '../app/create-switchyard.js';
import { createLogger, parseLogLevel } from '../app/logger.js';
import { resolveHome } from '../app/paths.js';
import { projectRoot } from '../app/version.js';
import { startWebServer } from '../control/web-server.js';
import { NdjsonTransport } from '../gateway/ndjson-transport.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import { parseEnvAssignments, serverNameFromImage } from './option-parsers.js';

interface RunOptions {
  image?: string;
  name?: string;
  env: string[];
  network?: boolean;
  writable?: boolean;
  ui?: boolean;
  uiPort?: string;
  logLevel?: string;
}

export function registerGatewayCommands(program: Command): void {
  const gateway = program.command('gateway').description('Run and control the MCP gateway');
  gateway
    .command('run')
    .description('Serve MCP on stdio, fronting the given server image (started on the first call that needs it)')
    .option('--image <ref>', 'Docker image of the MCP server to front')
    .option('--name <name>', 'server name (default: derived from the image)')
    .option('--env <KEY=VALUE>', 'environment variable for the server container (repeatable)', collect, [])
    .option('--network', 'give the server container network access (default: none)')
    .option('--writable', 'do not mount the container root file system read-only')
    .option('--ui', 'also serve the status UI on http://127.0.0.1 and print its URL')
    .option('--ui-port <port>', 'port for the UI (default: any free port)')
    .option('--log-level <level>', 'debug, info, warn, error or silent', process.env.SWITCHYARD_LOG_LEVEL ?? 'info')
    .argument('[command...]', 'command for the server container, after --')
    .addHelpText('after', '\nExample:\n  switchyard gateway run --image mcp/everything -- stdio\n\nLogs go to stderr; stdout carries the MCP protocol.')
    .action((command: string[], options: RunOptions) => runGateway(command, options));
}

async function runGateway(command: string[], options: RunOptions): Promise<void> {
  const logger = createLogger(parseLogLevel(options.logLevel));
  const servers = options.image ? [serverFromOptions(options.image, command, options)] : [];
  const app = createSwitchyard({ home: resolveHome(), servers, logger });
  await app.gateway.start();

  const web = options.ui
    ? await startWebServer({ control: app.control, staticDir: path.join(projectRoot(), 'dist', 'renderer'), port: parsePort(options.uiPort), logger })
    : undefined;
  if (web) process.stderr.write(`Switchyard UI: ${web.url}\n`);

  let shuttingDown = false;
  const shutdown = async (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.debug(`shutting down (${reason})`);
    await web?.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const session = await app.gateway.connect(new NdjsonTransport(process.stdin, process.stdout));
  logger.info(`gateway ready on stdio${servers[0] ? ` fronting "${servers[0].name}" (${servers[0].image})` : ''}`);
  // The client closing stdin ends the session; then nothing is left to serve (unless the UI keeps us up).
  app.gateway.on('status', () => {
    if (!web && app.gateway.status().sessions === 0) void shutdown(`client ${session.clientInfo.name ?? ''} disconnected`);
  });
}

function serverFromOptions(image: string, command: string[], options: RunOptions): ServerDefinition {
  return {
    name: options.name ?? serverNameFromImage(image),
    image,
    ...(command.length > 0 ? { command } : {}),
    env: parseEnvAssignments(options.env),
    ...(options.network ? { network: true } : {}),
    ...(options.writable ? { readOnlyRootfs: false } : {}),
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SwitchyardError('INVALID_INPUT', `--ui-port "${value}" is not a port number (0-65535).`);
  return port;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
