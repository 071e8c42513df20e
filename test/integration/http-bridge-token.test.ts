import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { liveRuntimeRecords } from '../../electron/core/gateway-runtime-file.js';
import { rotateGatewayToken } from '../../electron/settings/gateway-token.js';
import { SettingsStore } from '../../electron/settings/settings-store.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { freePort, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

/**
 * `switchyard connect` over HTTP (a gateway without a bridge socket: Windows, a long home path, an older gateway)
 * stays connected while the window rotates the gateway token: the next request, refused with 401, is sent once
 * more with the token read again from the settings. No Docker: the gateway fronts no server.
 */
describe('the HTTP bridge after the gateway token is rotated', () => {
  const home = tempHome();
  let gateway: HttpGatewayProcess;
  let client: Client | undefined;
  let stderr = '';

  beforeAll(async () => {
    writeSettings(home.home, { gateway: { port: await freePort(), token: 'before-rotation-0123456789abcdef' } });
    gateway = new HttpGatewayProcess(home.home);
    await gateway.ready();
    // No socket: the bridge takes the HTTP path, as it does where the gateway has none.
    const socket = liveRuntimeRecords(home.home)[0]?.socket;
    expect(socket).toBeDefined();
    rmSync(socket!);
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await gateway.stop();
    home.remove();
  });

  it('answers the call after a rotation with the new token, without the client reconnecting', async () => {
    client = new Client({ name: 'rotation-client', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cliPath, 'connect'],
      env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home, SWITCHYARD_LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await client.connect(transport);
    expect(stderr).toContain(`bridging stdio to the running gateway at ${new URL(gateway.url).origin}/mcp`);
    expect((await client.listTools()).tools).toEqual([]);

    const rotated = rotateGatewayToken(new SettingsStore(home.home));
    expect(rotated).not.toBe('before-rotation-0123456789abcdef');
    // The gateway follows the settings file: the old token is refused from now on.
    await waitForRefusal(gateway.url, 'before-rotation-0123456789abcdef');

    expect((await client.listTools()).tools).toEqual([]);
  });
});

/** Resolves once the gateway answers 401 to the given token. */
async function waitForRefusal(url: string, token: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
      }),
    });
    await response.body?.cancel();
    if (response.status === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the gateway kept accepting the old token');
}
