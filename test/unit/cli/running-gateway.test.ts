import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { publishGatewayRuntime, writeRuntimeRecord } from '../../../electron/core/gateway-runtime-file.js';
import { homeFingerprint } from '../../../electron/core/home-fingerprint.js';
import { inProcessNotice } from '../../../electron/cli/gateway-messages.js';
import { Gateway } from '../../../electron/gateway/gateway.js';
import { startHttpEndpoint, type HttpEndpoint } from '../../../electron/gateway/http/http-endpoint.js';
import { withGatewayClient } from '../../../electron/cli/gateway-client.js';
import { findRunningGateway } from '../../../electron/cli/running-gateway.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';
import { FakeRuntime } from '../engine/support/fake-runtime.js';

/** Discovery and the stopped rule against a real HTTP endpoint of a real gateway (fake containers), no Docker. */
const TOKEN = 'running-gateway-test-token-0123456789';
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A home whose settings name a port where nothing listens, with the gateway token. */
async function tempHome(): Promise<string> {
  const home = mkdtempSync(path.join(tmpdir(), 'switchyard-discovery-'));
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ version: 1, gateway: { port: await unusedPort(), token: TOKEN } }), { mode: 0o600 });
  return home;
}

async function servingGateway(home: string, options: { reportHome?: boolean } = {}): Promise<{ gateway: Gateway; endpoint: HttpEndpoint }> {
  const gateway = new Gateway({ runtime: new FakeRuntime(), servers: [{ name: 'fake', image: 'test/fake-mcp:1.0' }], version: '0', logger: silentLogger });
  await gateway.start();
  const endpoint = await startHttpEndpoint({
    gateway,
    port: 0,
    token: TOKEN,
    logger: silentLogger,
    ...(options.reportHome ? { homeFingerprint: homeFingerprint(home) } : {}),
  });
  const publication = publishGatewayRuntime(home, gateway, { transport: 'http', port: endpoint.port, owner: 'desktop' });
  cleanups.push(async () => {
    publication.remove();
    await endpoint.close();
    await gateway.close();
  });
  return { gateway, endpoint };
}

describe('findRunningGateway', () => {
  it('finds a gateway on any port through its runtime file, and sees when the user stopped it', async () => {
    const home = await tempHome();
    const { gateway, endpoint } = await servingGateway(home);
    const base = `http://127.0.0.1:${endpoint.port}`;
    expect(await findRunningGateway(home, new SettingsStore(home))).toEqual({ kind: 'running', base, token: TOKEN, pid: process.pid });
    await gateway.stop();
    expect(await findRunningGateway(home, new SettingsStore(home))).toEqual({ kind: 'stopped', base, token: TOKEN, pid: process.pid, owner: 'desktop' });
    await gateway.start();
    expect((await findRunningGateway(home, new SettingsStore(home))).kind).toBe('running');
  });

  it("does not take another home's gateway on this home's settings port for its own, and says so", async () => {
    const otherHome = await tempHome();
    const { endpoint } = await servingGateway(otherHome, { reportHome: true });
    const home = await tempHome();
    // This home has no gateway of its own, and its settings name the port the other home's gateway listens on.
    writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ version: 1, gateway: { port: endpoint.port, token: TOKEN } }), { mode: 0o600 });
    const base = `http://127.0.0.1:${endpoint.port}`;
    const found = await findRunningGateway(home, new SettingsStore(home));
    expect(found).toEqual({ kind: 'none', stdioGateways: 0, otherHome: base });
    expect(inProcessNotice(found as Extract<typeof found, { kind: 'none' }>, 'running the gateway')).toContain(
      `the gateway at ${base} serves another Switchyard home, so it is not used`,
    );
    // The home that owns it still finds it, through its runtime file and on its port.
    expect(await findRunningGateway(otherHome, new SettingsStore(otherHome))).toEqual({ kind: 'running', base, token: TOKEN, pid: process.pid });
  });

  it('answers none when nothing serves, counting stdio gateways, and ignores a file whose port does not answer', async () => {
    const home = await tempHome();
    expect(await findRunningGateway(home, new SettingsStore(home))).toEqual({ kind: 'none', stdioGateways: 0 });
    writeRuntimeRecord(home, { pid: process.pid, transport: 'stdio', state: 'running', startedAt: new Date().toISOString(), owner: 'cli' });
    writeRuntimeRecord(home, {
      pid: process.ppid,
      transport: 'http',
      port: await unusedPort(),
      state: 'running',
      startedAt: new Date().toISOString(),
      owner: 'cli',
    });
    expect(await findRunningGateway(home, new SettingsStore(home))).toEqual({ kind: 'none', stdioGateways: 1 });
  });
});

describe('withGatewayClient', () => {
  it('uses the running gateway and ends its session, and refuses a stopped one with how to start it', async () => {
    const home = await tempHome();
    const { gateway, endpoint } = await servingGateway(home);
    const stderr: string[] = [];
    const io = { stderr: { write: (text: string) => stderr.push(text) } };
    const where = await withGatewayClient(
      home,
      new SettingsStore(home),
      silentLogger,
      async (client, at) => ((await client.listTools()).tools.length > 0 ? at : 'no tools'),
      io,
    );
    expect(where).toBe(`the gateway at http://127.0.0.1:${endpoint.port}`);
    expect(endpoint.openSessions()).toBe(0);
    expect(stderr).toEqual([]);

    await gateway.stop();
    const refused = await withGatewayClient(home, new SettingsStore(home), silentLogger, async () => 'served', io).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SwitchyardError);
    expect((refused as SwitchyardError).code).toBe('GATEWAY_STOPPED');
    expect((refused as SwitchyardError).message).toContain(`(pid ${process.pid}, http://127.0.0.1:${endpoint.port}) is stopped`);
    expect((refused as SwitchyardError).hint).toContain('"Start gateway" in the Switchyard tray menu or window');
    expect(stderr).toEqual([]);
  });
});
