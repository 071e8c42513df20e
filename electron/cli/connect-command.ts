import type { Command } from 'commander';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createLogger, parseLogLevel } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { mcpPath } from '../gateway/http/http-endpoint.js';
import { NdjsonTransport } from '../gateway/ndjson-transport.js';
import { gatewayStoppedError, inProcessNotice } from './gateway-messages.js';
import { runGateway } from './gateway-command.js';
import { findRunningGateway } from './running-gateway.js';
import type { EngineServices } from '../app/engine-services.js';

/**
 * `switchyard connect`: the stdio bridge for clients that only launch commands (Claude Desktop and others).
 * With a gateway running (found on any port through its runtime file), it relays stdin/stdout to its HTTP
 * endpoint, so every client shares one gateway and one set of containers. A gateway the user stopped is still
 * bridged to (it answers every request with "stopped", and works again once started) and never replaced by
 * an in-process one; only with no gateway at all does the bridge run the gateway in-process, saying so.
 */
export function registerConnectCommand(program: Command, services: () => EngineServices): void {
  program
    .command('connect')
    .description('Bridge a stdio MCP client to the running gateway (or run one in-process when none is running)')
    .option('--log-level <level>', 'debug, info, warn, error or silent', process.env.SWITCHYARD_LOG_LEVEL ?? 'warn')
    .action(async (options: { logLevel: string }) => {
      const logger = createLogger(parseLogLevel(options.logLevel));
      const found = await findRunningGateway(resolveHome(), services().settings);
      if (found.kind === 'running') {
        logger.info(`bridging stdio to the running gateway at ${found.base}${mcpPath}${found.pid === undefined ? '' : ` (pid ${found.pid})`}`);
        await bridge(new URL(mcpPath, found.base), found.token);
        return;
      }
      if (found.kind === 'stopped') {
        process.stderr.write(`switchyard: ${gatewayStoppedError(found).describe()}\n`);
        await bridge(new URL(mcpPath, found.base), found.token);
        return;
      }
      process.stderr.write(inProcessNotice(found, 'serving this client with a gateway'));
      await runGateway([], { env: [], transport: 'stdio', auth: true, history: true, logLevel: options.logLevel });
    });
}

/** Relays messages verbatim both ways; only the protocol version is read, for the HTTP header it needs. */
async function bridge(url: URL, token: string | undefined): Promise<void> {
  const stdio = new NdjsonTransport(process.stdin, process.stdout);
  const http = new StreamableHTTPClientTransport(url, { requestInit: { headers: token ? { Authorization: `Bearer ${token}` } : {} } });
  const initializeIds = new Set<unknown>();

  stdio.onmessage = (message: JSONRPCMessage) => {
    const m = message as { id?: unknown; method?: string };
    if (m.method === 'initialize') initializeIds.add(m.id);
    http.send(message).catch((error: unknown) => {
      if (m.id !== undefined) {
        void stdio.send({ jsonrpc: '2.0', id: m.id as string | number, error: { code: -32603, message: `Switchyard gateway unreachable: ${String(error)}` } });
      }
    });
  };
  stdio.onparseerror = (line) =>
    void stdio.send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: ${line.slice(0, 200)}` } } as unknown as JSONRPCMessage);
  http.onmessage = (message: JSONRPCMessage) => {
    const m = message as { id?: unknown; result?: { protocolVersion?: string } };
    if (initializeIds.has(m.id) && m.result?.protocolVersion) {
      initializeIds.delete(m.id);
      http.setProtocolVersion(m.result.protocolVersion);
    }
    void stdio.send(message);
  };
  stdio.onclose = () => {
    void http
      .terminateSession()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  http.onclose = () => process.exit(0);
  await http.start();
  await stdio.start();
}
