import type { Command } from 'commander';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createLogger, parseLogLevel } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { mcpPath } from '../gateway/http/http-endpoint.js';
import { NdjsonTransport } from '../gateway/ndjson-transport.js';
import { SettingsStore } from '../settings/settings-store.js';
import { gatewayAnswers } from './gateway-client.js';
import { runGateway } from './gateway-command.js';

/**
 * `switchyard connect`: the stdio bridge for clients that only launch commands (Claude Desktop and others).
 * With a gateway running, it relays stdin/stdout to its HTTP endpoint, so every client shares one gateway
 * and one set of containers. With none running, it runs the gateway in-process, so the client still works.
 */
export function registerConnectCommand(program: Command): void {
  program
    .command('connect')
    .description('Bridge a stdio MCP client to the running gateway (or run one in-process when none is running)')
    .option('--log-level <level>', 'debug, info, warn, error or silent', process.env.SWITCHYARD_LOG_LEVEL ?? 'warn')
    .action(async (options: { logLevel: string }) => {
      const logger = createLogger(parseLogLevel(options.logLevel));
      const { settings } = new SettingsStore(resolveHome()).load();
      const base = `http://127.0.0.1:${settings.gateway.port}`;
      if (settings.gateway.token && (await gatewayAnswers(base))) {
        logger.info(`bridging stdio to the running gateway at ${base}${mcpPath}`);
        await bridge(new URL(mcpPath, base), settings.gateway.token);
        return;
      }
      logger.info('no gateway running: serving in-process with the same settings');
      await runGateway([], { env: [], transport: 'stdio', auth: true, history: true, logLevel: options.logLevel });
    });
}

/** Relays messages verbatim both ways; only the protocol version is read, for the HTTP header it needs. */
async function bridge(url: URL, token: string): Promise<void> {
  const stdio = new NdjsonTransport(process.stdin, process.stdout);
  const http = new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
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
