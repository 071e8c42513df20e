import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { Gateway } from '../../../electron/gateway/gateway.js';
import { StartFailureLog } from '../../../electron/runtime/start-failures.js';
import { FakeRuntime } from '../engine/support/fake-runtime.js';
import { connectInMemoryClient } from '../engine/support/in-memory-client.js';

const server = { name: 'fake', image: 'test/fake-mcp:1.0' };
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempHome(): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-backoff-'));
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  return home;
}

async function gatewayWith(runtime: FakeRuntime, log: StartFailureLog, servers = [server]): Promise<Gateway> {
  const gateway = new Gateway({ runtime, servers, version: '0.0.0-test', logger: silentLogger, startFailures: log });
  cleanups.push(() => gateway.close());
  await gateway.start();
  return gateway;
}

describe('the start back-off (a Gateway on a fake runtime, the real StartFailureLog)', () => {
  it('keeps a failed start in the home (0600) and shows it in gateway.status until a start succeeds', async () => {
    const home = tempHome();
    const runtime = new FakeRuntime();
    runtime.failWith = new Error('exec format error');
    const gateway = await gatewayWith(runtime, new StartFailureLog(home));
    const { client } = await connectInMemoryClient(gateway, 'c', {});
    cleanups.push(() => client.close());
    expect((await client.listTools()).tools).toEqual([]);
    const status = gateway.status().servers[0]!;
    expect(status.state).toBe('error');
    expect(status.lastFailure).toMatchObject({ code: 'CONTAINER_FAILED', message: 'exec format error', failures: 1 });
    expect(status.lastFailure!.retryAt).toBe(status.lastFailure!.at);
    expect(statSync(path.join(home, 'run', 'start-failures.json')).mode & 0o777).toBe(0o600);

    runtime.failWith = undefined;
    await gateway.startServer('fake');
    expect(gateway.status().servers[0]!.lastFailure).toBeUndefined();
    expect(new StartFailureLog(home).get('fake')).toBeUndefined();
  });

  it('never starts a failed server to learn its lists, in this process or the next one; an explicit start does', async () => {
    const home = tempHome();
    const runtime = new FakeRuntime();
    runtime.failWith = new Error('boom');
    const first = await gatewayWith(runtime, new StartFailureLog(home));
    const { client } = await connectInMemoryClient(first, 'c', {});
    cleanups.push(() => client.close());
    await client.listTools();
    await client.listTools();
    await client.listPrompts();
    expect(runtime.openCalls).toHaveLength(1);

    // Another process of the same home (the next CLI command): its own Gateway, the same log.
    const nextRuntime = new FakeRuntime();
    const next = await gatewayWith(nextRuntime, new StartFailureLog(home));
    expect(next.status().servers[0]!.lastFailure).toMatchObject({ message: 'boom', failures: 1 });
    const other = await connectInMemoryClient(next, 'c2', {});
    cleanups.push(() => other.client.close());
    expect((await other.client.listTools()).tools).toEqual([]);
    expect(nextRuntime.openCalls).toHaveLength(0);
    await next.startServer('fake');
    expect(nextRuntime.openCalls).toHaveLength(1);
    expect(next.status().servers[0]).toMatchObject({ state: 'running' });
  });

  it('a changed launch (another image) clears the failure at once', async () => {
    const home = tempHome();
    const runtime = new FakeRuntime();
    runtime.failWith = new Error('boom');
    const log = new StartFailureLog(home);
    const gateway = await gatewayWith(runtime, log);
    const { client } = await connectInMemoryClient(gateway, 'c', {});
    cleanups.push(() => client.close());
    await client.listTools();
    expect(log.get('fake')).toBeDefined();
    runtime.failWith = undefined;
    await gateway.setServers([{ ...server, image: 'test/fake-mcp:1.1' }]);
    await client.listTools();
    expect(runtime.openCalls).toHaveLength(2);
    expect(log.get('fake')).toBeUndefined();
  });
});
