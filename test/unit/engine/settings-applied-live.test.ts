import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { createSwitchyard } from '../../../electron/app/create-switchyard.js';
import { followGatewayToken } from '../../../electron/app/settings-engine.js';
import { createControlService } from '../../../electron/control/create-control.js';
import { Gateway } from '../../../electron/gateway/gateway.js';
import { startHttpEndpoint } from '../../../electron/gateway/http/http-endpoint.js';
import { ensureGatewayToken } from '../../../electron/settings/gateway-token.js';
import { FakeRuntime } from './support/fake-runtime.js';

/** Settings a window changes apply to the running gateway without a restart: the token, the idle timeout. */
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function initialize(base: string, token: string): Promise<Response> {
  return fetch(`${base}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    }),
    signal: AbortSignal.timeout(3000),
  });
}

describe('settings applied to the running gateway', () => {
  it('a token rotated through the control API is the one the HTTP endpoint requires at once', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'switchyard-token-'));
    writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ version: 1 }));
    const app = createSwitchyard({ home, logger: silentLogger, runtime: new FakeRuntime() });
    const control = createControlService(app);
    const old = ensureGatewayToken(app.services.settings);
    const http = await startHttpEndpoint({ gateway: app.gateway, port: 0, token: old, logger: silentLogger });
    const stop = followGatewayToken(app, http);
    cleanups.push(
      () => rmSync(home, { recursive: true, force: true }),
      () => app.close(),
      () => http.close(),
      stop,
      () => control.close(),
    );
    const base = `http://127.0.0.1:${http.port}`;
    expect((await initialize(base, old)).status).toBe(200);

    const rotated = await control.dispatch('gateway.rotateToken', {});
    const token = rotated.ok ? (rotated.result as { token: string }).token : '';
    expect(token).not.toBe(old);
    expect((await initialize(base, old)).status).toBe(401);
    expect((await initialize(base, token)).status).toBe(200);
  });

  it('a shorter idle timeout stops an idle server that the old one kept running', async () => {
    const gateway = new Gateway({
      runtime: new FakeRuntime(),
      servers: [{ name: 'fake', image: 'test/fake-mcp:1.0' }],
      version: '0',
      logger: silentLogger,
      idleTimeoutMs: 0,
    });
    cleanups.push(() => gateway.close());
    await gateway.start();
    await gateway.startServer('fake');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gateway.status().servers[0]?.state).toBe('running');

    gateway.setIdleTimeout(200);
    await expect.poll(() => gateway.status().servers[0]?.state, { timeout: 3000 }).toBe('stopped');
  });
});
