import path from 'node:path';
import { browserOpener } from './browser-opener.js';
import { SwitchyardError } from '../../shared/errors.js';
import type { Switchyard } from '../app/create-switchyard.js';
import { createLogger, parseLogLevel, type Logger } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { projectRoot } from '../core/version.js';
import type { WebServer } from '../control/web-server.js';
import { publishGatewayRuntime } from '../core/gateway-runtime-file.js';
import { homeFingerprint } from '../core/home-fingerprint.js';
import type { SessionLimits } from '../gateway/http/session-registry.js';
import { NdjsonTransport } from '../gateway/ndjson-transport.js';
import type { ServerRuntime } from '../runtime/docker-runtime.js';
import { ensureGatewayToken } from '../settings/gateway-token.js';
import { followGatewayToken, openSettingsEngine, startBridgeSocket } from '../app/settings-engine.js';
import { parseNumberOption } from './option-parsers.js';
import { serverFromOptions, type RunOptions } from './gateway-run-options.js';
import { engineChangeLine, portHeldByGatewayError } from './gateway-messages.js';
import { gatewayOnPort } from './running-gateway.js';

/**
 * Runs the gateway in this process until its client leaves (stdio) or it is stopped (HTTP). `runtime`: the
 * Docker runtime that already started the --image server's container (gateway-command.ts).
 */
export async function runGateway(command: string[], options: RunOptions, runtime?: ServerRuntime): Promise<void> {
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
    ...(runtime ? { runtime } : {}),
  });
  const { app, store, settings } = engine;
  // On stdio the client launched us and reads only stdout: an unreachable engine is answered per call, not by an exit.
  await app.gateway.start({ serveWithoutEngine: options.transport === 'stdio' });

  const web = options.ui ? await startUi(app, options, logger) : undefined;
  const port = options.port === undefined ? settings.gateway.port : parseNumberOption('--port', options.port, 0, 65535);
  const http =
    options.transport === 'http'
      ? await (
          await import('../gateway/http/http-endpoint.js')
        )
          .startHttpEndpoint({
            gateway: app.gateway,
            port,
            token: options.auth ? ensureGatewayToken(store) : undefined,
            logger,
            sessionLimits,
            homeFingerprint: homeFingerprint(home),
          })
          .catch((error: unknown) => {
            const holder = gatewayOnPort(home, port);
            throw holder ? portHeldByGatewayError(port, holder) : error;
          })
      : undefined;
  const stopFollowingToken = http && options.auth ? followGatewayToken(app, http) : () => undefined;
  // The `connect` bridge relays to this socket: a byte pipe, no HTTP stack on its start path.
  const socket = http ? await startBridgeSocket(app.gateway, home, logger) : undefined;
  // Other commands (tools call, logs, connect) find this gateway, on whatever port, through its runtime file.
  const published = publishGatewayRuntime(home, app.gateway, {
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
    published.remove();
    stopFollowingToken();
    await Promise.all([web?.close(), http?.close(), socket?.close()]);
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // The engine stopping to answer (or answering again) is said once in the log, when it happens.
  let engineReachable = app.gateway.status().engine?.reachable ?? true;
  app.gateway.on('status', ({ engine: status }) => {
    if (!status || status.reachable === engineReachable) return;
    engineReachable = status.reachable;
    const line = engineChangeLine(status);
    logger[line.level](line.text);
  });

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
  const [{ startWebServer }, { createControlService }] = await Promise.all([import('../control/web-server.js'), import('../control/create-control.js')]);
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
