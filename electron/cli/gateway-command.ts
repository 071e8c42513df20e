import path from 'node:path';
import type { Command } from 'commander';
import { browserOpener } from './browser-opener.js';
import { SwitchyardError } from '../../shared/errors.js';
import type { Switchyard } from '../app/create-switchyard.js';
import { createLogger, parseLogLevel, type Logger } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { projectRoot } from '../core/version.js';
import { startWebServer, type WebServer } from '../control/web-server.js';
import { createControlService } from '../control/create-control.js';
import { publishGatewayRuntime } from '../core/gateway-runtime-file.js';
import { homeFingerprint } from '../core/home-fingerprint.js';
import { startHttpEndpoint } from '../gateway/http/http-endpoint.js';
import type { SessionLimits } from '../gateway/http/session-registry.js';
import { NdjsonTransport } from '../gateway/ndjson-transport.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import { ensureGatewayToken } from '../settings/gateway-token.js';
import type { EngineServices } from '../app/engine-services.js';
import { followGatewayToken, openSettingsEngine, startBridgeSocket } from '../app/settings-engine.js';
import { parseEnvAssignments, parseNumberOption, serverNameFromImage } from './option-parsers.js';
import { portHeldByGatewayError } from './gateway-messages.js';
import { gatewayOnPort } from './running-gateway.js';

interface RunOptions {
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

export function registerGatewayCommands(program: Command, services: () => EngineServices): void {
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
    .action((command: string[], options: RunOptions) => runGateway(command, options));

  gateway
    .command('token')
    .description('Print the bearer token HTTP clients must send (generated on first use)')
    .action(() => {
      process.stdout.write(`${ensureGatewayToken(services().settings)}\n`);
    });
}

export async function runGateway(command: string[], options: RunOptions): Promise<void> {
  if (options.transport !== 'stdio' && options.transport !== 'http') {
    throw new SwitchyardError('INVALID_INPUT', `--transport "${options.transport}" is not supported.`, 'Use --transport stdio or --transport http.');
  }
  const logger = createLogger(parseLogLevel(options.logLevel));
  const home = resolveHome();
  const adHoc = options.image ? serverFromOptions(options.image, command, options) : undefined;
  const sessionLimits = sessionLimitsFrom(options);
  // Only with SWITCHYARD_BROWSER does a call start a sign-in by itself (never a browser popping up unasked).
  const openBrowser = browserOpener({ allowSystemBrowser: false });
  const engine = await openSettingsEngine({
    home,
    logger,
    ...(openBrowser ? { openBrowser } : {}),
    ...(adHoc ? { servers: [adHoc] } : {}),
    ...(options.idleTimeout !== undefined ? { idleTimeoutMs: parseNumberOption('--idle-timeout', options.idleTimeout, 0) * 1000 } : {}),
    ...(options.alwaysPrefix ? { alwaysPrefix: true } : {}),
    ...(options.history === false ? { history: false } : {}),
  });
  const { app, store, settings } = engine;
  // On stdio the client launched us and reads only stdout: an unreachable engine is answered per call, not by an exit.
  await app.gateway.start({ serveWithoutEngine: options.transport === 'stdio' });

  const web = options.ui ? await startUi(app, options, logger) : undefined;
  const port = options.port === undefined ? settings.gateway.port : parseNumberOption('--port', options.port, 0, 65535);
  const http =
    options.transport === 'http'
      ? await startHttpEndpoint({
          gateway: app.gateway,
          port,
          token: options.auth ? ensureGatewayToken(store) : undefined,
          logger,
          sessionLimits,
          homeFingerprint: homeFingerprint(home),
        }).catch((error: unknown) => {
          const holder = gatewayOnPort(home, port);
          throw holder ? portHeldByGatewayError(port, holder) : error;
        })
      : undefined;
  const stopFollowingToken = http && options.auth ? followGatewayToken(app, http) : () => undefined;
  // The `connect` bridge relays to this socket: a byte pipe, no HTTP stack on its start path.
  const socket = http ? await startBridgeSocket(app.gateway, home, logger) : undefined;
  // Other commands (tools call, logs, connect) find this gateway, on whatever port, through its runtime file.
  const runtime = publishGatewayRuntime(home, app.gateway, {
    transport: http ? 'http' : 'stdio',
    ...(http ? { port: http.port } : {}),
    ...(socket ? { socket: socket.path } : {}),
    owner: 'cli',
  });

  let shuttingDown = false;
  const shutdown = async (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.debug(`shutting down (${reason})`);
    runtime.remove();
    stopFollowingToken();
    await Promise.all([web?.close(), http?.close(), socket?.close()]);
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const names = app.gateway.status().servers.map((server) => server.name);
  const serving = names.length > 0 ? `servers: ${names.join(', ')}` : 'no servers enabled (switchyard server add ...)';
  if (http) {
    if (!options.auth) logger.warn('--no-auth: any local process can use this gateway without a token');
    process.stderr.write(`Switchyard gateway: ${http.url}\n`);
    logger.info(`gateway ready on ${http.url}; ${serving}`);
    return;
  }
  const profile = options.profile ?? 'default';
  if (!app.gateway.hasProfile(profile)) {
    await engine.close();
    throw new SwitchyardError('INVALID_INPUT', `There is no profile "${profile}".`, 'See the profiles with `switchyard profile ls`.', { profile });
  }
  await app.gateway.connect(new NdjsonTransport(process.stdin, process.stdout), profile);
  logger.info(`gateway ready on stdio; ${serving}`);
  // The client closing stdin ends the session; then nothing is left to serve (unless the UI keeps us up).
  app.gateway.on('status', (status) => {
    if (!web && status.sessions === 0) void shutdown('client disconnected');
  });
}

async function startUi(app: Switchyard, options: RunOptions, logger: Logger): Promise<WebServer> {
  const port = options.uiPort === undefined ? 0 : parseNumberOption('--ui-port', options.uiPort, 0, 65535);
  const control = createControlService(app);
  const web = await startWebServer({ control, staticDir: path.join(projectRoot(), 'dist', 'renderer'), port, logger });
  process.stderr.write(`Switchyard UI: ${web.url}\n`);
  // Closing the control first sends the events it still holds (the last batch of recorded calls) to the open windows.
  return {
    ...web,
    close: async () => {
      control.close();
      await web.close();
    },
  };
}

function sessionLimitsFrom(options: RunOptions): Partial<SessionLimits> {
  return {
    ...(options.sessionIdleTimeout !== undefined ? { idleTimeoutMs: parseNumberOption('--session-idle-timeout', options.sessionIdleTimeout, 0) * 1000 } : {}),
    ...(options.maxSessions !== undefined ? { maxSessions: parseNumberOption('--max-sessions', options.maxSessions, 1) } : {}),
  };
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

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
