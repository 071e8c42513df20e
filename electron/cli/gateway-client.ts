import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Logger } from '../core/logger.js';
import { packageVersion } from '../core/version.js';
import { openSettingsEngine } from '../app/settings-engine.js';
import { mcpPath } from '../gateway/http/http-endpoint.js';
import { SettingsStore } from '../settings/settings-store.js';

/**
 * An MCP client of the user's gateway, for one CLI command: the running gateway when one answers on the
 * settings' port (so its containers are reused), else the same engine in-process for the command's duration.
 */
export async function withGatewayClient<T>(home: string, logger: Logger, use: (client: Client, where: string) => Promise<T>): Promise<T> {
  const { settings } = new SettingsStore(home).load();
  const base = `http://127.0.0.1:${settings.gateway.port}`;
  const client = new Client({ name: 'switchyard-cli', version: packageVersion() });
  if (settings.gateway.token && (await gatewayAnswers(base))) {
    await client.connect(
      new StreamableHTTPClientTransport(new URL(mcpPath, base), { requestInit: { headers: { Authorization: `Bearer ${settings.gateway.token}` } } }),
    );
    try {
      return await use(client, `the gateway at ${base}`);
    } finally {
      await client.close().catch(() => undefined);
    }
  }
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

export async function gatewayAnswers(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { service?: string; status?: string };
    return body.service === 'switchyard' && body.status === 'ok';
  } catch {
    return false;
  }
}
