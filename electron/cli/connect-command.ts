import type { Command } from 'commander';
import { createLogger, parseLogLevel } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { profilePath } from '../../shared/gateway-endpoint.js';
import { gatewayStoppedError, inProcessNotice } from './gateway-messages.js';
import { findRunningGateway } from './running-gateway.js';
import { connectBridgeSocket, pipeStdio, socketBridgeNotice } from './socket-bridge.js';
import type { EngineServices } from '../app/engine-services.js';

/**
 * `switchyard connect`: the stdio bridge for clients that only launch commands (Claude Desktop and others).
 * With a gateway running, it relays stdin/stdout to it, so every client shares one gateway and one set of
 * containers: byte for byte to the gateway's bridge socket when it has one (found through its runtime file;
 * nothing else is loaded on that path), else to its HTTP endpoint (found on any port). A gateway the user
 * stopped is still bridged to (it answers every request with "stopped", and works again once started) and
 * never replaced by an in-process one; only with no gateway at all does the bridge run the gateway
 * in-process, saying so.
 */
export function registerConnectCommand(program: Command, services: () => Promise<EngineServices>): void {
  program
    .command('connect')
    .description('Bridge a stdio MCP client to the running gateway (or run one in-process when none is running)')
    .option('--log-level <level>', 'debug, info, warn, error or silent', process.env.SWITCHYARD_LOG_LEVEL ?? 'warn')
    .option('--profile <name>', 'the profile whose servers this client sees (default: every enabled server)')
    .action(async (options: { logLevel: string; profile?: string }) => {
      const logger = createLogger(parseLogLevel(options.logLevel));
      const home = resolveHome();
      const profile = options.profile ?? 'default';
      const path = profilePath(profile);
      const direct = await connectBridgeSocket(home);
      if (direct) {
        const { record } = direct;
        if (record.state === 'stopped') {
          const base = `http://127.0.0.1:${record.port}`;
          process.stderr.write(
            `switchyard: ${gatewayStoppedError({ kind: 'stopped', base, token: undefined, pid: record.pid, owner: record.owner }).describe()}\n`,
          );
        } else logger.info(socketBridgeNotice(record));
        pipeStdio(direct.socket, profile);
        return;
      }
      const { settings } = await services();
      const found = await findRunningGateway(home, settings);
      if (found.kind === 'running' || found.kind === 'stopped') {
        if (found.kind === 'stopped') process.stderr.write(`switchyard: ${gatewayStoppedError(found).describe()}\n`);
        else logger.info(`bridging stdio to the running gateway at ${found.base}${path}${found.pid === undefined ? '' : ` (pid ${found.pid})`}`);
        const { bridgeOverHttp } = await import('./http-bridge.js');
        await bridgeOverHttp(new URL(path, found.base), { token: found.token, reread: () => settings.load().settings.gateway.token });
        return;
      }
      process.stderr.write(inProcessNotice(found, 'serving this client with a gateway'));
      const { runGateway } = await import('./gateway-run.js');
      await runGateway([], {
        env: [],
        transport: 'stdio',
        auth: true,
        history: true,
        logLevel: options.logLevel,
        ...(options.profile ? { profile: options.profile } : {}),
      });
    });
}
