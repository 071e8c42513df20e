import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Logger } from '../core/logger.js';
import { packageVersion } from '../core/version.js';
import { openSettingsEngine } from '../app/settings-engine.js';
import { mcpPath } from '../gateway/http/http-endpoint.js';
import { gatewayStoppedError, inProcessNotice } from './gateway-messages.js';
import { findRunningGateway } from './running-gateway.js';
import type { SettingsStore } from '../settings/settings-store.js';

export interface GatewayClientIo {
  /** Where the in-process notice goes (the process's stderr). */
  stderr: { write(text: string): unknown };
}

/**
 * An MCP client of the user's gateway, for one CLI command: the running gateway, found on any port through its
 * runtime file (so its containers are reused), and its session ended with DELETE when the command is done.
 * A gateway the user stopped is refused with how to start it; only when no gateway runs at all does the engine
 * run in-process for the command's duration, announced with one line on stderr.
 */
export async function withGatewayClient<T>(
  home: string,
  settings: Pick<SettingsStore, 'load'>,
  logger: Logger,
  use: (client: Client, where: string) => Promise<T>,
  io: GatewayClientIo = { stderr: process.stderr },
): Promise<T> {
  const found = await findRunningGateway(home, settings);
  if (found.kind === 'stopped') throw gatewayStoppedError(found);
  const client = new Client({ name: 'switchyard-cli', version: packageVersion() });
  if (found.kind === 'running') {
    const headers: Record<string, string> = found.token ? { Authorization: `Bearer ${found.token}` } : {};
    const transport = new StreamableHTTPClientTransport(new URL(mcpPath, found.base), { requestInit: { headers } });
    await client.connect(transport);
    try {
      return await use(client, `the gateway at ${found.base}`);
    } finally {
      // Ending the session frees it in the gateway at once; closing alone would leave it until it expires.
      await transport.terminateSession().catch((error: unknown) => logger.debug(`could not end the HTTP session: ${String(error)}`));
      await client.close().catch(() => undefined);
    }
  }
  io.stderr.write(inProcessNotice(found, 'running the gateway'));
  const engine = await openSettingsEngine({ home, logger });
  try {
    await engine.app.gateway.start();
    const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
    await engine.app.gateway.connect(gatewaySide);
    await client.connect(clientSide);
    return await use(client, 'an in-process gateway (none is running)');
  } finally {
    await client.close().catch(() => undefined);
    await engine.close();
  }
}
