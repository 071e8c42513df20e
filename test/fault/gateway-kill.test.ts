import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { HistoryStore } from '../../electron/history/history-store.js';
import { images, requireDockerAndImages } from '../integration/support/docker.js';
import { tempHome } from '../integration/support/gateway-process.js';
import { cli, freePort, HttpGatewayProcess, httpClient, writeSettings } from '../integration/support/http-gateway.js';
import { eventuallyAsync } from '../support/eventually-async.js';

/** kill -9 of the gateway during a burst of calls: every record the history had committed is there after a restart. */
describe('the gateway killed with SIGKILL', () => {
  const home = tempHome();
  const dbFile = path.join(home.home, 'history.db');
  let gateway: HttpGatewayProcess;
  let client: Client;

  const records = async () => {
    const store = HistoryStore.openReadOnly(dbFile);
    if (!store) return [];
    try {
      return (await store.query({ limit: 1000 })).records;
    } finally {
      store.close();
    }
  };

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, { gateway: { port: await freePort() }, servers: { every: { image: images.everything } } });
    gateway = new HttpGatewayProcess(home.home);
    client = await httpClient(await gateway.ready(), cli(home.home, ['gateway', 'token']).trim(), {}, 'kill-client');
  }, 60_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    if (gateway?.child.exitCode === null) await gateway.stop();
    home.remove();
  });

  it('keeps every committed record when the gateway is killed with SIGKILL during a burst', async () => {
    const burst = Array.from({ length: 300 }, (_, i) => client.callTool({ name: 'echo', arguments: { message: `burst ${i}` } }).catch(() => undefined));
    await eventuallyAsync(records, (rows) => rows.filter((row) => row.arguments.includes('burst')).length >= 50, 20_000);
    const committedBefore = new Set((await records()).map((row) => row.id));
    gateway.child.kill('SIGKILL');
    await gateway.exited;
    await Promise.all(burst);
    const restarted = new HttpGatewayProcess(home.home);
    await restarted.ready();
    const after = new Set((await records()).map((row) => row.id));
    for (const id of committedBefore) expect(after.has(id)).toBe(true);
    expect(committedBefore.size).toBeGreaterThanOrEqual(50);
    await restarted.stop();
  }, 90_000);
});
